"""Bigram tokens, matching, relevance and highlight."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.catalogue.search import (
    document_tokens,
    highlight,
    query_tokens,
    score,
    snippet,
    tokens,
)


def test_han_runs_become_characters_and_bigrams_latin_words_stay_whole() -> None:
    assert tokens("治安管理 2025年ABC") == [
        "治", "安", "管", "理", "治安", "安管", "管理", "2025", "年", "abc",
    ]  # fmt: skip
    assert query_tokens("治安管理") == ["治安", "安管", "管理"]
    assert query_tokens("治") == ["治"]
    assert query_tokens("“户籍”，ＡＢＣ") == ["户籍", "abc"]  # punctuation dropped, NFKC folded
    assert query_tokens("！？") == []


def test_score_requires_every_token_and_counts_title_double() -> None:
    indexed = document_tokens("治安管理通告", "本通告涉及治安")
    assert score(indexed, query_tokens("治安")) == 3
    assert score(indexed, query_tokens("治安管理")) > 0
    assert score(indexed, query_tokens("交通")) == 0
    assert score(indexed, []) == 0


def test_highlight_marks_whole_runs_and_bigrams() -> None:
    assert highlight("关于治安管理的通告", "治安管理") == [
        ("关于", False), ("治安管理", True), ("的通告", False),
    ]  # fmt: skip
    assert highlight("治安", "") == [("治安", False)]
    pieces = highlight("ABC公司", "abc")
    assert pieces[0] == ("ABC", True)


def test_snippet_centres_on_the_first_match() -> None:
    text = "甲" * 100 + "治安管理" + "乙" * 100
    cut = snippet(text, "治安管理", width=40)
    assert "治安管理" in cut and cut.startswith("…") and cut.endswith("…")
    assert snippet("短文本", "x") == "短文本"


# Latin letters and digits match as whole words, Han text at any position: the property is
# about Chinese text (with punctuation and spaces mixed in).
HAN = st.text(alphabet="治安管理户籍交通公开的了，。 、“”", max_size=200)


@given(HAN.filter(bool), HAN, HAN)
def test_a_document_always_matches_a_query_taken_from_it(
    query: str, before: str, after: str
) -> None:
    indexed = document_tokens("", before + query + after)
    wanted = query_tokens(query)
    if wanted:
        assert score(indexed, wanted) > 0


@given(st.text(max_size=100), st.text(max_size=10))
def test_highlight_keeps_the_text(text: str, query: str) -> None:
    assert "".join(piece for piece, _ in highlight(text, query)) == text


def test_partial_score_prefers_more_distinct_tokens() -> None:
    from gongkai.core.catalogue.search import score_any

    wanted = query_tokens("户籍办理")  # 户籍 籍办 办理
    both = document_tokens("户籍业务办理指南")
    one = document_tokens("户籍户籍户籍户籍")
    assert score(both, wanted) == 0  # 籍办 is missing
    assert (
        score_any(both, wanted)
        > score_any(one, wanted)
        > score_any(document_tokens("交通"), wanted)
    )

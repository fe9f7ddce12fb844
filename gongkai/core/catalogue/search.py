"""Chinese full-text search without a segmenter or an external service.

Text is cut into overlapping character bigrams (plus single characters) inside runs of Han
characters, and into whole words inside runs of Latin letters and digits. A query matches a
document when every query token occurs in it; relevance is the number of occurrences of the
query tokens, the title counting double. When no document has them all (a query such as
户籍办理 against 户籍业务办理指南 lacks the bigram 籍办), documents with any of them are
offered as partial matches, those with more distinct tokens first. The same tokens feed a
PostgreSQL ``tsvector`` ('simple' configuration, GIN index) and the portable fallback, so both
agree on what matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(rf"([{_HAN}]+)|([0-9a-z]+)")
MAX_QUERY_CHARS = 50


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for han, word in _RUNS.findall(normalise(text)):
        if word:
            out.append(word)
            continue
        out.extend(han)  # single characters
        out.extend(han[i : i + 2] for i in range(len(han) - 1))
    return out


def query_tokens(query: str) -> list[str]:
    """The distinct tokens a document must contain: bigrams for Han runs of two or more
    characters, the character itself for a one-character run, words otherwise."""
    wanted: list[str] = []
    for han, word in _RUNS.findall(normalise(query[:MAX_QUERY_CHARS])):
        if word:
            parts = [word]
        elif len(han) == 1:
            parts = [han]
        else:
            parts = [han[i : i + 2] for i in range(len(han) - 1)]
        wanted.extend(p for p in parts if p not in wanted)
    return wanted


def document_tokens(title: str, *texts: str) -> str:
    """The indexed form: space-separated tokens, padded so ``" tok "`` finds whole tokens."""
    all_tokens = tokens(title) * 2 + [t for text in texts for t in tokens(text)]
    return " " + " ".join(all_tokens) + " "


def score(indexed: str, wanted: Sequence[str]) -> int:
    """Occurrences of the query tokens; 0 when any token is missing (no match)."""
    counts = Counter(indexed.split())
    if not wanted or any(counts[t] == 0 for t in wanted):
        return 0
    return sum(counts[t] for t in wanted)


def score_any(indexed: str, wanted: Sequence[str]) -> int:
    """The partial-match score used when no document has every token: documents with more
    distinct query tokens first, then more occurrences."""
    counts = Counter(indexed.split())
    present = [t for t in wanted if counts[t]]
    return len(present) * 10_000 + sum(counts[t] for t in present)


def highlight(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) segments: every span where a query term occurs."""
    terms = [t for t in _query_terms(query) if t]
    if not terms or not text:
        return [(text, False)]
    folded = normalise(text)
    if len(folded) != len(text):  # NFKC changed the length: positions would not line up
        folded = text.lower()
    marked = [False] * len(text)
    for term in terms:
        start = folded.find(term)
        while start != -1:
            for i in range(start, start + len(term)):
                marked[i] = True
            start = folded.find(term, start + 1)
    return _segments(text, marked)


def _query_terms(query: str) -> Iterable[str]:
    # Highlight whole query runs where they occur and their bigrams elsewhere.
    for han, word in _RUNS.findall(normalise(query[:MAX_QUERY_CHARS])):
        yield word or han
        if han and len(han) > 2:
            yield from (han[i : i + 2] for i in range(len(han) - 1))


def _segments(text: str, marked: list[bool]) -> list[tuple[str, bool]]:
    segments: list[tuple[str, bool]] = []
    for char, flag in zip(text, marked, strict=True):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return segments


def snippet(text: str, query: str, width: int = 80) -> str:
    """A window of ``text`` around the first match, for result lists."""
    if len(text) <= width:
        return text
    folded = normalise(text) if len(normalise(text)) == len(text) else text.lower()
    first = min((pos for t in query_tokens(query) if (pos := folded.find(t)) != -1), default=0)
    start = max(0, min(first - width // 4, len(text) - width))
    return (
        ("…" if start else "")
        + text[start : start + width]
        + ("…" if start + width < len(text) else "")
    )

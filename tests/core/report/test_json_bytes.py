"""A report's JSON written as bytes: the same document and the same form whichever library
writes it (orjson, or the standard library where orjson refuses a value)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.report.jsonio import dump_bytes, report_to_json
from tests.builders import consistent_report

# Any Unicode but lone surrogates, which have no UTF-8 form in either library.
texts = st.text(st.characters(exclude_categories=("Cs",)))
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),  # beyond 64 bits: orjson refuses
    texts,
)
documents = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner)),
    max_leaves=20,
)


def _standard(data: object, indented: bool) -> bytes:
    indent, separators = (2, (",", ": ")) if indented else (None, (",", ":"))
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(texts, documents), st.booleans())
def test_any_document_is_written_as_the_standard_library_writes_it(
    data: dict, indented: bool
) -> None:
    assert dump_bytes(data, indented=indented) == _standard(data, indented)


def test_a_count_beyond_64_bits_is_written_not_refused() -> None:
    # A glued run no split fits may be read as one long number: it is still written.
    data = {"table2": {"administrative_license": 1203001112512030011125}}
    assert json.loads(dump_bytes(data, indented=False)) == data


def test_a_report_is_one_line_in_a_batch_and_indented_alone() -> None:
    data = report_to_json(consistent_report())
    line = dump_bytes(data, indented=False)
    assert b"\n" not in line and json.loads(line) == data
    assert dump_bytes(data, indented=True) == _standard(data, True)

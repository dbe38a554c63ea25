"""Properties of fmt: formatting twice gives what formatting once gives, and formatting never changes a value
(the strict reader reads the same data before and after), whatever the strings hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from resolvetool.formatting import format_text
from resolvetool.models import RECORD_ADAPTER
from resolvetool.source import parse_source
from resolvetool.textimport.yamlout import record_yaml

TRICKY = ["yes", "no", "on", "off", "012", "1:20", "0x1F", "null", "~", "true", "3.5", "2012-11-05", "- dash",
          "key: value", "a # not a comment", "'quoted'", '"double"', "ends with colon:", "*star", "&amp", "!tag",
          "[list]", "{map}", "%percent", "@at", "`tick`", "?", "|", ">", "#hash"]
word = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1, max_size=12).filter(str.strip))
text = st.lists(word, min_size=1, max_size=40).map(" ".join).map(str.strip).filter(bool)
multiline = st.lists(text, min_size=2, max_size=3).map("\n\n".join)


@st.composite
def records(draw):
    clause = st.fixed_dictionaries({"phrase": st.sampled_from(["RECALLING", "Decides", "APPROVES"]), "text": text})
    data = {"id": "r", "kind": "resolution", "title": draw(text), "body": "b", "status": "adopted",
            "preamble": draw(st.lists(clause, max_size=3)), "operative": draw(st.lists(clause, min_size=1, max_size=3)),
            "annexes": [{"title": draw(text), "text": draw(multiline)}]}
    return RECORD_ADAPTER.validate_python(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_fmt_is_stable_and_keeps_every_value(record):
    original = record_yaml(record, "s.json")
    once = format_text(original)
    assert format_text(once) == once
    before, after = parse_source(original.encode(), "a.yaml"), parse_source(once.encode(), "b.yaml")
    assert after.data == before.data
    assert not [d for d in after.diagnostics if d.severity.value != "info"], after.diagnostics

"""Properties: the loader and the per-file analysis never raise, whatever the bytes."""

from __future__ import annotations

import marshal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolvetool.corpus import analyse
from resolvetool.diagnostics import CODES, Diagnostic
from resolvetool.source import parse_source

# Bytes that look like YAML more often than random noise would, so the parser gets past line one.
YAMLISH = st.lists(
    st.sampled_from(
        [
            b"id: ",
            b"kind: ",
            b"resolution",
            b"session",
            b"\n",
            b"  ",
            b"- ",
            b": ",
            b"[",
            b"]",
            b"{",
            b"}",
            b",",
            b"&a ",
            b"*a",
            b"!!str ",
            b"<<: ",
            b"---\n",
            b"? ",
            b"'",
            b'"',
            b"#",
            b"yes",
            b"012",
            b"1:20",
            b"\t",
            b"\xef\xbb\xbf",
            b"\xe9",
            b"\x00",
            b"|\n",
            b">-\n",
            b"2012-11-05",
            b"title: x\n",
            b"body: b\n",
            b"status: adopted\n",
            b"number: 81\n",
            b"\x85",
            b"\xc2\x85",
        ]
    ),
    max_size=40,
).map(b"".join)


def _check(raw: bytes) -> None:
    doc = parse_source(raw, "f.yaml")
    assert doc.data is None or isinstance(doc.data, dict)
    for d in doc.diagnostics:
        assert isinstance(d, Diagnostic) and d.code in CODES
        assert d.line >= 0 and d.col >= 0
    analysis = analyse(raw, "f.yaml")
    marshal.loads(marshal.dumps(analysis.to_plain()))  # what the cache stores must round-trip
    diagnostics = analysis.diagnostics
    assert all(d[2] in CODES for d in diagnostics)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_diagnostics_never_exceptions(raw: bytes) -> None:
    _check(raw)


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yaml_like_bytes_give_diagnostics_never_exceptions(raw: bytes) -> None:
    _check(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_gives_diagnostics_never_exceptions(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"))

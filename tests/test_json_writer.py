"""The JSON report's own writer gives what `json.dumps(indent=2, sort_keys=True, ensure_ascii=False)` gives,
byte for byte: for any JSON value, and for findings, which it writes without making their dicts."""
from __future__ import annotations

import json
import pickle
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.findings import TEXT_KEPT, ClaimRef, Finding
from factcheck.project import Report
from factcheck.reporters import json_report


def standard(value) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


# any text: control characters (NUL separates the encoded fields), "%" (the writer formats with it),
# quotes, backslashes, accents, characters beyond the first plane
TEXT = st.lists(st.sampled_from(["\0", "\x1f", "%", "%s", '"', "\\", "\n", "é", "ø", "😀", "a", " "]) | st.characters(),
                max_size=8).map("".join)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=30)


@settings(max_examples=300)
@given(JSON)
def test_any_value_is_written_as_the_standard_library_writes_it(value):
    assert json_report.dumps(value) == standard(value)


OPTIONAL = st.none() | TEXT
CLAIMS = st.builds(ClaimRef, id=TEXT, source=TEXT, file=TEXT, line=st.integers(1, 10**6), column=st.integers(1, 500),
                   quote=OPTIONAL, value=OPTIONAL, published=OPTIONAL, outlet=OPTIONAL, title=OPTIONAL,
                   author=OPTIONAL, said_by=OPTIONAL, modality=TEXT, holds=OPTIONAL)
FINDINGS = st.builds(Finding, rule=TEXT, kind=TEXT, severity=st.sampled_from(["error", "warning", "info"]),
                     certainty=st.sampled_from(["definite", "possible"]), message=TEXT, subject=OPTIONAL,
                     subject_name=OPTIONAL, predicate=OPTIONAL, claims=st.lists(CLAIMS, max_size=4).map(tuple),
                     reason=TEXT, fingerprint=TEXT)


def report_of(findings) -> Report:
    return Report(findings=tuple(findings), problems=(), sources=3, claims=7, rules=(), as_of=date(2026, 6, 30))


@settings(max_examples=200)
@given(st.lists(FINDINGS, max_size=5), st.integers(1, 3))
def test_findings_are_written_as_their_dicts(findings, at_once):
    """Also when they are encoded a few at a time (a thousand in a report)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_report, "_FINDINGS_AT_ONCE", at_once)
        text = json_report.render(report_of(findings))
    data = json.loads(text)
    assert data["findings"] == [finding.as_dict() for finding in findings]
    assert text == standard(data) + "\n"


def test_a_field_holding_a_list_is_still_written_as_its_dict():
    """The dataclasses do not check types: a field that holds a list falls back to writing each dict."""
    claim = ClaimRef(id="c1", source="s", file="f.yaml", line=1, column=1, quote=["a", "b"], value=None,  # type: ignore[arg-type]
                     published=None, outlet=None, title=None, author=None, said_by=None, modality="asserted", holds=None)
    finding = Finding(rule="r", kind="conflict", severity="error", certainty="definite", message="m", subject=None,
                      subject_name=None, predicate=None, claims=(claim,), reason="why")
    plain = Finding(rule="r", kind="conflict", severity="error", certainty="definite", message="n", subject=None,
                    subject_name=None, predicate=None, claims=(), reason="why")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_report, "_FINDINGS_AT_ONCE", 2)
        text = json_report.render(report_of([plain, plain, finding, plain, plain]))
    assert json.loads(text)["findings"][2]["claims"][0]["quote"] == ["a", "b"]
    assert text == standard(json.loads(text)) + "\n"


@settings(max_examples=200)
@given(st.lists(FINDINGS, max_size=6), st.data())
def test_kept_texts_write_what_encoding_writes_and_travel_with_the_finding(findings, data):
    """A state keeps each finding's text (`keep_texts`) and pickles it with the finding, as that text in place
    of its claims: a report that mixes findings with kept texts and without is the report of none kept,
    writing it reads no claims back, and `replace` keeps no stale text."""
    expected = json_report.render(report_of(findings))
    kept = data.draw(st.lists(st.booleans(), min_size=len(findings), max_size=len(findings)))
    json_report.keep_texts([finding for finding, keep in zip(findings, kept) if keep])
    travelled = pickle.loads(pickle.dumps(findings))
    assert [TEXT_KEPT in finding.__dict__ for finding in travelled] == kept
    assert [finding.sort_key() for finding in travelled] == [finding.sort_key() for finding in findings]
    assert json_report.render(report_of(travelled)) == expected
    assert "".join(json_report.render_pieces(report_of(travelled))) == expected
    again = pickle.loads(pickle.dumps(travelled))   # as a full state written after a re-check would
    assert ["claims" in finding.__dict__ for finding in travelled] == [not keep for keep in kept]   # not read yet
    assert travelled == findings   # the kept text is not a field; the claims are read back from it
    assert [hash(finding) for finding in travelled] == [hash(finding) for finding in findings]
    assert again == findings
    if findings and kept[0]:
        changed = replace(travelled[0], message=travelled[0].message + "!")
        assert TEXT_KEPT not in changed.__dict__
        assert json.loads(json_report.render(report_of([changed])))["findings"][0]["message"].endswith("!")


@settings(max_examples=100)
@given(st.lists(FINDINGS, max_size=6), st.data())
def test_a_state_keeps_its_findings_and_summaries_through_its_rows(findings, data):
    """A state pickles findings and file summaries as rows of plain values (`packed`): read back, each finding
    equals the one written, keeps its text if it had one, and writes the same report; each summary is equal."""
    import io

    from factcheck.state import FileSummary, State

    kept = data.draw(st.lists(st.booleans(), min_size=len(findings), max_size=len(findings)))
    json_report.keep_texts([finding for finding, keep in zip(findings, kept) if keep])
    scopes = data.draw(st.lists(TEXT, min_size=len(findings), max_size=len(findings)))
    summary = FileSummary(key=b"k", source="a", claims="a-1\na-2", subjects="mali", entities="mali\nrussia",
                          unregistered="", plans="2026-01-31 mali", drafts=False, independence=b"d",
                          status=(1, 2, 3, 4, 5))
    state = State(inputs=b"i", files={"claims/a.yaml": summary, "claims/b.yaml": replace(summary, status=None)},
                  findings={"rule-a": list(zip(scopes, findings)), "rule-b": []})
    written = io.BytesIO()
    pickler = pickle.Pickler(written, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True   # as the cache writes a state: without a memo
    pickler.dump(state)
    again = pickle.loads(written.getvalue())
    assert again.files == state.files and list(again.files) == list(state.files)
    assert [scope for scope, _ in again.findings["rule-a"]] == scopes and again.findings["rule-b"] == []
    travelled = [finding for _, finding in again.findings["rule-a"]]
    assert [TEXT_KEPT in finding.__dict__ for finding in travelled] == kept
    assert travelled == findings
    assert json_report.render(report_of(travelled)) == json_report.render(report_of(findings))


def test_a_kept_text_is_written_only_at_its_own_place_in_the_report():
    """A finding's kept text is indented for the report's list of findings; elsewhere it is made again."""
    finding = Finding(rule="r", kind="conflict", severity="error", certainty="definite", message="m", subject=None,
                      subject_name=None, predicate=None, claims=(), reason="why")
    json_report.keep_texts([finding])
    nested = {"deeper": {"findings": json_report._Findings([finding])}}
    assert json_report.dumps(nested) == standard({"deeper": {"findings": [finding.as_dict()]}})

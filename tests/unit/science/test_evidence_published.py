"""Schema and content tests for published_evidence.toml (docs/science.md section 5)."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any, get_args

import pytest

from runstrong.errors import ValidationError
from runstrong.science.evidence import published_evidence, published_findings
from runstrong.science.evidence.published import _parse
from runstrong.science.evidence.series import MARKER_KINDS
from runstrong.science.risk import EvidenceGrade

# Every number docs/science.md section 5 states about these findings (effect sizes, trial counts,
# loads, frequencies, durations, rep ranges, years, journal pages): the statements may use no other.
NUMBERS_IN_SCIENCE_MD = {
    "2", "8", "1.5", "10", "24", "5", "93", "60", "40", "70", "3", "12", "80", "15", "20",
    "0.32", "2016", "2018", "2024", "2014", "30", "2361", "2368", "54", "895", "932",
}  # fmt: skip
HYPE = re.compile(
    r"\b(prove[ns]?|guarantee\w*|dramatic\w*|huge|massive|always|will improve|miracle)\b", re.I
)


def toml_document() -> dict[str, Any]:
    text = resources.files("runstrong.science").joinpath("data", "published_evidence.toml")
    return tomllib.loads(text.read_text("utf-8"))


def test_schema() -> None:
    document = toml_document()
    assert document["schema_version"] == 1
    assert document["caveat"].strip()
    ids = [raw["id"] for raw in document["finding"]]
    assert len(ids) == len(set(ids))
    for raw in document["finding"]:
        assert set(raw) <= {
            "id", "outcome", "statement", "grade", "source", "year", "population", "relates_to",
        }  # fmt: skip
        assert re.fullmatch(r"[a-z0-9_]+", raw["id"])
        assert raw["grade"] in get_args(EvidenceGrade)
        assert raw["statement"].strip() and raw["source"].strip() and raw["population"].strip()
        assert set(raw["relates_to"]) <= set(MARKER_KINDS)
        if "year" in raw:
            assert str(raw["year"]) in raw["source"]


def test_findings_follow_science_md_section_5() -> None:
    by_id = {finding.id: finding for finding in published_evidence().findings}
    economy = by_id["blagrove_2018_economy"]
    assert economy.grade == "strong" and "about 2–8 %" in economy.statement
    assert "24 controlled studies" in economy.source
    performance = by_id["blagrove_2018_performance"]
    assert performance.grade == "moderate"
    assert "tended to improve" in performance.statement
    assert "VO2max usually unchanged" in performance.statement
    balsalobre = by_id["balsalobre_fernandez_2016_economy"]
    assert balsalobre.grade == "strong"
    assert "5 controlled trials" in balsalobre.statement and "93" in balsalobre.statement
    assert "large pooled improvement" in balsalobre.statement
    assert "30(8):2361–2368" in balsalobre.source
    assert by_id["llanos_lagos_2024_methods"].source.endswith("54:895–932")
    assert by_id["muscular_endurance_alone"].grade == "weak"
    assert by_id["muscular_endurance_alone"].year is None
    lauersen = by_id["lauersen_2014_injuries"]
    assert lauersen.grade == "moderate" and "about 0.32" in lauersen.statement


def test_statements_quote_only_what_science_md_states() -> None:
    for finding in published_evidence().findings:
        text = re.sub(r"1RM|VO2", "", f"{finding.statement} {finding.source}")
        numbers = set(re.findall(r"\d+(?:\.\d+)?", text))
        assert numbers <= NUMBERS_IN_SCIENCE_MD, (finding.id, numbers - NUMBERS_IN_SCIENCE_MD)
        assert not HYPE.search(finding.statement), finding.id
    assert not HYPE.search(published_evidence().caveat)


def test_caveat_says_trials_describe_groups() -> None:
    caveat = published_evidence().caveat
    assert "controlled trials" in caveat and "can differ" in caveat


def test_filters() -> None:
    assert {f.id for f in published_findings("efficiency")} >= {
        "blagrove_2018_economy",
        "balsalobre_fernandez_2016_economy",
    }
    assert [f.id for f in published_findings(outcome="injuries")] == ["lauersen_2014_injuries"]
    assert published_findings("hr_drift") == ()
    assert len(published_findings()) == len(published_evidence().findings)
    with pytest.raises(ValidationError, match="marker"):
        published_findings("pace")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="outcome"):
        published_findings(outcome="speed")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"grade": "very strong"}, "unknown grade"),
        ({"outcome": "happiness"}, "unknown outcome"),
        ({"relates_to": ["pace"]}, "unknown marker"),
        ({"year": 1800}, "bad year"),
    ],
)
def test_parser_refuses_a_bad_file(change: dict[str, Any], message: str) -> None:
    document = toml_document()
    document["finding"][0] = {**document["finding"][0], **change}
    with pytest.raises(ValidationError, match=message):
        _parse(document)


def test_parser_refuses_duplicate_ids_and_versions() -> None:
    document = toml_document()
    with pytest.raises(ValidationError, match="unique"):
        _parse({**document, "finding": [document["finding"][0]] * 2})
    with pytest.raises(ValidationError, match="schema_version"):
        _parse({**document, "schema_version": 2})

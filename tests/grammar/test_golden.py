"""Golden extraction cases: every construction the grammar handles, on sentences we wrote.

Each line of ``golden/constructions.jsonl`` is one case: the triples it must give, each with
the rule that must give it. A known gap also records ``today``, the triples the grammar gives
now: its test asserts exactly that output (so an accidental change fails it like any other
case) and then is a strict expected failure until the grammar gives the wanted triples.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.grammar.registry import rule_names
from graphbuild.run import extract_triples
from graphbuild.types import Article, Triple

GOLDEN = Path(__file__).parent / "golden" / "constructions.jsonl"
_lines = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
HEADER, CASES = _lines[0], _lines[1:]

Row = tuple[str, str, str, str, bool]


class GapStillOpen(AssertionError):
    """A known gap gives today's output, not yet the wanted one."""


def _rows(triples: list[list[str]]) -> set[Row]:
    return {(t[0], t[1], t[2], t[3], t[4:] == ["negated"]) for t in triples}


def _got(triples: list[Triple]) -> set[Row]:
    return {(t.subject, t.relation, t.object, t.rule, t.negated) for t in triples}


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, raises=GapStillOpen, reason="known gap")] if "today" in case else []
        yield pytest.param(case, id=case["label"], marks=marks)


@pytest.mark.model
def test_model_version_is_pinned(nlp):
    assert nlp.meta["version"] == HEADER["model"], (
        f"The golden cases were written for model version {HEADER['model']}; this is "
        f"{nlp.meta['version']}. Re-check every case and update the header."
    )


@pytest.mark.model
@pytest.mark.parametrize("case", list(_params()))
def test_golden_case(case, nlp):
    article = Article(id="golden", text=case["text"])
    [(_, triples)] = list(extract_triples([article], nlp=nlp))
    got = _got(triples)
    if "today" not in case:
        assert got == _rows(case["triples"])
        return
    assert got == _rows(case["today"]), "a known gap's output changed: if it is the fix, drop 'today'"
    if got != _rows(case["triples"]):
        raise GapStillOpen(case["label"])


def test_labels_are_unique():
    labels = [c["label"] for c in CASES]
    assert len(labels) == len(set(labels))


def test_cases_name_registered_rules():
    import graphbuild.grammar.rules  # noqa: F401  (registers the rules)

    named = {t[3] for case in CASES for key in ("triples", "today") for t in case.get(key, [])}
    assert named <= rule_names()

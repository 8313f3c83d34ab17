"""Golden extraction cases: every construction the grammar handles, on sentences we wrote.

Each line of ``golden/constructions.jsonl`` is one case. ``expect: fail`` marks a known gap:
such a case must still fail, so that a grammar change that fixes it also updates the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.run import extract_triples
from graphbuild.types import Article

GOLDEN = Path(__file__).parent / "golden" / "constructions.jsonl"
_lines = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
HEADER, CASES = _lines[0], _lines[1:]


def _expected(case: dict) -> set[tuple[str, str, str, bool]]:
    return {(t[0], t[1], t[2], len(t) > 3 and t[3] == "negated") for t in case["triples"]}


def test_model_version_is_pinned(nlp):
    assert nlp.meta["version"] == HEADER["model"], (
        f"The golden cases were written for model version {HEADER['model']}; this is "
        f"{nlp.meta['version']}. Re-check every case and update the header."
    )


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_golden_case(case, nlp):
    article = Article(id="golden", text=case["text"])
    [(_, triples)] = list(extract_triples([article], nlp=nlp))
    got = {(t.subject, t.relation, t.object, t.negated) for t in triples}
    if case["expect"] == "pass":
        assert got == _expected(case)
    else:
        assert got != _expected(case), "this known gap now passes: mark the case 'pass'"


def test_labels_are_unique():
    labels = [c["label"] for c in CASES]
    assert len(labels) == len(set(labels))

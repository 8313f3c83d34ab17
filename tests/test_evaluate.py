"""graphbuild evaluate: the matching rules on hand-made cases, and agreement with the owners'
scorer (../shared/eval/score.py) on the same gold and the same triples, when it is beside us."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import InputError
from graphbuild.evaluate import Gold, GoldEdge, read_gold, resolve, score

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"

ENTITIES = {
    "acme": ("Acme Corp", "Acme", "the firm"),
    "bor": ("Borealis",),
    "eu": ("European Union", "EU"),
    "ec": ("European Commission",),
}


def _gold(*edges: GoldEdge, optional: tuple[GoldEdge, ...] = (), partial: bool = False) -> Gold:
    return Gold("a", "", "text", ENTITIES, edges, optional, partial)


def _t(s: str, p: str, o: str, **more) -> dict:
    return {"article": "a", "subject": s, "object": o, "polarity": p, **more}


def test_names_resolve_exactly_then_longest_inside_then_shortest_around():
    assert resolve("the EU's", ENTITIES) == "eu"
    assert resolve("Acme Corp.", ENTITIES) == "acme"
    assert resolve("European Union AI rules", ENTITIES) == "eu"  # the longest form inside
    assert resolve("Commission", ENTITIES) == "ec"  # inside one form only
    assert resolve("Globex", ENTITIES) == "~globex"


def test_cooperation_is_symmetric_conflict_directed_and_each_edge_counts_once():
    gold = _gold(GoldEdge(("acme",), "cooperation", ("bor",)), GoldEdge(("acme",), "conflict", ("eu",)))
    result = score([gold], [_t("Borealis", "cooperation", "Acme"), _t("EU", "conflict", "Acme")])
    assert (result.typed.tp, result.typed.fp, result.typed.fn) == (1, 1, 1)
    twice = score([gold], [_t("Acme", "cooperation", "Borealis"), _t("Acme Corp", "cooperation", "Borealis")])
    assert (twice.typed.tp, twice.typed.fp, twice.typed.fn) == (1, 0, 1)


def test_negated_neutral_optional_and_partial_cost_nothing():
    gold = _gold(
        GoldEdge(("acme",), "conflict", ("eu",)),
        optional=(GoldEdge(("acme", "bor"), "cooperation", ("ec",)),),
        partial=True,
    )
    triples = [
        _t("Acme", "conflict", "EU"),
        _t("Acme", "conflict", "Borealis", negated=True),
        _t("Acme", "neutral", "Borealis"),
        _t("Borealis", "cooperation", "European Commission"),  # optional
        _t("Globex", "conflict", "Initech"),  # actors a partial file does not tag
        _t("Acme", "conflict", "Initech"),  # one tagged actor: a false alarm
    ]
    result = score([gold], triples)
    assert (result.typed.tp, result.typed.fp, result.typed.fn) == (1, 1, 0)
    assert [key for _, key, _ in result.false_alarms] == [("acme", "conflict", "~initech")]
    assert result.as_dict()["precision"] == 0.5


def test_gold_is_read_from_text_a_text_file_or_a_collection(tmp_path):
    (tmp_path / "body.txt").write_text("Acme sued Borealis.", encoding="utf-8")
    (tmp_path / "texts.jsonl").write_text(json.dumps({"doc": "7", "text": "Borealis sued Acme."}) + "\n")
    rows = {
        "1.json": {"id": "1", "text": "Acme backed Borealis."},
        "2.json": {"id": "2", "text_file": "body.txt"},
        "3.json": {"id": "3", "text_ref": {"file": "texts.jsonl", "field": "doc", "value": 7}},
    }
    for name, row in rows.items():
        (tmp_path / name).write_text(json.dumps({**row, "entities": {"x": ["Acme"]}, "edges": []}), encoding="utf-8")
    assert [g.text for g in read_gold(tmp_path)] == [
        "Acme backed Borealis.",
        "Acme sued Borealis.",
        "Borealis sued Acme.",
    ]
    (tmp_path / "4.json").write_text('{"id": "4"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"4\.json: not a gold file"):
        read_gold(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="No gold files"):
        read_gold(tmp_path / "empty")


def _shared(name: str) -> Path:
    path = SHARED_EVAL / name
    if not (SHARED_EVAL / "score.py").exists() or not path.is_dir():
        pytest.skip(f"no {path}: the owners' gold is not beside the project")
    return path


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("name", ["dev"])
def test_evaluate_agrees_with_the_owners_scorer(name, tmp_path):
    gold = _shared(name)
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)
    theirs = subprocess.run(
        [
            sys.executable,
            str(SHARED_EVAL / "score.py"),
            str(gold),
            "--cmd",
            f"{sys.executable} -m graphbuild extract",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    typed = json.loads(theirs.stdout)["typed"]
    assert {k: ours[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")} == {
        k: typed[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")
    }

"""The README and docs stay true: their commands run as written, their pictures and links
exist, and the field lists they print are the ones the code defines."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.types import EVIDENCE_FIELDS

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _commands(page: Path) -> list[list[str]]:
    """The graphbuild commands of a page's indented code blocks, as argument lists."""
    found = []
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("    graphbuild "):
            found.append(shlex.split(line.strip(), comments=True)[1:])
    return found


def test_readme_links_and_pictures_exist():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if not target.startswith("http"):
                assert (page.parent / target).exists(), (page.name, target)


def test_the_schema_page_lists_the_evidence_fields_the_code_writes():
    text = " ".join((ROOT / "docs" / "operations.md").read_text(encoding="utf-8").split())
    listed = re.search(r"in the same order: (.*?) \(''", text).group(1)
    assert re.findall(r"`evidence_(\w+)`", listed) == list(EVIDENCE_FIELDS)


@pytest.mark.model
@pytest.mark.neo4j
def test_readme_commands_run_as_written(tmp_path, monkeypatch, neo4j_env):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    commands = _commands(ROOT / "README.md")
    assert len(commands) >= 10
    embedded = {"GRAPHBUILD_GRAPH": str(tmp_path / "graphbuild.json"), "GRAPHBUILD_BACKEND": "embedded"}
    runner = CliRunner()
    for args in commands:
        env = neo4j_env if "neo4j" in args else embedded
        result = runner.invoke(cli, args, env=env)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout.strip() or "render" in args or "load" in args, args
    assert (tmp_path / "graph.html").exists()


def test_the_reference_lists_every_relation_type_by_polarity():
    from graphbuild.vocab import RELATIONS

    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for polarity in ("conflict", "cooperation", "neutral"):
        row = re.search(rf"^\| {polarity} \| (.*) \|$", text, re.M)
        assert row, polarity
        assert row.group(1).split(", ") == [n for n, r in RELATIONS.items() if r.polarity == polarity]

"""The code stays as the house style has it: ruff-clean, ruff-formatted, mypy-clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint():
    result = _run("ruff", "check", "graphbuild", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = _run("ruff", "format", "--check", "graphbuild", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy():
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_imports_run_one_way_through_the_stages():
    """The layers contract in pyproject.toml: cli -> present/evaluate -> run -> backends ->
    questions -> graph -> normalize -> grammar -> nlp -> read -> records."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr


def test_every_module_holds_one_concern_of_a_few_hundred_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "graphbuild").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these modules by concern: {long}"

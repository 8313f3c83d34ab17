"""The installed package carries what it needs: the Cypher files, templates and the type marker."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_the_queries(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [wheel] = tmp_path.glob("graphbuild-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"graphbuild/queries/{p.name}" for p in (ROOT / "queries").glob("*.cypher")}
    assert expected and expected <= names
    assert "graphbuild/py.typed" in names
    # every data file of the package: templates, the grammar's word lists and lexicon
    data = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "graphbuild").rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    }
    assert data and data <= names, data - names

"""The benchmark runs, at a small size, and writes every section it measures. No timing is
asserted: the machine is shared, and figures belong in the README, not in a test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_benchmark_runs_and_writes_its_table(tmp_path):
    out = tmp_path / "bench.json"
    env = dict(os.environ)
    if env.get("GRAPHBUILD_TEST_NEO4J_URI"):
        env.setdefault("GRAPHBUILD_BENCH_NEO4J_URI", env["GRAPHBUILD_TEST_NEO4J_URI"])
        env.setdefault("GRAPHBUILD_BENCH_NEO4J_PASSWORD", env.get("GRAPHBUILD_TEST_NEO4J_PASSWORD", ""))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--articles", "6", "--rounds", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(out.read_text())
    assert figures["articles"] == 6
    assert figures["throughput"]["words"] > 0 and figures["throughput"]["ratio"] > 0
    assert figures["scaling"]["ratio"] > 0 and figures["memory"]["ratio"] > 0
    if env.get("GRAPHBUILD_BENCH_NEO4J_URI"):
        assert figures["neo4j"]["triples"] > 0
        assert figures["neo4j"]["second_load_wrote"] is False  # the second load writes nothing
    assert "extraction / raw nlp.pipe" in result.stdout and "second load time / first" in result.stdout

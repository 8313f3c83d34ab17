"""Extraction quality on the hand-made gold annotations beside the project (../shared/eval).

A floor, not a target: it catches a grammar change that loses what the grammar found.
The figures are printed in the test log; README records the current ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
# Raise these as the grammar improves; never lower them to make a change pass. They were set
# on the dev set of 15 articles (the 7-article set it grew from gave F1 0.83): F1 0.621, P 0.923.
MIN_F1 = 0.60
MIN_PRECISION = 0.90

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_dev_set_scores_above_the_floor():
    if not (EVAL / "score.py").exists():
        if os.environ.get("CI"):
            pytest.fail(f"{EVAL} is missing: CI runs with shared/ beside the project")
        pytest.skip(f"no evaluation set at {EVAL}")
    cmd = f"{sys.executable} -m graphbuild extract"
    result = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "dev"), "--cmd", cmd, "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)["typed"]
    print(f"dev set: P {figures['precision']} R {figures['recall']} F1 {figures['f1']}")
    assert figures["f1"] >= MIN_F1
    assert figures["precision"] >= MIN_PRECISION

"""Extraction quality on every gold set at hand, as one table row: the project's own corpus,
and, when the shared data is beside the project, the owners' dev and plover sets and our
conversion of PETRARCH's validation records.

    .venv/bin/python scripts/quality.py            # print the figures
    .venv/bin/python scripts/quality.py --record   # and add them, with the commit, to docs/quality.md
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

from petrarch_gold import SRC as PETRARCH  # noqa: E402
from petrarch_gold import write_gold  # noqa: E402

from graphbuild.evaluate import read_gold, read_gold_articles, score  # noqa: E402
from graphbuild.run import extract_triples, fast_pipeline  # noqa: E402

SETS = ("dev", "plover", "petrarch", "corpus")


def gold_dirs(tmp: Path) -> dict[str, Path]:
    found = {"corpus": ROOT / "tests" / "corpus" / "gold"}
    for name in ("dev", "plover"):
        if (SHARED / "eval" / name).is_dir():
            found[name] = SHARED / "eval" / name
    if PETRARCH.exists():
        found["petrarch"] = write_gold(tmp / "petrarch")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--record", action="store_true", help="append the row to docs/quality.md")
    ap.add_argument("--note", default="", help="what the commit changed, for the record")
    args = ap.parse_args()
    nlp = fast_pipeline()
    cells = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in gold_dirs(Path(tmp)).items():
            golds = read_gold(path)
            pairs = extract_triples(read_gold_articles(golds), nlp=nlp)
            f = score(golds, (t.to_dict() for _, ts in pairs for t in ts)).typed
            cells[name] = f"{f.precision:.3f} / {f.recall:.3f} / {f.f1:.3f}"
            print(f"{name:9} P {f.precision:.3f}  R {f.recall:.3f}  F1 {f.f1:.3f}  (tp {f.tp} fp {f.fp} fn {f.fn})")
    if args.record:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        row = f"| {commit} | " + " | ".join(cells.get(s, "-") for s in SETS) + f" | {args.note} |\n"
        with (ROOT / "docs" / "quality.md").open("a", encoding="utf-8") as fh:
            fh.write(row)
        print(row, end="")


if __name__ == "__main__":
    main()

"""graphbuild on pathological input: peak memory and time of the real ``graphbuild extract``,
one fresh process per case, against a memory budget; and extraction time against the length
of a run-on sentence and of an article, doubling, to show it grows in proportion.

    .venv/bin/python scripts/bench_inputs.py                  # every case, once
    .venv/bin/python scripts/bench_inputs.py --rounds 3 --json bench-results/inputs.json
    .venv/bin/python scripts/bench_inputs.py --case one-line-50mb --case sentence-200k
    .venv/bin/python scripts/bench_inputs.py --cap-mib 2048 --timeout 300   # an older graphbuild, safely

Each case's input is generated (invented news: sentences naming two companies) and a small
good article is read beside it, in the same command: the case passes when the command ends,
its good article's link comes out, its peak RSS (the process's own, from ``wait4``) is within
the budget, and an input over ``--max-article-chars`` is skipped with one line. Wall time
includes starting Python and loading the model (the ``good-article`` case alone). The
command is the ``graphbuild`` this Python imports (``PYTHONPATH`` decides, as usual), run in
a scratch folder; ``--cap-mib`` limits its address space, so that a version that would take
all the machine's memory fails with a MemoryError instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import graphbuild

BUDGET_MIB = 2048
GOOD = "Cisco sued Apple over the iPhone name."
SUBJECTS = ["Orvane Systems", "The Kestrel Group", "Palmyra Bank", "The Delmar Council", "Vantage", "Nordic Rail"]
VERBS = ["sued", "criticized", "signed a supply deal with", "met", "accused", "praised", "bought a stake in"]
OBJECTS = ["Brightwater", "the Tessaly Ministry", "Halvorsen", "the Ardent Union", "Quorra Labs", "Meridian"]


def sentence(i: int) -> str:
    return f"{SUBJECTS[i % 6]} {VERBS[i // 6 % 7]} {OBJECTS[i // 42 % 6]} on day {i}."


def news(chars: int, *, paragraph: int = 6) -> str:
    """About ``chars`` characters of ordinary sentences, ``paragraph`` to a line (0: one line)."""
    out, size, i = [], 0, 0
    while size < chars:
        s = sentence(i) + ("\n" if paragraph and i % paragraph == paragraph - 1 else " ")
        out.append(s)
        size += len(s)
        i += 1
    return "".join(out)[:chars].rstrip() + "\n"


def run_on(chars: int) -> str:
    """One sentence of about ``chars`` characters: clauses joined by ", and", never ended."""
    out, size, i = [], 0, 0
    while size < chars:
        clause = sentence(i).rstrip(".").replace(" on day", " on the day of")
        out.append(clause)
        size += len(clause) + 6
        i += 1
    return ", and ".join(out) + ".\n"


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    write: Callable[[Path], list[Path]]  # writes the input into a folder, returns its files
    skipped: int = 0  # articles the command must skip as too long
    chars: int = 0  # characters of the pathological input (for the per-character figures)


def _text(name: str, make: Callable[[], str]) -> Callable[[Path], list[Path]]:
    def write(folder: Path) -> list[Path]:
        path = folder / name
        path.write_text(make(), encoding="utf-8")
        return [path]

    return write


def _jsonl_line(chars: int) -> Callable[[Path], list[Path]]:
    def write(folder: Path) -> list[Path]:
        path = folder / "line.jsonl"
        path.write_text(json.dumps({"id": "huge", "text": news(chars, paragraph=0)}) + "\n", encoding="utf-8")
        return [path]

    return write


CASES = [
    Case("good-article", "the good article alone: starting Python, loading the model", lambda folder: []),
    Case(
        "one-line-50mb",
        "a 50 MB text file that is one line",
        _text("huge.txt", lambda: news(50_000_000, paragraph=0)),
        1,
    ),
    Case("jsonl-line-20mb", "a JSON Lines record of 20 MB", _jsonl_line(20_000_000), 1),
    Case("text-4mb", "a 4 MB text of ordinary sentences", _text("four.txt", lambda: news(4_000_000)), 1),
    Case(
        "article-1m",
        "an article of 1,000,000 characters (the limit), parsed",
        _text("million.txt", lambda: news(999_000)),
        chars=999_000,
    ),
    Case(
        "sentence-200k",
        "a run-on sentence of 200,000 characters",
        _text("runon.txt", lambda: run_on(200_000)),
        chars=200_000,
    ),
]
# the doubling series: extraction time per character should stay flat
RUN_ON_SIZES = [20_000, 40_000, 80_000, 200_000]
ARTICLE_SIZES = [125_000, 250_000, 500_000, 1_000_000]


def series() -> list[Case]:
    cases = [
        Case(f"run-on-{n // 1000}k", "run-on sentence", _text("runon.txt", lambda n=n: run_on(n)), chars=n)
        for n in RUN_ON_SIZES
    ]
    cases += [
        Case(
            f"article-{n // 1000}k", "ordinary sentences", _text("news.txt", lambda n=n: news(n - 1000)), chars=n - 1000
        )
        for n in ARTICLE_SIZES
    ]
    return cases


def run_case(case: Case, folder: Path, *, cap_mib: int | None, timeout: float) -> dict:
    """One fresh ``graphbuild extract`` of the case's input and the good article."""
    good = folder / "good.txt"
    good.write_text(GOOD + "\n", encoding="utf-8")
    files = case.write(folder)
    cmd = [sys.executable, "-m", "graphbuild", "extract", *map(str, files), str(good)]

    def capped() -> None:
        if cap_mib:
            resource.setrlimit(resource.RLIMIT_AS, (cap_mib << 20, cap_mib << 20))

    start = time.perf_counter()
    with open(folder / "out.jsonl", "wb") as out, open(folder / "err.txt", "wb") as err:
        process = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=folder, preexec_fn=capped)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    timed_out = code == -signal.SIGKILL and wall >= timeout
    rows = [json.loads(line) for line in (folder / "out.jsonl").read_text().splitlines() if line.strip()]
    stderr = (folder / "err.txt").read_text()
    skips = [line for line in stderr.splitlines() if line.startswith("skipped:")]
    for path in [*files, good]:
        path.unlink()
    return {
        "exit": code,
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "good_link": any((r["subject"], r["relation"], r["object"]) == ("Cisco", "SUES", "Apple") for r in rows),
        "triples": len(rows),
        "skip_lines": len(skips),
        "skip_message": skips[0][:160] if skips else "",
        "error": f"killed after {timeout:g} s" if timed_out else "" if code in (0, 3) else _last_line(stderr),
    }


def _last_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    return lines[-1][:90] if lines else "no message"


def summary(case: Case, runs: list[dict]) -> dict:
    last = runs[-1]
    ok = all(
        r["exit"] == (3 if case.skipped else 0)
        and r["good_link"]
        and r["skip_lines"] == case.skipped
        and r["peak_rss_mib"] <= BUDGET_MIB
        for r in runs
    )
    figures = {}
    for key in ("wall_s", "cpu_s", "peak_rss_mib"):
        values = [r[key] for r in runs]
        figures[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return {"case": case.name, "what": case.what, "chars": case.chars, **figures, "runs": runs, "ok": ok, "last": last}


def _span(figure: dict) -> str:
    return f"{figure['median']}" + (f" ({figure['min']}-{figure['max']})" if figure["min"] != figure["max"] else "")


def table(results: list[dict], base_cpu: float | None) -> str:
    lines = [
        f"{'case':<16} {'exit':>4} {'peak RSS MiB':>16} {'wall s':>16} {'cpu s':>14} {'µs/char':>8}  good  result",
        "-" * 100,
    ]
    for r in results:
        per_char = ""
        if r["chars"] and base_cpu is not None:
            per_char = f"{(r['cpu_s']['median'] - base_cpu) / r['chars'] * 1e6:.1f}"
        verdict = "ok" if r["ok"] else "FAILED"
        if r["last"]["error"]:
            verdict += f": {r['last']['error']}"
        lines.append(
            f"{r['case']:<16} {r['last']['exit']:>4} {_span(r['peak_rss_mib']):>16} {_span(r['wall_s']):>16} "
            f"{_span(r['cpu_s']):>14} {per_char:>8}  {'yes' if r['last']['good_link'] else 'NO':<4}  {verdict}"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    everything = CASES + series()
    ap.add_argument("--case", action="append", choices=[c.name for c in everything], help="run only these (repeatable)")
    ap.add_argument("--no-series", action="store_true", help="leave out the doubling series")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each case; the table gives median (min-max)")
    ap.add_argument("--json", help="also write every figure here")
    ap.add_argument("--cap-mib", type=int, help="limit each command's address space to this (RLIMIT_AS)")
    ap.add_argument("--timeout", type=float, default=600, help="kill a command after this many seconds")
    args = ap.parse_args()
    chosen = (
        [c for c in everything if c.name in args.case] if args.case else CASES + ([] if args.no_series else series())
    )
    if chosen[0].name != "good-article":
        chosen.insert(0, CASES[0])  # the floor every case pays
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in chosen:
            runs = []
            for _ in range(args.rounds):
                runs.append(run_case(case, Path(tmp), cap_mib=args.cap_mib, timeout=args.timeout))
            results.append(summary(case, runs))
            print(f"  {case.name}: {results[-1]['last']['wall_s']} s", file=sys.stderr, flush=True)
    base_cpu = results[0]["cpu_s"]["median"]
    print(
        f"graphbuild {graphbuild.__version__}, spaCy {version('spacy')}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.platform()}; {args.rounds} round(s); budget {BUDGET_MIB} MiB peak RSS"
        + (f"; address space capped at {args.cap_mib} MiB" if args.cap_mib else "")
    )
    print(table(results, base_cpu))
    print("µs/char: CPU seconds beyond the good article alone, per character of the case's input")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()

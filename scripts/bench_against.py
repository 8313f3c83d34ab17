"""Extraction speed of this checkout against a past commit, whole processes, in one run.

    scripts/bench.py --against d7c9c4b                      # a row of bench's table
    .venv/bin/python scripts/bench_against.py d7c9c4b --rounds 3   # on its own: every Wikinews article

The past commit runs with its own dependencies: it is checked out with ``git worktree add
--detach`` into ``bench-results/against-<sha>``, whose own ``scripts/setup`` makes its
``.venv`` (kept, and reused while its ``graphbuild`` runs). Both sides then run ``python -m
graphbuild extract -q --format jsonl`` on the same JSON Lines file, this checkout's code with
this interpreter and the commit's code with its venv's, in paired rounds with the order
rotated (bench's ``paired``). Words are counted once, as bench counts them, so the median
ratio (the commit's time over this checkout's) is this checkout's words/s over the commit's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from bench import TARGETS, WIKINEWS, corpus, paired, table, words

from graphbuild.read import read_articles

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench-results"
# what each interpreter reports about itself: the versions the speed depends on, and where
# its graphbuild comes from (so neither side runs the other's code)
PROBE = "import graphbuild, spacy, thinc; print(spacy.__version__, thinc.__version__, graphbuild.__file__)"


def _fail(message: str) -> NoReturn:
    sys.exit(f"bench --against: {message}")


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)


def commit_of(ref: str) -> str:
    """The full sha of ``ref`` in this checkout's repository."""
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        _fail(f"{ref!r} is not a commit of {ROOT}; give a sha, tag or branch that `git log --oneline` shows")
    return found.stdout.strip()


def _runs(home: Path) -> bool:
    graphbuild = home / ".venv" / "bin" / "graphbuild"
    return graphbuild.exists() and subprocess.run([str(graphbuild), "--help"], capture_output=True).returncode == 0


def _env(code: Path) -> dict[str, str]:
    """The environment a side runs in: its own code first on the path, nothing of the other."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    return {**env, "PYTHONPATH": str(code)}


def prepare(ref: str, *, cache: Path = CACHE) -> Path:
    """A checkout of ``ref`` with a ``.venv`` of its own dependencies, made by that commit's
    ``scripts/setup``: ``cache/against-<sha>``, reused while its ``graphbuild`` runs."""
    sha = commit_of(ref)
    home = cache / f"against-{sha}"
    if _runs(home):
        return home
    remove = f"git -C {ROOT} worktree remove --force {home}"
    if not (home / ".git").exists():
        if home.exists():
            _fail(f"{home} exists but is not a checkout of {ref}; remove it (rm -r {home}) and run again")
        cache.mkdir(parents=True, exist_ok=True)
        _git("worktree", "prune")  # forget a checkout whose folder was deleted by hand
        added = _git("worktree", "add", "--detach", str(home), sha)
        if added.returncode != 0:
            _fail(f"cannot check out {ref} into {home}: {added.stderr.strip()}; fix that, or run `{remove}`")
    setup = home / "scripts" / "setup"
    if not setup.exists():
        _fail(f"{ref} has no scripts/setup to install its dependencies; pick a later commit")
    print(f"bench --against: installing {ref}'s dependencies into {home}/.venv (minutes, once)", file=sys.stderr)
    # this interpreter's Python for both sides, unless PYTHON says otherwise
    env = {**_env(home), "PYTHON": os.environ.get("PYTHON", sys.executable)}
    done = subprocess.run([str(setup)], cwd=home, env=env, stdout=sys.stderr)
    if done.returncode != 0 or not _runs(home):
        _fail(
            f"{ref}'s scripts/setup failed (exit {done.returncode}; its messages are above). Fix the cause "
            f"(pip needs the package index) and run again; to start afresh: {remove}"
        )
    return home


def describe(python: str, code: Path) -> dict:
    """The spaCy and thinc versions of ``python``, and the graphbuild it runs from ``code``."""
    found = subprocess.run([python, "-c", PROBE], cwd=code, env=_env(code), capture_output=True, text=True)
    if found.returncode != 0:
        _fail(f"{python} cannot import graphbuild, spaCy and thinc from {code}: {found.stderr.strip()[-300:]}")
    spacy, thinc, module = found.stdout.strip().split(maxsplit=2)
    if not Path(module).resolve().is_relative_to(code.resolve()):
        _fail(f"{python} runs the graphbuild in {module}, not the one in {code}; uninstall that one from its venv")
    return {"python": python, "spacy": spacy, "thinc": thinc, "graphbuild": str(Path(module).parent)}


def write_articles(articles: list, path: Path) -> None:
    """``articles`` as JSON Lines that every version's reader reads back as the same articles:
    a title only where it is the article's own headline (else the reader labels it again)."""
    with path.open("w", encoding="utf-8") as file:
        for article in articles:
            record = {"id": article.id, "text": article.text, "url": article.url, "date": article.date}
            record["source"] = article.source
            if article.headline:
                record["title"] = article.title
            file.write(json.dumps(record) + "\n")


def _extraction(python: str, code: Path, source: Path, out: Path) -> Callable[[], None]:
    """One whole ``graphbuild extract`` process, its triples written to the next file of ``out``."""
    cmd = [python, "-m", "graphbuild", "extract", "-q", "--format", "jsonl", str(source)]
    runs = 0

    def run() -> None:
        nonlocal runs
        runs += 1
        with (out / f"{runs}.jsonl").open("wb") as triples:
            done = subprocess.run(cmd, cwd=code, env=_env(code), stdout=triples, stderr=subprocess.PIPE)
        if done.returncode != 0:
            _fail(f"`{' '.join(cmd)}` in {code} exited {done.returncode}: {done.stderr.decode()[-500:]}")

    return run


def _outputs(out: Path) -> list[bytes]:
    return [path.read_bytes() for path in sorted(out.glob("*.jsonl"), key=lambda p: int(p.stem))]


def against(ref: str, articles: list, rounds: int, *, old: Path | None = None) -> dict:
    """Whole-process extraction of ``articles`` by this checkout against ``ref``.

    Args:
        ref: A commit of this repository (sha, tag or branch).
        articles: What both sides extract, written once to a JSON Lines file.
        rounds: Paired rounds, the order rotated (this checkout first in the first).
        old: A checkout of ``ref`` with its ``.venv`` to use as it is, instead of ``prepare``.

    Returns:
        bench's ``paired`` figures, ``a`` this checkout and ``b`` the commit, so ``ratio`` and
        ``cpu_ratio`` are this checkout's words/s over the commit's; and for each side
        (``current``, ``old``) its versions, words/s and triples, and whether they are equal.
    """
    sha = commit_of(ref)
    old = old.absolute() if old else prepare(ref)
    sides = {"current": describe(sys.executable, ROOT), "old": describe(str(old / ".venv" / "bin" / "python"), old)}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        write_articles(articles, source)
        for name in sides:
            (Path(tmp) / name).mkdir()
        runs = [
            _extraction(sides[name]["python"], code, source, Path(tmp) / name)
            for name, code in (("current", ROOT), ("old", old))
        ]
        figures = paired(runs[0], runs[1], rounds)
        outputs = {name: _outputs(Path(tmp) / name) for name in sides}
    count = words(articles)
    for name, key in (("current", "a"), ("old", "b")):
        wall, cpu = figures[f"{key}_wall_s"]["median"], figures[f"{key}_cpu_s"]["median"]
        sides[name]["words_per_s"] = round(count / wall) if wall else None
        sides[name]["cpu_words_per_s"] = round(count / cpu) if cpu else None
        sides[name]["triples"] = outputs[name][0].count(b"\n")
        # every round of a side printed the same triples
        sides[name]["same_every_round"] = len({hashlib.sha1(o).digest() for o in outputs[name]}) == 1
    return {
        "ref": ref,
        "commit": sha,
        "dir": str(old),
        "articles": len(articles),
        "words": count,
        **figures,
        **sides,
        "identical": outputs["current"][0] == outputs["old"][0],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ref", help="the commit to compare with: a sha, tag or branch")
    ap.add_argument("--corpus", action="append", default=[], help="JSONL/CSV of articles (default: Wikinews)")
    ap.add_argument("--articles", type=int, help="this many of the corpus' articles, cycled (default: all)")
    ap.add_argument("--rounds", type=int, default=3, help="paired rounds, the order rotated")
    ap.add_argument("--old", type=Path, help="a checkout of REF with its .venv, used as it is (no setup)")
    ap.add_argument("--json", help="where to write the figures as JSON")
    args = ap.parse_args()
    old = args.old or prepare(args.ref)  # a bad ref or a failed setup stops the run before it starts
    paths = args.corpus or [str(p) for p in sorted(WIKINEWS.glob("*")) if p.suffix in {".jsonl", ".csv"}]
    if not paths:
        _fail(f"no corpus: {WIKINEWS} holds no .jsonl or .csv files; give one with --corpus")
    articles = corpus(paths, args.articles or sum(1 for _ in read_articles(paths)))
    figures = against(args.ref, articles, args.rounds, old=old)
    print(table({"against": figures}, [t for t in TARGETS if t[1][0] == "against"]))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()

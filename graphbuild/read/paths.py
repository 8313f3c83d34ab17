"""Which files the paths name: files, directories (recursively), glob patterns, stdin."""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable, Iterator

from graphbuild.read.records import STDIN
from graphbuild.read.report import ReadReport
from graphbuild.types import Problem

FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",
    ".csv": "csv",
}
SUPPORTED = ", ".join(sorted(FORMATS))
GLOB_CHARS = frozenset("*?[")


def input_files(paths: Iterable[str], report: ReadReport) -> Iterator[str]:
    """The files (or ``-``) that ``paths`` name, in reading order; a path naming nothing is
    reported."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        path = os.fspath(path)
        if path == STDIN or (os.path.exists(path) and not os.path.isdir(path)):
            yield path
        elif os.path.isdir(path):
            yield from directory_files(path, report)
        elif GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                report.add(Problem(path, None, "no files match this pattern; check the pattern"))
            for match in matches:
                yield from directory_files(match, report) if os.path.isdir(match) else [match]
        else:
            report.add(Problem(path, None, "no such file or directory; check the path"))


def directory_files(path: str, report: ReadReport) -> Iterator[str]:
    found = False
    unlisted: list[str] = []

    def unlistable(error: OSError) -> None:
        # a directory the walk cannot open is skipped by os.walk; say so, as for a file
        where = os.fspath(error.filename) if error.filename is not None else path
        unlisted.append(where)
        reason = f"cannot list directory: {error.strerror or error}; check its permissions"
        report.add(Problem(where, None, reason))

    for root, dirs, files in os.walk(path, onerror=unlistable):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield os.path.join(root, name)
    if not found and path not in unlisted:
        report.add(Problem(path, None, "directory has no files to read; check the path"))


def count_articles(paths: Iterable[str]) -> int | None:
    """About how many articles ``read_articles(paths)`` yields, read cheaply (lines are
    counted, not parsed), for a progress bar; None when standard input is among them.

    >>> count_articles(["examples/articles"])
    6
    """
    total = 0
    for path in input_files(paths, ReadReport()):
        if path == STDIN:
            return None
        kind = FORMATS.get(os.path.splitext(path)[1].lower())
        try:
            if kind in {"jsonl", "csv"}:
                with open(path, "rb") as file:
                    lines = sum(1 for line in file if line.strip())
                total += lines - (kind == "csv")
            elif kind == "json":
                with open(path, "rb") as file:
                    data = json.loads(file.read())
                data = data.get("articles", data) if isinstance(data, dict) else data
                total += len(data) if isinstance(data, list) else 1
            elif kind is not None:
                total += 1
        except (OSError, ValueError, RecursionError):
            total += 1
    return max(total, 0)

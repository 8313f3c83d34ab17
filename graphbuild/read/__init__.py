"""Read news articles from files, directories, globs and stdin into ``Article`` records.

Formats are chosen by suffix: plain text and Markdown (one article a file), HTML (main text
found by trafilatura), JSON Lines, JSON and CSV (one article a record). Bad input never
raises: each bad file or record becomes one ``Problem`` in the ``ReadReport``, and reading
goes on with the next one. JSON Lines and CSV are read a line at a time.

- ``paths``: which files the paths name; ``decode``: bytes to text; ``records``: text,
  Markdown, JSON, JSON Lines and CSV; ``html``: web pages; ``dates``: publication dates.
"""

from __future__ import annotations

import codecs
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from graphbuild.bounds import MAX_ARTICLE_CHARS
from graphbuild.read.dates import parse_date
from graphbuild.read.decode import as_bytes, decode, decode_lines, looks_binary, wide_encoding, without_surrogates
from graphbuild.read.html import read_html
from graphbuild.read.paths import FORMATS, SUPPORTED, count_articles, input_files
from graphbuild.read.records import STDIN, article_id, read_csv, read_json, read_jsonl, read_text
from graphbuild.read.repeats import Repeats
from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem

__all__ = ["FORMATS", "MAX_ARTICLE_CHARS", "ReadReport", "article_id", "count_articles", "parse_date", "read_articles"]

BINARY_SNIFF_BYTES = 8192


def read_articles(
    paths: Iterable[str],
    *,
    report: ReadReport | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> Iterator[Article]:
    """Yield the articles found in files, directories, glob patterns or stdin (``-``).

    Args:
        paths: Files, directories (read recursively, hidden entries skipped), glob patterns,
            or ``-`` for stdin. A single string is taken as one path.
        report: Collects counts and problems; each problem is also passed to its
            ``on_problem`` as it happens.
        stdin: Stream read for ``-`` (bytes or text); defaults to ``sys.stdin.buffer``.
            JSON Lines when its first non-blank character is ``{``, else one text article.
        max_chars: An article whose headline and text are longer than this together is
            skipped and reported.

    Yields:
        One `Article` per good record, in input order, each id once: a second record under an
        id already read is left out and reported (``read.repeats``). Bad files and records are
        skipped and reported, never raised; lone surrogates (from JSON escapes, or file names
        that are not UTF-8) are replaced with U+FFFD and reported, so every article encodes.

    Example:
        >>> import io
        >>> stream = io.BytesIO(b'{"id": "a1", "text": "Acme sued Globex.", "date": "2008/03/01"}')
        >>> [(a.id, a.text, a.date, a.origin) for a in read_articles(["-"], stdin=stream)]
        [('a1', 'Acme sued Globex.', '2008-03-01', '-:1')]
    """
    report = report if report is not None else ReadReport()
    repeats = Repeats()
    for path in input_files(paths, report):
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            report.files += 1
            yield from _counted(STDIN, _read_stream(STDIN, iter(stream), None, report), report, repeats, max_chars)
        else:
            yield from _read_file(path, report, repeats, max_chars)


def _counted(
    origin: str, articles: Iterator[Article], report: ReadReport, repeats: Repeats, max_chars: int
) -> Iterator[Article]:
    for article in articles:
        line = _line_of(origin, article)
        article, repaired = without_surrogates(article, origin)
        if repaired:
            report.add(Problem(origin, line, repaired, skipped=False))
        size = len(article.headline_text) + len(article.text)
        if size > max_chars:
            reason = (
                f"article {article.id[:80]!r} has {size:,} characters, more than --max-article-chars "
                f"{max_chars:,}; split it into articles, or read it whole with --max-article-chars {size}"
            )
            report.add(Problem(origin, line, reason))
            continue
        if repeats.admit(article, origin, line, report):
            report.articles += 1
            yield article


def _line_of(origin: str, article: Article) -> int | None:
    """The line of ``origin`` an article was read from (its origin is ``origin:line``)."""
    head, _, line = article.origin.rpartition(":")
    return int(line) if head == origin and line.isdigit() else None


def _read_file(path: str, report: ReadReport, repeats: Repeats, max_chars: int) -> Iterator[Article]:
    suffix = os.path.splitext(path)[1].lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        shown = f"'{suffix}'" if suffix else "(no suffix)"
        reason = f"unsupported file type {shown}; supported: {SUPPORTED}"
        report.add(Problem(path, None, reason))
        return
    try:
        with open(path, "rb") as file:
            report.files += 1
            yield from _counted(path, _read_stream(path, iter(file), kind, report), report, repeats, max_chars)
    except OSError as e:
        report.add(Problem(path, None, f"cannot read file: {e.strerror or e}; check permissions"))


def _read_stream(origin: str, raw: Iterator[bytes | str], kind: str | None, report: ReadReport) -> Iterator[Article]:
    """Read one input; `kind` None means stdin, whose format is sniffed."""
    lines: Iterator[bytes] = (as_bytes(line) for line in raw)
    head: list[bytes] = []
    size, seen_text = 0, kind is not None  # stdin reads on to its first text, to sniff it
    for line in lines:
        head.append(line)
        size += len(line)
        seen_text = seen_text or bool(line.strip())
        if size >= BINARY_SNIFF_BYTES and seen_text:
            break
    # a JSON Lines file with a record in it is read line by line, whatever else it holds
    has_record = kind == "jsonl" and any(line.lstrip().startswith(b"{") for line in head)
    sample = b"".join(head)[:BINARY_SNIFF_BYTES]
    encoding = None if has_record else wide_encoding(sample)
    if encoding is not None:
        # UTF-16 or UTF-32: read whole and as UTF-8 from here on, so lines split where they end
        data = b"".join(itertools.chain(head, lines)).decode(encoding, errors="replace").encode("utf-8")
        head, lines = data.splitlines(keepends=True), iter(())
        reason = f"read as {encoding.upper()}; save the file as UTF-8"
        report.add(Problem(origin, None, reason, skipped=False))
    elif not has_record and looks_binary(sample):
        report.add(Problem(origin, None, f"binary file, not text; give text files ({SUPPORTED})"))
        return
    if kind is None:
        first = b"".join(head).removeprefix(codecs.BOM_UTF8).lstrip()
        kind = "jsonl" if first.startswith(b"{") else "text"
    rest = itertools.chain(head, lines)
    if kind == "jsonl":
        yield from read_jsonl(origin, decode_lines(origin, rest, report), report)
    elif kind == "csv":
        yield from read_csv(origin, decode_lines(origin, rest, report), report)
    else:
        text = decode(origin, b"".join(rest), report)
        if not text.strip():
            report.add(Problem(origin, None, "empty file; add article text or remove the file"))
        elif kind == "json":
            yield from read_json(origin, text, report)
        elif kind == "html":
            yield from read_html(origin, text, report)
        else:
            yield read_text(origin, text, markdown=kind == "markdown")

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
from dataclasses import replace
from typing import BinaryIO, TextIO

from graphbuild.read.dates import parse_date
from graphbuild.read.decode import as_bytes, decode, decode_lines, looks_binary, wide_encoding, without_surrogates
from graphbuild.read.html import read_html
from graphbuild.read.paths import FORMATS, SUPPORTED, count_articles, input_files
from graphbuild.read.records import STDIN, article_id, read_csv, read_json, read_jsonl, read_text
from graphbuild.read.repeats import Repeats
from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem

__all__ = ["FORMATS", "ReadReport", "article_id", "count_articles", "parse_date", "read_articles", "split_article"]

BINARY_SNIFF_BYTES = 8192
# An article longer than this (some 150,000 words, far beyond any news story) is read as
# consecutive parts cut at line or sentence ends, so one huge input never stops a run.
MAX_ARTICLE_CHARS = 1_000_000


def read_articles(
    paths: Iterable[str],
    *,
    report: ReadReport | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article]:
    """Yield the articles found in files, directories, glob patterns or stdin (``-``).

    Args:
        paths: Files, directories (read recursively, hidden entries skipped), glob patterns,
            or ``-`` for stdin. A single string is taken as one path.
        report: Collects counts and problems; each problem is also passed to its
            ``on_problem`` as it happens.
        stdin: Stream read for ``-`` (bytes or text); defaults to ``sys.stdin.buffer``.
            JSON Lines when its first non-blank character is ``{``, else one text article.

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
            yield from _counted(STDIN, _read_stream(STDIN, iter(stream), None, report), report, repeats)
        else:
            yield from _read_file(path, report, repeats)


def _counted(origin: str, articles: Iterator[Article], report: ReadReport, repeats: Repeats) -> Iterator[Article]:
    for article in articles:
        line = _line_of(origin, article)
        article, repaired = without_surrogates(article, origin)
        if repaired:
            report.add(Problem(origin, line, repaired, skipped=False))
        parts = split_article(article)
        if len(parts) > 1:
            reason = (
                f"article {article.id!r} has {len(article.text):,} characters: read as {len(parts)} parts "
                f"of at most {MAX_ARTICLE_CHARS:,} (ids {parts[0].id!r}...); split it to keep links across the cuts"
            )
            report.add(Problem(article.origin, None, reason, skipped=False))
        for part in parts:
            if repeats.admit(part, origin, line, report):
                report.articles += 1
                yield part


def _line_of(origin: str, article: Article) -> int | None:
    """The line of ``origin`` an article was read from (its origin is ``origin:line``)."""
    head, _, line = article.origin.rpartition(":")
    return int(line) if head == origin and line.isdigit() else None


def split_article(article: Article, limit: int = MAX_ARTICLE_CHARS) -> list[Article]:
    """The article itself, or consecutive parts of at most ``limit`` characters, each cut at
    the last line break or sentence end before the limit, else at the last space (ids
    ``ID#1``, ``ID#2``...).

    >>> [(p.id, p.text) for p in split_article(Article("a", "One. Two. Three."), limit=10)]
    [('a#1', 'One. Two.'), ('a#2', 'Three.')]
    """
    text = article.text
    if len(text) <= limit:
        return [article]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end) + 1)
        if cut <= start:
            cut = text.rfind(" ", start, end)
        if cut <= start:
            cut = end
        pieces.append(text[start:cut].strip())
        start = cut
    pieces.append(text[start:].strip())
    pieces = [piece for piece in pieces if piece]
    return [
        replace(article, id=f"{article.id}#{k}", text=piece, title=article.title if k == 1 else "")
        for k, piece in enumerate(pieces, start=1)
    ]


def _read_file(path: str, report: ReadReport, repeats: Repeats) -> Iterator[Article]:
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
            yield from _counted(path, _read_stream(path, iter(file), kind, report), report, repeats)
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

"""Read news articles from files, directories, globs and stdin into `Article` records.

Formats are chosen by suffix: plain text and Markdown (one article a file), HTML (main text
found by trafilatura), JSON Lines, JSON and CSV (one article a record). Bad input never
raises: each bad file or record becomes one `Problem` in the `ReadReport`, and reading
goes on with the next one. JSON Lines and CSV are read a line at a time.
"""

from __future__ import annotations

import codecs
import csv
import glob
import hashlib
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, BinaryIO, TextIO

from graphbuild.types import Article, Problem

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
STDIN = "-"
GLOB_CHARS = frozenset("*?[")
BINARY_SNIFF_BYTES = 8192
MAX_TITLE_CHARS = 200
# An article longer than this (some 150,000 words, far beyond any news story) is read as
# consecutive parts cut at line or sentence ends, so one huge input never stops a run.
MAX_ARTICLE_CHARS = 1_000_000
# A line that ends a sentence is body text, not a headline: "He left." / 'she said "no!"'
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019\u00bb]*$")
_MONTH_NAMES = (
    "january jan, february feb, march mar, april apr, may, june jun, july jul, august aug,"
    " september sep sept, october oct, november nov, december dec"
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES.split(","), start=1) for name in names.split()}
_WEEKDAY = r"(?:[A-Za-z]+,?\s+)?"  # "Monday, March 1, 2008"
DATE_PATTERNS = (
    # ISO date, or the date part of an ISO datetime as written (no time zone shift)
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?"), "ymd"),
    (re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "ymd"),
    # "March 01, 2008", "Mar. 1 2008"
    (re.compile(_WEEKDAY + r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"), "mdy"),
    # "1 March 2008", "1st Mar, 2008"
    (re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})"), "dmy"),
)


@dataclass(slots=True)
class ReadReport:
    """Counts what was read and what was skipped.

    `on_problem` is called once per problem as it happens, so a caller can warn while
    reading goes on; `problems` keeps them all for a summary at the end.
    """

    files: int = 0  # input files opened
    articles: int = 0  # articles yielded
    problems: list[Problem] = field(default_factory=list)
    on_problem: Callable[[Problem], None] | None = None

    @property
    def skipped(self) -> int:
        """How many files or records were skipped (problems that were not repairs)."""
        return sum(1 for problem in self.problems if problem.skipped)

    def add(self, problem: Problem) -> None:
        """Record `problem` and pass it to `on_problem`."""
        self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)


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
        One `Article` per good record, in input order. Bad files and records are skipped
        and reported, never raised.

    Example:
        >>> import io
        >>> stream = io.BytesIO(b'{"id": "a1", "text": "Acme sued Globex.", "date": "2008/03/01"}')
        >>> [(a.id, a.text, a.date, a.origin) for a in read_articles(["-"], stdin=stream)]
        [('a1', 'Acme sued Globex.', '2008-03-01', '-:1')]
    """
    report = report if report is not None else ReadReport()
    for path in _input_files(paths, report):
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            report.files += 1
            yield from _counted(_read_stream(STDIN, iter(stream), None, report), report)
        else:
            yield from _read_file(path, report)


def _input_files(paths: Iterable[str], report: ReadReport) -> Iterator[str]:
    """The files (or ``-``) that ``paths`` name, in reading order; a path naming nothing is
    reported."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        path = os.fspath(path)
        if path == STDIN or (os.path.exists(path) and not os.path.isdir(path)):
            yield path
        elif os.path.isdir(path):
            yield from _directory_files(path, report)
        elif GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                report.add(Problem(path, None, "no files match this pattern; check the pattern"))
            for match in matches:
                yield from _directory_files(match, report) if os.path.isdir(match) else [match]
        else:
            report.add(Problem(path, None, "no such file or directory; check the path"))


def count_articles(paths: Iterable[str]) -> int | None:
    """About how many articles ``read_articles(paths)`` yields, read cheaply (lines are
    counted, not parsed), for a progress bar; None when standard input is among them.

    >>> count_articles(["examples/articles"])
    6
    """
    total = 0
    for path in _input_files(paths, ReadReport()):
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


def article_id(*, id: object = None, url: str = "", text: str) -> str:
    """Return a stable id: the given `id`, else the `url`, else a hash of the text.

    Example:
        >>> article_id(id=" 42 ", url="https://example.org/a", text="x")
        '42'
        >>> article_id(url="https://example.org/a", text="x")
        'https://example.org/a'
        >>> article_id(text=" Acme sued Globex. ")
        'sha1:b41b299872d3d743'
    """
    if id is not None and str(id).strip():
        return str(id).strip()
    if url.strip():
        return url.strip()
    return "sha1:" + hashlib.sha1(text.strip().encode()).hexdigest()[:16]


def parse_date(value: object) -> str | None:
    """Return `value` as an ISO date ``YYYY-MM-DD``, or None when it cannot be read.

    Reads ISO dates and datetimes (the date as written, no time zone shift), ``2008/03/01``,
    ``20080301``, ``March 01, 2008``, ``Mar 1, 2008`` and ``1 March 2008``. Day-first or
    month-first numeric dates such as ``03/01/2008`` are ambiguous and give None.

    Example:
        >>> parse_date("2019-10-15T08:00:00Z"), parse_date("1 March 2008"), parse_date("soon")
        ('2019-10-15', '2008-03-01', None)
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    for pattern, order in DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match is None:
            continue
        if order == "ymd":
            year, month, day = (int(part) for part in match.groups())
        else:
            month_name, day_text, year_text = match.groups() if order == "mdy" else (match[2], match[1], match[3])
            if month_name.lower() not in MONTHS:
                return None
            year, month, day = int(year_text), MONTHS[month_name.lower()], int(day_text)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _counted(articles: Iterator[Article], report: ReadReport) -> Iterator[Article]:
    for article in articles:
        parts = split_article(article)
        if len(parts) > 1:
            reason = (
                f"article {article.id!r} has {len(article.text):,} characters: read as {len(parts)} parts "
                f"of at most {MAX_ARTICLE_CHARS:,} (ids {parts[0].id!r}...); split it to keep links across the cuts"
            )
            report.add(Problem(article.origin, None, reason, skipped=False))
        for part in parts:
            report.articles += 1
            yield part


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


def _directory_files(path: str, report: ReadReport) -> Iterator[str]:
    found = False
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                found = True
                yield os.path.join(root, name)
    if not found:
        report.add(Problem(path, None, "directory has no files to read; check the path"))


def _read_file(path: str, report: ReadReport) -> Iterator[Article]:
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
            yield from _counted(_read_stream(path, iter(file), kind, report), report)
    except OSError as e:
        report.add(Problem(path, None, f"cannot read file: {e.strerror or e}; check permissions"))


def _read_stream(origin: str, raw: Iterator[bytes | str], kind: str | None, report: ReadReport) -> Iterator[Article]:
    """Read one input; `kind` None means stdin, whose format is sniffed."""
    lines = (_as_bytes(line) for line in raw)
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
    if not has_record and _looks_binary(b"".join(head)[:BINARY_SNIFF_BYTES]):
        report.add(Problem(origin, None, f"binary file, not text; give text files ({SUPPORTED})"))
        return
    if kind is None:
        first = b"".join(head).removeprefix(codecs.BOM_UTF8).lstrip()
        kind = "jsonl" if first.startswith(b"{") else "text"
    rest = itertools.chain(head, lines)
    if kind == "jsonl":
        yield from _read_jsonl(origin, _decode_lines(origin, rest, report), report)
    elif kind == "csv":
        yield from _read_csv(origin, _decode_lines(origin, rest, report), report)
    else:
        text = _decode(origin, b"".join(rest), report)
        if not text.strip():
            report.add(Problem(origin, None, "empty file; add article text or remove the file"))
        elif kind == "json":
            yield from _read_json(origin, text, report)
        elif kind == "html":
            yield from _read_html(origin, text, report)
        else:
            yield _read_text(origin, text, markdown=kind == "markdown")


# Bytes that text never holds (all control characters but tab, line feed, form feed and
# carriage return). A file whose first 8 KiB are over a tenth these is binary (an image, an
# archive, UTF-16); a stray NUL in a text file is only dropped from the line that has it.
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0c\r") + b"\x7f"
BINARY_SHARE = 0.1


def _looks_binary(head: bytes) -> bool:
    return bool(head) and len(head) - len(head.translate(None, _CONTROL)) > BINARY_SHARE * len(head)


def _as_bytes(line: bytes | str) -> bytes:
    # Text streams hand over str; lone surrogates become invalid UTF-8 and are then reported.
    return line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line


def _invalid_utf8(origin: str, line: int | None) -> Problem:
    reason = "invalid UTF-8 replaced with U+FFFD; save the file as UTF-8 to keep those characters"
    return Problem(origin, line, reason, skipped=False)


def _decode(origin: str, data: bytes, report: ReadReport) -> str:
    data = data.replace(b"\0", b"")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(_invalid_utf8(origin, None))
        return data.decode("utf-8-sig", errors="replace")


def _decode_lines(origin: str, lines: Iterable[bytes], report: ReadReport) -> Iterator[str]:
    """Decode line by line; invalid UTF-8 is reported once, at the first line that has it."""
    reported = False
    for number, line in enumerate(lines, start=1):
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        line = line.replace(b"\0", b"")  # the csv module refuses NUL; JSON never needs a raw one
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            if not reported:
                report.add(_invalid_utf8(origin, number))
                reported = True
            yield line.decode("utf-8", errors="replace")


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _read_text(origin: str, text: str, *, markdown: bool) -> Article:
    lines = _clean(text).split("\n")
    first = lines[0].strip()
    if markdown:
        first = re.sub(r"\s+#+$", "", first.lstrip("#").strip()).strip()
    nonempty = sum(1 for line in lines if line.strip())
    if first and nonempty > 1 and len(first) <= MAX_TITLE_CHARS and not SENTENCE_END.search(first):
        title, body = first, "\n".join(lines[1:]).strip()
        return Article(id=article_id(text=body), text=body, title=title, source=_source(origin), origin=origin)
    body = "\n".join(lines)
    # no headline: the file's name says which article this is (the start of the text, on stdin)
    label = os.path.basename(origin) if origin != STDIN else _label(body)
    return Article(
        id=article_id(text=body), text=body, title=label, source=_source(origin), origin=origin, headline=False
    )


def _source(origin: str) -> str:
    """The file an article was read from, as the command line reaches it ('' for stdin)."""
    return "" if origin == STDIN else origin


LABEL_CHARS = 80


def _label(text: str) -> str:
    """A title for an article that has none: the start of its first line, cut between words.

    >>> _label("Acme sued Borealis.\\nThe case opens in May.")
    'Acme sued Borealis.'
    """
    first = " ".join(text.strip().split("\n", 1)[0].split())
    if len(first) <= LABEL_CHARS:
        return first
    cut = first.rfind(" ", 0, LABEL_CHARS)
    return first[: cut if cut > 0 else LABEL_CHARS].rstrip(" ,;:") + "…"


def _read_html(origin: str, html: str, report: ReadReport) -> Iterator[Article]:
    import htmldate  # imported here: trafilatura and htmldate are slow to load
    import trafilatura

    try:
        text = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(html)
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except Exception:  # a parser crash on one page must not stop the run
        text, meta, found = None, None, None
    text = _clean(text or "")
    if not text:
        reason = "no article text found in HTML; check that the page holds the article body"
        report.add(Problem(origin, None, reason))
        return
    url = _clean(meta.url or "") if meta is not None else ""
    title = _clean(meta.title or "") if meta is not None else ""
    head, _, rest = text.partition("\n")
    if title and head.strip() == title and rest.strip():
        text = rest.strip()  # the page's <h1> repeats the title; keep it out of the body
    yield Article(
        id=article_id(url=url, text=text),
        text=text,
        title=title,
        url=url,
        date=_date(found, origin, None, report),
        source=_source(origin) or (_clean(meta.sitename or "") if meta is not None else ""),
        origin=origin,
    )


def _date(value: object, origin: str, line: int | None, report: ReadReport) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = parse_date(value)
    if parsed is None:
        reason = f"unreadable date '{value}' ignored; write dates as YYYY-MM-DD"
        report.add(Problem(origin, line, reason, skipped=False))
    return parsed


def _field(value: object) -> str:
    return "" if value is None else _clean(str(value))


def _record(
    record: dict[str, Any], origin: str, line: int | None, report: ReadReport, item: str = ""
) -> Article | None:
    """Turn one JSON object or CSV row into an Article, or report why it cannot be one."""
    text: object = record.get("text")
    why = ""
    if text is None:
        why = "no 'text' field"
    elif not isinstance(text, str):
        why = f"'text' is a {type(text).__name__}, not a string"
    elif not text.strip():
        why = "empty 'text'"
    if why or not isinstance(text, str):
        report.add(Problem(origin, line, f"{item}{why}; every record needs a non-empty 'text'"))
        return None
    text, url = _clean(text), _field(record.get("url"))
    published = record.get("published")
    if published is None or published == "":
        published = record.get("date")
    title = _field(record.get("title"))
    return Article(
        id=article_id(id=record.get("id"), url=url, text=text),
        text=text,
        title=title or _label(text),
        url=url,
        date=_date(published, origin, line, report),
        source=_field(record.get("source")) or _source(origin),
        origin=origin if line is None else f"{origin}:{line}",
        headline=bool(title),
    )


def _read_jsonl(origin: str, lines: Iterable[str], report: ReadReport) -> Iterator[Article]:
    empty = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        empty = False
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            reason = f"invalid JSON ({e.msg}, column {e.colno}); fix or remove this line"
            report.add(Problem(origin, number, reason))
            continue
        if not isinstance(record, dict):
            reason = f"expected a JSON object, got {_json_type(record)}; write one object a line"
            report.add(Problem(origin, number, reason))
            continue
        article = _record(record, origin, number, report)
        if article is not None:
            yield article
    if empty:
        report.add(Problem(origin, None, "empty file; add article records or remove the file"))


def _json_type(value: object) -> str:
    names = {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _read_json(origin: str, text: str, report: ReadReport) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        reason = f"invalid JSON ({e.msg}, column {e.colno}); fix the file or use JSON Lines"
        report.add(Problem(origin, e.lineno, reason))
        return
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
        if not isinstance(data, list):
            reason = "'articles' is not a list; give a list of article objects"
            report.add(Problem(origin, None, reason))
            return
    if isinstance(data, dict):
        article = _record(data, origin, None, report)
        if article is not None:
            yield article
        return
    if not isinstance(data, list):
        reason = f"expected a list of article objects, got {_json_type(data)}"
        report.add(Problem(origin, None, reason))
        return
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            reason = f"item {index}: expected a JSON object, got {_json_type(item)}; remove it"
            report.add(Problem(origin, None, reason))
            continue
        article = _record(item, origin, None, report, item=f"item {index}: ")
        if article is not None:
            yield article


def _raise_csv_field_limit() -> None:
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


def _read_csv(origin: str, lines: Iterable[str], report: ReadReport) -> Iterator[Article]:
    _raise_csv_field_limit()
    reader = csv.reader(lines)
    columns: list[str] | None = None
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1  # physical line where this record began
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = [cell.strip().lower() for cell in row]
                if "text" not in columns:
                    shown = ", ".join(cell.strip() for cell in row)
                    reason = f"no 'text' column (columns: {shown}); add a 'text' header column"
                    report.add(Problem(origin, None, reason))
                    return
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(columns, row, strict=False):
                record.setdefault(name, cell)
            record.setdefault("text", "")
            article = _record(record, origin, line, report)
            if article is not None:
                yield article
    except csv.Error as e:
        report.add(Problem(origin, start, f"malformed CSV ({e}); rest of file skipped, fix it"))
        return
    if columns is None:
        report.add(Problem(origin, None, "empty file; add a header row and records"))

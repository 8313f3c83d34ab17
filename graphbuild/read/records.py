"""Articles from text and Markdown files and from JSON, JSON Lines and CSV records."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from graphbuild.read.dates import date_of
from graphbuild.read.decode import clean
from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem

STDIN = "-"
MAX_TITLE_CHARS = 200
# Python's JSON reader recurses once per bracket, up to the interpreter's limit (about 1,000).
TOO_DEEP = "JSON nested too deeply to read (brackets inside brackets over about 1,000 levels)"
MAX_ID_CHARS = 1000  # a longer id (or URL standing for one) is shortened: ID_PREFIX_CHARS and a digest
ID_PREFIX_CHARS = 100
# A line that ends a sentence is body text, not a headline: "He left." / 'she said "no!"'
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019\u00bb]*$")


def article_id(*, id: object = None, url: str = "", text: str) -> str:
    """Return a stable id: the given `id`, else the `url`, else a hash of the text. An id
    (or URL) over ``MAX_ID_CHARS`` characters is cut to its start and a digest of the whole.

    Example:
        >>> article_id(id=" 42 ", url="https://example.org/a", text="x")
        '42'
        >>> article_id(url="https://example.org/a", text="x")
        'https://example.org/a'
        >>> article_id(text=" Acme sued Globex. ")
        'sha1:b41b299872d3d743'
        >>> article_id(url="https://example.org/?q=" + "x" * 2000, text="x")[:40]
        'https://example.org/?q=xxxxxxxxxxxxxxxxx'
    """
    given = str(id).strip() if id is not None else ""
    given = given or url.strip()
    if not given:
        return "sha1:" + hashlib.sha1(text.strip().encode()).hexdigest()[:16]
    if len(given) > MAX_ID_CHARS:
        # an id is a key Neo4j indexes, which takes about 8 KB at most: the start, to read,
        # and a digest of the whole, to tell two apart
        digest = hashlib.sha1(given.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return f"{given[:ID_PREFIX_CHARS]}…sha1:{digest}"
    return given


def read_text(origin: str, text: str, *, markdown: bool) -> Article:
    lines = clean(text).split("\n")
    first = lines[0].strip()
    if markdown:
        first = re.sub(r"\s+#+$", "", first.lstrip("#").strip()).strip()
    nonempty = sum(1 for line in lines if line.strip())
    if first and nonempty > 1 and len(first) <= MAX_TITLE_CHARS and not SENTENCE_END.search(first):
        title, body = first, "\n".join(lines[1:]).strip()
        return Article(id=article_id(text=body), text=body, title=title, source=source_of(origin), origin=origin)
    body = "\n".join(lines)
    # no headline: the file's name says which article this is (the start of the text, on stdin)
    label = os.path.basename(origin) if origin != STDIN else label_of(body)
    return Article(
        id=article_id(text=body), text=body, title=label, source=source_of(origin), origin=origin, headline=False
    )


def source_of(origin: str) -> str:
    """The file an article was read from, as the command line reaches it ('' for stdin)."""
    return "" if origin == STDIN else origin


LABEL_CHARS = 80


def label_of(text: str) -> str:
    """A title for an article that has none: the start of its first line, cut between words.

    >>> label_of("Acme sued Borealis.\\nThe case opens in May.")
    'Acme sued Borealis.'
    """
    first = " ".join(text.strip().split("\n", 1)[0].split())
    if len(first) <= LABEL_CHARS:
        return first
    cut = first.rfind(" ", 0, LABEL_CHARS)
    return first[: cut if cut > 0 else LABEL_CHARS].rstrip(" ,;:") + "…"


def _scalar(value: object) -> bool:
    """A string or a number: what a field other than the text may hold."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def read_record(
    record: dict[str, Any], origin: str, line: int | None, report: ReadReport, item: str = ""
) -> Article | None:
    """Turn one JSON object or CSV row into an Article, or report why it cannot be one.

    A list, object or boolean where a title, url or source belongs is reported and ignored
    (never turned into text: printing a deeply nested one would not even end); one as the
    id skips the record, whose identity it would be."""
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
    given_id = record.get("id")
    if given_id is not None and not _scalar(given_id):
        reason = f"{item}'id' is {json_type(given_id)}, not a string or number; give each record a string id"
        report.add(Problem(origin, line, reason))
        return None

    def field(name: str) -> str:
        value = record.get(name)
        if value is None or _scalar(value):
            return "" if value is None else clean(str(value))
        reason = f"{item}'{name}' is {json_type(value)}, not text; ignored"
        report.add(Problem(origin, line, reason, skipped=False))
        return ""

    text, url = clean(text), field("url")
    published = record.get("published")
    if published is None or published == "":
        published = record.get("date")
    title = field("title")
    return Article(
        id=article_id(id=given_id, url=url, text=text),
        text=text,
        title=title or label_of(text),
        url=url,
        date=date_of(published, origin, line, report),
        source=field("source") or source_of(origin),
        origin=origin if line is None else f"{origin}:{line}",
        headline=bool(title),
    )


def read_jsonl(origin: str, lines: Iterable[str], report: ReadReport) -> Iterator[Article]:
    empty = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        empty = False
        record, why, _ = _parse_json(line)
        if why:
            report.add(Problem(origin, number, f"{why}; fix or remove this line"))
            continue
        if not isinstance(record, dict):
            reason = f"expected a JSON object, got {json_type(record)}; write one object a line"
            report.add(Problem(origin, number, reason))
            continue
        article = read_record(record, origin, number, report)
        if article is not None:
            yield article
    if empty:
        report.add(Problem(origin, None, "empty file; add article records or remove the file"))


def json_type(value: object) -> str:
    """What kind of JSON value ``value`` is, for messages: 'a list', 'an object', ..."""
    names = {list: "a list", dict: "an object", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _parse_json(text: str) -> tuple[Any, str, int | None]:
    """The JSON value; or why it cannot be read, and on which line when that is known."""
    try:
        return json.loads(text), "", None
    except json.JSONDecodeError as e:
        return None, f"invalid JSON ({e.msg}, column {e.colno})", e.lineno
    except RecursionError:
        return None, TOO_DEEP, None
    except ValueError:  # what else json raises: a number too long to convert
        return None, f"invalid JSON (a number of over {sys.get_int_max_str_digits():,} digits)", None


def read_json(origin: str, text: str, report: ReadReport) -> Iterator[Article]:
    data, why, line = _parse_json(text)
    if why:
        fix = "fix the file or use JSON Lines" if why.startswith("invalid JSON (") and line else "fix the file"
        report.add(Problem(origin, line, f"{why}; {fix}"))
        return
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
        if not isinstance(data, list):
            reason = "'articles' is not a list; give a list of article objects"
            report.add(Problem(origin, None, reason))
            return
    if isinstance(data, dict):
        article = read_record(data, origin, None, report)
        if article is not None:
            yield article
        return
    if not isinstance(data, list):
        reason = f"expected a list of article objects, got {json_type(data)}"
        report.add(Problem(origin, None, reason))
        return
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            reason = f"item {index}: expected a JSON object, got {json_type(item)}; remove it"
            report.add(Problem(origin, None, reason))
            continue
        article = read_record(item, origin, None, report, item=f"item {index}: ")
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


def read_csv(origin: str, lines: Iterable[str], report: ReadReport) -> Iterator[Article]:
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
            article = read_record(record, origin, line, report)
            if article is not None:
                yield article
    except csv.Error as e:
        report.add(Problem(origin, start, f"malformed CSV ({e}); rest of file skipped, fix it"))
        return
    if columns is None:
        report.add(Problem(origin, None, "empty file; add a header row and records"))

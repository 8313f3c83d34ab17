"""Bytes to text: binary files told apart, UTF-16 and UTF-32 read by their byte-order mark,
anything else as UTF-8 with bad bytes replaced and reported."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem

# Bytes that text never holds (all control characters but tab, line feed, form feed and
# carriage return). A file whose first 8 KiB are over a tenth these is binary (an image, an
# archive); a stray NUL in a text file is only dropped from the line that has it.
# (charset_normalizer's is_binary was tried: on a few bytes it answers either way, and it
# calls a CSV file with one stray NUL binary, losing its good lines.)
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0c\r") + b"\x7f"
BINARY_SHARE = 0.1
# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(head: bytes) -> bool:
    """An image, an archive, a PDF: over a tenth of the first bytes are control bytes."""
    return bool(head) and len(head) - len(head.translate(None, _CONTROL)) > BINARY_SHARE * len(head)


def wide_encoding(head: bytes) -> str | None:
    """The encoding, utf-16 or utf-32, when the bytes start with that encoding's byte-order mark."""
    return next((name for mark, name in _MARKS if head.startswith(mark)), None)


def as_bytes(line: bytes | str) -> bytes:
    # Text streams hand over str; lone surrogates become invalid UTF-8 and are then reported.
    return line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line


def _invalid_utf8(origin: str, line: int | None) -> Problem:
    reason = "invalid UTF-8 replaced with U+FFFD; save the file as UTF-8 to keep those characters"
    return Problem(origin, line, reason, skipped=False)


def decode(origin: str, data: bytes, report: ReadReport) -> str:
    data = data.replace(b"\0", b"")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(_invalid_utf8(origin, None))
        return data.decode("utf-8-sig", errors="replace")


def decode_lines(origin: str, lines: Iterable[bytes], report: ReadReport) -> Iterator[str]:
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


# Half of a UTF-16 pair, alone: JSON's "\ud800" escape, or a file name that is not UTF-8 as
# the operating system hands it over. No UTF-8 file can hold one, so it is replaced on reading.
SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("id", "text", "title", "url", "date", "source")


def without_surrogates(article: Article, origin: str) -> tuple[Article, str]:
    r"""``article`` with every lone surrogate replaced by U+FFFD, and what was repaired and
    how to keep those characters ('' when nothing was).

    >>> repaired, why = without_surrogates(Article("a", "Acme\udc80 sued."), "a.jsonl")
    >>> repaired.text == "Acme\ufffd sued.", why.split(";")[0]
    (True, "lone surrogate in 'text' replaced with U+FFFD")
    """
    found: dict[str, Any] = {
        name: SURROGATE.sub("\ufffd", value)
        for name in _TEXT_FIELDS
        if isinstance(value := getattr(article, name), str) and SURROGATE.search(value)
    }
    if not found:
        return article, ""
    if SURROGATE.search(origin) and found.keys() <= {"title", "source"}:
        fix = "the file name is not UTF-8: rename the file to keep those characters"
    else:
        fix = "a \\uD800-\\uDFFF escape stands alone: write the character itself, or both halves of its pair"
    names = ", ".join(f"'{name}'" for name in found)
    return replace(article, **found), f"lone surrogate in {names} replaced with U+FFFD; {fix}"


def clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()

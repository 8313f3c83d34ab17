"""Publication dates as ISO dates, read with dateutil."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from graphbuild.read.report import ReadReport
from graphbuild.types import Problem

# Day-first or month-first numbers ("03/01/2008") could be either: read neither.
AMBIGUOUS = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
# Two defaults that differ in every field: a date that comes out different under them lacked
# that field in the text ("March 2008" has no day) and is not read.
_DEFAULTS = (datetime(1901, 1, 1), datetime(1902, 2, 2))


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO date ``YYYY-MM-DD``, or None when it cannot be read.

    Reads ISO dates and datetimes (the date as written, no time zone shift), ``2008/03/01``,
    ``20080301``, ``March 01, 2008``, ``Mar. 1 2008``, ``Monday, March 1, 2008`` and ``1 March
    2008``. Day-first or month-first numeric dates such as ``03/01/2008`` are ambiguous, and a
    date without a day (``March 2008``) is no date: both give None.

    Example:
        >>> parse_date("2019-10-15T08:00:00Z"), parse_date("1 March 2008"), parse_date("soon")
        ('2019-10-15', '2008-03-01', None)
        >>> parse_date("03/01/2008"), parse_date("March 2008"), parse_date("2008/03/01")
        (None, None, '2008-03-01')
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or AMBIGUOUS.fullmatch(value.strip()):
        return None
    try:
        first, second = (dateutil_parser.parse(value.strip(), default=d, ignoretz=True) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None
    return first.date().isoformat()


def date_of(value: object, origin: str, line: int | None, report: ReadReport) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed = parse_date(value)
    if parsed is None:
        reason = f"unreadable date {_shown(value)} ignored; write dates as YYYY-MM-DD"
        report.add(Problem(origin, line, reason, skipped=False))
    return parsed


SHOWN_CHARS = 40


def _shown(value: object) -> str:
    """A value as a message shows it: a string quoted and cut short, anything else by its kind
    (a list nested a thousand deep is never turned into text)."""
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= SHOWN_CHARS else f"'{value[:SHOWN_CHARS]}…'"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"'{value}'"
    kinds = {list: "a list", dict: "an object", bool: "a boolean"}
    return f"({kinds.get(type(value), type(value).__name__)})"

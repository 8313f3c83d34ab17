"""Tests for graphbuild.read: formats, ids, titles, dates, problems, paths and stdin."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.read import ReadReport, article_id, parse_date, read_articles
from graphbuild.types import Article, Problem

DATA = Path(__file__).parent / "data"
UNSUPPORTED = "supported: .csv, .htm, .html, .json, .jsonl, .md, .txt"
NEEDS_TEXT = "every record needs a non-empty 'text'"


def read(*paths: object, stdin: Any = None) -> tuple[list[Article], ReadReport]:
    report = ReadReport()
    articles = list(read_articles([str(p) for p in paths], report=report, stdin=stdin))
    return articles, report


def where(report: ReadReport) -> list[tuple[str, int | None, bool]]:
    return [(p.origin, p.line, p.skipped) for p in report.problems]


def sha(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.encode()).hexdigest()[:16]


def write_jsonl(path: Path, *lines: object) -> Path:
    rows = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# ReadReport


def test_report_counts_skipped_and_calls_on_problem() -> None:
    seen: list[Problem] = []
    report = ReadReport(on_problem=seen.append)
    report.add(Problem("a.txt", None, "empty file"))
    report.add(Problem("b.txt", None, "invalid UTF-8", skipped=False))
    assert report.skipped == 1
    assert seen == report.problems
    assert len(seen) == 2


# article_id


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"id": " a-17 ", "url": "https://x.example/a", "text": "t"}, "a-17"),
        ({"id": 42, "text": "t"}, "42"),
        ({"id": "  ", "url": "https://x.example/a", "text": "t"}, "https://x.example/a"),
        ({"id": None, "url": " https://x.example/b ", "text": "t"}, "https://x.example/b"),
        ({"url": "", "text": "Acme sued Globex."}, sha("Acme sued Globex.")),
        ({"text": "\n  Acme sued Globex.  \n"}, sha("Acme sued Globex.")),
    ],
)
def test_article_id(kwargs: dict[str, object], expected: str) -> None:
    assert article_id(**kwargs) == expected  # type: ignore[arg-type]


@given(st.text())
def test_article_id_hash_ignores_surrounding_whitespace(text: str) -> None:
    assert article_id(text=f"  {text}\n") == article_id(text=text)
    assert article_id(text=text).startswith("sha1:")
    assert len(article_id(text=text)) == len("sha1:") + 16


# parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-10-15", "2019-10-15"),
        ("2019-10-15T08:00:00Z", "2019-10-15"),
        ("2019-10-15T23:30:00-05:00", "2019-10-15"),
        ("2019-10-15 08:00:00.123", "2019-10-15"),
        ("March 01, 2008", "2008-03-01"),
        ("Mar 1, 2008", "2008-03-01"),
        ("Sept. 9, 2008", "2008-09-09"),
        ("1 March 2008", "2008-03-01"),
        ("1st Mar 2008", "2008-03-01"),
        ("Monday, March 3, 2008", "2008-03-03"),
        ("2008/03/01", "2008-03-01"),
        ("20080301", "2008-03-01"),
        (20080301, "2008-03-01"),
        ("  2008-03-01  ", "2008-03-01"),
        (date(2008, 3, 1), "2008-03-01"),
        (datetime(2008, 3, 1, 12, 0), "2008-03-01"),
        ("2008-02-30", None),
        ("03/01/2008", None),
        ("Smarch 1, 2008", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (3.5, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_every_supported_spelling(day: date) -> None:
    for spelling in (
        day.isoformat(),
        day.strftime("%Y/%m/%d"),
        day.strftime("%Y%m%d"),
        f"{day:%B} {day.day}, {day.year}",
        f"{day:%b} {day.day:02d}, {day.year}",
        f"{day.day} {day:%B} {day.year}",
    ):
        assert parse_date(spelling) == day.isoformat(), spelling


# Plain text and Markdown


@pytest.mark.parametrize(
    ("name", "content", "title", "text"),
    [
        ("a.txt", "Mill closes\n\nThe mill closed.\n", "Mill closes", "The mill closed."),
        ("a.txt", "\n\nMill closes\nThe mill closed.", "Mill closes", "The mill closed."),
        (
            "a.txt",
            "Mill closes\r\n\r\nIt shut.\r\nAll left.\r\n",
            "Mill closes",
            "It shut.\nAll left.",
        ),
        ("a.txt", "The mill closed.\n", "", "The mill closed."),
        ("a.txt", "Mill closes\n", "", "Mill closes"),
        ("a.txt", "The mill closed.\nWorkers left.", "", "The mill closed.\nWorkers left."),
        ("a.txt", 'He said "go."\nThey went.', "", 'He said "go."\nThey went.'),
        ("a.txt", "Is it over?\u201d\nIt is.", "", "Is it over?\u201d\nIt is."),
        ("a.txt", "Wait!\nThen go.", "", "Wait!\nThen go."),
        ("a.txt", "x" * 201 + "\nBody.", "", "x" * 201 + "\nBody."),
        ("a.txt", "x" * 200 + "\nBody.", "x" * 200, "Body."),
        ("a.md", "# Mill closes\n\nThe mill closed.", "Mill closes", "The mill closed."),
        ("a.md", "### Mill closes ###\nThe mill closed.", "Mill closes", "The mill closed."),
        ("a.md", "Mill closes\nThe mill closed.", "Mill closes", "The mill closed."),
        ("a.md", "#\nThe mill closed.", "", "#\nThe mill closed."),
        ("A.TXT", "Mill closes\nThe mill closed.", "Mill closes", "The mill closed."),
    ],
)
def test_text_title_rule(tmp_path: Path, name: str, content: str, title: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode())
    (article,), report = read(path)
    # no headline: the file's name is the title people see, and it is not parsed
    assert (article.title, article.headline, article.text) == (title or name, bool(title), text)
    assert article.headline_text == title
    assert article.id == sha(text)
    assert article.origin == str(path)
    assert (article.url, article.date, article.source) == ("", None, str(path))
    assert report.problems == []


def test_markdown_fixture() -> None:
    (article,), _ = read(DATA / "council_vote.md")
    assert article.title == "Council backs new river crossing"
    assert article.text.startswith("The city council voted on Thursday")
    assert article.text.endswith("more than a decade.")


# HTML


def test_html_main_text_title_url_and_date() -> None:
    path = DATA / "harbour_strike.html"
    (article,), report = read(path)
    url = "https://courier.example.org/2021/06/harbour-strike-ends"
    assert article.id == url
    assert article.url == url
    assert article.title == "Dock workers end harbour strike after pay deal"
    assert article.date == "2021-06-14"
    assert article.source == str(path)  # the file it came from; the url names the publisher
    assert article.origin == str(path)
    assert article.text.startswith("The Portside Dockers Union agreed on Sunday")
    assert "Grain traders had criticized both sides" in article.text
    for boilerplate in ("Subscribe", "Privacy policy", "Copyright", "Weather"):
        assert boilerplate not in article.text
    assert report.problems == []


def test_html_without_article_text_is_skipped() -> None:
    path = DATA / "section_index.html"
    articles, report = read(path)
    assert articles == []
    assert where(report) == [(str(path), None, True)]
    assert report.problems[0].reason.startswith("no article text found in HTML")


def test_htm_suffix_is_html(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    path.write_bytes((DATA / "harbour_strike.html").read_bytes())
    (article,), _ = read(path)
    assert article.date == "2021-06-14"


# JSON Lines


def test_jsonl_fields(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {
            "id": "k1",
            "title": "Strike ends",
            "text": "Dockers\r\nreturned.",
            "url": "https://n.example/1",
            "published": "2019-10-15T08:00:00Z",
            "date": "1999-01-01",
            "source": "Wire",
        },
        "",
        {"text": "Second story.", "date": "Mar 1, 2008"},
        {"text": "Third story.", "url": "https://n.example/3", "published": None, "title": None},
    )
    first, second, third = (articles := read(path)[0])
    assert first == Article(
        id="k1",
        text="Dockers\nreturned.",
        title="Strike ends",
        url="https://n.example/1",
        date="2019-10-15",
        source="Wire",
        origin=f"{path}:1",
    )
    assert (second.id, second.date, second.origin) == (
        sha("Second story."),
        "2008-03-01",
        f"{path}:3",
    )
    # no title: the start of the text labels it, unparsed; no source: the file
    assert (third.id, third.title, third.headline, third.date) == ("https://n.example/3", "Third story.", False, None)
    assert (second.source, third.source) == (str(path), str(path))
    assert len(articles) == 3


def test_jsonl_broken_line_in_the_middle_keeps_the_rest(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {"text": "Before."},
        '{"text": "Broken", ',
        {"text": "After."},
    )
    articles, report = read(path)
    assert [a.text for a in articles] == ["Before.", "After."]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:3"]
    assert where(report) == [(str(path), 2, True)]
    assert report.problems[0].reason.startswith("invalid JSON")
    assert (report.files, report.articles, report.skipped) == (1, 2, 1)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "expected a JSON object, got a list; write one object a line"),
        ("17", "expected a JSON object, got a number; write one object a line"),
        ('{"title": "x"}', f"no 'text' field; {NEEDS_TEXT}"),
        ('{"text": "  "}', f"empty 'text'; {NEEDS_TEXT}"),
        ('{"text": 5}', f"'text' is a int, not a string; {NEEDS_TEXT}"),
        ('{"text": null}', f"no 'text' field; {NEEDS_TEXT}"),
    ],
)
def test_jsonl_bad_record(tmp_path: Path, line: str, reason: str) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", {"text": "Good."}, "", line, {"text": "Also good."})
    articles, report = read(path)
    assert [a.text for a in articles] == ["Good.", "Also good."]
    assert report.problems == [Problem(str(path), 3, reason)]


def test_jsonl_unreadable_date_is_dropped_not_skipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", {"text": "A.", "published": "next week"})
    (article,), report = read(path)
    assert article.date is None
    reason = "unreadable date 'next week' ignored; write dates as YYYY-MM-DD"
    assert report.problems == [Problem(str(path), 1, reason, skipped=False)]
    assert report.skipped == 0


# JSON


def test_json_object_with_articles_list() -> None:
    path = DATA / "feed.json"
    articles, report = read(path)
    assert [(a.id, a.title, a.date, a.source, a.origin) for a in articles] == [
        ("7", "Ferry service resumes", "2008-03-01", "Island Radio", str(path)),
        (
            "https://radio.example.com/quota",
            "Fishermen protested against the new quota outside the ministry.",
            None,
            str(path),
            str(path),
        ),
    ]
    assert report.problems == [
        Problem(str(path), None, f"item 1: no 'text' field; {NEEDS_TEXT}"),
        Problem(str(path), None, "item 2: expected a JSON object, got a string; remove it"),
    ]


def test_json_list_and_single_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "One."}, {"text": ""}, {"text": "Three."}]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Alone.", "published": "20080301"}))
    articles, report = read(many, one)
    assert [(a.text, a.date) for a in articles] == [
        ("One.", None),
        ("Three.", None),
        ("Alone.", "2008-03-01"),
    ]
    assert report.problems == [Problem(str(many), None, f"item 1: empty 'text'; {NEEDS_TEXT}")]


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ('[\n  {"text": "a"},\n  oops\n]', 3, "invalid JSON (Expecting value, column 3)"),
        ('"just a string"', None, "expected a list of article objects, got a string"),
        ('{"articles": {"text": "a"}}', None, "'articles' is not a list"),
        ('{"title": "t"}', None, "no 'text' field"),
    ],
)
def test_json_bad_file(tmp_path: Path, content: str, line: int | None, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    articles, report = read(path)
    assert articles == []
    assert where(report) == [(str(path), line, True)]
    assert report.problems[0].reason.startswith(reason)


# CSV


def test_csv_fixture_columns_lines_and_dates() -> None:
    path = DATA / "wire.csv"
    articles, report = read(path)
    assert articles == [
        Article(
            id="w-1",
            text="The transport regulator fined Northline Rail for repeated delays.\nThe company said it would appeal.",
            title="Rail firm fined",
            url="https://wire.example.net/w-1",
            date="2008-03-01",
            source="Example Wire",
            origin=f"{path}:2",
        ),
        Article(
            id="https://wire.example.net/w-3",
            text="The mayor of Eastford resigned after a budget dispute with the council.",
            title="Mayor resigns",
            url="https://wire.example.net/w-3",
            date=None,
            source="Example Wire",
            origin=f"{path}:5",
        ),
    ]
    # The first record spans lines 2-3, so the empty-text record starts on line 4.
    assert report.problems == [
        Problem(str(path), 4, f"empty 'text'; {NEEDS_TEXT}"),
        Problem(str(path), 5, "unreadable date 'someday' ignored; write dates as YYYY-MM-DD", False),
    ]


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,Body,url\n1,Something happened.,\n")
    articles, report = read(path)
    assert articles == []
    assert report.problems == [
        Problem(str(path), None, "no 'text' column (columns: id, Body, url); add a 'text' header column")
    ]


def test_csv_large_field_short_row_and_blank_lines(tmp_path: Path) -> None:
    big = "word " * 100_000
    path = tmp_path / "a.csv"
    path.write_text(f'\ntitle,text,date\nBig,"{big}",2008-03-01\n\nShort\r\n', newline="")
    articles, report = read(path)
    assert [(a.title, len(a.text), a.origin) for a in articles] == [("Big", len(big.strip()), f"{path}:3")]
    assert report.problems == [Problem(str(path), 5, f"empty 'text'; {NEEDS_TEXT}")]


# Problems every file can have


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".json", ".csv"])
@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path: Path, suffix: str, content: bytes) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    articles, report = read(path)
    assert articles == []
    assert where(report) == [(str(path), None, True)]
    assert report.problems[0].reason.startswith("empty file")
    assert report.files == 1


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
def test_binary_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(b"PK\x03\x04\x00\x00text\n" * 10)
    articles, report = read(path)
    assert articles == []
    assert where(report) == [(str(path), None, True)]
    assert report.problems[0].reason.startswith("binary file, not text")


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    text_path = tmp_path / "a.txt"
    text_path.write_bytes(b"Caf\xe9 owners protest rent rises.")
    lines_path = tmp_path / "b.jsonl"
    lines_path.write_bytes(b'{"text": "ok"}\n{"text": "Caf\xe9 closes."}\n{"text": "\xff"}\n')
    articles, report = read(text_path, lines_path)
    assert [a.text for a in articles] == [
        "Caf\ufffd owners protest rent rises.",
        "ok",
        "Caf\ufffd closes.",
        "\ufffd",
    ]
    assert where(report) == [(str(text_path), None, False), (str(lines_path), 2, False)]
    assert report.problems[0].reason.startswith("invalid UTF-8 replaced with U+FFFD")
    assert report.skipped == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt", "Title here\nBody text."),
        ("a.jsonl", '{"title": "Title here", "text": "Body text."}\n'),
        ("a.csv", "title,text\nTitle here,Body text.\n"),
        ("a.json", '{"title": "Title here", "text": "Body text."}'),
    ],
)
def test_utf8_bom_is_accepted(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + content.encode())
    (article,), report = read(path)
    assert (article.title, article.text) == ("Title here", "Body text.")
    assert report.problems == []


def test_unsupported_and_missing_paths(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    bare = tmp_path / "README"
    bare.write_text("hello")
    missing = tmp_path / "nowhere.txt"
    articles, report = read(pdf, bare, missing)
    assert articles == []
    assert report.problems == [
        Problem(str(pdf), None, f"unsupported file type '.pdf'; {UNSUPPORTED}"),
        Problem(str(bare), None, f"unsupported file type (no suffix); {UNSUPPORTED}"),
        Problem(str(missing), None, "no such file or directory; check the path"),
    ]
    assert report.files == 0


# Directories, globs, stdin


def test_directory_mixing_good_and_bad_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Port reopens\nThe port reopened.")
    write_jsonl(root / "b.jsonl", {"id": "b1", "text": "B one."}, {"id": "b2", "text": "B two."})
    (root / "c.json").write_text("[{")
    (root / "d.csv").write_bytes(b"text\n\x00\x00\n")
    (root / "e.md").write_text("")
    (root / "f.docx").write_bytes(b"zip")
    (root / "sub" / "g.md").write_text("# Bridge opens\nThe bridge opened.")
    (root / "sub" / "deeper" / "h.TXT").write_text("Deep story.")
    (root / ".hidden.txt").write_text("Not read.")
    (root / ".git" / "x.txt").write_text("Not read either.")

    articles, report = read(root)

    assert [(a.id, a.origin) for a in articles] == [
        (sha("The port reopened."), f"{root}/a.txt"),
        ("b1", f"{root}/b.jsonl:1"),
        ("b2", f"{root}/b.jsonl:2"),
        (sha("The bridge opened."), f"{root}/sub/g.md"),
        (sha("Deep story."), f"{root}/sub/deeper/h.TXT"),
    ]
    assert where(report) == [
        (f"{root}/c.json", 1, True),
        (f"{root}/d.csv", None, True),
        (f"{root}/e.md", None, True),
        (f"{root}/f.docx", None, True),
    ]
    assert report.problems[3].reason == f"unsupported file type '.docx'; {UNSUPPORTED}"
    assert (report.files, report.articles, report.skipped) == (7, 5, 4)


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / ".only-hidden").write_text("x")
    articles, report = read(tmp_path)
    assert articles == []
    assert report.problems == [Problem(str(tmp_path), None, "directory has no files to read; check the path")]


def test_glob_patterns(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Story B.")
    (tmp_path / "a.txt").write_text("Story A.")
    (tmp_path / "c.md").write_text("Story C.")
    (tmp_path / "sub" / "d.txt").write_text("Story D.")

    articles, report = read(tmp_path / "*.txt")
    assert [a.text for a in articles] == ["Story A.", "Story B."]

    articles, report = read(tmp_path / "**" / "*.txt")
    assert [a.text for a in articles] == ["Story A.", "Story B.", "Story D."]

    pattern = tmp_path / "*.csv"
    articles, report = read(pattern)
    assert articles == []
    assert report.problems == [Problem(str(pattern), None, "no files match this pattern; check the pattern")]


def test_paths_may_be_one_string_or_pathlib(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Story A.")
    assert [a.text for a in read_articles(str(path))] == ["Story A."]
    assert [a.text for a in read_articles([path])] == ["Story A."]  # type: ignore[list-item]


def test_stdin_jsonl() -> None:
    stream = io.BytesIO(b'\n  {"id": "s1", "text": "From a pipe."}\nnot json\n{"text": "Last."}\n')
    articles, report = read("-", stdin=stream)
    assert [(a.id, a.origin) for a in articles] == [("s1", "-:2"), (sha("Last."), "-:4")]
    assert where(report) == [("-", 3, True)]
    assert (report.files, report.articles) == (1, 2)


def test_stdin_plain_text() -> None:
    stream = io.BytesIO(b"Storm closes schools\n\nAll schools shut on Friday.\n")
    (article,), report = read("-", stdin=stream)
    assert article.title == "Storm closes schools"
    assert article.text == "All schools shut on Friday."
    assert article.origin == "-"
    assert report.problems == []


def test_stdin_text_stream_and_problems() -> None:
    (article,), _ = read("-", stdin=io.StringIO("Café owners protest."))
    assert article.text == "Café owners protest."
    _, report = read("-", stdin=io.BytesIO(b""))
    assert where(report) == [("-", None, True)]
    assert report.problems[0].reason.startswith("empty file")
    _, report = read("-", stdin=io.BytesIO(b"\x00\x01\x02"))
    assert report.problems[0].reason.startswith("binary file, not text")


class _CountingStream:
    """A byte stream that counts how many lines have been taken from it."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self.taken = 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.lines:
            self.taken += 1
            yield line


def test_jsonl_is_streamed() -> None:
    body = "x" * 5000
    lines = [json.dumps({"id": str(n), "text": body}).encode() + b"\n" for n in range(50)]
    stream = _CountingStream(lines)
    articles = read_articles(["-"], stdin=stream)  # type: ignore[arg-type]
    assert next(articles).id == "0"
    assert stream.taken <= 3  # the 8 KiB binary check, then one line at a time
    assert [a.id for a in articles] == [str(n) for n in range(1, 50)]


def test_problems_are_reported_as_they_happen(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "a.jsonl", {"text": "One."}, "{", {"text": "Two."})
    events: list[str] = []
    report = ReadReport(on_problem=lambda problem: events.append(f"problem {problem.line}"))
    for article in read_articles([str(good)], report=report):
        events.append(f"article {article.origin.rsplit(':', 1)[1]}")
    assert events == ["article 1", "problem 2", "article 3"]


def test_a_stray_nul_loses_only_its_line(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(
        b'{"id": "1", "text": "Acme sued Globex."}\n\x00\x00\x00\n{"id": "2", "text": "Glo\x00bex won."}\n'
    )
    articles, report = read(jsonl)
    assert [(a.id, a.text) for a in articles] == [("1", "Acme sued Globex."), ("2", "Globex won.")]
    csv_file = tmp_path / "a.csv"
    csv_file.write_bytes(b"id,text\n1,Acme sued\x00 Globex.\n2,Globex won.\n")
    articles, report = read(csv_file)
    assert [a.text for a in articles] == ["Acme sued Globex.", "Globex won."] and report.skipped == 0


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read_as_such(tmp_path: Path, encoding: str) -> None:
    text = tmp_path / "a.txt"
    text.write_bytes("Société Générale sued Crédit Agricole.\nThe case opens in May.".encode(encoding))
    (article,), report = read(text)
    assert article.text == "Société Générale sued Crédit Agricole.\nThe case opens in May."
    assert [(p.reason, p.skipped) for p in report.problems] == [
        (f"read as {encoding.upper()}; save the file as UTF-8", False)
    ]
    lines = tmp_path / "a.jsonl"
    lines.write_bytes(
        '{"id": "1", "text": "Société Générale won."}\n{"id": "2", "text": "Acme lost."}\n'.encode(encoding)
    )
    articles, _ = read(lines)
    assert [(a.id, a.text) for a in articles] == [("1", "Société Générale won."), ("2", "Acme lost.")]


# over-long articles


def test_an_article_over_the_limit_is_skipped_with_one_problem_naming_it(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {"id": "short", "text": "Acme sued Globex."},
        {"id": "long", "title": "Acme files", "text": "Acme sued Globex. " * 10},
        {"id": "after", "text": "Globex won."},
    )
    report = ReadReport()
    articles = list(read_articles([str(path)], report=report, max_chars=100))
    assert [a.id for a in articles] == ["short", "after"] and report.articles == 2
    assert [str(p) for p in report.problems] == [
        f"{path}:2: article 'long' has 189 characters, more than --max-article-chars 100; split it into "
        "articles, or read it whole with --max-article-chars 189"
    ]
    assert report.skipped == 1
    # the headline counts: it is parsed too
    assert [a.id for a in read_articles([str(path)], max_chars=179)] == ["short", "after"]
    assert [a.id for a in read_articles([str(path)], max_chars=189)] == ["short", "long", "after"]

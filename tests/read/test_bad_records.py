"""One bad record never stops a read: JSON nested too deep, lone surrogate escapes, fields of
the wrong type, file names that are not UTF-8, a second article under an id already read,
directories that cannot be listed. Each is one problem with its file and line; the rest is read."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from graphbuild.read import ReadReport, read_articles
from graphbuild.types import Article, Problem, printable

GOOD = {"id": "good", "text": "Acme sued Globex."}
DEEP = "[" * 100_000 + "]" * 100_000


def read(*paths: object) -> tuple[list[Article], ReadReport]:
    report = ReadReport()
    return list(read_articles([str(p) for p in paths], report=report)), report


def write_jsonl(path: Path, *lines: object) -> Path:
    rows = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def encodable(article: Article) -> bool:
    fields = (article.id, article.text, article.title, article.url, article.date or "", article.source)
    return all(isinstance(value, str) and value.encode("utf-8") is not None for value in fields)


# nesting


def test_a_json_file_nested_100000_deep_is_one_line_and_the_file_beside_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text(DEEP, encoding="utf-8")
    write_jsonl(tmp_path / "good.jsonl", GOOD)
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    [problem] = report.problems
    assert (problem.origin, problem.line, problem.skipped) == (str(tmp_path / "deep.json"), None, True)
    assert "nested too deeply" in problem.reason


def test_a_json_lines_record_nested_100000_deep_loses_only_its_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", GOOD, '{"text": ' + DEEP + "}", {"id": "after", "text": "B."})
    articles, report = read(path)
    assert [a.id for a in articles] == ["good", "after"]
    assert [(p.line, p.skipped) for p in report.problems] == [(2, True)]
    assert "nested too deeply" in report.problems[0].reason


def test_deep_nesting_in_a_field_the_reader_ignores_or_refuses_never_recurses(tmp_path: Path) -> None:
    deep = "[" * 900 + "]" * 900  # json reads it; printing it would recurse
    record = f'{{"id": "a", "text": "Acme sued Globex.", "title": {deep}, "published": {deep}, "url": {deep}}}'
    (article,), report = read(write_jsonl(tmp_path / "a.jsonl", record))
    assert (article.title, article.url, article.date) == ("Acme sued Globex.", "", None)
    assert all(not p.skipped and len(p.reason) < 200 for p in report.problems)
    assert {p.reason.split(" ")[0] for p in report.problems} == {"'title'", "'url'", "unreadable"}


# surrogates


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_lone_surrogate_escape_is_replaced_at_read_time_and_said(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_text('{"id": "s\\ud800", "text": "Acme \\udc00sued Globex.", "title": "T\\ud83d"}\n', encoding="utf-8")
    (article,), report = read(path)
    assert (article.id, article.text, article.title) == ("s\ufffd", "Acme \ufffdsued Globex.", "T\ufffd")
    assert encodable(article)
    [problem] = report.problems
    assert not problem.skipped and problem.line == (1 if suffix == ".jsonl" else None)
    assert "lone surrogate" in problem.reason and "'id', 'text', 'title'" in problem.reason
    assert "U+FFFD" in problem.reason


def test_a_surrogate_pair_is_one_character_not_a_problem(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", '{"text": "Acme \\ud83d\\ude00 sued Globex."}')
    (article,), report = read(path)
    assert article.text == "Acme \U0001f600 sued Globex." and report.problems == []


def test_a_file_name_that_is_not_utf8_gives_a_source_that_is(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, as os.listdir hands it over
    (tmp_path / name).write_text("Acme sued Globex.", encoding="utf-8")
    (article,), report = read(tmp_path)
    assert encodable(article) and article.source.endswith("caf\ufffd.txt")
    [problem] = report.problems
    assert not problem.skipped and "file name is not UTF-8" in problem.reason


# wrong types


@pytest.mark.parametrize(
    ("record", "skipped", "reason"),
    [
        ({"id": {"a": 1}, "text": "A."}, True, "'id' is an object, not a string or number; give each record"),
        ({"id": [1], "text": "A."}, True, "'id' is a list, not a string or number"),
        ({"id": True, "text": "A."}, True, "'id' is a boolean, not a string or number"),
        ({"text": "A.", "title": ["x"]}, False, "'title' is a list, not text; ignored"),
        ({"text": "A.", "url": {"href": "x"}}, False, "'url' is an object, not text; ignored"),
        ({"text": "A.", "source": False}, False, "'source' is a boolean, not text; ignored"),
        ({"text": "A.", "published": [2024, 1, 2]}, False, "unreadable date (a list) ignored"),
    ],
)
def test_a_field_of_the_wrong_type_is_one_line(tmp_path: Path, record: dict[str, Any], skipped: bool, reason: str):
    articles, report = read(write_jsonl(tmp_path / "a.jsonl", record, GOOD))
    assert [a.id for a in articles][-1] == "good" and len(articles) == 2 - skipped
    [problem] = report.problems
    assert (problem.line, problem.skipped) == (1, skipped)
    assert reason in problem.reason


def test_numbers_are_fine_as_ids_and_titles(tmp_path: Path) -> None:
    (article,), report = read(write_jsonl(tmp_path / "a.jsonl", {"id": 42, "title": 7, "text": "A."}))
    assert (article.id, article.title, report.problems) == ("42", "7", [])


def test_a_long_unreadable_date_is_shown_cut(tmp_path: Path) -> None:
    _, report = read(write_jsonl(tmp_path / "a.jsonl", {"text": "A.", "date": "x" * 10_000}))
    [problem] = report.problems
    assert len(problem.reason) < 200 and "unreadable date 'xxx" in problem.reason


# one id, two articles


def test_a_second_text_under_an_id_already_read_is_skipped_with_where_the_first_was(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", {"id": "x", "text": "Acme sued Globex."})
    second = write_jsonl(tmp_path / "b.jsonl", GOOD, {"id": "x", "text": "Globex sued Acme."})
    articles, report = read(first, second)
    assert [(a.id, a.text) for a in articles] == [("x", "Acme sued Globex."), ("good", "Acme sued Globex.")]
    [problem] = report.problems
    assert (problem.origin, problem.line, problem.skipped) == (str(second), 2, True)
    assert f"article id 'x' was read before (at {first}:1) with another text" in problem.reason
    assert report.skipped == 1 and report.articles == 2


def test_the_same_article_read_twice_is_read_once(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", GOOD)
    articles, report = read(path, path)
    assert [a.id for a in articles] == ["good"]
    [problem] = report.problems
    assert not problem.skipped and f"repeats article 'good' read at {path}:1" in problem.reason


def test_two_text_files_with_one_text_are_one_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Acme sued Globex.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Acme sued Globex.", encoding="utf-8")
    articles, report = read(tmp_path)
    assert [a.source for a in articles] == [str(tmp_path / "a.txt")]
    assert [p.skipped for p in report.problems] == [False]


# directories


def test_a_directory_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch) -> None:
    """The walk is given the error the operating system gives a user without permission
    (tests/cli/test_inputs_cli.py has the real thing, through the command)."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "good.txt").write_text("Acme sued Globex.", encoding="utf-8")
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, report = read(tmp_path)
    assert len(articles) == 1
    assert report.problems == [
        Problem(str(tmp_path / "locked"), None, "cannot list directory: Permission denied; check its permissions")
    ]


# names in lines


def test_a_problem_is_one_line_whatever_the_file_is_called() -> None:
    problem = Problem("in/a\nskipped 0.txt", 3, "article id 'x\\n' was read before\u2028 \x1b[2J")
    assert str(problem) == "in/a\\nskipped 0.txt:3: article id 'x\\n' was read before\\u2028 \\x1b[2J"
    assert printable("caf\udce9 \t\u202e.txt") == "caf\\udce9 \\t\\u202e.txt"
    assert printable("Zürich – ok") == "Zürich – ok"

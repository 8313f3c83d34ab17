"""Tests for graphbuild.output: aligned tables, cells, CSV and JSON Lines."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from graphbuild.output import MAX_CELL, cell, csv_text, format_table, json_line

# cell


def test_cell_renders_values() -> None:
    assert cell(None) == ""
    assert cell(True) == "yes"
    assert cell(False) == "no"
    assert cell(0) == "0"
    assert cell(2.5) == "2.5"
    assert cell(["SUES", "FINES"]) == "SUES, FINES"
    assert cell(("a", None, 3)) == "a, , 3"
    assert cell([]) == ""
    assert cell("Acme\n  sued\tBorealis ") == "Acme sued Borealis"


def test_cell_cuts_long_text_with_an_ellipsis() -> None:
    assert cell("x" * 100, width=10) == "x" * 9 + "…"
    assert cell("x" * 10, width=10) == "x" * 10
    assert cell("x" * 100, width=None) == "x" * 100
    assert cell("y" * 200) == "y" * (MAX_CELL - 1) + "…"
    assert cell(["abcdef", "ghijkl"], width=8) == "abcdef,…"


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_cell_never_exceeds_the_width(text: str, width: int) -> None:
    out = cell(text, width=width)
    assert len(out) <= width
    assert "\n" not in out
    if len(out) == width and out.endswith("…"):
        assert " ".join(text.split()).startswith(out[:-1])


# format_table


def test_format_table_aligns_text_left_and_numbers_right() -> None:
    rows = [
        {"actor": "Acme", "relations": ["SUES", "FINES"], "mentions": 12, "first_seen": None, "negated": False},
        {"actor": "Borealis Group", "relations": [], "mentions": 3, "first_seen": "2024-01-10", "negated": True},
    ]
    table = format_table(rows, ["actor", "relations", "mentions", "first_seen", "negated"])
    assert table.split("\n") == [
        "actor           relations    mentions  first_seen  negated",
        "--------------  -----------  --------  ----------  -------",
        "Acme            SUES, FINES        12              no",
        "Borealis Group                      3  2024-01-10  yes",
    ]


def test_format_table_numbers_narrower_than_their_header() -> None:
    table = format_table([{"name": "a", "n": 7}, {"name": "b", "n": 1234}], ["n", "name"])
    assert table == "   n  name\n----  ----\n   7  a\n1234  b"


def test_format_table_column_with_a_non_number_is_left_aligned() -> None:
    table = format_table([{"n": 5}, {"n": None}, {"n": 10}], ["n"])
    assert table == "n\n--\n5\n\n10"


def test_format_table_bools_are_not_numbers() -> None:
    table = format_table([{"ok": True, "x": 1}, {"ok": False, "x": 22}], ["ok", "x"])
    assert table == "ok    x\n---  --\nyes   1\nno   22"


def test_format_table_cuts_long_cells_to_the_width() -> None:
    rows = [{"sentence": "word " * 40, "n": 1}]
    lines = format_table(rows, ["sentence", "n"], width=20).split("\n")
    assert lines[2] == "word word word word…  1"
    assert len(lines[1]) == len(lines[2]) == 23
    wide = format_table(rows, ["sentence", "n"], width=None).split("\n")
    assert wide[2].startswith(("word " * 40).strip())


def test_format_table_missing_columns_are_empty_and_extra_keys_ignored() -> None:
    table = format_table([{"a": "x", "secret": "hidden"}], ["a", "b"])
    assert table == "a  b\n-  -\nx"
    assert "hidden" not in table


def test_format_table_without_rows_has_the_header_only() -> None:
    assert format_table([], ["actor", "mentions"]) == "actor  mentions\n-----  --------"


# csv_text


def test_csv_text_header_lists_and_quoting() -> None:
    rows = [
        {"actor": 'Acme, "the" firm', "relations": ["SUES", "FINES"], "mentions": 2, "first_seen": None, "x": 1},
        {"actor": "Borealis", "relations": [], "mentions": 10, "first_seen": "2024-01-10", "x": 2},
    ]
    text = csv_text(rows, ["actor", "relations", "mentions", "first_seen"])
    assert text == (
        "actor,relations,mentions,first_seen\n"
        '"Acme, ""the"" firm","[""SUES"", ""FINES""]",2,\n'
        "Borealis,[],10,2024-01-10\n"
    )
    back = list(csv.DictReader(io.StringIO(text)))
    assert back[0]["actor"] == 'Acme, "the" firm'
    assert json.loads(back[0]["relations"]) == ["SUES", "FINES"]
    assert back[0]["first_seen"] == ""


def test_csv_text_keeps_newlines_inside_quotes() -> None:
    text = csv_text([{"sentence": "line one\nline two"}], ["sentence"])
    assert text == 'sentence\n"line one\nline two"\n'
    assert next(csv.DictReader(io.StringIO(text)))["sentence"] == "line one\nline two"


def test_csv_text_column_order_and_no_header() -> None:
    rows = [{"b": 1, "a": "x"}]
    assert csv_text(rows, ["a", "b"]) == "a,b\nx,1\n"
    assert csv_text(rows, ["a", "b"], header=False) == "x,1\n"
    assert csv_text([], ["a", "b"]) == "a,b\n"


# json_line


def test_json_line_is_one_line_of_unescaped_json() -> None:
    row = {"actor": "Société Générale", "relations": ["SUES"], "first_seen": None, "sentence": "a\nb"}
    line = json_line(row)
    assert "\n" not in line
    assert "Société Générale" in line
    assert json.loads(line) == row

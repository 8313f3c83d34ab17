"""Tests for graphbuild.present.output: aligned tables, cells, CSV and JSON Lines."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from graphbuild.present.output import cell, csv_text, format_table, json_line

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


@given(st.text())
def test_cell_is_one_line_and_keeps_every_word(text: str) -> None:
    out = cell(text)
    assert "\n" not in out
    assert out.split() == text.split()


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


def test_format_table_wraps_long_cells_within_their_column() -> None:
    sentence = "Acme sued Borealis over a patent on Monday, and Borealis said it would appeal the ruling."
    rows = [{"sentence": sentence, "n": 1}, {"sentence": "short", "n": 22}]
    lines = format_table(rows, ["sentence", "n"], width=20).split("\n")
    assert lines == [
        "sentence               n",
        "--------------------  --",
        "Acme sued Borealis     1",
        "over a patent on",
        "Monday, and Borealis",
        "said it would appeal",
        "the ruling.",
        "short                 22",
    ]
    wide = format_table(rows, ["sentence", "n"], width=None).split("\n")
    assert wide[2].startswith(sentence)


@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200), min_size=1, max_size=4),
    st.integers(min_value=5, max_value=60),
)
def test_format_table_loses_no_word_and_keeps_to_the_width(texts: list[str], width: int) -> None:
    rows = [{"text": t, "n": i} for i, t in enumerate(texts)]
    table = format_table(rows, ["text", "n"], width=width).split("\n")
    column = len(table[1].split()[0])
    assert column <= max(width, len("text"))
    # every character of every cell, in order (a word longer than the column is broken)
    kept = "".join("".join(line[:column].split()) for line in table[2:])
    assert kept == "".join("".join(texts).split())


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

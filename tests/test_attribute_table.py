"""The attribute ruler as tables gives the Doc spaCy's ruler gives, on the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from graphbuild.attribute_table import AttributeTable
from graphbuild.nlp import ATTRIBUTE_PIPE

ROOT = Path(__file__).resolve().parents[1]
# Invented sentences that reach the ruler's word rules: contractions, "gonna", "let's", a
# possessive, a stray space, numbers, symbols and a quote.
TEXTS = [
    "Kestrel Motors ain't gonna sue Vantage Mobile, let's be clear.",
    "We gotta  go  now, said the minister of Osteria's   transport office.",
    "The firm's 2,000 workers didn't strike; they'd voted 55% to 45% against it.",
    "\"I can't,\" she said.\n\nMarrenland's envoy won't comment - nor will Velt's.",
    "",
    "   ",
]


def _columns(doc) -> tuple:
    return (
        doc.to_array([POS, MORPH, LEMMA, TAG, DEP, HEAD]).tolist(),
        [str(t.morph) for t in doc],
        [t.lemma_ for t in doc],
    )


def _texts() -> list[str]:
    articles = [json.loads(line) for line in (ROOT / "tests" / "corpus" / "articles.jsonl").read_text().splitlines()]
    return TEXTS + [f"{a.get('title', '')}\n\n{a['text']}" for a in articles]


@pytest.mark.model
def test_pipeline_uses_the_table_in_place_of_the_ruler(nlp):
    assert ATTRIBUTE_PIPE in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names  # disabled, kept for its rules
    assert nlp.pipe_names.index(ATTRIBUTE_PIPE) == nlp.pipe_names.index("parser") + 1


@pytest.mark.model
def test_table_sets_what_the_ruler_sets(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    table = nlp.get_pipe(ATTRIBUTE_PIPE)
    with nlp.select_pipes(disable=[ATTRIBUTE_PIPE, "ner"]):
        docs = list(nlp.pipe(_texts()))
    assert sum(len(d) for d in docs) > 5000
    for doc in docs:
        by_ruler, by_table = ruler(doc.copy()), table(doc.copy())
        assert _columns(by_table) == _columns(by_ruler), doc.text[:60]
    # and the rules changed something: the Docs before the ruler differ
    assert any(_columns(d) != _columns(ruler(d.copy())) for d in docs)


def _ruler(patterns: list[dict]) -> AttributeRuler:
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return ruler


def test_a_later_rule_wins_and_the_index_picks_the_token():
    patterns = [
        {"patterns": [[{"LOWER": "kestrel"}]], "attrs": {"LEMMA": "first"}},
        {"patterns": [[{"LOWER": {"IN": ["kestrel", "velt"]}}]], "attrs": {"LEMMA": "second"}},
        {"patterns": [[{"LOWER": "the"}, {"LOWER": {"REGEX": "^v"}}]], "attrs": {"LEMMA": "after-the"}, "index": -1},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"LEMMA": "space"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["kestrel", "velt", "the", "and"]}}]], "attrs": {"NORM": "other"}},
    ]
    ruler = _ruler(patterns)
    table = AttributeTable.of(ruler)
    assert table is not None
    make = spacy.blank("en", vocab=ruler.vocab).make_doc
    text = "Kestrel and  the Velt"
    by_ruler, by_table = ruler(make(text)), table(make(text))
    assert [t.lemma_ for t in by_table] == [t.lemma_ for t in by_ruler] == ["second", "", "space", "", "after-the"]
    assert [t.norm_ for t in by_table] == [t.norm_ for t in by_ruler]
    assert np.array_equal(by_table.to_array([LEMMA]), by_ruler.to_array([LEMMA]))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}],  # three tokens
        [{"LOWER": "a", "OP": "?"}],  # an operator
        [{"TAG": {"REGEX": "^N"}}],  # a regular expression on a tag
        [{"SHAPE": "Xxxx"}],  # a column the table does not read
    ],
)
def test_a_rule_the_table_cannot_read_keeps_spacys_ruler(pattern):
    assert AttributeTable.of(_ruler([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])) is None

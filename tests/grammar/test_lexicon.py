"""The lexicon's data files: well-formed, one relation per trigger, and every row fires."""

from __future__ import annotations

import re

import pytest

from graphbuild.errors import LexiconError
from graphbuild.grammar import lexicon
from graphbuild.grammar.extract import sentence_frames
from graphbuild.grammar.lexicon import Entry, check_entries, check_words, lexicon_entries
from graphbuild.grammar.mentions import build_index
from graphbuild.grammar.registry import Context
from graphbuild.grammar.rules import ordered_rules

ENTRIES = lexicon_entries()
# The rules each table's rows fire through.
RULES_OF = {
    "verb": {"verb", "verb-surface", "verb-prep", "verb-prep-surface", "verb-passive", "verb-object"},
    "noun": {"noun", "noun-between", "noun-go-between"},
    "adjective": {"copula"},
}
# A row whose note starts so is a known gap: its test is a strict expected failure, with the
# note's reason, and starts failing (so the note must go) the day the row fires.
CANNOT_FIRE = "cannot fire:"


def _entry(**changes) -> Entry:
    base = {"kind": "verb", "trigger": "sue", "relation": "SUES", "example": "Cisco sued Apple.", "where": "t:1"}
    return Entry(**{**base, **changes})


def test_the_shipped_lexicon_loads():
    assert len(ENTRIES) > 400
    assert lexicon.VERB_PHRASES["raid"] == "INVESTIGATES"
    assert lexicon.VERB_PHRASES["fund"] == lexicon.VERB_PHRASES["bankroll"] == "SUPPORTS"


def test_a_repeated_row_is_refused():
    with pytest.raises(LexiconError, match=r"t:2: 'sue' as SUES repeats t:1"):
        check_entries([_entry(), _entry(where="t:2")])


def test_a_clashing_row_is_refused():
    with pytest.raises(LexiconError, match=r"'raid' as ATTACKS clashes with INVESTIGATES in t:1"):
        check_entries([_entry(trigger="raid", relation="INVESTIGATES"), _entry(trigger="raid", relation="ATTACKS")])


def test_the_same_word_in_another_table_is_no_clash():
    # the noun "fight" (a dispute) and the verb "fight" (armed) are different triggers
    rows = [_entry(trigger="fight", relation="FIGHTS"), _entry(kind="noun", trigger="fight", prepositions=("with",))]
    assert len(check_entries(rows)) == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"relation": "LIKES"}, "unknown relation 'LIKES'"),
        ({"example": ""}, "no example sentence"),
        ({"trigger": "Sue"}, "lower case"),
        ({"kind": "noun", "trigger": "lawsuit"}, "names no preposition"),
    ],
)
def test_malformed_rows_are_refused(changes, message):
    with pytest.raises(LexiconError, match=message):
        check_entries([_entry(**changes)])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"actors": ("target",)}, "write one or more of object, prep, mutual"),
        ({"actors": ("prep",)}, "after a preposition it does not name"),
        ({"objects": ("curfew",), "actors": ("object",)}, "its direct object is no actor"),
        ({"objects": ("curfew",), "prep": "on", "actors": ("prep",), "exclude": ("curfew",)}, "requires and excludes"),
    ],
)
def test_malformed_verb_rows_are_refused(changes, message):
    with pytest.raises(LexiconError, match=message):
        check_entries([_entry(lemma="lift", **changes)])


def test_rows_that_require_an_object_clash_per_noun():
    lift = {"lemma": "lift", "prep": "on", "actors": ("prep",)}
    first = _entry(trigger="lift curfew|ban on", objects=("curfew", "ban"), relation="YIELDS_TO", **lift)
    other = _entry(trigger="lift ban on", objects=("ban",), relation="BANS", where="t:2", **lift)
    with pytest.raises(LexiconError, match="'lift ban on' as BANS clashes with YIELDS_TO in t:1"):
        check_entries([first, other])
    assert len(check_entries([first, _entry(trigger="lift siege on", objects=("siege",), where="t:3", **lift)])) == 2


def test_a_row_takes_polarity_and_intensity_from_its_relation():
    for entry in ENTRIES:
        assert (entry.polarity, entry.intensity) == (entry.type.polarity, entry.type.intensity)
    assert _entry().polarity == "conflict"


def test_imported_rows_name_their_source_and_licence():
    imported = [e for e in ENTRIES if e.source]
    assert imported, "the PETRARCH2 rows carry their source"
    assert all(re.fullmatch(r"petrarch2 CAMEO\.2\.0\.txt:\d+ \[[0-9:]+\]", e.source) for e in imported)
    readme = (lexicon.DATA / "README.md").read_text(encoding="utf-8")
    assert "openeventdata/petrarch2, MIT" in readme and "Permission is hereby granted" in readme


def test_object_rows_are_looked_up_by_verb_and_noun():
    assert [e.trigger for e in lexicon.VERB_OBJECTS["open", "fire"]] == ["open fire on", "open fire at"]
    assert "open" not in lexicon.VERB_PREPS  # they widen no search for a preposition
    assert "open" in lexicon.VERB_LEMMAS


def test_word_lists_refuse_repeats_and_spaced_words():
    assert check_words("x", [(2, "file"), (3, "bring")]) == {"file", "bring"}
    with pytest.raises(LexiconError, match=r"words/x.tsv:3: 'file' is listed twice"):
        check_words("x", [(2, "file"), (3, "file")])
    with pytest.raises(LexiconError, match="one lower-case word a row"):
        check_words("x", [(2, "war crime")])


def test_well_known_variants_are_written_once():
    assert lexicon.WELL_KNOWN["u.s."] == lexicon.DEMONYMS["U.S."] == "United States"
    assert "Britain" not in lexicon.DEMONYMS  # a name, not an adjective: "Britain's troops"
    assert lexicon.country_of("Turkish") == "Turkey"


def test_the_names_normalize_uses_come_without_spacy():
    import subprocess
    import sys

    code = "import sys, graphbuild.normalize; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def _fires(nlp, entry: Entry) -> bool:
    doc = nlp(entry.example)
    ctx = Context(build_index(doc))
    return any(
        frame.trigger == entry.trigger
        and frame.relation == entry.relation
        and frame.rule in RULES_OF[entry.kind]
        and frame.subjects
        and (frame.targets or (frame.reciprocal and len(frame.subjects) > 1))
        for sent in doc.sents
        for frame in sentence_frames(sent, ctx, ordered_rules())
    )


def _cases():
    for entry in ENTRIES:
        gap = entry.note.startswith(CANNOT_FIRE)
        marks = [pytest.mark.xfail(strict=True, reason=entry.note.removeprefix(CANNOT_FIRE).strip())] if gap else []
        yield pytest.param(entry, id=f"{entry.kind}:{entry.trigger}", marks=marks)


@pytest.mark.model
@pytest.mark.parametrize("entry", list(_cases()))
def test_every_row_fires_on_its_example(entry, nlp):
    assert _fires(nlp, entry), f"{entry.where}: {entry.example!r} gives no {entry.relation} from {entry.trigger!r}"


def test_few_rows_are_known_gaps():
    gaps = [e.trigger for e in ENTRIES if e.note.startswith(CANNOT_FIRE)]
    assert len(gaps) <= 40, "more rows that cannot fire: fix the grammar or drop them"

"""Verb rows that require an object noun, and the guards on what a verb acts on, on Docs built
by hand (``doc_table``) so the tests never drift with a model."""

from __future__ import annotations

from doc_table import doc_from_table

from graphbuild.grammar.extract import extract_article, sentence_frames
from graphbuild.grammar.mentions import build_index
from graphbuild.grammar.quotes import find_quotes
from graphbuild.grammar.registry import Context
from graphbuild.grammar.rules import ordered_rules
from graphbuild.types import Article


def _rows(doc) -> set[tuple[str, str, str, str]]:
    triples = extract_article(doc, Article(id="t", text=doc.text)).triples
    return {(t.subject.text, t.relation, t.object.text, t.rule) for t in triples}


def test_the_object_noun_and_the_preposition_name_the_relation():
    # Osteria opened fire on Marrenland.
    doc = doc_from_table(
        """
        Osteria    NNP PROPN nsubj 1 Osteria    B-GPE
        opened     VBD VERB  ROOT  1 open       O
        fire       NN  NOUN  dobj  1 fire       O
        on         IN  ADP   prep  1 on         O
        Marrenland NNP PROPN pobj  3 Marrenland B-GPE
        .          .   PUNCT punct 1 .          O
        """
    )
    assert _rows(doc) == {("Osteria", "FIGHTS", "Marrenland", "verb-object")}


def test_without_the_object_noun_the_row_is_silent():
    # Osteria opened an office in Marrenland.
    doc = doc_from_table(
        """
        Osteria    NNP PROPN nsubj 1 Osteria    B-GPE
        opened     VBD VERB  ROOT  1 open       O
        an         DT  DET   det   3 an         O
        office     NN  NOUN  dobj  1 office     O
        in         IN  ADP   prep  1 in         O
        Marrenland NNP PROPN pobj  4 Marrenland B-GPE
        .          .   PUNCT punct 1 .          O
        """
    )
    assert _rows(doc) == set()


def test_mutual_subjects_relate_to_each_other():
    # Osteria and Marrenland joined hands (the bare verb reads it too: only the row's frame counts).
    doc = doc_from_table(
        """
        Osteria    NNP PROPN nsubj 3 Osteria    B-GPE
        and        CC  CCONJ cc    0 and        O
        Marrenland NNP PROPN conj  0 Marrenland B-GPE
        joined     VBD VERB  ROOT  3 join       O
        hands      NNS NOUN  dobj  3 hand       O
        .          .   PUNCT punct 3 .          O
        """
    )
    index = build_index(doc)
    ctx = Context(index, find_quotes(doc, index))
    rules = [r for r in ordered_rules() if r.name == "verb-object"]
    frames = list(sentence_frames(doc[:], ctx, rules))
    assert [(f.relation, [a.text for a in f.subjects], f.targets, f.reciprocal) for f in frames] == [
        ("COLLABORATES_WITH", ["Osteria", "Marrenland"], [], True)
    ]


def test_a_verb_of_cooperation_gives_no_conflict():
    # Osteria shared a threat with Marrenland: "share with" collaborates, but not in threats.
    doc = doc_from_table(
        """
        Osteria    NNP PROPN nsubj 1 Osteria    B-GPE
        shared     VBD VERB  ROOT  1 share      O
        a          DT  DET   det   3 a          O
        threat     NN  NOUN  dobj  1 threat     O
        with       IN  ADP   prep  1 with       O
        Marrenland NNP PROPN pobj  4 Marrenland B-GPE
        .          .   PUNCT punct 1 .          O
        """
    )
    assert ("Osteria", "COLLABORATES_WITH", "Marrenland", "verb-prep") not in _rows(doc)


def test_an_excluded_object_stops_the_row():
    # Elena Varga telephoned the company: 'telephone' excludes a company as what is phoned.
    doc = doc_from_table(
        """
        Elena      NNP PROPN compound 1 Elena      B-PERSON
        Varga      NNP PROPN nsubj    2 Varga      I-PERSON
        telephoned VBD VERB  ROOT     2 telephone  O
        Kestrel    NNP PROPN compound 4 Kestrel    B-ORG
        company    NN  NOUN  dobj     2 company    I-ORG
        .          .   PUNCT punct    2 .          O
        """
    )
    assert _rows(doc) == set()

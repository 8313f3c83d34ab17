"""Actors that are written in other ways than a capitalised name, on Docs built by hand
(``doc_table``): dotted and "al-" names, groups, owners of things, appositions."""

from __future__ import annotations

from doc_table import doc_from_table

from graphbuild.grammar.extract import extract_article
from graphbuild.grammar.mentions import build_index
from graphbuild.types import Article


def _rows(doc) -> set[tuple[str, str, str, str]]:
    triples = extract_article(doc, Article(id="t", text=doc.text)).triples
    return {(t.subject.text, t.relation, t.object.text, t.rule) for t in triples}


def test_dotted_and_al_names_are_names():
    # The U.N. condemned al-Harran for the attack.
    doc = doc_from_table(
        """
        The       DT   DET   det       1  the O
        U.N.      NNP  PROPN nsubj     2  u.n. B-ORG
        condemned VBD  VERB  ROOT      2  condemn O
        al        NNP  PROPN compound  5  al B-PERSON
        -         HYPH PUNCT punct     5  - I-PERSON
        Harran    NNP  PROPN dobj      2  harran I-PERSON
        for       IN   ADP   prep      2  for O
        the       DT   DET   det       8  the O
        attack    NN   NOUN  pobj      6  attack O
        .         .    PUNCT punct     2  . O
        """
    )
    assert [m.text for m in build_index(doc).mentions()] == ["U.N.", "al-Harran"]
    assert _rows(doc) == {("U.N.", "CRITICIZES", "al-Harran", "verb")}

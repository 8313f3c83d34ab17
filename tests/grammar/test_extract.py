"""Grammar rules on Docs built by hand, so they never drift with a model's parse."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from graphbuild.grammar.extract import extract_article
from graphbuild.grammar.syntax import lemma_of
from graphbuild.types import Article

VOCAB = English().vocab  # lexical attributes (lower case, is_alpha) without a model


def _doc(words, heads, deps, pos, lemmas, ents):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)


def _triples(doc):
    article = Article(id="t", text=doc.text)
    return {
        (t.subject.text, t.relation, t.object.text, t.negated, t.rule) for t in extract_article(doc, article).triples
    }


def test_passive_agent_is_the_actor():
    # Apple was sued by Cisco .
    doc = _doc(
        words=["Apple", "was", "sued", "by", "Cisco", "."],
        heads=[2, 2, 2, 2, 3, 2],
        deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
        pos=["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        lemmas=["Apple", "be", "sue", "by", "Cisco", "."],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O"],
    )
    assert _triples(doc) == {("Cisco", "SUES", "Apple", False, "verb-passive")}


def test_chain_passes_the_subject_down():
    # Cisco decided to sue Apple .
    doc = _doc(
        words=["Cisco", "decided", "to", "sue", "Apple", "."],
        heads=[1, 1, 3, 1, 3, 1],
        deps=["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"],
        pos=["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
        lemmas=["Cisco", "decide", "to", "sue", "Apple", "."],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O"],
    )
    [(subject, relation, obj, negated, _)] = _triples(doc)
    assert (subject, relation, obj, negated) == ("Cisco", "SUES", "Apple", False)


def test_refusing_negates_the_governed_clause():
    # Cisco refused to sue Apple .
    doc = _doc(
        words=["Cisco", "refused", "to", "sue", "Apple", "."],
        heads=[1, 1, 3, 1, 3, 1],
        deps=["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"],
        pos=["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
        lemmas=["Cisco", "refuse", "to", "sue", "Apple", "."],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O"],
    )
    assert {(s, r, o, n) for s, r, o, n, _ in _triples(doc)} == {("Cisco", "SUES", "Apple", True)}


def test_object_control_makes_the_object_the_next_subject():
    # The ruling led Brussels to fine Google .
    doc = _doc(
        words=["The", "ruling", "led", "Brussels", "to", "fine", "Google", "."],
        heads=[1, 2, 2, 2, 5, 2, 5, 2],
        deps=["det", "nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "punct"],
        pos=["DET", "NOUN", "VERB", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
        lemmas=["the", "ruling", "lead", "Brussels", "to", "fine", "Google", "."],
        ents=["O", "O", "O", "B-GPE", "O", "O", "B-ORG", "O"],
    )
    assert {(s, r, o) for s, r, o, _, _ in _triples(doc)} == {("Brussels", "FINES", "Google")}


def test_event_noun_with_light_verb():
    # Nokia filed a lawsuit against Oppo .
    doc = _doc(
        words=["Nokia", "filed", "a", "lawsuit", "against", "Oppo", "."],
        heads=[1, 1, 3, 1, 3, 4, 1],
        deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
        lemmas=["Nokia", "file", "a", "lawsuit", "against", "Oppo", "."],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert _triples(doc) == {("Nokia", "SUES", "Oppo", False, "noun")}


def test_surface_fallback_when_the_parse_has_no_subject():
    # Meta and Spotify criticize Apple, with "Spotify" misread as a verb heading the clause.
    doc = _doc(
        words=["Meta", "and", "Spotify", "criticize", "Apple", "."],
        heads=[0, 0, 0, 0, 3, 0],
        deps=["ROOT", "cc", "conj", "conj", "dobj", "punct"],
        pos=["ADJ", "CCONJ", "VERB", "VERB", "PROPN", "PUNCT"],
        lemmas=["meta", "and", "spotify", "criticize", "Apple", "."],
        ents=["B-ORG", "O", "B-ORG", "O", "B-ORG", "O"],
    )
    got = _triples(doc)
    assert {(s, r, o) for s, r, o, _, _ in got} == {("Meta", "CRITICIZES", "Apple"), ("Spotify", "CRITICIZES", "Apple")}
    assert {rule for *_, rule in got} == {"verb-surface"}


def test_rule_based_lemma_repairs_a_wrong_lemma():
    doc = Doc(VOCAB, words=["fined"], lemmas=["fin"], pos=["VERB"])
    assert lemma_of(doc[0]) == "fine"

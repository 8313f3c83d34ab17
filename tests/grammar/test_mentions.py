"""Entity repair and reference resolution on the real model."""

from __future__ import annotations

import pytest

from graphbuild.grammar.mentions import build_index

pytestmark = pytest.mark.model


def _refs(nlp, text, word):
    doc = nlp(text)
    index = build_index(doc)
    token = next(t for t in doc if t.text == word and not index.named(t))
    return [m.text for m in index.actors_at(token)]


def test_name_seen_once_is_found_everywhere(nlp):
    doc = nlp("Spotify criticized Apple on Monday. Later, Spotify and Meta met in Paris.")
    index = build_index(doc)
    assert [m.text for m in index.mentions()].count("Spotify") == 2


def test_acronym_of_a_common_noun_is_no_actor(nlp):
    doc = nlp("Meta builds artificial intelligence (AI) models. AI is hard, Meta said.")
    index = build_index(doc)
    assert "AI" not in {m.text for m in index.mentions()}
    assert "AI" in index.generic


def test_acronym_of_a_name_is_recorded(nlp):
    index = build_index(nlp("The Kenya Wildlife Service (KWS) signed a deal. The KWS said so."))
    assert index.acronyms == {"KWS": "Kenya Wildlife Service"}


def test_possessive_and_determiner_trimmed(nlp):
    index = build_index(nlp("The European Union fined Google. Meta’s lawyers objected."))
    names = {m.text for m in index.mentions()}
    assert "European Union" in names and "Meta" in names


def test_it_prefers_the_previous_subject(nlp):
    assert _refs(nlp, "The Coastal Union criticized Marrenland. Its commissioner spoke on Friday.", "Its") == [
        "Coastal Union"
    ]


def test_it_in_the_same_sentence_is_the_nearest_actor(nlp):
    assert _refs(nlp, "France blamed Germany because of its tariffs.", "its") == ["Germany"]


def test_the_two_is_the_last_coordinated_subject_pair(nlp):
    text = "Meta and Spotify work together. Apple sells phones. Google sells ads. The two criticized Apple."
    assert _refs(nlp, text, "two") == ["Meta", "Spotify"]


def test_the_agency_is_the_name_with_that_head_noun(nlp):
    text = "The Consumer Markets Agency met Helix Robotics. The agency fined Helix Robotics."
    assert _refs(nlp, text, "agency") == ["Consumer Markets Agency"]


def test_he_is_the_last_person(nlp):
    assert _refs(nlp, "Tomas Reld met Osteria's envoy. He criticized Marrenland.", "He") == ["Tomas Reld"]


def test_reflexives_are_not_resolved(nlp):
    doc = nlp("Vantage Mobile said it would defend itself.")
    index = build_index(doc)
    assert index.actors_at(next(t for t in doc if t.text == "itself")) == []

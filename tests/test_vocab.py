from __future__ import annotations

import pytest

from graphbuild.errors import VocabularyError
from graphbuild.grammar import lexicon
from graphbuild.vocab import POLARITIES, RELATIONS, SAFE_NAME, check_name, relation


def test_every_relation_is_a_safe_cypher_name_with_a_polarity():
    for name, rel in RELATIONS.items():
        assert SAFE_NAME.match(name)
        assert rel.polarity in POLARITIES
        assert -10 <= rel.intensity <= 10
        assert (rel.intensity < 0) == (rel.polarity == "conflict")


def test_lexicon_names_only_known_relations():
    used = set(lexicon.VERB_PHRASES.values()) | set(lexicon.ADJECTIVE_PHRASES.values())
    used |= {rel for rel, _ in lexicon.EVENT_NOUNS.values()}
    assert used <= set(RELATIONS)
    assert set(RELATIONS) <= used, "a relation no word can express"


def test_hostile_names_are_refused():
    assert check_name("SUES") == "SUES"
    assert check_name("Organization") == "Organization"
    for bad in ["SUES]->() DETACH DELETE n //", "sues", "FRIENDS_WITH", ""]:
        with pytest.raises(VocabularyError):
            check_name(bad)
    with pytest.raises(VocabularyError, match="Known types"):
        relation("LIKES")

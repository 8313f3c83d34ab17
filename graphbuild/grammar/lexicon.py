"""The grammar's words, read from the data files shipped in ``grammar/data/``.

The linguistic knowledge is data (``data/README.md`` describes the files): the predicate
lexicon (``verbs.tsv``, ``nouns.tsv``, ``adjectives.tsv``: one row per trigger, each with a
sentence it must fire on), the word lists in ``data/words/`` and the tables of nationality
adjectives and well-known name variants. This module reads them once, checks them and
exposes them under the names the grammar uses, as frozensets and read-only mappings.

It imports nothing from spaCy, so ``graphbuild.normalize`` can use the same lists.

>>> VERB_PHRASES["team up with"], EVENT_NOUNS["lawsuit"]
('COLLABORATES_WITH', ('SUES', ('against',)))
>>> [(t.prep, t.relation) for t in VERB_OBJECTS["take", "aim"]]
[('at', 'CRITICIZES')]
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from graphbuild.grammar.datafiles import (
    DATA,
    HEADERS,
    PARTICLES,
    Entry,
    check_entries,
    check_words,
    gazetteer_rows,
    lexicon_entries,
    merge_names,
    table_rows,
    verb_objects,
    verb_preps,
    well_known_rows,
    word_list,
)

__all__ = ["DATA", "PARTICLES", "Entry", "check_entries", "check_words", "lexicon_entries", "word_list"]

_ENTRIES = lexicon_entries()

# -- the predicate lexicon -----------------------------------------------------------------------
_VERBS = tuple(e for e in _ENTRIES if e.kind == "verb")
# "lemma particle prep" -> relation, for the rows that read any object
VERB_PHRASES: Mapping[str, str] = MappingProxyType({e.trigger: e.relation for e in _VERBS if not e.objects})
ADJECTIVE_PHRASES: Mapping[str, str] = MappingProxyType(
    {e.trigger: e.relation for e in _ENTRIES if e.kind == "adjective"}
)
# noun lemma -> (relation, prepositions after which the target stands)
EVENT_NOUNS: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType(
    {e.trigger: (e.relation, e.prepositions) for e in _ENTRIES if e.kind == "noun"}
)
# lemma -> what can follow it in a phrase; rows that require an object noun are left out, so
# they widen neither this lookup nor the search for a preposition hung lower in the parse
VERB_PREPS: Mapping[str, frozenset[str]] = verb_preps(VERB_PHRASES)
# lemma -> the relations its rows that read any object state ("mediate" -> NEGOTIATES_WITH)
VERB_RELATIONS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        lemma: frozenset(r for p, r in VERB_PHRASES.items() if p.split()[0] == lemma)
        for lemma in {p.split()[0] for p in VERB_PHRASES}
    }
)
# (lemma, object noun) -> the rows that require that object: "open fire on", "lift curfew"
VERB_OBJECTS: Mapping[tuple[str, str], tuple[Entry, ...]] = verb_objects(_VERBS)
# trigger -> object nouns with which the row does not fire ("release" a report)
VERB_EXCLUDES: Mapping[str, frozenset[str]] = MappingProxyType(
    {e.trigger: frozenset(e.exclude) for e in _VERBS if e.exclude}
)
# triggers whose subjects may relate to each other with no target named
VERB_MUTUAL: frozenset[str] = frozenset(e.trigger for e in _VERBS if "mutual" in e.actors)

# -- word lists (data/words/NAME.tsv; each file says what its list is for) ----------------------
LIGHT_VERBS = word_list("light_verbs")
RECEIVING_VERBS = word_list("receiving_verbs")
REVERSING_VERBS = word_list("reversing_verbs")
BREAKING_VERBS = word_list("breaking_verbs")
PHRASAL_BREAKING_VERBS = word_list("phrasal_breaking_verbs")
NEEDS_VERB_NOUNS = word_list("needs_verb_nouns")
WORSENING_WORDS = word_list("worsening_words")
WRONGDOING_VERBS = word_list("wrongdoing_verbs")
ENDING_NOUNS = word_list("ending_nouns")
STOP_VERBS = word_list("stop_verbs")
DEMAND_VERBS = word_list("demand_verbs")
GIVING_VERBS = word_list("giving_verbs")
CONTROL_NOUNS = word_list("control_nouns")
AWARDED_NOUNS = word_list("awarded_nouns")
DOCUMENT_NOUNS = word_list("document_nouns")
HELP_NOUNS = word_list("help_nouns")
TRADE_NOUNS = word_list("trade_nouns")
GO_BETWEEN_WORDS = word_list("go_between_words")
UNDERTAKING_NOUNS = word_list("undertaking_nouns")
GIVEN_THINGS = word_list("given_things")
MEASURE_WORDS = word_list("measure_words")
WISH_VERBS = word_list("wish_verbs")
LABEL_VERBS = word_list("label_verbs")
NEGATIVE_LABELS = word_list("negative_labels")
RECIPROCAL = word_list("reciprocal")
NEGATING_VERBS = word_list("negating_verbs")
PLANNING_VERBS = word_list("planning_verbs")
WILLING_WORDS = word_list("willing_words")
PREDICTING_VERBS = word_list("predicting_verbs")
REQUEST_VERBS = word_list("request_verbs")
ADVISING_VERBS = word_list("advising_verbs")
BUYING_VERBS = word_list("buying_verbs")
REPORTING_VERBS = word_list("reporting_verbs")
DECREE_VERBS = word_list("decree_verbs")
ACCUSING_SPEECH = word_list("accusing_speech")
OBJECT_CONTROL = word_list("object_control")
CHAIN_VERBS = word_list("chain_verbs")
HYPOTHETICAL_AUX = word_list("hypothetical_aux")
FUTURE_AUX = word_list("future_aux")
OBLIGATION_AUX = word_list("obligation_aux")
ROLE_NOUNS = word_list("role_nouns")
ROLE_PREPS = word_list("role_preps")
GROUP_HEADS = word_list("group_heads")
NAMED_GROUP_HEADS = word_list("named_group_heads")
# agents, from PETRARCH2's Phoenix dictionary (scripts/phoenix_agents.py), and our own rows
STATE_AGENTS = word_list("state_agents")
GROUP_AGENTS = word_list("group_agents")
PEOPLE_AGENTS = word_list("people_agents")
PRIVATE_ROLES = word_list("private_roles")
PRIVATE_THINGS = word_list("private_things")
QUANTITY_HEADS = word_list("quantity_heads")
PLACE_HEADS = word_list("place_heads")
TARGET_HEADS = word_list("target_heads")
THING_HEADS = word_list("thing_heads")
OWNER_PARTICIPLES = word_list("owner_participles")
NOT_OWNED = word_list("not_owned")
OWNED_NOUNS = word_list("owned_nouns")
LEGAL_WORDS = word_list("legal_words")
VERSUS_WORDS = word_list("versus_words")
# every verb lemma the grammar reads, for mending the model's lemmas ("fined" -> "fin")
VERB_LEMMAS: frozenset[str] = frozenset(e.lemma for e in _VERBS) | LIGHT_VERBS | RECEIVING_VERBS | REVERSING_VERBS
# mentions and references
NOT_ACTORS = word_list("not_actors")
SINGULAR_PRONOUNS = word_list("singular_pronouns")
PLURAL_PRONOUNS = word_list("plural_pronouns")
PERSON_PRONOUNS = word_list("person_pronouns")
GROUP_WORDS = word_list("group_words")
GROUP_NOUNS = word_list("group_nouns")
ORG_DESCRIPTIONS = word_list("org_descriptions")
BUSINESS_DESCRIPTIONS = word_list("business_descriptions")
PUBLIC_HEADS = word_list("public_heads")
GOV_DESCRIPTIONS = word_list("gov_descriptions")
EVENT_DESCRIPTIONS = word_list("event_descriptions")
ORG_HEADS = word_list("org_heads")
LAW_HEADS = word_list("law_heads")
EVENT_HEADS = word_list("event_heads")
PRODUCT_NAMES = word_list("product_names")
NAME_PREFIXES = word_list("name_prefixes")
# names (graphbuild.normalize)
COMPANY_HEADS = word_list("company_heads")
CORPORATE_SUFFIXES = word_list("corporate_suffixes")
TRADE_WORDS = word_list("trade_words")
TITLES = word_list("titles")
TRAILING_TITLES = word_list("trailing_titles")
LEADING_WORDS = word_list("leading_words")

# -- names ---------------------------------------------------------------------------------------
# The hand-written tables and the gazetteer (countries.tsv, organisations.tsv: scripts/gazetteer.py)
# together; a name written twice, in one table or two, is refused (``merge_names``).
_GAZETTEER = gazetteer_rows()
# variant (case-folded) -> the name the graph gives that government or body
WELL_KNOWN: Mapping[str, str] = merge_names(
    [
        *((v.casefold(), name, where) for v, name, _, where in well_known_rows()),
        *((v.casefold(), name, where) for v, name, kind, where in _GAZETTEER if kind == "name"),
    ]
)
# nationality adjective, as written -> its state; abbreviations written as adjectives
# ("US troops") come from the well-known variants, so each is listed once
DEMONYMS: Mapping[str, str] = merge_names(
    [
        *(
            (row[0], row[1], f"demonyms.tsv:{n}")
            for n, row in table_rows(DATA / "demonyms.tsv", HEADERS["demonyms.tsv"])
        ),
        *((v, name, where) for v, name, adjective, where in well_known_rows() if adjective),
        *((v, name, where) for v, name, kind, where in _GAZETTEER if kind == "demonym"),
    ]
)
# capital or seat of government (case-folded) -> its state, for a capital named as an actor
# ("Moscow rejected the plan"); never read where it names a place ("talks in Geneva")
CAPITALS: Mapping[str, str] = merge_names(
    (v.casefold(), name, where) for v, name, kind, where in _GAZETTEER if kind == "capital"
)
# the names the graph gives organisations (not states), by the gazetteer and the hand table
ORGANISATIONS: frozenset[str] = frozenset(
    name for _, name, _, where in _GAZETTEER if where.startswith("organisations")
) | frozenset({"European Union", "United Nations"})


def government_of(name: str) -> str | None:
    """The state (or body) a capital or seat of government stands for where it acts.

    >>> government_of("Moscow"), government_of("the Kremlin"), government_of("Geneva")
    ('Russia', 'Russia', None)
    """
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return CAPITALS.get(" ".join(words).casefold())


def country_of(adjective: str) -> str | None:
    """The state a nationality adjective stands for.

    >>> country_of("Turkish"), country_of("US")
    ('Turkey', 'United States')
    """
    return DEMONYMS.get(adjective.strip())

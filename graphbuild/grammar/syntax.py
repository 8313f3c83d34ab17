"""Dependency labels and the small questions every rule asks of a token.

The labels are spaCy's English (ClearNLP) dependency labels.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from graphbuild.grammar.lexicon import VERB_LEMMAS
from graphbuild.nlp import token_lemma

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
ANY_SUBJECT_DEPS = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Dependents through which a noun phrase points at the actor it belongs to.
OWNER_DEPS = frozenset({"poss", "compound", "nmod"})
# Clause links through which a subject is passed down to a verb that has none of its own.
CHAIN_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp"})
# How many governing verbs a subject, a negation or an attribution is looked for through.
MAX_CHAIN = 4
# The suffixes ``lemma_of`` strips, in order, and what it puts back.
_SUFFIXES = (
    ("ied", "y"),
    ("ies", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("d", ""),
    ("es", ""),
    ("s", ""),
    ("ing", "e"),
    ("ing", ""),
)


def is_verbal(token: Token) -> bool:
    """A verb or auxiliary, by part of speech or by tag (the small model mixes them up)."""
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def is_noun(token: Token) -> bool:
    """A common or proper noun: what an event noun ("lawsuit", "talks") is tagged."""
    return token.pos_ in {"NOUN", "PROPN"}


def children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    """The token's dependents with one of ``deps``."""
    found = [c for c in token.children if c.dep_ in deps]
    if deps & ANY_SUBJECT_DEPS:
        # the parser sometimes hangs the subject on the auxiliary: "Neither ... [is] opposed"
        found += [g for c in token.children if c.dep_ in {"aux", "auxpass"} for g in c.children if g.dep_ in deps]
    return found


def token_at(sent: Span, char: int) -> Token | None:
    """The token of ``sent`` that starts at character ``char`` of its Doc, if any: found by
    halving, so a long sentence costs no more per look-up than a short one."""
    span = sent.doc.char_span(char, char + 1, alignment_mode="expand")
    token = span[0] if span is not None and len(span) else None
    if token is None or token.idx != char or not sent.start <= token.i < sent.end:
        return None
    return token


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def written(tokens: list[Token]) -> str:
    """The words of a predicate as written, in text order: "agreed to criticize"."""
    return " ".join(t.text for t in sorted(set(tokens), key=lambda t: t.i))


def lemma_of(token: Token) -> str:
    """The token's lemma, or a rule-based one when the model's is not in the verb lexicon
    ("fined" comes back as "fin" from the small model).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> lemma_of(Doc(English().vocab, words=["fined"], lemmas=["fin"])[0])
    'fine'
    """
    return _verb_lemma(token_lemma(token).lower(), token.lower_)


@lru_cache(maxsize=1 << 16)
def _verb_lemma(lemma: str, text: str) -> str:
    if lemma in VERB_LEMMAS:
        return lemma
    for suffix, repl in _SUFFIXES:
        if text.endswith(suffix) and text[: len(text) - len(suffix)] + repl in VERB_LEMMAS:
            return text[: len(text) - len(suffix)] + repl
    return lemma

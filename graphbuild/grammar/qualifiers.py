"""What the text does with a link: denies it, plans it, supposes it, or reports someone saying it.

- negation: "did not sue", "refused to support", "denied attacking", "neither ... nor";
- modality: ``asserted``, ``planned`` ("plans to", "will", a reported "would") or
  ``hypothetical`` ("could", "if", "asked Obama to help");
- attribution: who is reported to say it ("X said ...", "according to X").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graphbuild.grammar.arguments import actors, pobj_actors
from graphbuild.grammar.lexicon import (
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    NEGATING_VERBS,
    OBLIGATION_AUX,
    PLANNING_VERBS,
    PREDICTING_VERBS,
    REPORTING_VERBS,
    REQUEST_VERBS,
    WILLING_WORDS,
    WISH_VERBS,
)
from graphbuild.grammar.mentions import ActorIndex
from graphbuild.grammar.syntax import MAX_CHAIN, SUBJECT_DEPS, children
from graphbuild.nlp import token_lemma

# Subjects that deny what they do: "[Neither] of them opposed", "[No] country backed".
NEGATIVE_SUBJECTS = frozenset({"neither", "none", "nobody"})
NEGATIVE_DETERMINERS = frozenset({"neither", "no"})
# Subordinators that make a clause a condition or an open question: "[if] they merge",
# "did not say [whether] it received warrants from X".
CONDITIONS = frozenset({"if", "unless", "whether"})
# Future auxiliaries that are a plan only when someone is reported to say them.
CONDITIONAL_AUX = frozenset({"would", "'d"})


def governors(predicate: Token, chain: list[Token]) -> list[Token]:
    """The chain's verbs that govern the predicate's clause as their complement ("refused
    [to sue]"), as opposed to sharing its subject ("rejected the claim and [sued]"). An event
    noun's clause is its verb's: "failed to [reach an agreement]"."""
    out = []
    below = predicate
    if predicate.pos_ in {"NOUN", "PROPN"} and chain:
        below, chain = chain[0], chain[1:]
    for token in chain:
        if below.dep_ == "conj" and below.tag_ == "VB" and below.head == token and token.dep_ in {"xcomp", "ccomp"}:
            below = token  # "threatened to withdraw and [attack]": governed as the first verb is
            continue
        # "a [plan] to sue": a noun governs its "to" clause as a verb does
        # "called on X [to help]": the parse may make an infinitive an adverbial clause
        infinitive = below.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
        if (
            below.dep_ not in {"xcomp", "ccomp"}
            and not infinitive
            and not (below.dep_ == "acl" and token.pos_ == "NOUN")
        ):
            break
        out.append(token)
        below = token
    return out


def is_negated(predicate: Token, chain: list[Token], subjects: list[Token]) -> bool:
    """Does the text deny the predicate: "did not sue", "refused to sue", "Neither X nor Y"?"""
    for token in [predicate, *chain]:
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in token.children):
            return True
    for token in governors(predicate, chain):
        if token_lemma(token) in NEGATING_VERBS:  # "refused to sue"; not "rejected X and sued Y"
            return True
    for token in subjects:
        if token.lower_ in NEGATIVE_SUBJECTS or any(c.lower_ in NEGATIVE_DETERMINERS for c in token.children):
            return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in predicate.children)


def modality(predicate: Token, chain: list[Token]) -> str:
    """asserted, planned ("plans to", "said it would"), or hypothetical ("could", "if", "must",
    "wants X to")."""
    if _wished(predicate) or _foreseen(predicate):
        return "hypothetical"
    for token in [predicate, *chain]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return "hypothetical"
        for aux in (c for c in token.children if c.dep_ == "aux"):
            if aux.lower_ in HYPOTHETICAL_AUX or aux.lower_ in OBLIGATION_AUX:
                return "hypothetical"  # "could back", and "must back": asked of it, not done
            if aux.lower_ in FUTURE_AUX:
                # "will sue" is a plan; "would support", as someone is reported to say, too
                return "planned" if aux.lower_ not in CONDITIONAL_AUX or _reported(token) else "hypothetical"
    for token in governors(predicate, chain):
        if token_lemma(token) in REQUEST_VERBS:
            return "hypothetical"  # "asked Obama to help Iran": wanted, not done
        if token_lemma(token) in PLANNING_VERBS or token_lemma(token).lower() in WILLING_WORDS:
            return "planned"  # "plans to send", "is willing to send"
    return "asserted"


def _wished(token: Token) -> bool:
    """Is the clause of ``token`` what a speaker wants or asks another to do: "wants Russia to
    attack", "urged Egypt to back", "called on the EU to sanction"? (What the speaker wants to
    do itself is a plan: ``governors`` reads that.)"""
    for _ in range(MAX_CHAIN):
        if token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"} and not children(token, SUBJECT_DEPS):
            token = token.head  # "called on the Arabs to unite and [mobilize]": asked as the first is
        head = token.head
        if token.dep_ not in {"ccomp", "xcomp"} or head.i == token.i:
            return False
        if token_lemma(head) in WISH_VERBS:
            other = (
                children(token, SUBJECT_DEPS)
                or children(head, {"dobj"})
                or [c for p in children(head, {"prep"}) if p.lower_ in {"on", "upon"} for c in children(p, {"pobj"})]
            )
            return bool(other)
        token = head
    return False


def _foreseen(token: Token) -> bool:
    """Is the clause of ``token`` what someone predicts: "Knapp predicts [Biden defeats Trump]"?"""
    return _governed_by(token, PREDICTING_VERBS)


def _reported(token: Token) -> bool:
    """Is the clause of ``token`` what someone is reported to say?"""
    return _governed_by(token, REPORTING_VERBS)


def _governed_by(token: Token, verbs: frozenset[str]) -> bool:
    """Is the clause of ``token`` the complement of one of ``verbs``, up the clauses above it?"""
    for _ in range(MAX_CHAIN):
        if token.dep_ in {"ccomp", "xcomp"} and token_lemma(token.head) in verbs:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def according_to(sent: Span) -> Token | None:
    """The "to" of the sentence's first "according to", if it has one."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            return tok.nbor(1)
    return None


def attribution(predicate: Token, index: ActorIndex, according: Token | None) -> str:
    """Who the sentence says is saying it: the subject of a reporting verb above the
    predicate ("Ek said ..."), else the object of "according to"."""
    token = predicate
    for _ in range(MAX_CHAIN):
        if token.dep_ == "ccomp" and token_lemma(token.head) in REPORTING_VERBS:
            names = [m.text for c in children(token.head, SUBJECT_DEPS) for m in actors(c, index)]
            return ", ".join(names)
        if token.head.i == token.i:
            break
        token = token.head
    if according is not None:
        return ", ".join(m.text for m in pobj_actors(according, index))
    return ""

"""References: pronouns, "the two", "both companies" and descriptions ("the company",
"the agency", "the operation") resolved to the actors they stand for.

Candidates are ranked the way readers resolve them: an actor earlier in the same sentence,
most recent first; else the subject of the nearest earlier sentence that has a fitting
actor, then that sentence's other actors. A description refers only where its words match:
a name's head noun ("the agency"), a description written in apposition ("the Northern
Front, a rebel group" ... "the rebels"), or, for "the government" and "the country", a state
written with its government or institutions ("the Greek government", "Osteria's
president"), never merely the last state named. A description that names its own state
("the French government") refers to nothing earlier.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graphbuild.grammar.groups import STATE, agent_kind, forms
from graphbuild.grammar.lexicon import (
    BUSINESS_DESCRIPTIONS,
    EVENT_DESCRIPTIONS,
    GOV_DESCRIPTIONS,
    GROUP_NOUNS,
    GROUP_WORDS,
    ORG_DESCRIPTIONS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PUBLIC_HEADS,
    SINGULAR_PRONOUNS,
)
from graphbuild.nlp import DATELINE_RE
from graphbuild.types import Mention

if TYPE_CHECKING:
    from graphbuild.grammar.mentions import ActorIndex

LOOKBACK_SENTS = 3
# Links through which a noun names whose it is: "the [French] government", "[Osteria]'s".
_OWN_NAME_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
# "the two" points back at the pair the article is about, often many sentences earlier.
GROUP_LOOKBACK_SENTS = 25


@dataclass(slots=True)
class _Seen:
    mention: Mention
    token: int
    sent: int
    subject: bool
    people: bool = True  # its words name people ("the Kurds"), not a nationality adjective
    in_event: bool = False  # "the annexation of [Kestria]": what "it" next refers to is the act


def resolve_references(doc: Doc, index: ActorIndex) -> None:
    """Resolve pronouns, "the two"/"both" and descriptions ("the company") to earlier actors.

    Candidates are ranked the way readers resolve them: an actor earlier in the same
    sentence, most recent first; else the subject of the nearest earlier sentence that has a
    fitting actor, then that sentence's other actors.
    """
    sent_of = {}
    n = 0
    for sent in doc.sents:
        for token in sent:
            sent_of[token.i] = n
        dateline = DATELINE_RE.match(sent.text_with_ws + " ")
        if dateline is None or dateline.end() < len(sent.text.rstrip()):
            n += 1  # a dateline counts with the sentence it heads
    seen: list[_Seen] = []
    groups: list[tuple[int, bool, list[Mention]]] = []  # (sentence, is subject, members)
    described: list[tuple[int, Mention]] = []  # (sentence, state written with "government")
    descriptions: dict[str, set[str]] = {}  # name -> words of a description in apposition
    starts = {start: (end, m) for start, end, m in index.spans}
    for token in doc:
        n = sent_of[token.i]
        if token.i in starts:
            end, mention = starts[token.i]
            head = doc[token.i : end].root
            seen.append(_Seen(mention, token.i, n, _is_subject(head), head.pos_ != "ADJ", _in_event(head, index)))
            descriptions.setdefault(mention.text, set()).update(_apposed_words(head, index))
            state = _state_described(head, mention, index)
            if state is not None:
                described.append((n, state))
            group = _group_of(head, end, index) if head.i in index.names else []
            if group:
                groups.append((n, _is_subject(head), group))
            continue
        if token.i in index.names or _names_its_own(token, index):
            continue
        if token.lower_ in GOV_DESCRIPTIONS and token.pos_ == "NOUN":
            ranked = _described_state(token, described, n)
        else:
            ranked = _candidates(token, seen, groups, n, descriptions, index.acronyms)
        if not ranked:
            continue
        as_ref = [
            Mention(text=m.text, label=m.label, start=token.idx, end=token.idx + len(token.text), surface=token.text)
            for m in ranked
        ]
        if (
            token.lower_ in SINGULAR_PRONOUNS
            or token.lower_ in PERSON_PRONOUNS
            or (token.pos_ == "NOUN" and len(ranked) > 1 and token.lower_ not in GROUP_NOUNS)
        ):
            index.refs[token.i] = as_ref[:1]
            if token.tag_ != "PRP$":  # "signed its ceasefire": its own, no one else's
                index.alternates[token.i] = as_ref[1:]
        else:
            index.refs[token.i] = as_ref
        if len(index.refs[token.i]) == 1:  # a resolved description can itself be referred to
            seen.append(_Seen(ranked[0], token.i, n, _is_subject(token)))
            if token.pos_ == "NOUN":  # and describes its referent: "the carmaker" is Kestrel's
                descriptions.setdefault(ranked[0].text, set()).update(forms(token))


def _names_its_own(token: Token, index: ActorIndex) -> bool:
    """A description that names whose or who it is refers to nothing earlier: "the French
    government", "Osteria's government", "the truck maker Hallberg" (arguments reads the
    name in it)."""
    if token.lower_ in GROUP_WORDS or token.lower_ in GROUP_NOUNS:
        return False  # "the Turkish and Greek sides": the pair named before
    if token.pos_ != "NOUN":
        return False
    if (token.dep_ in {"compound", "appos"} and token.head.i in index.names) or token.i + 1 in index.names:
        return True  # "the environmental group Green Watch": the name written next is who it is
    return any(c.dep_ in _OWN_NAME_DEPS | {"appos"} and c.i in index.names for c in token.children)


def _state_described(head: Token, mention: Mention, index: ActorIndex) -> Mention | None:
    """The state a name stands for where it is written with its government or another of
    its institutions: "the [French] government", "[Osteria]'s president", "the government
    of [Osteria]", "the [Osterian] authorities"."""
    word = head.head
    if head.dep_ == "pobj" and word.lower_ == "of":
        word = word.head
    elif head.dep_ not in _OWN_NAME_DEPS:
        return None
    if word.lower_ not in GOV_DESCRIPTIONS and agent_kind(word) != STATE:
        return None
    if mention.label == "GPE":
        return mention
    country = index.country_of(mention.text) if mention.label == "NORP" else None
    return replace(mention, text=country, label="GPE") if country else None


def _described_state(token: Token, described: list[tuple[int, Mention]], n: int) -> list[Mention]:
    """ "the government", "the country": the state last written with such a word, not
    whichever state was named last ("Dravia's government ... Velmora said ... the government")."""
    if not _is_definite(token) or any(c.dep_ == "prep" for c in token.children):
        return []
    recent = [m for sent, m in described if 0 <= n - sent <= GROUP_LOOKBACK_SENTS]
    if not recent:
        return []
    # the state whose institutions the article names most, the latest of equals
    counts = Counter(m.text for m in recent)
    return [max(reversed(recent), key=lambda m: counts[m.text])]


def _apposed_words(head: Token, index: ActorIndex) -> set[str]:
    """The words of a description written in apposition to a name: "the Northern Front, the
    [rebel] [group] fighting ...", "a [militia] [group], Black Reed, ..."."""
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i not in index.names]
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i not in index.names:
        nouns.append(head.head)
    doc = head.doc
    # set off by a comma, as an apposition is written; the parser finds others in headlines
    nouns = [n for n in nouns if any(t.text == "," for t in doc[min(n.i, head.i) : max(n.i, head.i)])]
    words: set[str] = set()
    for noun in nouns:
        words.update(forms(noun))
        words.update(w for c in noun.children if c.dep_ in {"compound", "amod"} for w in forms(c))
    return words


def _candidates(
    token: Token, seen: list[_Seen], groups, n: int, descriptions: dict[str, set[str]], acronyms: dict[str, str]
) -> list[Mention]:
    lower = token.lower_
    pronoun = token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}
    if not (pronoun or lower in GROUP_WORDS or (token.pos_ == "NOUN" and token.n_lefts)):
        return []  # most tokens refer to nothing: decide cheaply
    if token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}:
        if lower in SINGULAR_PRONOUNS:
            ranked = [s for s in seen if s.mention.label not in {"PERSON", "NORP"} and s.token < token.i]
            if ranked and ranked[-1].sent == n and ranked[-1].in_event:
                return []  # "the closure of X ..., calling it unlawful": "it" is the closure
            return _ranked(seen, token, n, lambda s: s.mention.label not in {"PERSON", "NORP"})
        if lower in PERSON_PRONOUNS:
            return _ranked(seen, token, n, lambda s: s.mention.label == "PERSON")
        if lower in PLURAL_PRONOUNS:
            # or the last people named by their nationality ("the Kurds", "Chinese citizens"),
            # not a nationality adjective ("Dravian grain")
            return (
                _last_group(groups, n) or _ranked(seen, token, n, lambda s: s.mention.label == "NORP" and s.people)[:1]
            )
    if lower in GROUP_WORDS and _is_nominal(token):
        return _last_group(groups, n, lookback=GROUP_LOOKBACK_SENTS)
    if (
        lower in GROUP_NOUNS
        and _has_det(token, {"both", "these", "the", "two"})
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)  # "the nations of X and Y"
    ):
        return _last_group(groups, n, lookback=GROUP_LOOKBACK_SENTS)
    if token.pos_ == "NOUN" and _is_definite(token) and not any(c.dep_ == "prep" for c in token.children):
        # "the agency" after "the Consumer Markets Agency": the name's own head noun
        # (or of the long form of its acronym: "the agency" after "the VSA")
        named = _ranked(
            seen, token, n, lambda s: acronyms.get(s.mention.text, s.mention.text).split()[-1].lower() == lower
        )
        if not named:  # "the court" after "the European Court of Justice"
            named = _ranked(
                seen,
                token,
                n,
                lambda s: lower in {w.lower() for w in s.mention.text.split()[:-1]} - {"of", "the", "and"},
            )
        if not named:  # "the rebels" after "the Northern Front, the rebel group"
            words = set(forms(token))
            named = _ranked(
                seen, token, n, lambda s: bool(words & descriptions.get(s.mention.text, set())), GROUP_LOOKBACK_SENTS
            )
        if named:
            return named[:1]
        if lower in BUSINESS_DESCRIPTIONS:  # "the carmaker": a business, not the agency
            return _ranked(
                seen,
                token,
                n,
                lambda s: (
                    s.mention.label == "ORG"
                    and acronyms.get(s.mention.text, s.mention.text).split()[-1].lower() not in PUBLIC_HEADS
                ),
            )
        if lower in ORG_DESCRIPTIONS:
            return _ranked(seen, token, n, lambda s: s.mention.label == "ORG")
        if lower in EVENT_DESCRIPTIONS:  # "the operation" after "Operation Peace Spring"
            return _ranked(seen, token, n, lambda s: s.mention.label == "EVENT")[:1]
    return []


# Endings of nouns made from verbs: "suspension", "closure", "blockade", "withdrawal", "shelling".
_ACT_ENDINGS = ("ion", "ment", "ure", "ade", "ing", "val", "sal", "wal", "ance", "ence")


def _in_event(head: Token, index: ActorIndex) -> bool:
    """Whether a name is what an act was done to: "the suspension of [Parliament]"."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "of":
        return False
    noun = prep.head
    return (
        noun.pos_ == "NOUN"
        and noun.i not in index.names
        and noun.lower_ not in GOV_DESCRIPTIONS
        and noun.lower_.endswith(_ACT_ENDINGS)
    )


def _is_subject(token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


def _group_of(token: Token, end: int, index: ActorIndex) -> list[Mention]:
    """The actors coordinated with the name whose root is ``token`` and which ends at ``end``."""
    if token.dep_ == "conj":
        return []
    first = index.names[token.i]
    members = [first]
    for conj in token.conjuncts:
        m = index.names.get(conj.i)
        if m is not None and m.text not in {x.text for x in members}:
            members.append(m)
    if len(members) >= 2:
        return members
    # the parse missed the coordination: "Meta and Spotify" side by side in the text
    doc = token.doc
    if end + 1 < len(doc) and doc[end].lower_ == "and" and (end + 1) in index.names:
        other = index.names[end + 1]
        if other.label == first.label and other.text != first.text:
            return [first, other]
    return []


def _ranked(seen: list[_Seen], token: Token, sent: int, ok, lookback: int = LOOKBACK_SENTS) -> list[Mention]:
    """Distinct fitting candidates, best first (see ``_resolve_references``)."""
    # ``seen`` is in text order: only its tail is recent enough, so a long article costs no
    # more per word than a short one
    recent = seen[bisect_left(seen, sent - lookback, key=_sentence_of) :]
    fitting = [s for s in recent if ok(s) and s.sent <= sent]
    same = [s for s in reversed(fitting) if s.sent == sent]
    earlier = [s for s in reversed(fitting) if s.sent < sent]
    if earlier:
        nearest = earlier[0].sent
        in_nearest = [s for s in earlier if s.sent == nearest]
        subjects = [s for s in in_nearest if s.subject]
        # subjects in text order (the main clause's subject first), then the rest
        earlier = sorted(subjects, key=lambda s: s.token) + [s for s in earlier if s not in subjects]
    out: list[Mention] = []
    for s in same + earlier:
        if s.mention.text not in {m.text for m in out}:
            out.append(s.mention)
    return out[:3]


def _sentence_of(seen: _Seen) -> int:
    return seen.sent


def _last_group(groups, sent: int, lookback: int = LOOKBACK_SENTS) -> list[Mention]:
    recent = groups[bisect_left(groups, sent - lookback, key=lambda g: g[0]) :]  # in text order too
    subjects = [g for g in recent if g[1]]
    pick = subjects[-1] if subjects else (recent[-1] if recent else None)
    return list(pick[2]) if pick else []


def _is_nominal(token: Token) -> bool:
    if token.dep_ in {"nummod", "det", "predet", "preconj", "quantmod", "amod", "compound"}:
        return False  # "expelled [two] diplomats", "[both] Chile and Peru": a modifier refers to no one
    return token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"} or token.pos_ in {
        "NUM",
        "PRON",
        "NOUN",
    }


def _is_definite(token: Token) -> bool:
    return _has_det(token, {"the", "this", "that"})


def _has_det(token: Token, words: set[str]) -> bool:
    return any(c.dep_ in {"det", "predet", "nummod"} and c.lower_ in words for c in token.children)

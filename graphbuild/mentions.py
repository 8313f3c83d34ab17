"""Actor mentions in one parsed article: named entities, repaired, and what refers to them.

The small English model misses names it found a sentence earlier, splits types ("Spotify"
as ORG here, GPE there) and tags acronyms of common nouns ("artificial intelligence (AI)")
as organisations. ``ActorIndex`` repairs that at the level of the article (one name, one
type, everywhere it is written) and resolves pronouns, "the two" and "the company" to the
actors they stand for. It maps token positions to ``Mention`` records; the grammar asks it
"which actors does this token name?".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from graphbuild.demonyms import DEMONYMS
from graphbuild.types import Mention
from graphbuild.vocab import ACTOR_TYPES

# Entity labels that never name an actor.
_LEADING_DROP = {"the", "a", "an", "this", "that", "these", "those"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# "Long Form (LF)": an acronym defined in the text.
# "(LF)" after the words it abbreviates; the words are taken from the text before it
ACRONYM_RE = re.compile(r"\s\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
WORD_RE = re.compile(r"[A-Za-z][\w&.\-']*")
OPERATION_RE = re.compile(r"\bOperation(?: [A-Z][\w'-]+){1,3}")
# Names the small model often tags as actors but which are never actors by themselves.
NOT_ACTORS = frozenset("ceo cfo ai it internet web app apps covid-19 covid coronavirus brexit".split())

# Reflexives ("itself") are left alone: they name the clause's own subject, never a target.
SINGULAR_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them", "theirs"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
# Words that stand for the last pair of actors: "the two", "both", "the pair".
GROUP_WORDS = frozenset({"two", "both", "pair", "neither", "duo", "sides", "parties"})
# "the company" and friends: the most recent organisation.
ORG_DESCRIPTIONS = frozenset(
    "company firm group giant maker manufacturer carrier retailer automaker carmaker "
    "airline bank lender insurer startup start-up corporation conglomerate service "
    "regulator watchdog agency rebels militia".split()
)
EVENT_DESCRIPTIONS = frozenset("operation offensive invasion incursion campaign".split())
GOV_DESCRIPTIONS = frozenset("country government state nation kingdom republic regime administration".split())
# Last words that make a name an organisation's or a law's, whatever the model tagged.
ORG_HEADS = frozenset(
    "inc corp corporation co ltd llc plc group holdings labs laboratories systems technologies "
    "motors energy networks mobile bank airlines airways agency union commission ministry "
    "department court council party front army forces council committee authority "
    "association federation institute university foundation organization organisation "
    "company partners capital industries robotics pharmaceuticals telecom media".split()
)
LAW_HEADS = frozenset("act directive regulation treaty convention".split())
GROUP_NOUNS = frozenset("companies firms businesses countries sides parties governments nations groups".split())
LOOKBACK_SENTS = 3
# "the two" points back at the pair the article is about, often many sentences earlier.
GROUP_LOOKBACK_SENTS = 25


@dataclass(slots=True)
class ActorIndex:
    """Which actors each token of a Doc names (directly or by reference)."""

    doc: Doc
    names: dict[int, Mention] = field(default_factory=dict)  # token i -> named actor
    spans: list[tuple[int, int, Mention]] = field(default_factory=list)  # named actor spans
    refs: dict[int, list[Mention]] = field(default_factory=dict)  # token i -> referents
    acronyms: dict[str, str] = field(default_factory=dict)  # short -> long form
    generic: set[str] = field(default_factory=set)  # acronyms of common nouns
    alternates: dict[int, list[Mention]] = field(default_factory=dict)  # token i -> next candidates
    # (number of spans it was built from, by mention start, by span start, by span end)
    _lookup: tuple[int, dict, dict, dict] | None = field(default=None, repr=False, compare=False)

    def named(self, token: Token) -> Mention | None:
        return self.names.get(token.i)

    def referents(self, token: Token) -> list[Mention]:
        return self.refs.get(token.i, [])

    def actors_at(self, token: Token) -> list[Mention]:
        """The actors a token names: its own name, or what it refers to."""
        named = self.names.get(token.i)
        if named is not None:
            return [named]
        return self.refs.get(token.i, [])

    def coordinated(self, mention: Mention) -> list[Mention]:
        """The named actors joined to ``mention`` by "and" or commas in the text, itself
        included, in text order: "Meta and Spotify", however the parser attached them."""
        if self._lookup is None or self._lookup[0] != len(self.spans):  # spans only grow
            self._lookup = (
                len(self.spans),
                {m.start: (s, e) for s, e, m in self.spans},
                {s: m for s, _, m in self.spans},
                {e: m for _, e, m in self.spans},
            )
        _, where, starts, ends = self._lookup
        if mention.start not in where:
            return [mention]
        start, end = where[mention.start]
        group = [mention]
        i = start
        while i >= 2 and self.doc[i - 1].lower_ in {"and", ","} and not self.doc[i - 1].is_sent_start:
            j = i - 1
            if self.doc[j].lower_ == "and" and self.doc[j - 1].text == ",":
                j -= 1
            left = ends.get(j)
            if left is None or left.label != mention.label:
                break
            group.insert(0, left)
            i = where[left.start][0]
        i = end
        while i + 1 < len(self.doc) and self.doc[i].lower_ in {"and", ","}:
            j = i + 1
            if self.doc[i].text == "," and self.doc[j].lower_ == "and":
                j += 1
            right = starts.get(j)
            if right is None or right.label != mention.label:
                break
            group.append(right)
            i = where[right.start][1]
        return group

    def mentions(self) -> list[Mention]:
        """Every named actor mention, in text order."""
        return [m for _, _, m in self.spans]


def build_index(doc: Doc) -> ActorIndex:
    """Find, repair and resolve the actor mentions of one parsed article."""
    index = ActorIndex(doc)
    _find_acronyms(doc, index)
    spans = _clean_entities(doc, index)
    spans = _propagate(doc, spans, index)
    labels = _vote_labels(spans)
    for span in spans:
        text = _clean_text(span)
        label = labels.get(text, span.label_)
        if text.lower() in NOT_ACTORS or text in index.generic:
            continue
        mention = Mention(text=text, label=label, start=span.start_char, end=span.end_char)
        index.spans.append((span.start, span.end, mention))
        for i in range(span.start, span.end):
            index.names[i] = mention
    _parenthetical_abbreviations(doc, index)
    _resolve_references(doc, index)
    return index


def _parenthetical_abbreviations(doc: Doc, index: ActorIndex) -> None:
    """ "the Kurdistan Workers' Party (PKK)": a capitalised word in brackets right after a
    name abbreviates it, whatever language its letters come from."""
    for _, end, mention in index.spans:
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            short = doc[end + 1].text
            if short.isupper() and 1 < len(short) <= 12 and short != mention.text:
                index.acronyms.setdefault(short, mention.text)


def _find_acronyms(doc: Doc, index: ActorIndex) -> None:
    for match in ACRONYM_RE.finditer(doc.text):
        short = match.group(1)
        before = doc.text[max(0, match.start() - 160) : match.start()].split()[-10:]
        words: list[str] = []
        for word in reversed(before):  # the run of words right before the bracket
            if not WORD_RE.fullmatch(word):
                break
            words.insert(0, word)
        letters = [c for c in short if c.isupper()]
        # take as many trailing words as the acronym has capitals, allowing "of", "and", "the"
        picked: list[str] = []
        for word in reversed(words):
            if len([w for w in picked if w.lower() not in {"of", "and", "the", "for", "&"}]) >= len(letters):
                break
            picked.insert(0, word)
        while picked and picked[0].lower() in {"of", "and", "the", "for", "&"}:
            picked.pop(0)
        initials = "".join(w[0].upper() for w in picked if w.lower() not in {"of", "and", "the", "for", "&"})
        if not picked or initials != "".join(letters):
            continue
        long_form = " ".join(picked)
        if all(w[0].islower() for w in picked):
            index.generic.add(short)  # "artificial intelligence (AI)": a concept, not an actor
        else:
            index.acronyms[short] = long_form


def _clean_entities(doc: Doc, index: ActorIndex) -> list[Span]:
    """Actor-typed entities with determiners and possessives trimmed, "A and B" split."""
    out: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_TYPES:
            continue
        inside_long_form = any(ent.text in long or long in ent.text for long in index.acronyms.values())
        for part in [ent] if inside_long_form else _split_coordination(ent):
            trimmed = _trim(part)
            if trimmed is not None and any(t.is_alpha for t in trimmed) and trimmed.text[0].isupper():
                out.append(_fix_label(_extend(trimmed)))
    # named military operations the model misses: "Operation Peace Spring"
    for match in OPERATION_RE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(s.start < span.end and span.start < s.end for s in out):
            out.append(Span(doc, span.start, span.end, label="EVENT"))
    # acronym long forms the model missed ("Syrian Democratic Forces (SDF)") become entities
    taken = {i for span in out for i in range(span.start, span.end)}
    for short, long_form in index.acronyms.items():
        for span in _find_phrase(doc, long_form) + _find_phrase(doc, short):
            if not any(i in taken for i in range(span.start, span.end)):
                label = (
                    "LAW"
                    if long_form.split()[-1].lower() in {"act", "directive", "law", "treaty", "regulation"}
                    else "ORG"
                )
                out.append(Span(doc, span.start, span.end, label=label))
                taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _extend(ent: Span) -> Span:
    """Take in capitalised words the model left out of a name: "Helix" + "Robotics"."""
    end = ent.end
    doc = ent.doc
    while (
        end < len(doc)
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
    ):
        end += 1
    if end == ent.end:
        return ent
    label = "ORG" if ent.label_ in {"NORP", "PERSON", "GPE"} else ent.label_
    return Span(doc, ent.start, end, label=label)


def _fix_label(span: Span) -> Span:
    """Names whose last word says what they are: "Brightline Labs" is no person."""
    last = span[-1].lower_.rstrip(".")
    if last in ORG_HEADS and span.label_ not in {"ORG"}:
        return Span(span.doc, span.start, span.end, label="ORG")
    if last in LAW_HEADS and span.label_ != "LAW":
        return Span(span.doc, span.start, span.end, label="LAW")
    return span


def _split_coordination(ent: Span) -> list[Span]:
    for token in ent:
        if token.lower_ == "and" and token.i > ent.start and token.i < ent.end - 1:
            left, right = ent.doc[ent.start : token.i], ent.doc[token.i + 1 : ent.end]
            if (
                left[0].text[0].isupper()
                and right[0].text[0].isupper()
                and len(left) <= 3
                and len(right) <= 3
                and not any(t.is_punct for t in left)
            ):
                return [
                    Span(ent.doc, left.start, left.end, label=ent.label_),
                    Span(ent.doc, right.start, right.end, label=ent.label_),
                ]
    return [ent]


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].lower_ in _LEADING_DROP or span.doc[start].is_punct or span.doc[start].is_space
    ):
        start += 1
    while end > start and (
        span.doc[end - 1].text in _POSSESSIVE or span.doc[end - 1].is_punct or span.doc[end - 1].is_space
    ):
        end -= 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label_)


def _clean_text(span: Span) -> str:
    text = span.text.replace("’", "'")
    text = re.sub(r"'s$|'$", "", text)
    return " ".join(text.split())


def _find_phrase(doc: Doc, phrase: str) -> list[Span]:
    spans = []
    for match in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def _propagate(doc: Doc, spans: list[Span], index: ActorIndex) -> list[Span]:
    """Tag every other occurrence of a name the model recognised once in the article."""
    names = {s.text for s in spans if len(s.text) > 1 and s.text not in index.generic}
    if not names:
        return spans
    matcher = PhraseMatcher(doc.vocab)
    labels = Counter((s.text, s.label_) for s in spans)
    best: dict[str, str] = {}
    for (text, label), _ in labels.most_common():
        best.setdefault(text, label)
    patterns = [Doc(doc.vocab, words=[t.text for t in s]) for s in spans]
    # the first word of an organisation's name, written alone: "Facebook" after "Facebook
    # Ireland Limited", "Northrop" after "Northrop Grumman"
    for span in spans:
        first = span[0]
        if (
            span.label_ == "ORG"
            and len(span) > 1
            and first.pos_ == "PROPN"
            and first.is_title
            and len(first.text) > 2
            and first.text not in DEMONYMS
            and first.text not in best
        ):
            best[first.text] = "ORG"
            patterns.append(Doc(doc.vocab, words=[first.text]))
    matcher.add("NAME", patterns)
    taken = {i for span in spans for i in range(span.start, span.end)}
    found = list(spans)
    matches = sorted(((s, e) for _, s, e in matcher(doc)), key=lambda m: (m[0], -(m[1] - m[0])))
    for start, end in matches:
        if any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        if span.text not in best or (end - start == 1 and doc[start].pos_ != "PROPN" and span.text not in names):
            continue
        # a name glued to a longer capitalised name is a different name ("Apple" in "Apple Corps")
        if end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            continue
        if (
            start > 0
            and doc[start - 1].is_title
            and doc[start - 1].pos_ == "PROPN"
            and not doc[start - 1].is_sent_start
        ):
            continue
        found.append(Span(doc, start, end, label=best[span.text]))
        taken.update(range(start, end))
    return sorted(found, key=lambda s: s.start)


def _vote_labels(spans: list[Span]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {}
    for span in spans:
        votes.setdefault(_clean_text(span), Counter())[span.label_] += 1
    return {text: counter.most_common(1)[0][0] for text, counter in votes.items()}


# -- references ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Seen:
    mention: Mention
    token: int
    sent: int
    subject: bool


def _resolve_references(doc: Doc, index: ActorIndex) -> None:
    """Resolve pronouns, "the two"/"both" and descriptions ("the company") to earlier actors.

    Candidates are ranked the way readers resolve them: an actor earlier in the same
    sentence, most recent first; else the subject of the nearest earlier sentence that has a
    fitting actor, then that sentence's other actors.
    """
    sent_of = {}
    for n, sent in enumerate(doc.sents):
        for token in sent:
            sent_of[token.i] = n
    seen: list[_Seen] = []
    groups: list[tuple[int, bool, list[Mention]]] = []  # (sentence, is subject, members)
    starts = {start: (end, m) for start, end, m in index.spans}
    for token in doc:
        n = sent_of[token.i]
        if token.i in starts:
            end, mention = starts[token.i]
            head = doc[token.i : end].root
            seen.append(_Seen(mention, token.i, n, _is_subject(head)))
            group = _group_of(head, end, index) if head.i in index.names else []
            if group:
                groups.append((n, _is_subject(head), group))
            continue
        if token.i in index.names:
            continue
        ranked = _candidates(token, seen, groups, n)
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
            index.alternates[token.i] = as_ref[1:]
        else:
            index.refs[token.i] = as_ref
        if len(index.refs[token.i]) == 1:  # a resolved description can itself be referred to
            seen.append(_Seen(ranked[0], token.i, n, _is_subject(token)))


def _candidates(token: Token, seen: list[_Seen], groups, n: int) -> list[Mention]:
    lower = token.lower_
    pronoun = token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}
    if not (pronoun or lower in GROUP_WORDS or (token.pos_ == "NOUN" and token.n_lefts)):
        return []  # most tokens refer to nothing: decide cheaply
    if token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}:
        if lower in SINGULAR_PRONOUNS:
            return _ranked(seen, token, n, lambda s: s.mention.label not in {"PERSON", "NORP"})
        if lower in PERSON_PRONOUNS:
            return _ranked(seen, token, n, lambda s: s.mention.label == "PERSON")
        if lower in PLURAL_PRONOUNS:
            return _last_group(groups, n) or _ranked(seen, token, n, lambda s: s.mention.label == "NORP")[:1]
    if lower in GROUP_WORDS and _is_nominal(token):
        return _last_group(groups, n, lookback=GROUP_LOOKBACK_SENTS)
    if lower in GROUP_NOUNS and _has_det(token, {"both", "these", "the", "two"}):
        return _last_group(groups, n, lookback=GROUP_LOOKBACK_SENTS)
    if token.pos_ == "NOUN" and _is_definite(token) and not any(c.dep_ == "prep" for c in token.children):
        # "the agency" after "the Consumer Markets Agency": the name's own head noun
        named = _ranked(seen, token, n, lambda s: s.mention.text.split()[-1].lower() == lower)
        if not named:  # "the court" after "the European Court of Justice"
            named = _ranked(
                seen,
                token,
                n,
                lambda s: lower in {w.lower() for w in s.mention.text.split()[:-1]} - {"of", "the", "and"},
            )
        if named:
            return named[:1]
        if lower in ORG_DESCRIPTIONS:
            return _ranked(seen, token, n, lambda s: s.mention.label == "ORG")
        if lower in GOV_DESCRIPTIONS:
            return _ranked(seen, token, n, lambda s: s.mention.label == "GPE")
        if lower in EVENT_DESCRIPTIONS:  # "the operation" after "Operation Peace Spring"
            return _ranked(seen, token, n, lambda s: s.mention.label == "EVENT")[:1]
    return []


def _is_subject(token: Token) -> bool:
    while token.dep_ == "conj" and token.head is not token:
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


def _ranked(seen: list[_Seen], token: Token, sent: int, ok) -> list[Mention]:
    """Distinct fitting candidates, best first (see ``_resolve_references``)."""
    fitting = [s for s in seen if ok(s) and 0 <= sent - s.sent <= LOOKBACK_SENTS]
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


def _last_group(groups, sent: int, lookback: int = LOOKBACK_SENTS) -> list[Mention]:
    recent = [g for g in groups if sent - g[0] <= lookback]
    subjects = [g for g in recent if g[1]]
    pick = subjects[-1] if subjects else (recent[-1] if recent else None)
    return list(pick[2]) if pick else []


def _is_nominal(token: Token) -> bool:
    return token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"} or token.pos_ in {
        "NUM",
        "PRON",
        "NOUN",
    }


def _is_definite(token: Token) -> bool:
    return _has_det(token, {"the", "this", "that"})


def _has_det(token: Token, words: set[str]) -> bool:
    return any(c.dep_ in {"det", "predet", "nummod"} and c.lower_ in words for c in token.children)

"""Entity repair: the model's entities made into one name, one type, everywhere.

A name found once is found everywhere it is written (``propagate_names``), with the type
most of its mentions have (``vote_labels``); "Brightline Labs" is an organisation whatever
the model said (``org_heads``); "A and B" in one entity is two; acronyms defined in the text
("Syrian Democratic Forces (SDF)") tie the short form to the long one, and acronyms of
common nouns ("artificial intelligence (AI)") are no actors.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphbuild.grammar.lexicon import (
    DEMONYMS,
    EVENT_HEADS,
    LAW_HEADS,
    NAME_PREFIXES,
    ORG_HEADS,
    PRODUCT_NAMES,
    PUBLIC_HEADS,
)
from graphbuild.grammar.names import abbreviates
from graphbuild.nlp import DATELINE_RE, doc_text
from graphbuild.types import Mention
from graphbuild.vocab import ACTOR_TYPES

if TYPE_CHECKING:
    from graphbuild.grammar.mentions import ActorIndex

# Endings that make a state's name its nationality adjective: "Kenya-n", "Ital(y)-ian",
# "Marrenland-ic", "Israel-i", "Sudan-ese", "Dan(e)-ish".
DEMONYM_ENDINGS = ("n", "an", "ian", "ic", "i", "ese", "ish", "ean")
_LEADING_DROP = {"the", "a", "an", "this", "that", "these", "those"}
# Words a name never ends with: "[University of Brennik and] Pellion Pharma".
_TRAILING_DROP = {"and", "or", "of", "the"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# "Long Form (LF)": an acronym defined in the text.
# "(LF)" after the words it abbreviates; the words are taken from the text before it
ACRONYM_RE = re.compile(r"\s\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
WORD_RE = re.compile(r"[A-Za-z][\w&.\-']*")
OPERATION_RE = re.compile(r"\bOperation(?: [A-Z][\w'-]+){1,3}")
# Words an acronym's letters skip: "Organization [of] Petroleum Exporting Countries".
_SKIPPED = {"of", "and", "the", "for", "&"}
# Last words of an acronym's long form that make it a law: "General Data Protection Regulation (GDPR)".
_LAW_LONG_FORMS = {"act", "directive", "law", "treaty", "regulation"}


def parenthetical_abbreviations(doc: Doc, index: ActorIndex) -> None:
    """ "the Kurdistan Workers' Party (PKK)": a capitalised word in brackets right after a
    name abbreviates it, whatever language its letters come from."""
    for _, end, mention in index.spans:
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            short = doc[end + 1].text
            if short.isupper() and 1 < len(short) <= 12 and short != mention.text and abbreviates(short, mention.text):
                index.acronyms.setdefault(short, mention.text)


def find_acronyms(doc: Doc, index: ActorIndex) -> None:
    text = doc_text(doc)
    for match in ACRONYM_RE.finditer(text):
        short = match.group(1)
        before = text[max(0, match.start() - 160) : match.start()].split()[-10:]
        words: list[str] = []
        for word in reversed(before):  # the run of words right before the bracket
            if not WORD_RE.fullmatch(word):
                break
            words.insert(0, word)
        letters = [c for c in short if c.isupper()]
        # take as many trailing words as the acronym has capitals, allowing "of", "and", "the"
        picked: list[str] = []
        for word in reversed(words):
            if len([w for w in picked if w.lower() not in _SKIPPED]) >= len(letters):
                break
            picked.insert(0, word)
        while picked and picked[0].lower() in _SKIPPED:
            picked.pop(0)
        initials = "".join(w[0].upper() for w in picked if w.lower() not in _SKIPPED)
        if not picked or initials != "".join(letters):
            continue
        long_form = " ".join(picked)
        if all(w[0].islower() for w in picked):
            index.generic.add(short)  # "artificial intelligence (AI)": a concept, not an actor
        else:
            index.acronyms[short] = long_form


def clean_entities(doc: Doc, index: ActorIndex) -> list[Span]:
    """Actor-typed entities with determiners and possessives trimmed, "A and B" split."""
    out: list[Span] = []
    datelines = dateline_chars(doc)
    for ent in doc.ents:
        if ent.label_ not in ACTOR_TYPES:
            continue
        for _start, end in datelines:  # "[Velmora - Osteria] and Dravia signed": from "Osteria"
            if ent.start_char < end < ent.end_char:
                after = [t for t in ent if t.idx >= end]
                ent = Span(doc, after[0].i, ent.end, label=ent.label_) if after else ent
        inside_long_form = any(ent.text in long or long in ent.text for long in index.acronyms.values())
        for part in [ent] if inside_long_form else _split_coordination(ent):
            trimmed = _trim(part)
            if trimmed is not None and _is_name(trimmed):
                out.append(_fix_label(_extend(trimmed)))
    # named military operations the model misses: "Operation Peace Spring"
    for match in OPERATION_RE.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(s.start < span.end and span.start < s.end for s in out):
            out.append(Span(doc, span.start, span.end, label="EVENT"))
    # nationality adjectives the model left untagged before a noun ("Ghanaian authorities")
    taken = {i for span in out for i in range(span.start, span.end)}
    for token in doc:
        if token.i not in taken and token.text in DEMONYMS and token.dep_ in {"amod", "compound"} and token.is_title:
            out.append(Span(doc, token.i, token.i + 1, label="NORP"))
    # acronym long forms the model missed ("Syrian Democratic Forces (SDF)") become entities
    taken = {i for span in out for i in range(span.start, span.end)}
    for short, long_form in index.acronyms.items():
        for span in _find_phrase(doc, long_form) + _find_phrase(doc, short):
            if not any(i in taken for i in range(span.start, span.end)):
                label = "LAW" if long_form.split()[-1].lower() in _LAW_LONG_FORMS else "ORG"
                out.append(Span(doc, span.start, span.end, label=label))
                taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def dateline_chars(doc: Doc) -> list[tuple[int, int]]:
    """Where the text's datelines are: the place a report was filed names no actor.

    >>> from spacy.lang.en import English
    >>> dateline_chars(English()("BRENNIK, Osteria - Corvane sued Halvren."))
    [(0, 19)]
    """
    return [(m.start(), m.end()) for m in DATELINE_RE.finditer(doc_text(doc))]


def _is_name(span: Span) -> bool:
    """Written as a name: letters, and a capital first or a lower-case article that Arabic
    names take ("al-Qaeda"); one dotted token is a name too ("U.S.", "U.N.")."""
    if not any(c.isalpha() for c in span.text):
        return False
    if span.text[0].isupper():
        return True
    first = span[0].lower_
    if "-" in first:  # one token: "al-Qaeda"
        prefix = first.partition("-")[0]
        return prefix in NAME_PREFIXES and span.text[len(prefix) + 1 : len(prefix) + 2].isupper()
    return first in NAME_PREFIXES and len(span) > 2 and span[1].text == "-" and span[2].text[:1].isupper()


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
    # "the United States House [of Representatives]": a public body's "of" is part of its name
    if doc[end - 1].lower_ in PUBLIC_HEADS and end + 1 < len(doc) and doc[end].lower_ == "of":
        stop = end + 1
        while stop < len(doc) and doc[stop].pos_ == "PROPN" and doc[stop].is_title:
            stop += 1
        end = stop if stop > end + 1 else end
    if end == ent.end:
        return ent
    label = "ORG" if ent.label_ in {"NORP", "PERSON", "GPE"} else ent.label_
    return Span(doc, ent.start, end, label=label)


def _fix_label(span: Span) -> Span:
    """Names whose last word says what they are: "Brightline Labs" is no person, "Airbus
    A350" and "the iPhone" are products, "Apple Worldwide Developers Conference" an event."""
    last = span[-1].lower_.rstrip(".")
    if span.label_ != "LAW" and is_product_name([t.text for t in span]):
        return span if span.label_ == "PRODUCT" else Span(span.doc, span.start, span.end, label="PRODUCT")
    if last in EVENT_HEADS and len(span) > 1 and span.label_ != "EVENT":
        return Span(span.doc, span.start, span.end, label="EVENT")
    if last in ORG_HEADS and span.label_ not in {"ORG"}:
        return Span(span.doc, span.start, span.end, label="ORG")
    if last in LAW_HEADS and span.label_ != "LAW":
        return Span(span.doc, span.start, span.end, label="LAW")
    return span


def is_product_name(words: list[str]) -> bool:
    """A product's name by the words lists know or a model number: "Apple iPhone", "Airbus
    A350", "Boeing 787", "A350" (not "Section 230", a law, "Formula 1" or "G20").

    >>> is_product_name(["Airbus", "A350"]), is_product_name(["G20"]), is_product_name(["Samsung", "Galaxy"])
    (True, False, True)
    """
    last = words[-1].rstrip(".")
    if last.lower() in PRODUCT_NAMES:
        return True
    if len(words) == 1:  # "A350": a letter and three digits
        return last[:1].isalpha() and sum(c.isdigit() for c in last) >= 3
    if not words[0][:1].isupper() or words[0].lower() in {"section", "article", "formula"}:
        return False
    return any(c.isdigit() for c in last) and (not last.isdigit() or len(last) == 3)


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
        span.doc[end - 1].text in _POSSESSIVE
        or span.doc[end - 1].is_punct
        or span.doc[end - 1].is_space
        or span.doc[end - 1].lower_ in _TRAILING_DROP
    ):
        end -= 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label_)


def clean_text(span: Span) -> str:
    text = span.text.replace("’", "'")
    text = re.sub(r"'s$|'$", "", text)
    return " ".join(text.split())


def _find_phrase(doc: Doc, phrase: str) -> list[Span]:
    spans = []
    for match in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def propagate_names(doc: Doc, spans: list[Span], index: ActorIndex) -> list[Span]:
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
            and (not doc[start - 1].is_sent_start or doc[start - 1].dep_ == "compound")
        ):  # "Transparency Velmora" at a sentence's start is a name of its own too
            continue
        found.append(Span(doc, start, end, label=best[span.text]))
        taken.update(range(start, end))
    return sorted(found, key=lambda s: s.start)


def article_demonyms(mentions: list[Mention]) -> dict[str, str]:
    """Nationality adjectives the lexicon lacks, tied to a name the article also writes:
    "Sorenzan" to "Sorenza", "Marrenlandic" to "Marrenland", "Kenyan" to "Kenya". Only a
    place has such an adjective, whatever type the model gave either word.

    >>> from graphbuild.types import Mention
    >>> article_demonyms([Mention("Sorenza", "ORG", 0, 7), Mention("Sorenzan", "NORP", 9, 17)])
    {'Sorenzan': 'Sorenza'}
    """
    names = {m.text for m in mentions if " " not in m.text and len(m.text) > 3 and m.label != "PERSON"}
    found: dict[str, str] = {}
    for word in sorted(names):
        if word in DEMONYMS:
            continue
        for state in sorted(names):
            stem = state[:-1] if state[-1] in "aeiouy" else state
            if word != state and any(word == base + end for base in (state, stem) for end in DEMONYM_ENDINGS):
                found[word] = state
                break
    return found


def vote_labels(spans: list[Span]) -> dict[str, str]:
    votes: dict[str, Counter[str]] = {}
    for span in spans:
        votes.setdefault(clean_text(span), Counter())[span.label_] += 1
    return {text: counter.most_common(1)[0][0] for text, counter in votes.items()}

"""Run the grammar over an article: every rule on every sentence, frames made into triples.

This is the last stage where spaCy objects exist. ``extract_article`` indexes the article's
actors (``mentions``), runs the registered constructions (``rules``) on each token of each
sentence that names an actor, qualifies each frame (``qualifiers``) and keeps one triple per
pair and relation in a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from graphbuild.grammar.arguments import fits, same_participant
from graphbuild.grammar.clauses import co_agents
from graphbuild.grammar.mentions import ActorIndex, build_index
from graphbuild.grammar.qualifiers import according_to, attribution, is_negated, modality
from graphbuild.grammar.quotes import find_quotes, speaker_of
from graphbuild.grammar.registry import CONFIDENCE_REFERENCE, Context, Frame, Rule
from graphbuild.grammar.rules import ordered_rules
from graphbuild.grammar.syntax import token_at
from graphbuild.nlp import section_of
from graphbuild.types import Article, Extraction, Mention, RawTriple
from graphbuild.vocab import RELATIONS


def extract_article(doc: Doc, article: Article) -> Extraction:
    """Read every triple of one parsed article.

    >>> from graphbuild.nlp import load_pipeline
    >>> from graphbuild.types import Article
    >>> nlp = load_pipeline()
    >>> article = Article(id="a1", text="Cisco sued Apple on Wednesday.")
    >>> [(t.subject.text, t.relation, t.object.text) for t in extract_article(nlp(article.text), article).triples]
    [('Cisco', 'SUES', 'Apple')]
    """
    index = build_index(doc)
    ctx = Context(index, find_quotes(doc, index))
    rules = ordered_rules()
    triples: list[RawTriple] = []
    for sent in doc.sents:
        triples.extend(_dedupe(_sentence_triples(sent, ctx, rules, article)))
    return Extraction(
        article=article,
        triples=tuple(triples),
        mentions=tuple(index.mentions()),
        acronyms=tuple(sorted(index.acronyms.items())),
    )


def extract_docs(pairs: Iterable[tuple[Doc, Article]]) -> Iterator[Extraction]:
    """Run :func:`extract_article` over ``(Doc, Article)`` pairs, as ``parse_articles`` yields."""
    for doc, article in pairs:
        yield extract_article(doc, article)


def sentence_frames(sent: Span, ctx: Context, rules: list[Rule]) -> Iterator[Frame]:
    """Every frame the rules find in a sentence, token by token, rule by rule. Each rule's
    test of the token (``on``) is shared: most rules ask whether it is a verb."""
    tests = list(dict.fromkeys(rule.on for rule in rules if rule.on is not None))
    plan = [(rule.find, None if rule.on is None else tests.index(rule.on)) for rule in rules]
    for token in sent:
        passed = [test(token) for test in tests]
        for find, test in plan:
            if test is None or passed[test]:
                yield from find(token, ctx)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What every frame of one sentence shares, worked out once per sentence."""

    span: Span
    text: str  # without the line breaks and spaces a span keeps at its ends
    start: int
    according: Token | None
    section: str  # "title" or "body"
    shift: int  # where that section starts in the parsed text


def _sentence_triples(sent: Span, ctx: Context, rules: list[Rule], article: Article) -> Iterator[RawTriple]:
    if not any(ctx.index.actors_at(t) for t in sent):
        return
    raw = sent.text
    section, shift = section_of(article, sent.start_char)
    shared = _Sentence(
        sent, raw.strip(), sent.start_char + len(raw) - len(raw.lstrip()), according_to(sent), section, shift
    )
    for frame in sentence_frames(sent, ctx, rules):
        yield from _frame_triples(frame, shared, ctx, article)


def _pairs(frame: Frame, sent: Span, index: ActorIndex) -> list[tuple[Mention, Mention]]:
    """Who stands in the relation to whom: each subject, and each partner acting with it
    ("Chile, together with Peru, sued Bolivia"), to each target; or with no target the members
    of a reciprocal subject to each other (not one member and its apposition)."""
    if frame.targets:
        partners = co_agents([frame.predicate, *frame.chain], index) if frame.subjects else []
        named = {s.text for s in frame.subjects}
        who = [*frame.subjects, *(p for p in partners if p.text not in named)]
        return [(s, o) for s in who for o in frame.targets]
    pairs: list[tuple[Mention, Mention]] = []
    if frame.reciprocal and len(frame.subjects) >= 2:
        symmetric = RELATIONS[frame.relation].symmetric
        for i, s in enumerate(frame.subjects):
            for o in frame.subjects[i + 1 :]:
                if same_participant(sent, s, o):
                    continue
                pairs.append((s, o))
                if not symmetric:
                    pairs.append((o, s))
    return pairs


def _frame_triples(frame: Frame, shared: _Sentence, ctx: Context, article: Article) -> Iterator[RawTriple]:
    index = ctx.index
    negated = is_negated(frame.predicate, frame.chain, frame.subject_tokens)
    mood = modality(frame.predicate, frame.chain)
    # who the sentence says says it, else who is quoted saying it
    said_by = attribution(frame.predicate, index, shared.according) or speaker_of(ctx.quotes, frame.predicate.i)
    shift = shared.shift
    for subject, obj in _pairs(frame, shared.span, index):
        if subject.text == obj.text and obj.surface:
            # "EU authorities ... compelling it": a pronoun object is not its own subject
            alternates = index.alternates.get(_token_at(shared.span, obj.start), [])
            obj = next((m for m in alternates if m.text != subject.text), obj)
        if subject.text == obj.text or not fits(frame.relation, subject, obj):
            continue
        if not (_inside(subject, shared) and _inside(obj, shared)):
            continue  # a name the parser split across two sentences: this one does not show it
        confidence = frame.confidence
        if subject.surface:
            confidence *= CONFIDENCE_REFERENCE
        if obj.surface:
            confidence *= CONFIDENCE_REFERENCE
        yield RawTriple(
            article_id=article.id,
            subject=replace(subject, start=subject.start - shift, end=subject.end - shift),
            object=replace(obj, start=obj.start - shift, end=obj.end - shift),
            relation=frame.relation,
            verb=frame.verb,
            negated=negated,
            modality=mood,
            sentence=shared.text,
            sentence_start=shared.start - shift,
            sentence_end=shared.start + len(shared.text) - shift,
            rule=frame.rule,
            confidence=round(confidence, 3),
            attribution=said_by,
            section=shared.section,
        )


def _inside(mention: Mention, shared: _Sentence) -> bool:
    return shared.start <= mention.start and mention.end <= shared.start + len(shared.text)


def _token_at(sent: Span, char: int) -> int:
    token = token_at(sent, char)
    return -1 if token is None else token.i


def _dedupe(triples: Iterator[RawTriple]) -> list[RawTriple]:
    """One triple per (subject, relation, object, negated) and mention within a sentence:
    the most confident, else the first found."""
    best: dict[tuple, RawTriple] = {}
    for triple in triples:
        key = (
            triple.section,
            triple.subject.text,
            triple.subject.start,
            triple.relation,
            triple.object.text,
            triple.object.start,
            triple.negated,
        )
        if key not in best or triple.confidence > best[key].confidence:
            best[key] = triple
    return list(best.values())

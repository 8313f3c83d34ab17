"""What a speaker says of another.

"The court says Facebook must remove the posts" demands of Facebook (``speech-demand``), as
does saying it must not do something, but not "the US must mediate" (an appeal for
cooperation);
"Nintendo claims that Sony broke the licence" accuses Apple (``speech-allegation``), as
does saying another did wrong ("said the government was breaking the law") or that what it
did is wrong ("found that the minister's advice was unlawful").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.grammar.arguments import actors
from graphbuild.grammar.clauses import subjects
from graphbuild.grammar.lexicon import (
    ACCUSING_SPEECH,
    DECREE_VERBS,
    EVENT_NOUNS,
    GIVING_VERBS,
    NEGATIVE_LABELS,
    OBLIGATION_AUX,
    REPORTING_VERBS,
    VERB_RELATIONS,
    WRONGDOING_VERBS,
)
from graphbuild.grammar.registry import CONFIDENCE_CHAINED, Context, Frame, rule
from graphbuild.grammar.syntax import ANY_SUBJECT_DEPS, SUBJECT_DEPS, children, is_verbal, lemma_of, written
from graphbuild.nlp import token_lemma
from graphbuild.vocab import COOPERATION, RELATIONS

SELF_WORDS = frozenset({"we", "i"})


def _cooperative(comp: Token) -> bool:
    """ "must mediate", "must help", "must reach an agreement", "must be ready": what is asked
    is cooperation, or a state, and asking it is no dispute."""
    lemma = lemma_of(comp)
    if lemma == "be" or lemma in GIVING_VERBS:
        return True
    if any(RELATIONS[r].polarity == COOPERATION for r in VERB_RELATIONS.get(lemma, ())):
        return True
    return any(
        RELATIONS[EVENT_NOUNS[noun][0]].polarity == COOPERATION
        for noun in (token_lemma(c).lower() for c in children(comp, {"dobj"}))
        if noun in EVENT_NOUNS
    )


def _wrong(comp: Token) -> bool:
    """ "was breaking the law", "had shelled the town", "was unlawful": the clause says its
    subject did wrong."""
    if lemma_of(comp) in WRONGDOING_VERBS:
        return True
    return any(
        c.dep_ in {"acomp", "attr"} and (c.lower_ in NEGATIVE_LABELS or token_lemma(c).lower() in NEGATIVE_LABELS)
        for c in comp.children
    )


def _charged(verb: Token, comp: Token, ctx: Context) -> bool:
    """Whether saying a wrong is charging it: "X said Y broke the law", a quote ('"Y broke
    its word," said X'); not a source named after its report ("Y shelled the town, relief
    officials said")."""
    return comp.i > verb.i or any(q.holds(comp.i) for q in ctx.quotes)


@rule("speech", emits=("speech-demand", "speech-allegation"), on=is_verbal)
def speech(verb: Token, ctx: Context) -> Iterator[Frame]:
    """ "X says Y must ...": a demand of Y; "X claims that Y ...": an accusation of Y."""
    lemma = lemma_of(verb)
    if lemma not in REPORTING_VERBS and lemma not in DECREE_VERBS:
        return
    clause = None
    comps = children(verb, {"ccomp"})
    comps += [c for comp in comps for c in comp.conjuncts]  # "explained that ..., but they should not"
    for comp in comps:
        # "we should", "I must": the speakers themselves, of whom nothing is demanded
        others = [c for c in children(comp, ANY_SUBJECT_DEPS) if c.lower_ not in SELF_WORDS]
        targets = [a for c in others for a in actors(c, ctx.index)]
        if not targets:
            continue
        clause = clause or subjects(verb, ctx.index)
        # "Egypt and Jordan said they would attack the smugglers": the speakers say it of themselves
        targets = [t for t in targets if t.text not in {a.text for a in clause.actors}]
        if not targets:
            continue
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in comp.children):
            if _cooperative(comp) and not any(c.dep_ == "neg" for c in comp.children):
                continue  # "said the US must mediate", "must reach an agreement": an appeal
            if lemma_of(comp) == "have" and children(comp, {"xcomp"}):
                continue  # "X should not have to buy it": spared an obligation, not asked
            relation, name = "DEMANDS", "speech-demand"
        elif lemma in ACCUSING_SPEECH or (_wrong(comp) and _charged(verb, comp, ctx)):
            relation, name = "ACCUSES", "speech-allegation"
        else:
            continue
        yield Frame(
            relation,
            clause.actors,
            targets,
            written([verb, comp]),
            name,
            verb,
            clause.chain,
            children(verb, SUBJECT_DEPS),
            CONFIDENCE_CHAINED,
            trigger=lemma,
        )

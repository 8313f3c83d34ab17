"""The grammar: (actor, relation, target) triples from parsed sentences.

This is the last stage where spaCy objects exist. Each rule anchors on a predicate word
from ``graphbuild.lexicon`` and finds its arguments in the dependency parse:

- ``verb``: a verb and its subject and object or prepositional target, in active or passive
  voice ("Cisco sued Apple", "Apple was sued by Cisco", "Meta complained about the rules").
- ``copula``: an adjective or participle after *be* ("are united against", "is opposed to").
- ``noun``: an event noun with its owner or the subject of its light verb ("filed a lawsuit
  against", "Cisco's lawsuit against Apple", "a dispute between X and Y").
- ``reciprocal``: a coordinated subject with a reciprocal predicate and no target ("Meta
  and Spotify are collaborating").

Arguments are expanded over coordination and apposition, owners stand for what they own
("Apple's response" is Apple), and the subject of a governing verb is carried down chains
("agreed to criticize", "led EU authorities to ... compel it").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from graphbuild.demonyms import country_of
from graphbuild.lexicon import (
    ADJECTIVE_PHRASES,
    CHAIN_VERBS,
    EVENT_NOUNS,
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    LABEL_VERBS,
    LIGHT_VERBS,
    NEGATING_VERBS,
    NEGATIVE_LABELS,
    OBJECT_CONTROL,
    PLANNING_VERBS,
    RECEIVING_VERBS,
    RECIPROCAL,
    REPORTING_VERBS,
    REQUEST_VERBS,
    REVERSING_VERBS,
    VERB_PHRASES,
    VERB_PREPS,
)
from graphbuild.mentions import ActorIndex, build_index
from graphbuild.nlp import TITLE_SEPARATOR, token_lemma
from graphbuild.types import Article, Mention, RawTriple
from graphbuild.vocab import CONFLICT, RELATIONS

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Dependents through which a noun phrase points at the actor it belongs to.
OWNER_DEPS = frozenset({"poss", "compound", "nmod"})
# Nouns that stand for their organisation or country: "EU authorities", "CEOs of Meta".
ROLE_NOUNS = frozenset(
    "authority official regulator government administration ministry minister spokesman "
    "spokeswoman spokesperson ceo chief executive head leader president chairman chairwoman "
    "founder member members lawyer attorney counsel representative envoy ambassador army "
    "force forces troops soldier soldiers military navy police court judge prosecutor board management "
    "delegation officer agency department cabinet parliament lawmaker senator diplomat "
    "negotiator team side camp unit subsidiary division arm parent owner regime commander".split()
)
# What only a state does to those in its territory: "banned in Turkey".
STATE_ACTIONS = frozenset({"BANS", "SANCTIONS", "ARRESTS", "EXPELS", "FINES"})
# Relations whose target may be the subject of the clause the verb governs ("help X stop Y").
BENEFIT_RELATIONS = frozenset({"AIDS", "SUPPORTS"})
# "must", "should": said of another, a demand.
OBLIGATION_AUX = frozenset({"must", "should"})
# Verbs of saying that accuse the subject of what they report.
ACCUSING_SPEECH = frozenset({"allege", "claim", "charge", "accuse", "contend"})
# Words that make "X vs. Y" a legal case.
LEGAL_WORDS = frozenset("case court lawsuit suit trial ruling judge judgment judgement rule appeal".split())
# Prepositions through which a role noun names its state: "a court in Guyana", "troops from Chad".
ROLE_PREPS = frozenset({"of", "in", "from"})
# Groups named by a nationality or a name: "Syrian rebels", "pro-Russia separatists".
GROUP_HEADS = frozenset(
    "rebel rebels insurgent insurgents militant militants fighter fighters protester protesters "
    "demonstrator demonstrators activist activists dissident dissidents separatist separatists "
    "opposition guerrilla guerrillas gunman gunmen jihadist jihadists rioter rioters".split()
)
# People around an organisation who are not the organisation: "a Facebook user".
NOT_OWNED = frozenset(
    "user users customer customers client clients fan fans critic critics rival rivals competitor "
    "competitors subscriber subscribers reader readers viewer viewers supporter supporters "
    "shareholder shareholders investor investors analyst analysts victim victims".split()
)
# Things an actor has or does that stand for the actor as a target: "the plan of France".
OWNED_NOUNS = frozenset(
    "plan policy policies rule rules regulation regulations law laws decision response proposal "
    "action actions move program programme strategy bid offer claim claims stance position "
    "conduct practice practices behaviour behavior demand demands handling treatment".split()
)
# Clause links through which a subject is passed down to a verb that has none of its own.
CHAIN_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp"})
MAX_CHAIN = 4

CONFIDENCE_DIRECT = 0.9
CONFIDENCE_CHAINED = 0.8
CONFIDENCE_REFERENCE = 0.9  # multiplied in when an argument is a resolved pronoun
CONFIDENCE_SURFACE = 0.6  # arguments found by word order where the parse gave none


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction learned from one article.

    ``mentions`` lists every named actor in the text (not only those in triples), so that
    normalization can tie a surname or an acronym to the full name written elsewhere.
    """

    article: Article
    triples: tuple[RawTriple, ...]
    mentions: tuple[Mention, ...]
    acronyms: tuple[tuple[str, str], ...] = field(default=())


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
    triples: list[RawTriple] = []
    for sent in doc.sents:
        triples.extend(_dedupe(_sentence_triples(sent, index, article)))
    return Extraction(
        article=article,
        triples=tuple(triples),
        mentions=tuple(index.mentions()),
        acronyms=tuple(sorted(index.acronyms.items())),
    )


# -- arguments -----------------------------------------------------------------------------------


def _actors(token: Token, index: ActorIndex, depth: int = 0) -> list[Mention]:
    """The actors a noun phrase headed by ``token`` names, its conjuncts included."""
    found: list[Mention] = []
    for member in [token, *token.conjuncts] if token.dep_ != "conj" else [token]:
        for mention in _head_actors(member, index, depth):
            if mention not in found:
                found.append(mention)
    return found


def _head_actors(token: Token, index: ActorIndex, depth: int) -> list[Mention]:
    named = index.named(token)
    if named is not None:
        group = list(index.coordinated(named))
        for child in token.children:  # "Mark Zuckerberg, Meta's CEO": the company too
            if child.dep_ == "appos" and depth <= 2:
                group.extend(m for m in _actors(child, index, depth + 1) if m not in group)
        return [_as_state(m, token) for m in group]
    direct = index.referents(token)
    if direct:
        return direct
    if depth > 2:
        return []
    lemma = token_lemma(token).lower()
    if lemma in NOT_OWNED:
        return []  # "a Facebook user" is not Facebook
    if lemma in GROUP_HEADS:
        # "Syrian rebels", "Georgian demonstrators": a group, not the state
        mods = [c for c in token.children if c.dep_ in {"amod", "compound"} and index.named(c) is not None]
        if mods:
            first = min(mods, key=lambda t: t.i)
            text = token.doc[first.i : token.i + 1].text
            return [Mention(text=text, label="NORP", start=first.idx, end=token.idx + len(token.text))]
        return []
    if lemma in ROLE_NOUNS:
        # "Both CEOs of Meta, Mark Zuckerberg, and Spotify, Daniel Ek": every actor named;
        # "a court in Guyana": the state it belongs to
        phrase = [_as_state(m, t) for t in _phrase_tokens(token) for m in index.actors_at(t)]
        return phrase or [_as_state(m, t) for t in _phrase_tokens(token, ROLE_PREPS) for m in index.actors_at(t)]
    found: list[Mention] = []
    for child in token.children:
        if child.dep_ in OWNER_DEPS or child.dep_ == "appos":
            found.extend(_actors(child, index, depth + 1))
        elif child.dep_ == "amod" and index.named(child) is not None:
            found.extend(_actors(child, index, depth + 1))  # "Turkish aggression"
        elif child.dep_ == "prep" and child.lower_ == "of" and (lemma in OWNED_NOUNS or token.pos_ in {"NUM", "PRON"}):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(_actors(pobj, index, depth + 1))
    return found


def _phrase_tokens(token: Token, preps: frozenset[str] = frozenset({"of"})) -> list[Token]:
    """The noun phrase's own words: its subtree without clauses and other prepositions."""
    out = []
    stack = [token]
    while stack:
        current = stack.pop()
        out.append(current)
        for child in current.children:
            if child.dep_ in {"relcl", "acl", "advcl", "ccomp", "xcomp"}:
                continue
            if child.dep_ in OWNER_DEPS and current.ent_type_ and child.ent_type_:
                continue  # "leaders of Egypt's Muslim Brotherhood": the Brotherhood, not Egypt
            if child.dep_ == "prep" and (child.lower_ not in preps or (current is not token and child.lower_ != "of")):
                continue
            stack.append(child)
    seen: set[int] = set()
    ordered = []
    for t in sorted(out, key=lambda t: t.i):
        if t.i not in seen:
            seen.add(t.i)
            ordered.append(t)
    return ordered


def _as_state(mention: Mention, token: Token) -> Mention:
    """A nationality adjective on a noun stands for its state: "an Austrian court"."""
    if mention.label == "NORP" and token.dep_ in {"amod", "compound"} and not mention.surface:
        country = country_of(mention.text)
        if country:
            return replace(mention, text=country, label="GPE")
    return mention


def _children(token: Token, deps: frozenset[str] | set[str]) -> list[Token]:
    found = [c for c in token.children if c.dep_ in deps]
    if deps & SUBJECT_DEPS or deps & PASSIVE_SUBJECT_DEPS:
        # the parser sometimes hangs the subject on the auxiliary: "Neither ... [is] opposed"
        found += [g for c in token.children if c.dep_ in {"aux", "auxpass"} for g in c.children if g.dep_ in deps]
    return found


def _pobj_actors(prep: Token, index: ActorIndex) -> list[Mention]:
    found: list[Mention] = []
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp"}:
            found.extend(_actors(child, index))
    return found


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def _agents(verb: Token, index: ActorIndex) -> list[Mention]:
    found: list[Mention] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and _is_passive(verb)):
            found.extend(_pobj_actors(child, index))
    return found


@dataclass(slots=True)
class _Clause:
    """The subject a predicate inherits, and how it got there."""

    actors: list[Mention]
    chain: list[Token]  # governing verbs, nearest first
    chained: bool


def _subjects(verb: Token, index: ActorIndex) -> _Clause:
    """The actors that carry out ``verb``, climbing to governing verbs when it has none."""
    chain: list[Token] = []
    token = verb
    chain_link = ""  # how the clause reached ``token``: xcomp, conj, advcl...
    for _ in range(MAX_CHAIN + 1):
        if _is_passive(token) and token is not verb:
            actors = _agents(token, index)
            if not actors and chain_link == "xcomp":
                # "Fiat is expected to acquire Chrysler": the passive's subject does it
                actors = _children_actors(token, PASSIVE_SUBJECT_DEPS, index)
        else:
            actors = []
            for child in _children(token, SUBJECT_DEPS):
                actors.extend(_actors(child, index))
            if not actors and token is verb and not _is_passive(verb):
                actors = []
        if actors:
            return _Clause(actors, chain, chained=token is not verb)
        # object control: "led EU authorities to refer", "forced Apple to open"
        if token is not verb and token_lemma(token) in OBJECT_CONTROL and chain and _children(token, {"dobj"}):
            # "led EU authorities to refer", and "helping young militants join": the object
            # does it, whether or not it names an actor
            objs = [a for c in _children(token, {"dobj"}) for a in _actors(c, index)]
            return _Clause(objs, chain, chained=True)
        if token.dep_ == "relcl":
            # "Apple, which sued Cisco": the relative pronoun stands for the head noun
            if any(c.tag_ in {"WDT", "WP"} and c.dep_ in SUBJECT_DEPS for c in token.children):
                return _Clause(_actors(token.head, index), chain, chained=True)
            break
        if any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in token.children):
            break  # the clause has a subject of its own, but it names no actor
        if token.dep_ == "prep" or (
            token.dep_ not in CHAIN_DEPS and not (token.dep_ == "pcomp" or token.head.dep_ == "prep")
        ):
            break
        head = token.head
        if head.dep_ == "prep":  # "before compelling it": the verb the preposition hangs on
            head = head.head
        if head is token:
            break
        if head.pos_ not in {"VERB", "AUX"}:
            break
        chain.append(head)
        chain_link = token.dep_
        token = head
    return _Clause([], chain, chained=False)


# -- qualifiers ---------------------------------------------------------------------------------


def _governors(predicate: Token, chain: list[Token]) -> list[Token]:
    """The chain's verbs that govern the predicate's clause as their complement ("refused
    [to sue]"), as opposed to sharing its subject ("rejected the claim and [sued]")."""
    out = []
    below = predicate
    for token in chain:
        if below.dep_ not in {"xcomp", "ccomp"}:
            break
        out.append(token)
        below = token
    return out


def _negated(predicate: Token, chain: list[Token], subjects: list[Token]) -> bool:
    for token in [predicate, *chain]:
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in token.children):
            return True
    for token in _governors(predicate, chain):
        if token_lemma(token) in NEGATING_VERBS:  # "refused to sue"; not "rejected X and sued Y"
            return True
    for token in subjects:
        if token.lower_ in {"neither", "none", "nobody"} or any(c.lower_ in {"neither", "no"} for c in token.children):
            return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in predicate.children)


def _modality(predicate: Token, chain: list[Token]) -> str:
    """asserted, planned ("plans to", "said it would"), or hypothetical ("could", "if")."""
    for token in [predicate, *chain]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in token.children):
            return "hypothetical"
        for aux in (c for c in token.children if c.dep_ == "aux"):
            if aux.lower_ in HYPOTHETICAL_AUX:
                return "hypothetical"
            if aux.lower_ in FUTURE_AUX:
                # "will sue" is a plan; "would support", as someone is reported to say, too
                return "planned" if aux.lower_ not in {"would", "'d"} or _reported(token) else "hypothetical"
    for token in _governors(predicate, chain):
        if token_lemma(token) in REQUEST_VERBS:
            return "hypothetical"  # "asked Obama to help Iran": wanted, not done
        if token_lemma(token) in PLANNING_VERBS:
            return "planned"
    return "asserted"


def _reported(token: Token) -> bool:
    """Is the clause of ``token`` what someone is reported to say?"""
    for _ in range(MAX_CHAIN):
        if token.dep_ in {"ccomp", "xcomp"} and token_lemma(token.head) in REPORTING_VERBS:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _according_to(sent: Span) -> Token | None:
    """The "to" of the sentence's first "according to", if it has one."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            return tok.nbor(1)
    return None


def _attribution(predicate: Token, index: ActorIndex, according: Token | None) -> str:
    token = predicate
    for _ in range(MAX_CHAIN):
        if token.dep_ == "ccomp" and token_lemma(token.head) in REPORTING_VERBS:
            names = [m.text for c in _children(token.head, SUBJECT_DEPS) for m in _actors(c, index)]
            return ", ".join(names)
        if token.head is token:
            break
        token = token.head
    if according is not None:
        return ", ".join(m.text for m in _pobj_actors(according, index))
    return ""


# -- predicates ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Frame:
    relation: str
    subjects: list[Mention]
    targets: list[Mention]
    verb: str
    rule: str
    predicate: Token
    chain: list[Token]
    subject_tokens: list[Token]
    confidence: float
    reciprocal: bool = False


def _verb_phrase(lemma: str, particle: str, prep: str) -> str | None:
    for phrase in (f"{lemma} {particle} {prep}", f"{lemma} {prep}") if particle else (f"{lemma} {prep}",):
        if phrase.strip() in VERB_PHRASES:
            return phrase.strip()
    return None


def _written(tokens: list[Token]) -> str:
    return " ".join(t.text for t in sorted(set(tokens), key=lambda t: t.i))


def lemma_of(token: Token) -> str:
    """The token's lemma, or a rule-based one when the model's is not in the lexicon
    ("fined" comes back as "fin" from the small model)."""
    lemma = token_lemma(token).lower()
    if lemma in VERB_PREPS:
        return lemma
    text = token.lower_
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("d", ""),
        ("es", ""),
        ("s", ""),
        ("ing", "e"),
        ("ing", ""),
    ):
        if text.endswith(suffix) and text[: len(text) - len(suffix)] + repl in VERB_PREPS:
            return text[: len(text) - len(suffix)] + repl
    return lemma


def _verb_frames(verb: Token, index: ActorIndex) -> Iterator[_Frame]:
    lemma = lemma_of(verb)
    particle = next(
        (c.lower_ for c in verb.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ == "together")), ""
    )
    base = f"{lemma} {particle}".strip()
    passive = _is_passive(verb) and verb.dep_ != "acomp"
    stative = verb.dep_ in {"acomp", "amod"} or (passive and not _agents(verb, index))
    clause = _subjects(verb, index)
    subject_tokens = _children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    chain_words = [
        t for t in clause.chain if token_lemma(t) in CHAIN_VERBS | OBJECT_CONTROL | NEGATING_VERBS | PLANNING_VERBS
    ]
    written_base = [*chain_words, verb] + [
        c for c in verb.children if c.dep_ == "prt" or (c.dep_ == "aux" and c.lower_ == "to" and chain_words)
    ]
    confidence = CONFIDENCE_CHAINED if clause.chained else CONFIDENCE_DIRECT
    surface = ""
    if (
        not clause.actors
        and not passive
        and verb.dep_ not in {"relcl", "acl", "xcomp", "advcl", "pcomp", "amod", "acomp"}
    ):
        clause.actors = _left_group(verb, index)
        if clause.actors:
            confidence, surface = CONFIDENCE_SURFACE, "-surface"
    # prepositional frames: "complain about X", "team up with X", "are united against X"
    preps = _children(verb, {"prep"})
    wanted = {p.split()[-1] for p in VERB_PREPS.get(lemma, ()) if p}
    if wanted and not any(p.lower_ in wanted for p in preps):
        # the parse hung the preposition lower down: "complained ... in posts ... about X"
        preps = [
            t
            for t in verb.subtree
            if t.dep_ == "prep"
            and t.i > verb.i
            and t.lower_ in wanted
            and token_lemma(t.head).lower() not in VERB_PREPS
        ][:1]
        prep_confidence = min(confidence, CONFIDENCE_SURFACE)
    else:
        prep_confidence = confidence
    for prep in preps:
        phrase = _verb_phrase(lemma, particle, prep.lower_)
        if phrase is None:
            continue
        targets = _pobj_actors(prep, index)
        subjects = (
            _children_actors(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS, index)
            if passive and not _agents(verb, index)
            else clause.actors
        )
        if passive and _agents(verb, index):
            subjects = _agents(verb, index)
        if verb.dep_ == "acomp" and not subjects:
            subjects = [a for c in _children(verb.head, SUBJECT_DEPS) for a in _actors(c, index)]
        yield _Frame(
            VERB_PHRASES[phrase],
            subjects,
            targets,
            _written([*written_base, prep]),
            "verb-prep" + surface,
            verb,
            clause.chain,
            subject_tokens,
            prep_confidence,
        )
    if lemma in LABEL_VERBS:
        labelled = list(_label_frames(verb, clause, subject_tokens, confidence, index))
        yield from labelled
        if labelled or _children(verb, {"oprd"}):
            return  # "calls the PKK a terrorist group" names, it does not phone
    if base not in VERB_PHRASES:
        return
    relation = VERB_PHRASES[base]
    if passive and not stative:
        # "Apple was sued by Cisco": the agent acts on the passive subject
        targets = _children_actors(verb, PASSIVE_SUBJECT_DEPS, index)
        subjects = _agents(verb, index)
        yield _Frame(
            relation,
            subjects,
            targets,
            _written(written_base),
            "verb-passive",
            verb,
            clause.chain,
            subject_tokens,
            CONFIDENCE_DIRECT,
        )
        return
    targets = _children_actors(verb, OBJECT_DEPS, index)
    if not targets and relation in BENEFIT_RELATIONS:
        # "help [the SDF stop the aggression]": who is helped is the clause's subject
        targets = [
            a
            for comp in _children(verb, {"ccomp", "xcomp"})
            for c in _children(comp, SUBJECT_DEPS)
            for a in _actors(c, index)
        ]
    if verb.dep_ == "acomp" and not clause.actors:
        clause.actors = [a for c in _children(verb.head, SUBJECT_DEPS) for a in _actors(c, index)]
    yield _Frame(
        relation,
        clause.actors,
        targets,
        _written(written_base),
        "verb" + surface,
        verb,
        clause.chain,
        subject_tokens,
        confidence,
        reciprocal=lemma in RECIPROCAL or particle == "together" or any(c.lower_ == "together" for c in verb.children),
    )


def _label_frames(
    verb: Token, clause: _Clause, subject_tokens: list[Token], confidence: float, index: ActorIndex
) -> Iterator[_Frame]:
    """ "called Apple's plan a farce", "named the PKK as terrorists": a label that accuses."""
    objects = _children(verb, {"dobj", "dative"})
    labels = _children(verb, {"oprd", "attr", "xcomp", "ccomp"}) + objects[1:]
    if not objects:
        # the parse made the object a clause: "called [Google's offer [a farce]]"
        for comp in _children(verb, {"ccomp", "xcomp"}):
            if comp.pos_ in {"NOUN", "PROPN"}:
                objects, labels = [comp], _children(comp, {"dobj", "attr", "oprd", "appos"})
    for prep in _children(verb, {"prep"}):
        if prep.lower_ == "as":
            labels += _children(prep, {"pobj"})
    if objects:  # "calls the PKK a terrorist group", parsed as an apposition
        labels += [c for c in objects[0].children if c.dep_ == "appos" and not index.actors_at(c)]
    words = {token_lemma(w).lower() for label in labels for w in label.subtree} | {
        w.lower_ for label in labels for w in label.subtree
    }
    if not objects or not words & NEGATIVE_LABELS:
        return
    targets = _actors(objects[0], index)
    yield _Frame(
        "ACCUSES",
        clause.actors,
        targets,
        _written([verb, *labels]),
        "label",
        verb,
        clause.chain,
        subject_tokens,
        confidence,
    )


def _left_group(verb: Token, index: ActorIndex) -> list[Mention]:
    """Actors written right before a verb the parse left without a subject ("Meta and
    Spotify criticize ...", where the model read "Spotify" as a verb)."""
    doc, start = verb.doc, verb.sent.start
    i = verb.i - 1
    while i >= start and (doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"} or doc[i].pos_ in {"AUX", "PART", "ADV"}):
        i -= 1
    group: list[Mention] = []
    while i >= start:
        mention = index.named(doc[i])
        if mention is None:
            break
        group.insert(0, mention)
        while i >= start and index.named(doc[i]) is mention:
            i -= 1
        if i >= start and doc[i].lower_ in {"and", "or", ","}:
            i -= 1
            if i >= start and doc[i].lower_ in {"and", "or", ","}:
                i -= 1
            continue
        break
    return group


def _children_actors(token: Token, deps: frozenset[str] | set[str], index: ActorIndex) -> list[Mention]:
    return [a for c in _children(token, deps) for a in _actors(c, index)]


def _copula_frames(token: Token, index: ActorIndex) -> Iterator[_Frame]:
    """ "X is opposed to Y", "X is critical of Y", "X and Y are at odds with Z"."""
    if token.pos_ not in {"ADJ", "VERB", "NOUN"} or token.dep_ not in {"acomp", "attr", "ROOT", "pobj", "amod", "conj"}:
        return
    for prep in _children(token, {"prep"}):
        phrase = f"{token.lower_} {prep.lower_}"
        relation = ADJECTIVE_PHRASES.get(phrase)
        if relation is None:
            continue
        copula = token.head if token.dep_ in {"acomp", "attr"} else token
        if token.dep_ == "pobj":  # "at odds with": the copula governs "at"
            copula = token.head.head
        subjects = [a for c in _children(copula, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) for a in _actors(c, index)]
        if not subjects and copula.dep_ in CHAIN_DEPS:
            subjects = _subjects(copula, index).actors
        subject_tokens = _children(copula, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
        yield _Frame(
            relation,
            subjects,
            _pobj_actors(prep, index),
            _written([copula, token, prep]),
            "copula",
            token,
            [copula] if copula is not token else [],
            subject_tokens,
            CONFIDENCE_DIRECT,
        )


def _noun_frames(noun: Token, index: ActorIndex) -> Iterator[_Frame]:
    """ "filed a lawsuit against X", "X's lawsuit against Y", "a deal between X and Y",
    "received weapons from X" (X acts), "lifted the sanctions on X" (the conflict ends)."""
    entry = EVENT_NOUNS.get(token_lemma(noun).lower())
    if entry is None or noun.pos_ not in {"NOUN", "PROPN"}:
        return
    relation, preps = entry
    targets: list[Mention] = []
    between: list[Mention] = []
    sources: list[Mention] = []  # "from X": who acts, when the subject only receives
    between_preps: list[Token] = []
    light = _governing_verb(noun)
    light_lemma = lemma_of(light) if light is not None else ""
    prep_hosts = [noun] + ([light] if light is not None else [])
    for host in prep_hosts:
        for prep in _children(host, {"prep"}):
            if prep.lower_ == "between" and "between" in preps:
                between.extend(_pobj_actors(prep, index))
                between_preps.append(prep)
            elif prep.lower_ in {"from", "by"} and light_lemma in RECEIVING_VERBS:
                sources.extend(_pobj_actors(prep, index))
            elif prep.lower_ in preps and (host is noun or prep.i > noun.i):
                targets.extend(a for a in _pobj_actors(prep, index) if a not in targets)
    if not targets and light is not None and light_lemma in LIGHT_VERBS:
        # "engaged Filipino peacekeepers in a firefight": the light verb's own object
        targets = [a for c in _children(light, {"dobj"}) if c is not noun for a in _actors(c, index)]
    subjects = _children_actors(noun, {"poss"}, index)
    subjects += [a for c in _children(noun, {"compound", "nmod", "amod"}) for a in _modifier_actors(c, index)]
    for prep in _children(noun, {"prep"}):
        if prep.lower_ == "by":
            subjects.extend(_pobj_actors(prep, index))
    chain: list[Token] = []
    subject_tokens: list[Token] = []
    verb_words: list[Token] = [noun]
    confidence = CONFIDENCE_DIRECT
    usable = light is not None and (
        light_lemma in LIGHT_VERBS | RECEIVING_VERBS | REVERSING_VERBS or token_lemma(light) == "be"
    )
    if not subjects and light is not None and usable:
        if _is_passive(light):
            subjects = _agents(light, index)
        else:
            clause = _subjects(light, index)
            subjects, chain = clause.actors, clause.chain
            if clause.chained:
                confidence = CONFIDENCE_CHAINED
        subject_tokens = _children(light, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
        chain = [light, *chain]
        verb_words = [light, noun]
    if sources and light_lemma in RECEIVING_VERBS:
        # "Georgian demonstrators received weapons from the government": the giver acts
        subjects, targets = sources, subjects
    if light_lemma in REVERSING_VERBS and RELATIONS[relation].polarity == CONFLICT:
        relation = "SETTLES_WITH"  # "lifted the sanctions on Iran": the conflict ends
    if between and not targets:
        members = [*subjects, *(b for b in between if b not in subjects)] if subjects and len(between) == 1 else between
        yield _Frame(
            relation,
            members,
            [],
            _written(verb_words + between_preps),
            "noun-between",
            noun,
            chain,
            subject_tokens,
            confidence,
            reciprocal=True,
        )
        return
    written = verb_words + [p for p in _children(noun, {"prep"}) if p.lower_ in preps]
    yield _Frame(
        relation,
        subjects,
        targets,
        _written(written),
        "noun",
        noun,
        chain,
        subject_tokens,
        confidence,
        reciprocal=token_lemma(noun).lower() in RECIPROCAL,
    )


def _modifier_actors(token: Token, index: ActorIndex) -> list[Mention]:
    """The actor a modifier of an event noun names: "Israeli tank shelling" is Israel's."""
    return [_as_state(m, token) for m in index.actors_at(token)]


def _governing_verb(noun: Token) -> Token | None:
    """The verb a noun phrase hangs on: "filed [a lawsuit]", "entered into [an agreement]",
    "had a history of [collaboration]"."""
    token = noun
    for _ in range(3):
        if token.dep_ in {"dobj", "attr", "nsubjpass", "oprd"}:
            return token.head if token.head.pos_ in {"VERB", "AUX"} else None
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            host = token.head.head
            if host.pos_ in {"VERB", "AUX"}:
                return host
            if host.pos_ == "NOUN" and token.head.lower_ == "of":
                token = host
                continue
            return None
        if token.dep_ == "conj":
            token = token.head
            continue
        return None
    return None


# -- sentences ----------------------------------------------------------------------------------


def _speech_frames(verb: Token, index: ActorIndex) -> Iterator[_Frame]:
    """What a speaker says of another: "the court says Facebook must remove the posts"
    demands of Facebook; "Apple Corps claims that Apple violated the deal" accuses Apple."""
    lemma = lemma_of(verb)
    if lemma not in REPORTING_VERBS and lemma not in {"rule", "order", "insist"}:
        return
    clause = None
    comps = _children(verb, {"ccomp"})
    comps += [c for comp in comps for c in comp.conjuncts]  # "explained that ..., but they should not"
    for comp in comps:
        targets = [a for c in _children(comp, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) for a in _actors(c, index)]
        if not targets:
            continue
        clause = clause or _subjects(verb, index)
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in comp.children):
            yield _Frame(
                "DEMANDS",
                clause.actors,
                targets,
                _written([verb, comp]),
                "speech-demand",
                verb,
                clause.chain,
                _children(verb, SUBJECT_DEPS),
                CONFIDENCE_CHAINED,
            )
        elif lemma in ACCUSING_SPEECH:
            yield _Frame(
                "ACCUSES",
                clause.actors,
                targets,
                _written([verb, comp]),
                "speech-allegation",
                verb,
                clause.chain,
                _children(verb, SUBJECT_DEPS),
                CONFIDENCE_CHAINED,
            )


def _state_action_frames(verb: Token, index: ActorIndex) -> Iterator[_Frame]:
    """ "PKK is a banned organization in Turkey", "the party was outlawed in Egypt": what is
    banned, jailed or sanctioned somewhere, that country's state did."""
    if verb.pos_ not in {"VERB", "ADJ"} or VERB_PHRASES.get(lemma_of(verb)) not in STATE_ACTIONS:
        return
    if verb.dep_ == "amod":
        noun = verb.head
        places = [
            a
            for p in _children(noun, {"prep"}) + _children(verb, {"prep"})
            if p.lower_ == "in"
            for a in _pobj_actors(p, index)
        ]
        targets = _actors(noun, index)
        if not targets and noun.dep_ == "attr":
            targets = [a for c in _children(noun.head, SUBJECT_DEPS) for a in _actors(c, index)]
    elif _is_passive(verb) and not _agents(verb, index):
        places = [a for p in _children(verb, {"prep"}) if p.lower_ == "in" for a in _pobj_actors(p, index)]
        targets = _children_actors(verb, PASSIVE_SUBJECT_DEPS, index)
    else:
        return
    places = [p for p in places if p.label == "GPE"]
    if places and targets:
        yield _Frame(
            VERB_PHRASES[lemma_of(verb)], places, targets, verb.text, "state-action", verb, [], [], CONFIDENCE_CHAINED
        )


def _versus_frames(token: Token, index: ActorIndex) -> Iterator[_Frame]:
    """ "Glawischnig-Piesczek vs. Facebook Ireland": a case, or a contest."""
    if token.lower_ not in {"vs.", "vs", "v.", "versus"} or token.i == 0 or token.i + 1 >= len(token.doc):
        return
    doc = token.doc
    left = index.named(doc[token.i - 1])
    right = index.named(doc[token.i + 1]) or (
        index.named(doc[token.i + 2]) if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "the" else None
    )
    if left is None or right is None:
        return
    legal = any(token_lemma(t).lower() in LEGAL_WORDS for t in token.sent)
    yield _Frame(
        "SUES" if legal else "COMPETES_WITH", [left], [right], token.text, "versus", token, [], [], CONFIDENCE_CHAINED
    )


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What every frame of one sentence shares, worked out once per sentence."""

    span: Span
    text: str  # without the line breaks and spaces a span keeps at its ends
    start: int
    according: Token | None


def _sentence_triples(sent: Span, index: ActorIndex, article: Article) -> Iterator[RawTriple]:
    if not any(index.actors_at(t) for t in sent):
        return
    raw = sent.text
    shared = _Sentence(sent, raw.strip(), sent.start_char + len(raw) - len(raw.lstrip()), _according_to(sent))
    for token in sent:
        frames: list[_Frame] = []
        if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
            frames.extend(_verb_frames(token, index))
            frames.extend(_speech_frames(token, index))
        frames.extend(_copula_frames(token, index))
        frames.extend(_noun_frames(token, index))
        frames.extend(_versus_frames(token, index))
        frames.extend(_state_action_frames(token, index))
        for frame in frames:
            yield from _frame_triples(frame, shared, index, article)


def _frame_triples(frame: _Frame, shared: _Sentence, index: ActorIndex, article: Article) -> Iterator[RawTriple]:
    sent = shared.span
    negated = _negated(frame.predicate, frame.chain, frame.subject_tokens)
    modality = _modality(frame.predicate, frame.chain)
    attribution = _attribution(frame.predicate, index, shared.according)
    pairs: list[tuple[Mention, Mention]] = []
    if frame.targets:
        pairs = [(s, o) for s in frame.subjects for o in frame.targets]
    elif frame.reciprocal and len(frame.subjects) >= 2:
        relation = RELATIONS[frame.relation]
        subjects = frame.subjects
        for i, s in enumerate(subjects):
            for o in subjects[i + 1 :]:
                pairs.append((s, o))
                if not relation.symmetric:
                    pairs.append((o, s))
    section, shift = _section(sent, article)
    sentence, sentence_start = shared.text, shared.start
    for subject, obj in pairs:
        if subject.text == obj.text and obj.surface:
            # "EU authorities ... compelling it": a pronoun object is not its own subject
            obj = next((m for m in index.alternates.get(_token_at(sent, obj.start), []) if m.text != subject.text), obj)
        if subject.text == obj.text:
            continue
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
            modality=modality,
            sentence=sentence,
            sentence_start=sentence_start - shift,
            sentence_end=sentence_start + len(sentence) - shift,
            rule=frame.rule,
            confidence=round(confidence, 3),
            attribution=attribution,
            section=section,
        )


def _section(sent: Span, article: Article) -> tuple[str, int]:
    """Which part of the article a sentence is in, and how far that part is into the parsed text."""
    headline = article.headline_text
    if not headline:
        return "body", 0
    body_start = len(headline) + len(TITLE_SEPARATOR)
    return ("title", 0) if sent.start_char < body_start else ("body", body_start)


def _token_at(sent: Span, char: int) -> int:
    return next((t.i for t in sent if t.idx == char), -1)


def _dedupe(triples: Iterator[RawTriple]) -> list[RawTriple]:
    """One triple per (subject, relation, object, negated) and mention within a sentence."""
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


def extract_docs(pairs) -> Iterator[Extraction]:
    """Run :func:`extract_article` over ``(Doc, Article)`` pairs, as ``parse_articles`` yields."""
    for doc, article in pairs:
        yield extract_article(doc, article)

"""Propose lexicon rows from the PETRARCH2 CAMEO verb dictionary (openeventdata/petrarch2, MIT).

Reads ``CAMEO.2.0.txt`` (its format: ``dictionaries.rst`` beside it) and prints candidate rows
for ``graphbuild/grammar/data/verbs.tsv``, with their phrase constraints, not as bare verbs:

- a verb with its own code, or its block's, becomes a row whose target is its direct object
  ("Osteria tortured Tomas Reld"), with the object nouns of its block's patterns coded for
  another event or none (``[---]``) as exclusions;
- ``* (PREP)`` becomes a row whose target follows the preposition ("fire at");
- ``* NOUN (PREP)`` and ``* NOUN`` become rows that require that object noun ("open fire on",
  "lift curfew"), the target after the pattern's preposition or, with none, after the one
  the relation takes by default (``DEFAULT_PREPS``), or the subjects relate to each other;
- a pattern applies to the verb its comment names (where it was found), not to its whole
  synonym block; patterns that constrain the subject or name a noun after the preposition
  (a thing, not an actor) are left out.

Each row gets an example sentence made from a template by the row's shape, with fictional
actors; rows come grouped by family (``FAMILIES``) so that each family can be measured before
it is kept. The output is a proposal to review, not data to copy blindly: run the lexicon test
on it and measure (``scripts/quality.py``).

    python scripts/import_cameo.py --family violence > /tmp/violence.tsv
    python scripts/import_cameo.py --summary
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "external" / "petrarch2" / "CAMEO.2.0.txt"
sys.path.insert(0, str(ROOT))

from graphbuild.grammar.lexicon import PARTICLES, lexicon_entries  # noqa: E402
from graphbuild.vocab import RELATIONS  # noqa: E402

# CAMEO code prefix -> graphbuild relation; the longest prefix wins. Codes with no prefix here
# are not imported: 01 statements and 02 appeals are no alliance or dispute, 03 intentions are
# not asserted, demands for help, information or mediation are requests, not disputes.
CODES = {
    "04": "MEETS",
    "041": "MEETS",
    "045": "NEGOTIATES_WITH",
    "046": "NEGOTIATES_WITH",
    "05": "SUPPORTS",
    "055": "YIELDS_TO",
    "056": "SETTLES_WITH",
    "057": "SIGNS_DEAL_WITH",
    "06": "COLLABORATES_WITH",
    "07": "AIDS",
    "08": "YIELDS_TO",
    "0871": "SETTLES_WITH",
    "09": "INVESTIGATES",
    "100": "DEMANDS",
    "104": "DEMANDS",
    "106": "DEMANDS",
    "107": "DEMANDS",
    "11": "CRITICIZES",
    "112": "ACCUSES",
    "113": "OPPOSES",
    "115": "SUES",
    "116": "ACCUSES",
    "12": "OPPOSES",
    "13": "THREATENS",
    "14": "PROTESTS",
    "15": "MOBILIZES_AGAINST",
    "16": "REDUCES_RELATIONS",
    "163": "SANCTIONS",
    "166": "EXPELS",
    "17": "COERCES",
    "172": "BANS",
    "173": "ARRESTS",
    "174": "EXPELS",
    "175": "ATTACKS",
    "18": "ATTACKS",
    "181": "ARRESTS",
    "19": "FIGHTS",
    "191": "SANCTIONS",
    "192": "INVADES",
    "194": "ATTACKS",
    "195": "ATTACKS",
    "20": "ATTACKS",
}
# The families imported and measured one at a time: CAMEO code prefixes.
FAMILIES = {
    "violence": ("175", "18", "19", "20", "171"),
    "protest": ("14",),
    "emergency": ("172",),
    "diplomacy": ("04", "05", "06"),
    "yielding": ("08",),
    "giving": ("07",),
    "demands": ("10",),
    "posture": ("15", "16"),
    "coercion": ("170", "173", "174"),
    "disapproval": ("09", "11", "12", "13"),
}
# Where the target of a row that requires an object noun stands when the pattern names no
# preposition: the one the relation takes ("imposed a curfew on X", "sent troops against X").
DEFAULT_PREPS = {
    "BANS": "on",
    "SANCTIONS": "on",
    "AIDS": "to",
    "ATTACKS": "on",
    "FIGHTS": "against",
    "PROTESTS": "against",
    "THREATENS": "against",
    "MOBILIZES_AGAINST": "against",
    "REDUCES_RELATIONS": "with",
    "CRITICIZES": "of",
    "OPPOSES": "to",
    "INVESTIGATES": "into",
    "YIELDS_TO": "on",
    "DEMANDS": "from",
}
# Objects that take no article in an example: mass nouns.
MASS = frozenset(
    "fire control aid asylum compensation assistance support help access money pressure power peace "
    "sovereignty independence cooperation trade custody authority refuge shelter funding food "
    "martial law protection recognition amnesty credit relief training intelligence".split()
)
# Verbs whose direct object, in news, is mostly a person: the example uses one.
PERSON_CODES = ("173", "174", "181", "182", "185", "186", "0841")
PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]\s*(?:---)?\s*(?:#\s*(?P<comment>.*))?$")
VERB = re.compile(r"^(?P<word>[+A-Z][A-Z_+'\-]*)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?")


@dataclass
class Verb:
    lemma: str
    particle: str
    forms: list[str]
    code: str
    line: int


@dataclass
class Pattern:
    pre: list[str]
    post: list[str]
    code: str
    verbs: list[str]  # the verbs its comment names
    line: int


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class Row:
    lemma: str
    particle: str
    prep: str
    objects: list[str]
    relation: str
    code: str
    line: int
    forms: list[str]
    actors: str = ""
    exclude: set[str] = field(default_factory=set)


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets and the verb blocks of a PETRARCH verb dictionary."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_set: list[str] | None = None
    for n, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("-") else raw.rstrip()
        if not line.strip():
            current_set = None
            continue
        if line.startswith("&"):
            current_set = synsets.setdefault(line.strip().rstrip("_"), [])
            continue
        if current_set is not None and line.startswith("+"):
            current_set.append(line[1:].strip().rstrip("_").replace("_", " "))
            continue
        if line.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
            if m:
                blocks.append(Block(m.group(1), m.group(2), n))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        if line.startswith("-"):
            m = PATTERN.match(line)
            if m:
                words = m.group("comment") or ""
                named = [w.strip() for w in re.split(r"[,/]", words) if re.fullmatch(r"\s*[A-Z_\-]+\s*", w)]
                body = m.group("body").split("*")
                if len(body) == 2:
                    block.patterns.append(Pattern(_tokens(body[0]), _tokens(body[1]), m.group("code"), named, n))
            continue
        if line.startswith("~"):
            continue
        m = VERB.match(line.strip())
        if m:
            verb = _verb(m.group("word"), m.group("forms") or "", m.group("code") or block.code, n)
            if verb is not None:
                block.verbs.append(verb)
    return synsets, blocks


def _tokens(text: str) -> list[str]:
    """A pattern's words, with ``{...}`` and ``(...)`` kept whole."""
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", text)


def _verb(word: str, forms: str, code: str, n: int) -> Verb | None:
    parts = word.split("_")
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(parts) == 1:
        return Verb(word.lstrip("+").lower(), "", forms.split(), code, n)
    if marked != [0]:
        return None  # the verb is not the first word ("WIRE_+TAP"): the parser rarely reads these
    rest = [p.lower() for p in parts[1:]]
    if not all(p in PARTICLES for p in rest):
        return None  # "+ANGERED_BY": a preposition belongs to a pattern, not to the verb
    return Verb(
        parts[0].lstrip("+").lower(), " ".join(rest), [f.split("_")[0].lstrip("+") for f in forms.split()], code, n
    )


def relation_of(code: str) -> str | None:
    code = code.split(":")[0].strip()
    if not code or code.startswith("-"):
        return None
    for k in range(len(code), 1, -1):
        if code[:k] in CODES:
            return CODES[code[:k]]
    return None


def family_of(code: str) -> str | None:
    code = code.split(":")[0].strip()
    best = None
    for name, prefixes in FAMILIES.items():
        for prefix in prefixes:
            if code.startswith(prefix) and (best is None or len(prefix) > best[1]):
                best = (name, len(prefix))
    return best[0] if best else None


def singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|x|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not re.search(r"(ss|us|is)$", word) and len(word) > 3:
        return word[:-1]
    return word


# Synonym sets that name an act or an agreement, which an object noun constraint may use; the
# others (weapons, vehicles, troops, people, places) name the instrument or the victim, and the
# target is then their owner, which this lexicon does not read.
ACT_SETS = frozenset({"&CEASEFIRE", "&TREATY", "&NEGOTIATION", "&MEDIATION", "&DISPUTE", "&FIGHT", "&ASYLUM"})
# Object nouns that name the act itself, so the relation's preposition can introduce the
# target when the pattern names none ("imposed a curfew on X", "opened fire on X").
ACT_NOUNS = frozenset(
    "fire attack raid offensive assault airstrike strike incursion bombardment war warfare battle "
    "curfew ban restriction embargo sanction sanctions blockade siege boycott protest demonstration "
    "strike rally march sit-in riot aid assistance support help loan grant credit asylum "
    "cooperation relation tie talk negotiation mediation agreement treaty accord deal pact ceasefire "
    "truce peace concession compensation investigation inquiry probe charge lawsuit complaint "
    "criticism condemnation accusation threat ultimatum warning pressure demand crackdown "
    "invasion occupation".split()
)


def _nouns(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """The head nouns a pattern word stands for, or None when it is no plain noun."""
    if token.startswith("&"):
        if token.rstrip("_") not in ACT_SETS:
            return None
        members = synsets.get(token.rstrip("_"))
        return [singular(m.split()[-1]) for m in members] if members else None
    if token.startswith("{"):
        words = token.strip("{}").split()
        if not words or any(w.startswith(("&", "+", "$", "^", "%")) for w in words):
            return None
        return None  # a modified noun ("{MOCK ATTACK}") means what its head alone may not
    if re.fullmatch(r"[A-Z][A-Z\-']*", token):
        return [singular(token)]
    return None


def rows_from(synsets: dict[str, list[str]], blocks: list[Block]) -> Iterator[Row]:
    for block in blocks:
        by_name = {v.lemma.upper(): v for v in block.verbs}
        excluded: dict[str, set[str]] = defaultdict(set)  # verb -> object nouns coded otherwise
        pattern_rows: list[Row] = []
        for pattern in block.patterns:
            names = [v for v in pattern.verbs if v.split("_")[0] in by_name] or []
            if not names or pattern.pre:
                continue
            verbs = [by_name[v.split("_")[0]] for v in names]
            relation = relation_of(pattern.code)
            post = pattern.post
            prep, objects, particle = "", None, ""
            if post and post[0].lower() in PARTICLES:
                particle, post = post[0].lower(), post[1:]
            if len(post) == 1 and post[0].startswith("("):
                inner = post[0].strip("()").split()
                if len(inner) == 1 or inner[1:] == ["+"]:
                    prep = inner[0].lower()
                else:
                    continue  # "(INTO ALLEGATION)": the prepositional object is a thing
            elif post and (objects := _nouns(post[0], synsets)) is not None:
                tail = post[1:]
                if tail and tail[0].startswith("("):
                    inner = tail[0].strip("()").split()
                    if len(inner) == 1 or inner[1:] == ["+"]:
                        prep = inner[0].lower()
                    else:
                        objects = None
                elif tail and len(tail) == 2 and tail[1] == "+":
                    prep = tail[0].lower()
                elif tail:
                    objects = None
                if objects is None:
                    continue
            else:
                continue
            for verb in verbs:
                own = relation_of(verb.code)
                if objects and not prep and own is not None and not _same_side(relation, own):
                    excluded[verb.lemma].update(objects)  # coded as no event, or as the other side
                if relation is None:
                    continue
                pattern_rows.append(
                    Row(
                        verb.lemma,
                        verb.particle or particle,
                        prep,
                        list(objects or []),
                        relation,
                        pattern.code,
                        pattern.line,
                        verb.forms,
                    )
                )
        # a bare verb comes in only where the dictionary's coders wrote it: with a code of its
        # own, or named where a pattern was found; its block's synonyms (mostly WordNet's)
        # were measured to cost precision
        attested = {v.split("_")[0] for p in block.patterns for v in p.verbs} | {block.name.split("_")[0]}
        for verb in block.verbs:
            relation = relation_of(verb.code)
            own = verb.code != block.code
            if relation is not None and (own or verb.lemma.upper() in attested):
                yield Row(
                    verb.lemma,
                    verb.particle,
                    "",
                    [],
                    relation,
                    verb.code,
                    verb.line,
                    verb.forms,
                    exclude=excluded[verb.lemma],
                )
        yield from pattern_rows


def _same_side(relation: str | None, other: str) -> bool:
    return relation is not None and RELATIONS[relation].polarity == RELATIONS[other].polarity


def merge(rows: Iterator[Row]) -> list[Row]:
    """One row per lemma, particle, preposition and relation, object nouns pooled; a noun
    that two codes claim for one verb and preposition is ambiguous and dropped."""
    claims: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    pooled: dict[tuple[str, str, str, str], Row] = {}
    plain: dict[tuple[str, str, str], Row] = {}
    for row in rows:
        if not row.objects:
            key3 = (row.lemma, row.particle, row.prep)
            if key3 in plain and plain[key3].relation != row.relation:
                plain[key3].relation = ""  # two readings: leave it out
            plain.setdefault(key3, row)
            continue
        for noun in row.objects:
            claims[(row.lemma, row.particle, row.prep, noun)].add(row.relation)
        key = (row.lemma, row.particle, row.prep, row.relation)
        if key in pooled:
            pooled[key].objects += [n for n in row.objects if n not in pooled[key].objects]
        else:
            pooled[key] = Row(**{**row.__dict__, "objects": list(row.objects)})
    out = [r for r in plain.values() if r.relation]
    for row in pooled.values():
        row.objects = [n for n in row.objects if len(claims[(row.lemma, row.particle, row.prep, n)]) == 1]
        if row.objects:
            out.append(row)
    return out


IRREGULAR = dict(
    pair.split(":")
    for pair in (
        "hurt:hurt tear:tore cut:cut put:put set:set hit:hit shut:shut beat:beat let:let spread:spread "
        "shed:shed bid:bid cast:cast burst:burst quit:quit split:split upset:upset thrust:thrust "
        "broadcast:broadcast overthrow:overthrew withdraw:withdrew draw:drew throw:threw blow:blew "
        "fly:flew shoot:shot fight:fought seek:sought bring:brought buy:bought catch:caught hold:held "
        "keep:kept leave:left lead:led send:sent spend:spent lend:lent build:built give:gave take:took "
        "make:made forbid:forbade forgive:forgave strike:struck stick:stuck win:won lose:lost meet:met "
        "tell:told sell:sold speak:spoke break:broke freeze:froze steal:stole swear:swore "
        "undertake:undertook overtake:overtook overcome:overcame come:came go:went run:ran rise:rose "
        "stand:stood withstand:withstood uphold:upheld feed:fed flee:fled bind:bound sink:sank "
        "hang:hung lay:laid pay:paid say:said mislead:misled slay:slew grind:ground"
    ).split()
)
# Verbs stressed on the last syllable double their last consonant: "expelled", "patrolled".
DOUBLING = re.compile(
    r"(mit|pel|trol|fer|cur|gret|quip|bet|bid|mar|bar|ban|stop|rob|plan|tap|drop|grab|nab|jab|stab|slap|trap|flog|spur|scar|ship|plot|prod|shun|snub|sway|rig|jam|dam|gun)$"
)


def past(row: Row) -> str:
    """The verb's past tense: a known irregular form, one the dictionary lists, else the rule."""
    lemma = row.lemma
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    forms = [f.lower() for f in row.forms if f.lower() != lemma]
    candidates = [f for f in forms if not f.endswith(("s", "ing"))]
    for f in sorted(candidates, key=lambda f: (not f.endswith("ed"), f.endswith("n"))):
        return f
    if lemma.endswith("e"):
        return lemma + "d"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ied"
    if DOUBLING.search(lemma) and not lemma.endswith("way"):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def noun_phrase(noun: str) -> str:
    if noun in MASS:
        return noun
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def example(row: Row) -> str:
    """A sentence the row should fire on, with fictional actors, by the row's shape."""
    subject, target = "Osteria", "Marrenland"
    if any(row.code.startswith(c) for c in PERSON_CODES):
        target = "Tomas Reld"
    verb = " ".join(w for w in (past(row), row.particle) if w)
    if row.objects:
        obj = noun_phrase(row.objects[0])
        if row.prep:
            return f"{subject} {verb} {obj} {row.prep} {target}."
        return f"{subject} and {target} {verb} {obj}."
    if row.prep:
        return f"{subject} {verb} {row.prep} {target}."
    return f"{subject} {verb} {target}."


def finish(row: Row) -> Row:
    """Give a row that requires an object noun the place of its target."""
    if row.objects and not row.prep:
        row.objects = [n for n in row.objects if n in ACT_NOUNS]
        if not row.objects:
            row.relation = ""  # the object names a thing or a victim: the target is its owner
            return row
        if RELATIONS[row.relation].symmetric:
            row.actors = "mutual"
        else:
            row.prep = DEFAULT_PREPS.get(row.relation, "")
    return row


def tsv(row: Row, license_tag: str) -> str:
    middle = " ".join(w for w in (row.particle, row.prep) if w)
    exclude = " ".join(sorted(row.exclude - set(row.objects)))
    source = f"{license_tag} {SOURCE.name}:{row.line} [{row.code}]"
    cells = [row.lemma, middle, " ".join(row.objects), row.relation, row.actors, exclude, example(row), "", source]
    return "\t".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--family", choices=sorted(FAMILIES), help="print the candidate rows of one family")
    ap.add_argument("--summary", action="store_true", help="count the candidate rows per family")
    ap.add_argument("--source", type=Path, default=SOURCE)
    args = ap.parse_args()
    synsets, blocks = read_dictionary(args.source)
    rows = [finish(r) for r in merge(rows_from(synsets, blocks))]
    known = {e.keys for e in lexicon_entries() if e.kind == "verb"}
    known_keys = {k for keys in known for k in keys}
    fresh = []
    for row in rows:
        if not row.relation or (row.objects and not row.prep and not row.actors):
            continue  # no object noun left, or no place for a target
        middle = " ".join(w for w in (row.particle, row.prep) if w)
        if row.objects:
            keys = {("verb", row.lemma, row.particle, n, row.prep) for n in row.objects}
        else:
            keys = {("verb", f"{row.lemma} {middle}".strip())}
        if keys & known_keys:
            continue  # the lexicon has it already
        fresh.append(row)
    if args.summary:
        counts: dict[str, int] = defaultdict(int)
        for row in fresh:
            counts[family_of(row.code) or "-"] += 1
        for name, count in sorted(counts.items()):
            print(f"{name:12} {count}")
        return
    for row in fresh:
        if args.family is None or family_of(row.code) == args.family:
            print(tsv(row, "petrarch2"))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Turn the PETRARCH-2 validation records into alliance/dispute gold files for score.py.

    python3 tests/petrarch_gold.py OUT_DIR            # writes OUT_DIR/*.json and prints a summary
    python3 tests/petrarch_gold.py OUT_DIR --report   # also prints every record with its entities and edges

The records and dictionaries are read from the shared data beside the project
(``../shared/data/external/petrarch`` and ``petrarch2``); nothing of them is kept here. The
tests convert them into a temporary directory and score extraction on the result.

Input: ``PETR2_GSR_validation.xml`` (openeventdata/UniversalPetrarch, MIT). It is not
well-formed XML (``<Sentence .../>`` is closed again by ``</Sentence>``, and ``#`` comment
lines sit between elements), so records are read with regular expressions. Each record has
an id, zero or more ``<EventCoding eventcode= sourcecode= targetcode=/>`` (or
``noevents="True"``), a ``<Text>`` and a CoNLL-U ``<Parse>``.

Output: one JSON file per record in the gold format ``graphbuild evaluate`` reads (id, text,
entities, edges, optional, partial), named ``petrarch-<id>.json``.

How a record becomes a file (README.md in the output folder says the same):

- Entities. Each actor code of the codings becomes one entity, id = the code in lower case.
  Its forms are found automatically and then checked by hand, record by record:
  1. names in the sentence that the Phoenix actor dictionaries (countries with their cities
     and leaders, international organisations, non-state groups) give a code with the same
     country or organisation prefix;
  2. the noun phrase of a Phoenix agent word (court, police, rebels, activists...) whose
     agent code is the code's sector and which sits next to (or is tied by "of/in/from" to)
     that country's name;
  3. for actors that act for a state (sector empty, GOV, MIL, JUD, LEG, COP, SPY, ELI) the
     country's usual names, demonym and capital from ``COUNTRIES`` below, as the plover
     files do, so that graphbuild's canonical names ("United States" for "US") resolve.
     When two actors share a country, the state aliases go to the state actor only.
  ``FORMS`` below replaces or completes the forms of a record where the automatic result was
  wrong or incomplete; every entry was written after reading the sentence.
- Edges. Polarity from the CAMEO root of the event code: 04-08 cooperation, 09-20 conflict,
  conflict directed source -> target, cooperation symmetric. Roots 01 (public statements)
  and 02 (appeals) are not alliances or disputes under the annotation rules in
  the owners' annotation rules: such codings give no required edge; where the rules accept
  the relation at most (an appeal for help, praise), an optional edge is written instead, by
  hand in ``DECISIONS``. Root 03 (intent to cooperate) is a plan or an offer: the rules make it
  optional, so 03 codings become optional cooperation edges. Codings whose target is ``---``
  (no actor) give no edge. Where the rules and the CAMEO coding disagree for another reason
  (a negated or planned relation, a place as target, a coding error), ``DECISIONS`` makes the
  edge optional, drops it, or corrects it, with a note.
- ``EXTRA`` adds optional edges for other relations the sentence states under the rules
  (PETRARCH codes one event per verb; an unannotated true relation should not count as a
  false alarm).
- Records with codings are ``"partial": true`` (a predicted edge between two actors that no
  entity names is not scored). Records without codings (``noevents``) are not partial: any
  predicted alliance or dispute in them is a false alarm unless ``EXTRA`` accepts it, so they
  measure false alarms. Their entities are the actors ``FORMS`` lists for them.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

EXTERNAL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "external"
SRC = EXTERNAL / "petrarch" / "PETR2_GSR_validation.xml"
DICTS = EXTERNAL / "petrarch2"

STATE_SECTORS = {"", "GOV", "MIL", "JUD", "LEG", "COP", "SPY", "ELI", "GOVMIL"}

# Country code -> (names, demonyms, capitals). Only the codes these records use.
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "USA": (
        ("United States", "United States of America", "US", "U.S.", "USA", "America"),
        ("American",),
        ("Washington",),
    ),
    "CHN": (("China", "People's Republic of China", "PRC"), ("Chinese",), ("Beijing",)),
    "BRA": (("Brazil",), ("Brazilian",), ("Brasilia",)),
    "GUY": (("Guyana",), ("Guyanese",), ("Georgetown",)),
    "TUN": (("Tunisia",), ("Tunisian",), ("Tunis",)),
    "NGA": (("Nigeria",), ("Nigerian",), ("Abuja",)),
    "RWA": (("Rwanda",), ("Rwandan",), ("Kigali",)),
    "FRA": (("France",), ("French",), ("Paris",)),
    "ISR": (("Israel",), ("Israeli",), ("Jerusalem",)),
    "PSE": (
        ("Palestine", "Palestinian territories", "Palestinian Territories", "Palestinian Authority"),
        ("Palestinian", "Palestinians"),
        ("Ramallah",),
    ),
    "LBN": (("Lebanon",), ("Lebanese",), ("Beirut",)),
    "GBR": (("United Kingdom", "Britain", "Great Britain", "UK", "U.K."), ("British",), ("London",)),
    "MMR": (("Myanmar", "Burma"), ("Burmese",), ("Naypyidaw", "Yangon")),
    "SYR": (("Syria",), ("Syrian",), ("Damascus",)),
    "IRQ": (("Iraq",), ("Iraqi",), ("Baghdad",)),
    "UKR": (("Ukraine",), ("Ukrainian",), ("Kiev", "Kyiv")),
    "PHL": (("Philippines",), ("Filipino", "Philippine"), ("Manila",)),
    "QAT": (("Qatar",), ("Qatari",), ("Doha",)),
    "EGY": (("Egypt",), ("Egyptian",), ("Cairo",)),
    "MYS": (("Malaysia",), ("Malaysian",), ("Kuala Lumpur",)),
    "KEN": (("Kenya",), ("Kenyan",), ("Nairobi",)),
    "IRN": (("Iran",), ("Iranian",), ("Tehran",)),
    "CHE": (("Switzerland",), ("Swiss",), ("Bern",)),
    "RUS": (("Russia", "Russian Federation"), ("Russian",), ("Moscow",)),
    "GEO": (("Georgia",), ("Georgian",), ("Tbilisi",)),
    "SAU": (("Saudi Arabia",), ("Saudi",), ("Riyadh",)),
    "ARE": (("United Arab Emirates", "UAE"), ("Emirati",), ("Abu Dhabi",)),
    "CAN": (("Canada",), ("Canadian",), ("Ottawa",)),
    "SOM": (("Somalia",), ("Somali",), ("Mogadishu",)),
}


# Root of a CAMEO event code -> polarity; 01-03 are handled apart (see the module docstring).
def polarity_of(eventcode: str) -> str | None:
    root = int(eventcode[:2])
    if root <= 3:
        return None
    return "cooperation" if root <= 8 else "conflict"


# -- reading -------------------------------------------------------------------------------


@dataclass
class Record:
    id: str
    category: str
    date: str
    codings: list[tuple[str, str, str]]
    noevents: bool
    text: str
    tokens: list[tuple[str, bool]] = field(default_factory=list)  # (form, space after)


def read_records(path: Path) -> list[Record]:
    raw = path.read_text(encoding="utf-8")
    records = []
    for chunk in re.split(r"(?=<Sentence\s)", raw)[1:]:
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', re.match(r"<Sentence([^>]*)>", chunk).group(1)))
        codings = []
        noevents = False
        for body in re.findall(r"<EventCoding([^>]*)/>", chunk):
            a = dict(re.findall(r'(\w+)="([^"]*)"', body))
            if a.get("noevents") == "True":
                noevents = True
            else:
                codings.append((a["eventcode"], a["sourcecode"], a["targetcode"]))
        text = re.search(r"<Text>(.*?)</Text>", chunk, re.S).group(1)
        text = " ".join(text.split())
        parse = re.search(r"<Parse>(.*?)</Parse>", chunk, re.S)
        tokens = []
        if parse:
            for line in parse.group(1).strip().splitlines():
                cols = line.split("\t")
                if len(cols) >= 10 and cols[0].isdigit():
                    tokens.append((cols[1], "SpaceAfter=No" not in cols[9]))
        if not text and tokens:  # one record has an empty <Text>: rebuild it from the parse
            text = "".join(f + (" " if sp else "") for f, sp in tokens).strip()
            text = re.sub(r" ([.,;:!?])", r"\1", text)
        records.append(
            Record(attrs["id"], attrs.get("category", ""), attrs.get("date", ""), codings, noevents, text, tokens)
        )
    return records


# -- dictionaries ----------------------------------------------------------------------------


def _phrase_tokens(entry: str) -> tuple[str, ...]:
    entry = entry.strip().rstrip("_").replace("_", " ").replace("-", " - ")
    return tuple(t for t in entry.upper().split() if t)


def load_actor_dictionary(paths: list[Path]) -> dict[tuple[str, ...], set[str]]:
    """Phrase (upper-case tokens) -> actor codes, from TABARI-format .actors files.

    A block starts with a name line; ``+`` lines add synonyms; codes stand in brackets on the
    name line or on tab-indented lines below it (date ranges are ignored).
    """
    index: dict[tuple[str, ...], set[str]] = {}

    def flush(block: list[tuple[str, ...]], codes: set[str]) -> None:
        for phrase in block:
            if phrase and codes:
                index.setdefault(phrase, set()).update(codes)

    for path in paths:
        block: list[tuple[str, ...]] = []
        codes: set[str] = set()

        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body = line.split("#", 1)[0]
            found = re.findall(r"\[([A-Z~-]{3,}[A-Z]*)[^\]]*\]", body)
            name = re.sub(r"\[[^\]]*\]|\{[^}]*\}", "", body)
            if line[0] in " \t":
                codes.update(found)
                continue
            if line.startswith("+"):
                block.append(_phrase_tokens(name[1:]))
                codes.update(found)
                continue
            flush(block, codes)
            block, codes = [_phrase_tokens(name)], set(found)
        flush(block, codes)
    return index


def load_agents(path: Path) -> dict[tuple[str, ...], str]:
    """Agent phrase (upper case, with simple plurals) -> agent code without the ``~``."""
    subs: dict[str, list[str]] = {}
    agents: dict[tuple[str, ...], str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line:
            continue
        m = re.match(r"(!\w+!)\s*=\s*(.*)", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"(.+?)\s*(\{[^}]*\})?\s*\[~(\w+)\]", line)
        if not m:
            continue
        phrase, code = m.group(1), m.group(3)
        variants = [phrase]
        for key, words in subs.items():
            if key in phrase:
                variants = [v.replace(key, w) for v in variants for w in words]
        for v in variants:
            toks = _phrase_tokens(v)
            if not toks:
                continue
            for plural in _plurals(toks[-1]):
                agents.setdefault((*toks[:-1], plural), code)
    return agents


def _plurals(word: str) -> list[str]:
    out = [word]
    if word.endswith("MAN"):
        out.append(word[:-3] + "MEN")
    elif word.endswith("Y") and not word.endswith(("AY", "EY", "OY")):
        out.append(word[:-1] + "IES")
    elif word.endswith(("S", "SH", "CH", "X")):
        out.append(word + "ES")
    else:
        out.append(word + "S")
    return out


# -- finding the forms of an actor code in a sentence -----------------------------------------

TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+\.?|[A-Za-z0-9]+|'s|[^\sA-Za-z0-9]")
ORG_PREFIXES = ("IGO", "IMG", "NGO", "MNC")
MAX_PHRASE = 8


@dataclass(frozen=True)
class Found:
    start: int  # character offsets in the text
    end: int
    text: str
    codes: frozenset[str]
    kind: str  # "actor" (a Phoenix actor dictionary name) or "agent"


def tokenize(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def find_names(text: str, actors: dict, agents: dict) -> list[Found]:
    """Longest dictionary matches, left to right: actor names first, then agent words."""
    toks = tokenize(text)
    upper = [t[0].upper() for t in toks]
    out: list[Found] = []
    for table, kind in ((actors, "actor"), (agents, "agent")):
        taken = {i for f in out for i, t in enumerate(toks) if f.start <= t[1] < f.end}
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
                key = tuple(upper[i : i + n])
                if key in table and not taken & set(range(i, i + n)):
                    hit = n
                    break
            if hit is None or (kind == "actor" and len(key) == 1 and not toks[i][0][0].isupper()):
                i += 1
                continue
            value = table[key]
            codes = frozenset(value) if kind == "actor" else frozenset({value})
            s, e = toks[i][1], toks[i + hit - 1][2]
            out.append(Found(s, e, text[s:e], codes, kind))
            i += hit
    return sorted(out, key=lambda f: f.start)


def split_code(code: str) -> tuple[str, str]:
    """Actor code -> (country or organisation prefix, sector): USAGOV -> (USA, GOV),
    IGOUNOMIL -> (IGOUNO, MIL), ---REB -> (---, REB)."""
    if code.startswith(ORG_PREFIXES):
        return code[:6], code[6:]
    return code[:3], code[3:]


def is_state(code: str) -> bool:
    prefix, sector = split_code(code)
    return prefix in COUNTRIES and sector in STATE_SECTORS


def state_aliases(prefix: str) -> list[str]:
    names, demonyms, capitals = COUNTRIES[prefix]
    return [*names, *demonyms, *capitals]


def propose_forms(text: str, code: str, names: list[Found]) -> list[str]:
    """What the dictionaries find for one actor code in one sentence (checked by hand later)."""
    prefix, sector = split_code(code)
    forms: list[str] = []
    for f in names:
        if f.kind == "actor":
            if any(
                c == code or (c.startswith(prefix) and prefix != "---" and (not sector or c[len(prefix) :] == sector))
                for c in f.codes
            ):
                forms.append(f.text)
        elif sector and any(sector.startswith(c) or c.startswith(sector[:3]) for c in f.codes):
            # the agent word with what stands right before it ("Brazilian men", "US and British
            # activists") and a following "in/of/from <Name>" ("A court in Guyana")
            start = f.start
            m = re.search(r"((?:[A-Z][\w.'-]*|\w+-\w+) (?:and )?)+$", text[: f.start])
            if m:
                start = m.start()
            end = f.end
            m = re.match(r" (?:in|of|from) (?:the )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*", text[f.end :])
            if m:
                end = f.end + m.end()
            forms.append(text[start:end])
    if is_state(code) and prefix in COUNTRIES:
        forms += state_aliases(prefix)
    out: list[str] = []
    for form in forms:
        if form not in out:
            out.append(form)
    return out


# -- hand-checked corrections ------------------------------------------------------------------
# Entity ids are actor codes in lower case, "---" written "x" (---REB -> xreb). Other ids name
# actors that no coding has (for EXTRA edges and for the no-event records).

# record id -> {entity id: forms}. An entry replaces what the dictionaries found for that
# entity (or adds an entity). Written after reading each sentence; the comment says why.
FORMS: dict[str, dict[str, list[str]]] = {
    # "the US leader prepared to attend the Beijing Olympics"
    "AFP0808020625_4": {
        "usa": ["US leader", "the US leader", *state_aliases("USA")],
        "chn": ["Beijing", "Beijing Olympics", *state_aliases("CHN")],
    },
    # the sentence's "his lawyer" is the student's lawyer, not the court
    "AFP0808020824_1": {
        "tunjud": ["A Tunisian court", "Tunisian court", *state_aliases("TUN")],
        "ngaedu": ["a Nigerian student", "Nigerian student"],
    },
    "AFP0808020705_1": {
        "guyjud": ["A court in Guyana", "court in Guyana", *state_aliases("GUY")],
        "brappl": ["two Brazilian men", "Brazilian men"],
    },
    # Washington says a step has support from Moscow and Beijing, who resist a harder line on Iran
    "AFP0808020742_2": {
        "usa": state_aliases("USA"),
        "rus": ["Russia's UN ambassador", *state_aliases("RUS")],
        "chn": state_aliases("CHN"),
        "irn": ["the Islamic republic", "Islamic republic", *state_aliases("IRN")],
    },
    "AFP0808020776_5": {"fra": ["French presidency", "Sarkozy", *state_aliases("FRA")], "chn": state_aliases("CHN")},
    "AFP0808020840_1": {"fra": ["French officials", *state_aliases("FRA")], "rwa": state_aliases("RWA")},
    "AFP0808020840_2": {
        "rwa": [
            "A 500-page report",
            "report released Tuesday in the Rwandan capital",
            "Rwandan capital",
            *state_aliases("RWA"),
        ],
        "fra": ["French military", "the French military in Rwanda", *state_aliases("FRA")],
    },
    "AFP0808020957_2": {
        "rwa": [
            "A 500-page report",
            "report released Tuesday in the Rwandan capital",
            "Rwandan capital",
            *state_aliases("RWA"),
        ],
        "fra": ["French military", "the French military in Rwanda", *state_aliases("FRA")],
    },
    "AFP0808020857_1": {
        "isr": state_aliases("ISR"),
        "psegov": [
            "the mayor of the northern West Bank city of Nablus",
            "mayor of the northern West Bank city of Nablus",
            "mayor",
            "Nablus",
            *state_aliases("PSE"),
        ],
    },
    "AFP0808020857_2": {
        "isr": state_aliases("ISR"),
        "pse": [
            "Palestinian prisoners",
            "Palestinian president Mahmud Abbas",
            "Mahmud Abbas",
            "Abbas",
            *state_aliases("PSE"),
        ],
    },
    # "military" in "further military support" is not the US commander
    "AFP0808020905_1": {
        "usamil": [
            "The US commander in Iraq",
            "US commander",
            "General David Petraeus",
            "David Petraeus",
            "Petraeus",
            *state_aliases("USA"),
        ],
        "lbngov": ["President Michel Suleiman", "Michel Suleiman", "Suleiman", *state_aliases("LBN")],
    },
    # "Free Tibet" is the cause, not an actor; one phrase names both groups of activists
    "AFP0808020937_1": {
        "usaopp": ["US and British activists", "US activists"],
        "gbropp": ["US and British activists", "British activists"],
        "chn": state_aliases("CHN"),
    },
    "AFP0808020955_1": {
        "rwa": ["Rwanda's information minister", "information minister", *state_aliases("RWA")],
        "fra": ["French political and military officials", "French officials", *state_aliases("FRA")],
    },
    "AFP0808020957_1": {"fra": state_aliases("FRA"), "rwa": state_aliases("RWA")},
    # the exiled dissidents are not Myanmar's state
    "AFP0808021021_3": {
        "usagov": ["President Bush", "Bush", *state_aliases("USA")],
        "mmropp": ["exiled dissidents from military-ruled Myanmar", "exiled dissidents", "dissidents"],
        "chn": ["Beijing", *state_aliases("CHN")],
    },
    "SYRIA_0": {
        "xreb": ["Insurgents"],
        "syr": [
            "a government-held part of Syria's second city Aleppo",
            "government-held part of Syria's second city Aleppo",
            "Aleppo",
            *state_aliases("SYR"),
        ],
    },
    "SYRIA_1": {
        "syropphri": [
            "The Syrian Observatory for Human Rights",
            "Syrian Observatory for Human Rights",
            "Syrian Observatory",
        ],
        "xmil": ["government forces"],
    },
    # the militant group is the Islamic State named before
    "GOLD_0": {
        "usa": ["U.S. Central Command", "Central Command", *state_aliases("USA")],
        "irqmus": [
            "Islamic State",
            "an Islamic State target",
            "Islamic State target",
            "the militant group that has seized parts of Iraq and Syria",
            "militant group",
        ],
        "irq": ["Iraq", "Iraqi"],
        "syr": ["Syria", "Syrian"],
    },
    "GOLD_1": {"isr": state_aliases("ISR"), "psegza": ["the Gaza Strip", "Gaza Strip", "Gaza", "the enclave"]},
    "GOLD_2": {
        "irqgovmil": ["Iraq's national security advisor", "national security advisor", *state_aliases("IRQ")],
        "syrgov": ["Syrian President Bashar Assad", "Bashar Assad", "Assad", *state_aliases("SYR")],
        "isil": ["Islamic State militants", "Islamic State"],
    },
    "GOLD_3": {
        "ukrleg": ["Ukrainian lawmakers", *state_aliases("UKR")],
        "igoeureec": ["the European Union", "European Union", "EU"],
        "rus": state_aliases("RUS"),
    },
    "GOLD_4": {"ukr": state_aliases("UKR"), "igoeureec": ["the European Union", "European Union", "EU"]},
    "GOLD_5": {"syrreb": ["Syrian rebels"], "phl": ["Filipino peacekeepers", *state_aliases("PHL")]},
    "GOLD_9": {"syrreb": ["Syrian rebels"], "phl": ["Filipino peacekeepers", *state_aliases("PHL")]},
    # the Muslim Brotherhood's exiled leaders are not Egypt's state
    "GOLD_6": {
        "qat": ["the wealthy Gulf state", *state_aliases("QAT")],
        "egyoppmus": [
            "exiled leaders of Egypt's Muslim Brotherhood",
            "Egypt's Muslim Brotherhood",
            "Muslim Brotherhood",
        ],
        "sau": state_aliases("SAU"),
        "are": state_aliases("ARE"),
    },
    # sanctions on officers of the Russian military, arms makers and a bank
    "GOLD_7": {
        "can": ["The Canadian government", "Canadian government", *state_aliases("CAN")],
        "rusmil": [
            "four senior officers in the Russian military",
            "senior officers in the Russian military",
            "Russian military",
            *state_aliases("RUS"),
        ],
        "rusbus": ["five more of Russia's arms makers", "Russia's arms makers", "arms makers"],
        "bank": ["one Moscow-based bank", "Moscow-based bank"],
    },
    "GOLD_8": {
        "igounomil": ["Hundreds of UN troops", "UN troops", "peacekeepers", "United Nations", "UN", "U.N."],
        "syr": state_aliases("SYR"),
        "isr": state_aliases("ISR"),
        "rebels": ["Al-Qaeda-linked rebels"],
    },
    # Malaysia Airlines is a company, not Malaysia
    "TEST_1": {
        "xreb": ["pro-Russia rebels"],
        "mysbus": ["The Malaysia Airlines Boeing 777 flight MH17", "Malaysia Airlines", "flight MH17", "MH17"],
    },
    # both codings name the same victims: one entity
    "TEST_4": {
        "isr": state_aliases("ISR"),
        "psecvl": ["Four children and a man", "Four children", "children"],
        "gaza": [
            "Gaza Strip",
            "the Gaza Strip",
            "GAZA CITY",
            "Gaza City",
            "Palestinian Territories",
            *state_aliases("PSE"),
        ],
    },
    "TEST_5": {
        "igouno": ["The United Nations chief", "United Nations chief", "United Nations", "UN", "U.N."],
        "qat": state_aliases("QAT"),
        "gaza": ["Gaza Strip", "the Gaza Strip"],
    },
    "TEST_6": {
        "somuaf": [
            "The Al Qaeda-linked Somali militant group al-Shabab",
            "Somali militant group al-Shabab",
            "al-Shabab",
            "Shabab",
        ],
        "ken": ["Kenya's capital", *state_aliases("KEN")],
    },
    "TEST_7": {"hamas": ["the Hamas regime", "Hamas regime", "Hamas"], "isr": state_aliases("ISR"), "psegza": ["Gaza"]},
    "TEST_8": {"igocopitp": ["Interpol"]},
    "TEST_09": {"usagov": ["President obama", "Obama", *state_aliases("USA")]},
    "TEST_10": {"ukr": state_aliases("UKR"), "rus": state_aliases("RUS")},
    "TEST_11": {
        "usagov": ["Barack Obama", "Obama", *state_aliases("USA")],
        "rusgov": ["Vladimir Putin", "Putin", *state_aliases("RUS")],
        "che": ["Zurich", *state_aliases("CHE")],
    },
    "NEST_2.75": {
        "usa": ["The US", *state_aliases("USA")],
        "imgmusisi": ["ISIL", "Islamic State"],
        "irq": ["Iraq", "Iraqi", "Mosul", "the city of Mosul"],
    },
    "EXIST_0": {"syr": ["Aleppo"]},
    "EXIST_1": {
        "rusmil": ["10 Russian soldiers", "Russian soldiers", *state_aliases("RUS")],
        "ukr": state_aliases("UKR"),
    },
    # the coded target is the "strict Islamic state" the campaign is for
    "abc12_3": {
        "ngareb": ["Boko Haram"],
        "ngamus": ["a strict Islamic state", "Islamic state"],
        "nga": ["northeastern Nigeria", *state_aliases("NGA")],
    },
    # the protesters oppose the Senate (the coding makes the Senate protest)
    "PREP_1": {
        "rwaleg": ["Rwanda's Senate", "Senate", *state_aliases("RWA")],
        "opponents": ["Opponents of Rwanda's Senate", "Opponents"],
    },
    "PREP_0": {
        "rusgov": ["Putin", *state_aliases("RUS")],
        "xcvl": ["The civilians", "civilians", "The civilians imprisoned for acting against Moscow"],
    },
    "VERB_1": {"usagov": ["Obama", *state_aliases("USA")], "che": state_aliases("CHE"), "irn": state_aliases("IRN")},
    "VERB_2": {"xgov": ["The government"], "chn": state_aliases("CHN")},
    "VERB_3": {
        "usa": ["The US State department", "US State department", "State department", *state_aliases("USA")],
        "tun": state_aliases("TUN"),
    },
    "VERB_5": {"usa": ["The USA tanks", "USA tanks", *state_aliases("USA")], "usagov": ["Obama"]},
    "VERB_6": {
        "igouno": ["The United Nations inspectors", "United Nations inspectors", "United Nations", "UN", "U.N."],
        "irn": state_aliases("IRN"),
    },
    # a Ukrainian protestor does not act for Ukraine; the building is Russian (owner accepted)
    "PASSIVE_3": {
        "ukr": ["a Ukrainian protestor", "Ukrainian protestor"],
        "rus": ["The Russian building", "Russian building", *state_aliases("RUS")],
    },
    "PASSIVE_4": {"xleg": ["Congress"], "usagov": ["Obama", *state_aliases("USA")], "irn": state_aliases("IRN")},
    "PASSIVE_5": {"xleg": ["Congress"], "usagov": ["Obama", *state_aliases("USA")], "irn": state_aliases("IRN")},
    "PASSIVE_6": {"xleg": ["congress"], "usagov": ["Obama", *state_aliases("USA")], "irn": state_aliases("IRN")},
    # the rioters are Tunisian; the square is Egyptian
    "PASSIVE_10": {
        "syr": ["Syrian forces", *state_aliases("SYR")],
        "egy": ["the Egyptian square", "Egyptian square", *state_aliases("EGY")],
        "tunopp": ["tunisian rioters", "Tunisian rioters"],
    },
    "NEG_1": {"usagov": ["Obama", *state_aliases("USA")], "rus": state_aliases("RUS"), "isr": state_aliases("ISR")},
    "APPEALS_0": {
        "usagov": ["Obama", *state_aliases("USA")],
        "rusgov": ["Putin", *state_aliases("RUS")],
        "che": state_aliases("CHE"),
    },
    "VALID_0": {
        "usa": ["The USA", *state_aliases("USA")],
        "egyopp": [
            "the two exiled dissidents from Egypt",
            "two exiled dissidents from Egypt",
            "exiled dissidents from Egypt",
            "exiled dissidents",
            "dissidents from Egypt",
        ],
    },
    "OVERLAP_0": {"rus": state_aliases("RUS"), "usa": ["Alaska", *state_aliases("USA")]},
    "PMATCH_0": {
        "usagov": ["The US Secretary of state", "US Secretary of state", "Secretary of state", *state_aliases("USA")],
        "isr": ["iSrael", *state_aliases("ISR")],
    },
    "github_issue27_2": {
        "geogov": [
            "ministers from the Georgian government",
            "the Georgian government",
            "Georgian government",
            *state_aliases("GEO"),
        ],
        "geoopp": ["Georgian demonstrators"],
    },
}

# record id -> list of (eventcode, source, target, action, note); action is "required",
# "optional" or "drop". Codings not listed follow the root rule (01/02: no edge; 03:
# optional; 04-20: required). A 5th/6th field may remap source/target entity ids.
DECISIONS: dict[str, list[tuple]] = {
    "AFP0808020625_4": [
        (
            "042",
            "USA",
            "CHN",
            "optional",
            "planned ('prepared to attend'); China only through the Beijing Olympics it attends",
        )
    ],
    "AFP0808020857_1": [
        (
            "084",
            "ISR",
            "PSEGOV",
            "required",
            "CAMEO 08 (release of a prisoner, a concession) is cooperation, as in the plover files",
        )
    ],
    "AFP0808021021_3": [
        ("040", "USAGOV", "MMROPP", "optional", "planned ('scheduled to ... meet')"),
        (
            "060",
            "USAGOV",
            "USA",
            "drop",
            "coding error: the president and his own country ('a speech on US relations with Asia')",
        ),
    ],
    "SYRIA_1": [
        (
            "112",
            "SYROPPHRI",
            "---MIL",
            "optional",
            "a monitor reports an air strike by government forces: a report, not an accusation under the rules",
        )
    ],
    "GOLD_1": [
        (
            "112",
            "ISR",
            "PSEGZA",
            "mutual",
            "Israel reports an attack on it from Gaza (Gaza -> Israel) and the sentence names a war between them: either direction",
        )
    ],
    "GOLD_6": [("174", "QAT", "EGYOPPMUS", "optional", "a pledge ('has pledged to expel'): a plan under the rules")],
    "GOLD_8": [
        (
            "080",
            "IGOUNOMIL",
            "SYR",
            "optional",
            "a withdrawal from the Syrian sector of the Golan: Syria is the place left, no alliance is stated",
        )
    ],
    "TEST_4": [("190", "ISR", "PSEGZACVL", "drop", "same victims as ISR -> PSECVL (merged)")],
    "TEST_7": [
        (
            "190",
            "PSEGZA",
            "PSEREBHMSGOV",
            "drop",
            "coding error: Gaza does not attack Hamas; 'unless the Hamas regime is disarmed' is a condition",
        )
    ],
    "TEST_11": [
        ("040", "USAGOV", "CHE", "optional", "planned ('will meet'); Switzerland is only the place of the meeting"),
        ("040", "RUSGOV", "CHE", "optional", "planned ('will meet'); Switzerland is only the place of the meeting"),
    ],
    "NEST_0": [
        (
            "015",
            "USA",
            "IRQ",
            "optional-conflict",
            "CAMEO 015 (claims responsibility): the attack is claimed by the attacker, 'they' is ambiguous",
        )
    ],
    "NEST_8": [
        (
            "112",
            "USA",
            "IRQ",
            "optional",
            "'said that Iraq had attacked themselves': a report of a self-inflicted attack, no accusing verb",
        )
    ],
    "EXIST_1": [
        (
            "190",
            "UKR",
            "RUSMIL",
            "optional",
            "no attacker is named: Ukraine is only the place where the soldiers were killed",
        )
    ],
    "abc12_3": [
        (
            "190",
            "NGAREB",
            "NGAMUS",
            "drop",
            "coding error: the 'strict Islamic state' is the goal of the campaign, not its target",
        )
    ],
    "PREP_0": [
        (
            "0841",
            "RUSGOV",
            "---CVL",
            "required",
            "CAMEO 08 (release of prisoners) is cooperation, as in the plover files",
        )
    ],
    "VERB_0": [
        (
            "044",
            "USAGOV",
            "IRN",
            "optional",
            "planned ('is scheduled to attend'); Iran is the topic of the summit, not a party",
        )
    ],
    "VERB_1": [
        (
            "042",
            "USAGOV",
            "CHE",
            "optional",
            "planned ('is scheduled to attend'); Switzerland is the place of the summit",
        )
    ],
    "VERB_2": [
        (
            "013",
            "---GOV",
            "CHN",
            "optional-cooperation",
            "CAMEO 013 (a comment): appreciation for China's assistance is praise, and presupposes aid; accepted, not required",
        )
    ],
    "VERB_3": [
        (
            "160",
            "USA",
            "TUN",
            "optional",
            "a travel advisory after a shooting: not a dispute with Tunisia under the rules",
        )
    ],
    "VERB_6": [
        ("090", "IGOUNO", "IRN", "optional", "an intention ('want to re-examine'); Iran through the refineries in it")
    ],
    "VERB_8": [("072", "USA", "ISR", "optional", "a plan ('will supply')")],
    "PASSIVE_3": [
        (
            "145",
            "UKR",
            "RUS",
            "required",
            "the actor is a Ukrainian protestor, not Ukraine; the target is a Russian building, owner accepted",
        )
    ],
    "PASSIVE_4": [
        (
            "100",
            "---LEG",
            "USAGOV",
            "optional",
            "pressure to help Iran: a demand to act, not to stop or undo (optional at most)",
        )
    ],
    "PASSIVE_6": [
        (
            "170",
            "---LEG",
            "USAGOV",
            "optional",
            "pressure to help Iran: a demand to act, not to stop or undo (optional at most)",
        )
    ],
    "PASSIVE_10": [
        (
            "175",
            "SYR",
            "EGY",
            "optional",
            "coding error: Egypt is the square, the rioters are Tunisian (see the optional edge with them)",
        ),
        ("145", "EGY", "SYR", "optional", "coding error: Egypt is the square, the rioters are Tunisian"),
    ],
    "NEG_0": [
        (
            "121",
            "USAGOV",
            "ISR",
            "optional",
            "a negated, future relation ('would not provide support'): not an edge under the rules; the refusal accepted",
        )
    ],
    "NEG_1": [
        (
            "124",
            "USAGOV",
            "RUS",
            "optional",
            "a negated, future relation ('would not give permission'); the refusal accepted",
        )
    ],
    "Pattern_1": [
        ("015", "USAGOV", "IRQ", "optional-conflict", "a plan ('will attack')"),
        ("015", "RUSGOV", "IRQ", "optional-conflict", "a plan ('will attack')"),
    ],
    "APPEALS_1": [
        (
            "138",
            "USAGOV",
            "CHE",
            "optional",
            "a wish ('wants to attack'), not a stated threat: an intention under the rules",
        )
    ],
    "OVERLAP_0": [("150", "RUS", "USA", "optional", "the United States only as the place of the exercises (Alaska)")],
}

# record id -> optional edges the sentence states under the rules but the coding does not have.
EXTRA: dict[str, list[dict]] = {
    "AFP0808020742_2": [
        {
            "s": "rus",
            "p": "cooperation",
            "o": "usa",
            "note": "'such a step enjoyed support from Moscow' (Washington's step, as Washington says)",
        },
        {"s": "chn", "p": "cooperation", "o": "usa", "note": "'such a step enjoyed support from ... Beijing'"},
    ],
    "AFP0808020776_5": [
        {
            "s": ["fra", "chn"],
            "p": "conflict",
            "o": ["fra", "chn"],
            "note": "'ties with China frayed by an initial threat to boycott the ceremony'",
        },
        {
            "s": "fra",
            "p": "cooperation",
            "o": "chn",
            "note": "Sarkozy heads to Beijing, 'seeking to mend ties with China' (planned)",
        },
    ],
    "AFP0808020840_1": [
        {"s": "fra", "p": "conflict", "o": "rwa", "note": "'France condemned as unacceptable allegations by Rwanda'"},
        {
            "s": "rwa",
            "p": "conflict",
            "o": "fra",
            "note": "'allegations by Rwanda that it had played an active role in the genocide'",
        },
    ],
    "AFP0808020955_1": [
        {
            "s": "rwa",
            "p": "conflict",
            "o": "fra",
            "note": "hopes French officials 'accused of playing a role' in the genocide will be indicted",
        },
    ],
    "AFP0808020957_1": [
        {
            "s": ["fra", "rwa"],
            "p": "conflict",
            "o": ["fra", "rwa"],
            "note": "'France accused Rwanda of making unacceptable accusations by alleging Paris played an active role'",
        },
        {
            "s": "fra",
            "p": "cooperation",
            "o": "rwa",
            "note": "'determined to mend damaged ties with Kigali' (intention)",
        },
    ],
    "AFP0808020857_2": [],
    "AFP0808020905_1": [],
    "AFP0808021021_3": [
        {"s": "usagov", "p": "cooperation", "o": "chn", "note": "'Before leaving for Beijing' (a trip to China)"}
    ],
    "GOLD_0": [
        {
            "s": "irqmus",
            "p": "conflict",
            "o": "irq",
            "note": "'the militant group that has seized parts of Iraq and Syria'",
        },
        {
            "s": "irqmus",
            "p": "conflict",
            "o": "syr",
            "note": "'the militant group that has seized parts of Iraq and Syria'",
        },
    ],
    "GOLD_2": [
        {
            "s": "irqgovmil",
            "p": "conflict",
            "o": "isil",
            "note": "'to discuss efforts to counter Islamic State militants' (purpose)",
        },
        {
            "s": "syrgov",
            "p": "conflict",
            "o": "isil",
            "note": "'to discuss efforts to counter Islamic State militants' (purpose)",
        },
    ],
    "GOLD_3": [
        {
            "s": ["ukrleg", "rus"],
            "p": "conflict",
            "o": ["ukrleg", "rus"],
            "note": "'the 10-month-old conflict that possibility has ignited with Russia'",
        }
    ],
    "GOLD_6": [
        {
            "s": "sau",
            "p": "conflict",
            "o": "qat",
            "note": "'an agreement forced on the wealthy Gulf state by Saudi Arabia'",
        },
        {
            "s": "are",
            "p": "conflict",
            "o": "qat",
            "note": "'an agreement forced on the wealthy Gulf state by ... the United Arab Emirates'",
        },
        {"s": "sau", "p": "cooperation", "o": "qat", "note": "the agreement itself"},
        {"s": "are", "p": "cooperation", "o": "qat", "note": "the agreement itself"},
    ],
    "GOLD_7": [
        {
            "s": "can",
            "p": "conflict",
            "o": "rusmil",
            "note": "asset freezes and travel bans against four senior officers in the Russian military",
        },
        {
            "s": "can",
            "p": "conflict",
            "o": "rusbus",
            "note": "economic sanctions against five more of Russia's arms makers",
        },
        {"s": "can", "p": "conflict", "o": "bank", "note": "economic sanctions against one Moscow-based bank"},
    ],
    "GOLD_8": [
        {
            "s": "rebels",
            "p": "conflict",
            "o": "igounomil",
            "note": "'Al-Qaeda-linked rebels kidnapped dozens of peacekeepers'",
        },
        {
            "s": "isr",
            "p": "conflict",
            "o": "syr",
            "note": "'the Israeli-occupied sector of the Golan' (an occupation, stated as a modifier)",
        },
    ],
    "TEST_4": [
        {"s": "isr", "p": "conflict", "o": "gaza", "note": "the shelling hit the east of the Gaza Strip (a place)"}
    ],
    "TEST_6": [
        {
            "s": "somuaf",
            "p": "conflict",
            "o": "ken",
            "note": "CAMEO 015 (claims responsibility) for an attack at a mall in Kenya's capital; the attack, with a place as target, accepted",
        }
    ],
    "TEST_7": [{"s": "hamas", "p": "conflict", "o": "isr", "note": "'replace those [rockets] it fires at Israel'"}],
    "TEST_10": [
        {
            "s": "ukr",
            "p": "conflict",
            "o": "rus",
            "note": "'Ukraine says it has strong evidence proving Russia was behind the chemical attacks' (an accusation)",
        }
    ],
    "TEST_11": [
        {
            "s": "usagov",
            "p": "cooperation",
            "o": "rusgov",
            "note": "'Barack Obama and Vladimir Putin will meet' (planned)",
        }
    ],
    "NEST_2.75": [
        {
            "s": "imgmusisi",
            "p": "conflict",
            "o": "irq",
            "note": "'ISIL had attacked Iraq and taken the city of Mosul' (reported)",
        }
    ],
    "abc12_3": [
        {
            "s": "ngareb",
            "p": "conflict",
            "o": "nga",
            "note": "attacks during its campaign in northeastern Nigeria (a place)",
        }
    ],
    "PREP_1": [
        {
            "s": "opponents",
            "p": "conflict",
            "o": "rwaleg",
            "note": "'Opponents of Rwanda's Senate protested' (the coding makes the Senate the protester and has no target)",
        }
    ],
    "PREP_0": [
        {"s": "rusgov", "p": "conflict", "o": "xcvl", "note": "'The civilians imprisoned for acting against Moscow'"},
        {"s": "xcvl", "p": "conflict", "o": "rusgov", "note": "'acting against Moscow'"},
    ],
    "PASSIVE_10": [
        {
            "s": ["syr", "tunopp"],
            "p": "conflict",
            "o": ["syr", "tunopp"],
            "note": "'Syrian forces clash with tunisian rioters' (mutual)",
        }
    ],
    "APPEALS_0": [
        {"s": "usagov", "p": "conflict", "o": "che", "note": "Obama wants an attack on Switzerland (an intention)"}
    ],
}

# Records without codings: the entities FORMS gives are all their actors; these records have
# no ids in the codings, so the list above is complete for them.


def entity_id(code: str) -> str:
    return code.lower().replace("---", "x")


# -- building the files -----------------------------------------------------------------------


def _decision(record: Record, coding: tuple[str, str, str]) -> tuple[str, str]:
    for entry in DECISIONS.get(record.id, []):
        if tuple(entry[:3]) == coding:
            return entry[3], entry[4]
    root = int(coding[0][:2])
    if root <= 2:
        return "none", f"CAMEO root {root:02d} (public statement or appeal): not an alliance or dispute under the rules"
    if root == 3:
        return "optional", "CAMEO root 03 (intent to cooperate): a plan or offer, optional under the rules"
    return "required", ""


def build_record(record: Record, actors: dict, agents: dict) -> tuple[dict, list[str]]:
    """One gold file for one record, and the lines of its report."""
    names = find_names(record.text, actors, agents)
    hand = FORMS.get(record.id, {})
    log: list[str] = []
    edges: list[dict] = []
    optional: list[dict] = []
    used: list[str] = []
    for coding in record.codings:
        action, why = _decision(record, coding)
        event, src, tgt = coding
        label = f"CAMEO {event} {src}->{tgt}"
        if src == "---" or tgt == "---":
            action, why = "none", "no actor on one side ('---')"
        if action in {"drop", "none"}:
            log.append(f"  {label}: no edge ({why})")
            continue
        root = int(event[:2])
        s, o = entity_id(src), entity_id(tgt)
        used += [c for c in (src, tgt) if c not in used]
        if action == "mutual":
            edge = {"s": [s, o], "p": "conflict", "o": [s, o]}
            target = edges
        else:
            if action.startswith("optional-"):
                p = action.split("-", 1)[1]
            else:
                p = "cooperation" if root <= 8 else "conflict"
            edge = {"s": s, "p": p, "o": o}
            target = optional if action.startswith("optional") else edges
        edge["note"] = f"{label}" + (f": {why}" if why else "")
        if not _has_edge(edges, edge) and not _has_edge(optional, edge):
            target.append(edge)
            log.append(
                f"  {label}: {'required' if target is edges else 'optional'} {edge['s']} -{edge['p']}-> {edge['o']}"
                + (f" ({why})" if why else "")
            )
        else:
            log.append(f"  {label}: same edge as above")
    for extra in EXTRA.get(record.id, []):
        if isinstance(extra["s"], list):
            # a mutual conflict, optional: both directions as two edges (a list on both sides
            # would also accept an actor paired with itself)
            a, b = extra["s"]
            pairs = [(a, b), (b, a)]
        else:
            pairs = [(extra["s"], extra["o"])]
        for s, o in pairs:
            edge = {"s": s, "p": extra["p"], "o": o, "note": "not coded; " + extra["note"]}
            optional.append(edge)
            log.append(f"  extra optional {s} -{edge['p']}-> {o} ({extra['note']})")
    # entities: every code an edge uses, then what FORMS adds
    entities: dict[str, list[str]] = {}
    for code in used:
        eid = entity_id(code)
        entities[eid] = list(hand[eid]) if eid in hand else propose_forms(record.text, code, names)
    _state_aliases_to_state_actor(entities, used, hand)
    for eid, forms in hand.items():
        entities.setdefault(eid, list(forms))
    entities = {k: list(dict.fromkeys(v)) for k, v in entities.items() if v}
    for e in edges + optional:
        for side in ("s", "o"):
            for eid in [e[side]] if isinstance(e[side], str) else e[side]:
                if eid not in entities:
                    raise SystemExit(f"{record.id}: edge names {eid!r}, which has no forms; add it to FORMS")
    gold = {
        "id": f"petrarch-{record.id}",
        "source_id": record.id,
        "category": record.category,
        "codings": [" ".join(c) for c in record.codings] or ["noevents"],
        "text": record.text,
        "entities": entities,
        "edges": edges,
        "optional": optional,
    }
    if record.codings:
        gold["partial"] = True
    return gold, log


def _has_edge(edges: list[dict], edge: dict) -> bool:
    def key(e):
        s = tuple(sorted(e["s"])) if isinstance(e["s"], list) else e["s"]
        o = tuple(sorted(e["o"])) if isinstance(e["o"], list) else e["o"]
        if e["p"] == "cooperation":
            return ("cooperation", frozenset((s, o)))
        return ("conflict", s, o)

    return any(key(e) == key(edge) for e in edges)


def _state_aliases_to_state_actor(entities: dict[str, list[str]], codes: list[str], hand: dict) -> None:
    """When actors share a country, its names go to the state actor only (as in the plover files)."""
    by_prefix: dict[str, list[str]] = {}
    for code in codes:
        by_prefix.setdefault(split_code(code)[0], []).append(code)
    for prefix, group in by_prefix.items():
        if prefix not in COUNTRIES or len(group) < 2:
            continue
        aliases = set(state_aliases(prefix))
        states = [c for c in group if is_state(c)]
        keep = states[0] if len(states) == 1 else None
        for code in group:
            eid = entity_id(code)
            if code != keep and eid not in hand:
                entities[eid] = [f for f in entities[eid] if f not in aliases]


def write_gold(out: Path, *, src: Path = SRC, dicts: Path = DICTS, report: bool = False) -> Path:
    """Write one gold file per validation record into ``out``; returns ``out``."""
    actors = load_actor_dictionary(
        [dicts / f"Phoenix.{n}.actors.txt" for n in ("Countries", "International", "MilNonState")]
    )
    agents = load_agents(dicts / "Phoenix.agents.txt")
    records = read_records(src)
    out.mkdir(parents=True, exist_ok=True)
    n_edges = n_opt = n_coop = n_conf = 0
    for record in records:
        gold, log = build_record(record, actors, agents)
        name = f"petrarch-{record.id}.json"
        (out / name).write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        n_edges += len(gold["edges"])
        n_opt += len(gold["optional"])
        n_coop += sum(e["p"] == "cooperation" for e in gold["edges"])
        n_conf += sum(e["p"] == "conflict" for e in gold["edges"])
        if report:
            print(f"== {record.id} [{record.category}] {'partial' if gold.get('partial') else 'complete'}")
            print(f"  {record.text}")
            for eid, forms in gold["entities"].items():
                print(f"  entity {eid}: {forms}")
            print("\n".join(log))
    print(
        f"{len(records)} records -> {out}: {n_edges} required edges ({n_coop} cooperation, {n_conf} conflict), "
        f"{n_opt} optional; {sum(1 for r in records if not r.codings)} records without codings",
        file=sys.stderr,
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--src", type=Path, default=SRC)
    ap.add_argument("--dicts", type=Path, default=DICTS)
    ap.add_argument("--report", action="store_true", help="print each record with its entities and edges")
    a = ap.parse_args()
    write_gold(a.out, src=a.src, dicts=a.dicts, report=a.report)


if __name__ == "__main__":
    main()

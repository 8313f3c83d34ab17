"""Write the grammar's agent word lists from the Phoenix agents dictionary of PETRARCH2.

An agent is a common noun for who acts: "police", "farmers", "rebels". The Phoenix file
(Open Event Data Alliance, MIT licence) gives each its CAMEO agent code; this script keeps
the one-word agents and sorts them by what a nationality adjective before them means:

- ``state_agents``: the state's own institutions and servants (codes GOV, MIL, COP, JUD,
  LEG, SPY): "Iraqi troops", "the Swiss court" stand for the state;
- ``group_agents``: people who act for themselves (farmers, students, rebels, refugees,
  businessmen...): "French farmers" is a group of its own, never France;
- ``people_agents``: people named by no role at all (men, women, children, people): an actor
  only with a nationality, a name or a place ("two Brazilian men").

    python scripts/phoenix_agents.py [PATH/Phoenix.agents.txt]

It rewrites the three files in graphbuild/grammar/data/words/; read the diff before
committing. The choices made on top of the file are the constants below, each with why.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "external" / "petrarch2" / "Phoenix.agents.txt"
WORDS = ROOT / "graphbuild" / "grammar" / "data" / "words"

# "PHRASE {PLURALS} [~CODE]": one-word phrases only (a phrase of several words is read by
# its head noun, which the grammar looks up on its own).
ENTRY = re.compile(r"^([A-Z!']+)\s*(?:\{([^}]*)\})?\s*\[([^\]]+)\]")
SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
# Codes whose agents serve the state.
STATE_CODES = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
# People named by nothing but being people: actors only with a nationality, name or place.
PEOPLE = {"man", "men", "woman", "women", "person", "persons", "people", "child", "children", "girl", "mother"}
# Entries that are no agent the grammar can use: things and places (a newspaper, a village,
# a warship is read through its owner, not as an agent), events ("uprising"), adjectives
# ("naval", "islamic"), words with a commoner other sense ("deputy", "carrier", "chamber",
# "service", "doc", "boss") and companies or schools, which are organisations with names.
EXCLUDED = {
    *("aerospace", "airline", "airway", "business", "company", "conglomerate", "corporation", "industry"),
    *("containership", "freighter", "jumbojet", "oiler", "supertanker", "tanker", "airliner", "jetliner"),
    *("telecom", "manafacture", "cabinetmaker", "waiter", "waitress", "monger", "bargainer", "boss"),
    *("community", "neighborhood", "neighbourhood", "settlement", "village", "naturalized", "rabble"),
    *("college", "conservatory", "kindergarden", "kindergarten", "preschool", "school", "schoolhouse"),
    *("university", "hospital", "infirmary", "sanatarium", "sanatorium", "sanitarium", "doc"),
    *("blog", "gazette", "magazine", "media", "newspaper", "publication", "tabloid", "television", "tv"),
    *("website", "insurgence", "insurgency", "rebellion", "revolt", "uprising", "gangdom", "gangland"),
    *("monastery", "religion", "islamic", "jewish", "hebrew", "naval", "retired", "prison", "deputy"),
    *("carrier", "chamber", "assemblage", "assemblies", "echelon", "phalanx", "governance", "polity"),
    *("fireman", "firemen", "firewoman", "firewomen", "fireperson", "firefighter", "kingdom", "actor"),
    *("servicemen", "servicewomen", "serviceperson", "archdiocese", "diocese", "ngo"),
    # businesses: organisations with names, which "the carmaker" already refers to
    *("automaker", "carmaker", "steelmaker", "manufacturer", "producer", "exporter", "agrobusiness"),
}
# Phoenix files lawyers under the courts (JUD) and seamen under the military (MIL); a lawyer
# serves a client and most seamen crew merchant ships: "an American lawyer" is not the
# United States, "Filipino seamen" are not the Philippines.
PRIVATE = {"advocate", "attorney", "barrister", "counsel", "counsellor", "counselor", "conveyancer", "pleader"}
PRIVATE |= {"lawyer", "seaman", "seamen"}


def read_agents(path: Path) -> dict[str, str]:
    """word (lower case) -> CAMEO agent code, for the one-word entries of the file."""
    subs: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if m := SUBSTITUTION.match(line):
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = ENTRY.match(line)
        if m is None:
            continue
        phrase, plurals, code = m.group(1), m.group(2), m.group(3).strip("~")
        forms = [phrase]
        for marker, words in subs.items():
            if marker in phrase:
                forms = [phrase.replace(marker, w) for w in words]
        if plurals:
            forms += [p for p in plurals.split(",") if p.strip()]
        for form in forms:
            word = form.strip().lower()
            if word.isalpha() and word not in found:
                found[word] = code
    return found


def kind_of(word: str, code: str) -> str:
    if word in PEOPLE:
        return "people"
    if word in PRIVATE:
        return "group"
    return "state" if code.startswith(STATE_CODES) else "group"


HEADERS = {
    "state": "# Nouns for a state's institutions and servants (Phoenix agent codes GOV, MIL, COP, JUD, LEG, SPY): "
    'with a nationality adjective they stand for the state: "Iraqi [troops]", "the Swiss [court]". '
    "Written by scripts/phoenix_agents.py from PETRARCH2's Phoenix.agents.txt (MIT licence); the note is the code.",
    "group": "# Nouns for people who act for themselves (Phoenix agent codes other than the state's): a group of its "
    'own, never the state of its nationality: "French [farmers]", "a Saudi [businessman]", "[rebels] in X". '
    "Written by scripts/phoenix_agents.py from PETRARCH2's Phoenix.agents.txt (MIT licence); the note is the code.",
    "people": "# Nouns for people named by no role: an actor only with a nationality, a name or a place: "
    '"two Brazilian [men]". Written by scripts/phoenix_agents.py from PETRARCH2\'s Phoenix.agents.txt (MIT '
    "licence); the note is the code.",
}


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    agents = {w: c for w, c in read_agents(path).items() if w not in EXCLUDED}
    for kind, header in HEADERS.items():
        rows = sorted((w, c) for w, c in agents.items() if kind_of(w, c) == kind)
        text = header + "\nword\tnote\n" + "".join(f"{w}\t~{c}\n" for w, c in rows)
        (WORDS / f"{kind}_agents.tsv").write_text(text, encoding="utf-8")
        print(f"{kind}_agents.tsv: {len(rows)} words", file=sys.stderr)


if __name__ == "__main__":
    main()

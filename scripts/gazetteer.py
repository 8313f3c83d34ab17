"""Write the gazetteer of states and international bodies from open data.

News names a handful of actors in many ways: "the United States", "the U.S.", "America",
"Washington"; "the International Monetary Fund", "the IMF". This script writes two tables
under graphbuild/grammar/data/ that give each such name the one name the graph uses:

- ``countries.tsv``: each state's other names (``name``: "Republic of Korea", "Czechia"),
  nationality adjectives (``demonym``: "Salvadoran") and capital cities (``capital``:
  "Moscow", "Beijing"), from the country data of the ``countryinfo`` package (Porimol
  Chandro, MIT licence), read from its wheel; a capital stands for its state only where the
  grammar reads it as an actor (``graphbuild/grammar/extract.py``), never as a place;
- ``organisations.tsv``: international organisations' names and acronyms ("IMF",
  "World Health Organisation"), written below, each checked against the international
  actors dictionary of PETRARCH2 (``Phoenix.International.actors.txt``, Open Event Data
  Alliance, MIT licence), whose CAMEO code becomes the row's source.

Rows the hand-written tables (``demonyms.tsv``, ``well_known.tsv``) already give are left out,
so every name is written once; the grammar refuses a name written twice.

    pip download countryinfo --no-deps -d /tmp/ci
    python scripts/gazetteer.py /tmp/ci/countryinfo-*.whl

Edit the constants below, not the tables, and rerun; read the diff before committing.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "graphbuild" / "grammar" / "data"
PHOENIX = ROOT.parent / "shared" / "data" / "external" / "petrarch2" / "Phoenix.International.actors.txt"

# Entries that are no state news reports as acting: uninhabited or dependent places.
MIN_POPULATION = 100_000
# A capital names its state only for states big enough that news says "Moscow" for the
# government; smaller capitals share their names with people and towns ("Victoria",
# "Hamilton", "Kingston").
MIN_CAPITAL_POPULATION = 2_000_000
# Where the state's name in our tables is not countryinfo's (``demonyms.tsv`` names the state).
CANONICAL = {
    "The Bahamas": "Bahamas",
    "The Gambia": "Gambia",
    "Republic of the Congo": "Congo",
    "Democratic Republic of the Congo": "Democratic Republic of the Congo",
    "Republic of Ireland": "Ireland",
    "Republic of Macedonia": "North Macedonia",
    "Swaziland": "Eswatini",
    "Burma": "Myanmar",
    "Vatican City": "Vatican City",
    "Palestinian territories": "Palestine",
}
# Names several states could be meant by, or that news uses for something else.
AMBIGUOUS = {"Korea", "Congo", "Guinea", "Georgia", "Dominican", "Congolese", "Sudanese", "Virgin Islander"}
# Names of other things, or written as English words: "Island" (Iceland), "Guiana".
AMBIGUOUS |= {"Island", "Guiana", "Abode of Peace", "Nation of Brunei"}
# States that no longer exist under that name, and dependent places with capitals of their own.
SKIPPED = {"Serbia and Montenegro", "Netherlands Antilles", "Hong Kong", "Macau", "Puerto Rico"}
# Codes news writes for a state; the other ISO codes are ordinary words too often ("CAN", "IT").
CODES = {"USA", "UAE", "DRC", "PRC", "ROK", "DPRK", "UK"}
# Capitals news names otherwise than countryinfo does, or where the government sits elsewhere.
CAPITALS = {
    "United States": ("Washington", "Washington D.C.", "Washington, D.C."),
    "Netherlands": ("The Hague",),
    "Bolivia": ("La Paz",),
    "Ivory Coast": ("Abidjan",),
    "Ukraine": ("Kyiv", "Kiev"),
    "Brazil": ("Brasilia", "Brasília"),
    "Russia": ("Moscow", "the Kremlin", "Kremlin"),
    # "Brussels said" is the European Union's institutions far more often than Belgium's
    "European Union": ("Brussels",),
    "Israel": ("Jerusalem",),
    "Palestine": ("Ramallah",),
    "Myanmar": ("Naypyidaw", "Naypyitaw"),
}
# Capitals whose names are more often a person's or another place's.
NOT_CAPITALS = {
    "Brussels",
    "Victoria",
    "Kingston",
    "Hamilton",
    "George Town",
    "Georgetown",
    "Santiago",
    "Sucre",
    "Yamoussoukro",
}

# International organisations: the name the graph uses, then the names news also writes.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "United Nations": ("United Nations Organization",),
    "United Nations Security Council": ("UN Security Council", "U.N. Security Council", "UNSC"),
    "United Nations General Assembly": ("UN General Assembly", "U.N. General Assembly", "UNGA"),
    "European Union": (),
    "NATO": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "N.A.T.O."),
    "International Monetary Fund": ("IMF",),
    "World Bank": ("World Bank Group",),
    "World Health Organization": ("WHO", "World Health Organisation"),
    "World Trade Organization": ("WTO", "World Trade Organisation"),
    "OPEC": (
        "Organization of the Petroleum Exporting Countries",
        "Organisation of the Petroleum Exporting Countries",
        "Organization of Petroleum Exporting Countries",
        "Organisation of Petroleum Exporting Countries",
    ),
    "ASEAN": ("Association of Southeast Asian Nations", "Association of South East Asian Nations"),
    "African Union": ("AU",),
    "Arab League": ("League of Arab States",),
    "OSCE": (
        "Organization for Security and Co-operation in Europe",
        "Organisation for Security and Co-operation in Europe",
        "Organization for Security and Cooperation in Europe",
    ),
    "International Atomic Energy Agency": ("IAEA",),
    "UNESCO": ("United Nations Educational, Scientific and Cultural Organization",),
    "UNICEF": ("United Nations Children's Fund",),
    "UNHCR": ("United Nations High Commissioner for Refugees", "UN refugee agency"),
    "World Food Programme": ("WFP", "World Food Program"),
    "Food and Agriculture Organization": ("FAO",),
    "International Court of Justice": ("ICJ", "World Court"),
    "Interpol": ("International Criminal Police Organization",),
    "ECOWAS": ("Economic Community of West African States",),
    "Gulf Cooperation Council": ("GCC", "Gulf Co-operation Council"),
    "Organization of American States": ("OAS", "Organisation of American States"),
    "Shanghai Cooperation Organisation": ("SCO", "Shanghai Cooperation Organization"),
    "OECD": (
        "Organisation for Economic Co-operation and Development",
        "Organization for Economic Cooperation and Development",
    ),
    "Organisation of Islamic Cooperation": ("OIC", "Organization of Islamic Cooperation"),
}
CODE = re.compile(r"\[(IGO[A-Z]*)")


def latin(text: str) -> bool:
    """Written as English news writes names: plain letters, or a name's accents ("Côte d'Ivoire")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.isascii() and len(plain) >= len(text) and text.count("’") == 0


def read_countries(wheel: Path) -> list[dict]:
    """The country records of a countryinfo wheel (or an unpacked package directory)."""
    if wheel.is_dir():
        return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(wheel.glob("**/data/*.json"))]
    with zipfile.ZipFile(wheel) as zf:
        names = sorted(n for n in zf.namelist() if re.fullmatch(r"countryinfo/data/[^/]+\.json", n))
        return [json.loads(zf.read(n)) for n in names]


def hand_keys() -> tuple[set[str], dict[str, str]]:
    """The names the hand-written tables give (case-folded), and their adjectives -> state."""
    names: set[str] = set()
    for line in (DATA / "well_known.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#") and not line.startswith("variant\t"):
            names.add(line.split("\t")[0].casefold())
    adjectives = {}
    for line in (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("adjective\t"):
            adjective, state = line.split("\t")[:2]
            adjectives[adjective] = state
    return names, adjectives


def country_rows(records: list[dict]) -> list[tuple[str, str, str]]:
    """(variant, state, kind) rows, the more populous state winning a shared demonym."""
    known, adjectives = hand_keys()
    states = set(adjectives.values())
    records = [r for r in records if r.get("name") not in SKIPPED and (r.get("population") or 0) >= MIN_POPULATION]
    records.sort(key=lambda r: -(r.get("population") or 0))
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    claimed: dict[str, str] = {}
    # a nationality adjective is no name of the state: "Thai" stays an adjective
    demonyms = set(adjectives) | {d.strip() for r in records for d in (r.get("demonym") or "").split(",")}

    def add(variant: str, state: str, kind: str) -> None:
        variant = re.sub(r"^the ", "", variant.strip(), flags=re.I) if kind != "demonym" else variant.strip()
        key = variant if kind == "demonym" else variant.casefold()
        if not variant or variant in AMBIGUOUS or variant == state or not latin(variant):
            return
        if kind == "name" and (variant in demonyms or not variant[0].isupper()):
            return
        if (kind == "demonym" and variant in adjectives) or (kind != "demonym" and key in known):
            return
        if key in claimed and claimed[key] != state:
            return  # the more populous state, written first, keeps it
        claimed[key] = state
        rows.setdefault((kind, key), (variant, state, kind))

    for record in records:
        name = record["name"]
        mine = {a for a, s in adjectives.items() if s in {name, CANONICAL.get(name)}}
        state = CANONICAL.get(name, name)
        if state not in states and mine:
            state = adjectives[sorted(mine)[0]]
        add(name, state, "name")
        for other in record.get("altSpellings") or []:
            if "," in other or (len(other) < 4 and other not in CODES):
                continue
            if other.isupper() and other not in CODES:
                continue
            add(other, state, "name")
        for demonym in (record.get("demonym") or "").split(","):
            add(demonym, state, "demonym")
        capital = (record.get("capital") or "").strip()
        big = (record.get("population") or 0) >= MIN_CAPITAL_POPULATION
        if big and capital and capital not in NOT_CAPITALS and "/" not in capital and capital != name:
            add(capital, state, "capital")
    for state, capitals in CAPITALS.items():
        for capital in capitals:
            add(capital, state, "capital")
    return sorted(rows.values(), key=lambda r: (r[1], r[2], r[0]))


def organisation_rows(phoenix: str) -> list[tuple[str, str, str]]:
    """(variant, name, source) rows; the source is the body's CAMEO code where Phoenix has it."""
    known, _ = hand_keys()
    rows = []
    for name, variants in ORGANISATIONS.items():
        source = ""
        for form in (name, *variants):
            key = re.escape(form.upper().replace(" ", "_"))
            m = re.search(rf"^\+?{key}_?\s*(?:\[(IGO[A-Z]*)|$)", phoenix, flags=re.M)
            if m:
                source = f"petrarch2 Phoenix.International.actors.txt {m.group(1) or ''}".strip()
                break
        seen = {name.casefold()}
        for variant in variants:
            if variant.casefold() in seen or variant.casefold() in known:
                continue
            seen.add(variant.casefold())
            rows.append((variant, name, source))
    return rows


HEADER_COUNTRIES = (
    "# A state's other names (name), nationality adjectives (demonym) and capital cities (capital), each with the\n"
    "# name the graph gives the state. Written by scripts/gazetteer.py from the country data of the countryinfo\n"
    "# package (Porimol Chandro, MIT licence; see README.md); rows demonyms.tsv and well_known.tsv give are left\n"
    '# out. A capital stands for its state only as an actor ("Moscow rejected"), never as a place.\n'
    "variant\tstate\tkind\n"
)
HEADER_ORGANISATIONS = (
    "# International organisations' acronyms and other names, with the name the graph gives each. Written by\n"
    "# scripts/gazetteer.py; source: the body's CAMEO code in PETRARCH2's Phoenix.International.actors.txt\n"
    "# (Open Event Data Alliance, MIT licence; see LICENSE-phoenix.txt), empty where Phoenix lacks it.\n"
    "variant\tname\tsource\n"
)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    countries = country_rows(read_countries(Path(sys.argv[1])))
    text = HEADER_COUNTRIES + "".join("\t".join(row) + "\n" for row in countries)
    (DATA / "countries.tsv").write_text(text, encoding="utf-8")
    organisations = organisation_rows(PHOENIX.read_text(encoding="latin-1"))
    text = HEADER_ORGANISATIONS + "".join("\t".join(row).rstrip("\t") + "\n" for row in organisations)
    (DATA / "organisations.tsv").write_text(text, encoding="utf-8")
    print(f"countries.tsv: {len(countries)} rows; organisations.tsv: {len(organisations)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()

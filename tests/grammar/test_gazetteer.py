"""The gazetteer: states' and international bodies' names, demonyms and capitals."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from graphbuild.errors import LexiconError
from graphbuild.grammar import datafiles, lexicon
from graphbuild.grammar.datafiles import merge_names
from graphbuild.normalize import Normalizer, read_aliases
from graphbuild.types import Article, Extraction, Mention, RawTriple

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("United States", "United States"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("United States of America", "United States"),
        ("America", "United States"),
        ("Britain", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
        ("Russian Federation", "Russia"),
        ("People's Republic of China", "China"),
        ("Republic of Korea", "South Korea"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("Czechia", "Czech Republic"),
        ("Holland", "Netherlands"),
        ("Islamic Republic of Iran", "Iran"),
        ("Syrian Arab Republic", "Syria"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("DRC", "Democratic Republic of the Congo"),
        ("UAE", "United Arab Emirates"),
        ("Viet Nam", "Vietnam"),
        ("Swiss Confederation", "Switzerland"),
        ("Kingdom of Saudi Arabia", "Saudi Arabia"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("EU", "European Union"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("IMF", "International Monetary Fund"),
        ("WHO", "World Health Organization"),
        ("World Health Organisation", "World Health Organization"),
        ("WTO", "World Trade Organization"),
        ("Organization of the Petroleum Exporting Countries", "OPEC"),
        ("Association of Southeast Asian Nations", "ASEAN"),
        ("AU", "African Union"),
        ("League of Arab States", "Arab League"),
        ("Organization for Security and Co-operation in Europe", "OSCE"),
        ("IAEA", "International Atomic Energy Agency"),
        ("UN Security Council", "United Nations Security Council"),
    ],
)
def test_variant_becomes_its_canonical_name(written, canonical):
    mention = Mention(written, "GPE", 0, len(written))
    other = Mention("Velmora", "GPE", 40, 47)
    extraction = Extraction(Article(id="a", text="x"), (_raw(mention, other),), (mention, other))
    triples, _ = Normalizer().normalize(extraction)
    assert triples[0].subject == canonical


@pytest.mark.parametrize(
    ("adjective", "state"),
    [
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Salvadoran", "El Salvador"),
        ("Swazi", "Eswatini"),
    ],
)
def test_demonyms_stand_for_their_state(adjective, state):
    assert lexicon.country_of(adjective) == state


@pytest.mark.parametrize(
    ("capital", "state"),
    [("Moscow", "Russia"), ("the Kremlin", "Russia"), ("Washington", "United States"), ("Beijing", "China")],
)
def test_capitals_and_seats_name_their_state(capital, state):
    assert lexicon.government_of(capital) == state


def test_a_name_written_twice_is_refused_naming_both_rows():
    with pytest.raises(LexiconError, match=r"countries.tsv:9: 'britain' gives it to 'Ruritania'.*well_known.tsv:12"):
        merge_names([("britain", "United Kingdom", "well_known.tsv:12"), ("britain", "Ruritania", "countries.tsv:9")])
    with pytest.raises(LexiconError, match="repeats"):
        merge_names([("uk", "United Kingdom", "a.tsv:1"), ("uk", "United Kingdom", "b.tsv:2")])


def test_gazetteer_files_parse_with_known_kinds():
    rows = datafiles.gazetteer_rows()
    assert {kind for _, _, kind, _ in rows} == set(datafiles.GAZETTEER_KINDS)
    assert all(variant and name and where for variant, name, _, where in rows)


def _raw(subject, obj, relation="CRITICIZES", attribution=""):
    return RawTriple("a", subject, obj, relation, "v", False, "asserted", "s", 0, 1, "verb", 0.9, attribution)


def _normalize(subject, obj, relation="CRITICIZES", aliases=None, attribution=""):
    extraction = Extraction(Article(id="a", text="x"), (_raw(subject, obj, relation, attribution),), (subject, obj))
    triples, changes = Normalizer(aliases).normalize(extraction)
    return triples[0], changes


def test_alias_file_wins_over_the_gazetteer(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical\nMoscow,Moscow City Hall\nIMF,Fund Board\n", encoding="utf-8")
    moscow, imf = Mention("Moscow", "GPE", 0, 6), Mention("IMF", "ORG", 20, 23)
    triple, _ = _normalize(moscow, imf, aliases=read_aliases(path), attribution="Moscow")
    assert (triple.subject, triple.object, triple.attribution) == ("Moscow City Hall", "Fund Board", "Moscow")
    triple, changes = _normalize(moscow, imf, attribution="Moscow")
    assert (triple.subject, triple.object, triple.attribution) == ("Russia", "International Monetary Fund", "Russia")
    assert ("Moscow", "Russia", "capital") in {(c.written, c.canonical, c.rule) for c in changes}
    assert (triple.subject_type, triple.object_type) == ("government", "organization")
    brussels = Mention("Brussels", "GPE", 0, 8)
    triple, _ = _normalize(brussels, imf)
    assert (triple.subject, triple.subject_type) == ("European Union", "organization")


def test_a_capital_reached_by_a_material_act_stays_a_place():
    moscow, kyiv = Mention("Moscow", "GPE", 0, 6), Mention("Kyiv", "GPE", 20, 24)
    assert _normalize(moscow, kyiv, "ATTACKS")[0].object == "Kyiv"
    assert _normalize(moscow, kyiv, "ACCUSES")[0].object == "Ukraine"
    person = Mention("Washington", "PERSON", 0, 10)
    assert _normalize(person, kyiv, "ATTACKS")[0].subject == "Washington"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow rejected the proposal from Brennik Holdings on Monday.", ("Russia", "Brennik Holdings")),
        ("Beijing warned Velmora over the disputed islands.", ("China", "Velmora")),
        ("Washington accused Beijing of unfair trade practices.", ("United States", "China")),
        ("Velmora signed a trade agreement with Marrenland in Moscow.", ("Velmora", "Marrenland")),
        ("Delegates of Osteria held talks with Dravia in Geneva on Tuesday.", ("Osteria", "Dravia")),
        ("Veltria troops attacked Kyiv on Sunday.", ("Veltria", "Kyiv")),
    ],
)
def test_capital_as_actor_and_as_place(nlp, text, expected):
    from graphbuild.grammar.extract import extract_article

    article = Article(id="a", text=text)
    triples, _ = Normalizer().normalize(extract_article(nlp(text), article))
    assert expected in {(t.subject, t.object) for t in triples}
    assert not {"Moscow", "Geneva", "Russia", "Switzerland"} & {n for t in triples for n in (t.subject, t.object)} - {
        *expected
    }


@pytest.mark.model
def test_a_capital_as_speaker_is_its_state(nlp):
    from graphbuild.grammar.extract import extract_article

    text = "Velmora criticised Dravia over the border closure, the Kremlin said."
    triples, _ = Normalizer().normalize(extract_article(nlp(text), Article(id="a", text=text)))
    assert [(t.subject, t.object, t.attribution) for t in triples] == [("Velmora", "Dravia", "Russia")]


def _generator():
    spec = importlib.util.spec_from_file_location("gazetteer", ROOT / "scripts" / "gazetteer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_reproduces_the_organisations_table():
    gazetteer = _generator()
    if not gazetteer.PHOENIX.exists():
        pytest.skip(f"{gazetteer.PHOENIX} is not beside the project")
    rows = gazetteer.organisation_rows(gazetteer.PHOENIX.read_text(encoding="latin-1"))
    text = gazetteer.HEADER_ORGANISATIONS + "".join("\t".join(r).rstrip("\t") + "\n" for r in rows)
    assert text == (datafiles.DATA / "organisations.tsv").read_text(encoding="utf-8")


def test_generator_reads_country_records(tmp_path):
    """The country rows from countryinfo's record format, with the hand tables' names kept."""
    gazetteer = _generator()
    data = tmp_path / "countryinfo" / "data"
    data.mkdir(parents=True)
    record = {
        "name": "Ruritania",
        "altSpellings": ["RU", "RUR", "Kingdom of Ruritania", "Ruritanie"],
        "capital": "Strelsau",
        "demonym": "Ruritanian",
        "population": 5_000_000,
    }
    (data / "ruritania.json").write_text(json.dumps(record), encoding="utf-8")
    rows = gazetteer.country_rows(gazetteer.read_countries(tmp_path))
    assert [r for r in rows if r[1] == "Ruritania"] == [
        ("Strelsau", "Ruritania", "capital"),
        ("Ruritanian", "Ruritania", "demonym"),
        ("Kingdom of Ruritania", "Ruritania", "name"),
        ("Ruritanie", "Ruritania", "name"),
    ]

from __future__ import annotations

from dataclasses import replace

import pytest

from graphbuild.errors import AliasFileError
from graphbuild.normalize import Normalizer, clean_name, read_aliases, resolve_across
from graphbuild.types import Article, Extraction, Mention, RawTriple


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("the European Union", "European Union"),
        ("Apple's", "Apple"),
        ("Apple’s", "Apple"),
        ("Apple Inc.", "Apple"),
        ("Infogear Technology Corp.", "Infogear Technology"),
        ("EADS N.V.", "EADS"),
        ("Facebook Ireland Limited", "Facebook Ireland"),
        ("“Meta”", "Meta"),
        ("Inc.", "Inc."),  # a suffix alone is left as it is
    ],
)
def test_clean_name(written, clean):
    assert clean_name(written) == clean


def _m(text, label, start=0):
    return Mention(text=text, label=label, start=start, end=start + len(text))


def _extraction(mentions, triples, acronyms=()):
    return Extraction(Article(id="a", text="x"), tuple(triples), tuple(mentions), tuple(acronyms))


def _raw(subject, obj):
    return RawTriple("a", subject, obj, "SUES", "sued", False, "asserted", "s", 0, 1, "verb", 0.9)


def test_surname_resolves_to_the_full_name_in_the_article():
    full, short, apple = _m("Mark Zuckerberg", "PERSON"), _m("Zuckerberg", "PERSON", 40), _m("Apple", "ORG", 60)
    triples, changes = Normalizer().normalize(_extraction([full, short, apple], [_raw(short, apple)]))
    assert [(t.subject, t.subject_type, t.subject_text) for t in triples] == [
        ("Mark Zuckerberg", "person", "Zuckerberg")
    ]
    assert any(c.written == "Zuckerberg" and c.rule == "surname" for c in changes)


def test_ambiguous_surname_is_left_alone():
    a, b, short, x = (
        _m("Anna Smith", "PERSON"),
        _m("John Smith", "PERSON", 20),
        _m("Smith", "PERSON", 40),
        _m("Apple", "ORG", 60),
    )
    triples, _ = Normalizer().normalize(_extraction([a, b, short, x], [_raw(short, x)]))
    assert triples[0].subject == "Smith"


def test_acronym_defined_in_the_text_becomes_its_long_form():
    dma, apple = _m("DMA", "ORG"), _m("Apple", "ORG", 30)
    triples, changes = Normalizer().normalize(
        _extraction([dma, apple], [_raw(apple, dma)], acronyms=[("DMA", "Digital Markets Act")])
    )
    assert triples[0].object == "Digital Markets Act"
    assert [c.rule for c in changes if c.written == "DMA"] == ["acronym"]


def test_short_name_joins_the_longer_name_only_when_the_rest_says_its_trade():
    long, short, y = _m("Cisco Systems", "ORG"), _m("Cisco", "ORG", 30), _m("Boeing", "ORG", 50)
    triples, _ = Normalizer().normalize(_extraction([long, short, y], [_raw(short, y)]))
    assert triples[0].subject == "Cisco Systems"
    # a second name is another organisation's as far as the words go: a user's alias row joins them
    long, short = _m("Northrop Grumman", "ORG"), _m("Northrop", "ORG", 30)
    triples, _ = Normalizer().normalize(_extraction([long, short, y], [_raw(short, y)]))
    assert triples[0].subject == "Northrop"


def test_a_short_name_joins_the_one_longer_name_of_its_trade():
    a, b, short, y = (
        _m("Apple Corps", "ORG"),
        _m("Apple Computer", "ORG", 20),
        _m("Apple", "ORG", 40),
        _m("EMI", "ORG", 60),
    )
    triples, _ = Normalizer().normalize(_extraction([a, b, short, y], [_raw(short, y)]))
    assert triples[0].subject == "Apple Computer"
    b2 = _m("Apple Records", "ORG", 20)  # two businesses: "Apple" is ambiguous
    b3 = _m("Apple Computer", "ORG", 80)
    triples, _ = Normalizer().normalize(_extraction([a, b2, b3, short, y], [_raw(short, y)]))
    assert triples[0].subject == "Apple"


def test_well_known_variants_and_alias_file(tmp_path):
    us, uk = _m("U.S.", "GPE"), _m("Britain", "GPE", 20)
    triples, _ = Normalizer().normalize(_extraction([us, uk], [_raw(us, uk)]))
    assert (triples[0].subject, triples[0].object) == ("United States", "United Kingdom")
    path = tmp_path / "aliases.csv"
    path.write_text(
        "alias,canonical\nUnited Kingdom,UK Government\n# a comment\n\nU.S.,US Government\n", encoding="utf-8"
    )
    triples, changes = Normalizer(read_aliases(path)).normalize(_extraction([us, uk], [_raw(us, uk)]))
    assert (triples[0].subject, triples[0].object) == ("US Government", "UK Government")
    assert {c.rule for c in changes} == {"alias-file"}


def test_self_links_made_by_merging_are_dropped():
    a, b = _m("Meta", "ORG"), _m("Meta Platforms", "ORG", 10)
    triples, _ = Normalizer({"meta platforms": "Meta"}).normalize(_extraction([a, b], [_raw(a, b)]))
    assert triples == []


def test_type_is_the_majority_label():
    m1, m2, m3, y = _m("Spotify", "ORG"), _m("Spotify", "GPE", 20), _m("Spotify", "ORG", 40), _m("Apple", "ORG", 60)
    triples, _ = Normalizer().normalize(_extraction([m1, m2, m3, y], [_raw(m2, y)]))
    assert triples[0].subject_type == "organization"


def test_bad_alias_file_says_where(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("Meta,Meta Platforms\nonly-one-column\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match=r"aliases.csv:2: expected two columns"):
        read_aliases(path)
    with pytest.raises(AliasFileError, match="Can't read alias file"):
        read_aliases(tmp_path / "missing.csv")


def test_a_name_too_long_to_be_one_is_no_actor(tmp_path):
    # a run of text the model took for a name, or an alias file's canonical name of 8 KB
    long, acme = _m("Zephyr" + "ab" * 4500, "ORG"), _m("Acme", "ORG", 9100)
    triples, _ = Normalizer().normalize(_extraction([long, acme], [_raw(long, acme)]))
    assert triples == []
    triples, _ = Normalizer({"acme": "Acme " * 100}).normalize(_extraction([long, acme], [_raw(acme, long)]))
    assert triples == []
    path = tmp_path / "aliases.csv"
    path.write_text("Meta,Meta Platforms\nAcme," + "Acme " * 100 + "\n", encoding="utf-8")
    with pytest.raises(
        AliasFileError, match=r"aliases.csv:2: the canonical name has 499 characters; a name has at most 200"
    ):
        read_aliases(path)


def _triple(article, subject, subject_type, obj, obj_type, subject_text=None):
    """A normalized triple of ``article`` whose subject is named ``subject``."""
    raw = RawTriple(
        article,
        _m(subject_text or subject, "ORG"),
        _m(obj, "ORG", 30),
        "SUES",
        "sued",
        False,
        "asserted",
        "s",
        0,
        1,
        "verb",
        0.9,
    )
    (t,), _ = Normalizer().normalize(_extraction([raw.subject, raw.object], [raw]))
    return replace(t, subject=subject, subject_type=subject_type, object_type=obj_type)


def test_an_acronym_one_article_defines_resolves_in_another_in_either_order():
    defining = _triple("a1", "Northern Defence League", "organization", "Osteria", "government", subject_text="NDL")
    bare = _triple("a2", "NDL", "organization", "Osteria", "government")
    for order in ([defining, bare], [bare, defining]):
        pairs = [(Article(id=t.article, text="x"), [t]) for t in order]
        names = {t.article: t.subject for _, ts in resolve_across(pairs) for t in ts}
        assert names == {"a1": "Northern Defence League", "a2": "Northern Defence League"}


def test_an_actor_takes_the_type_most_of_its_links_give_it():
    pairs = [
        (Article(id=f"a{n}", text="x"), [_triple(f"a{n}", "Cisco", type_, "Apple", "company")])
        for n, type_ in enumerate(["government", "organization", "organization", "unknown"])
    ]
    assert {t.subject_type for _, ts in resolve_across(pairs) for t in ts} == {"organization"}

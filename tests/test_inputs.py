"""Input keys: what decides an article's extraction, known before parsing."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import graphbuild.inputs
from graphbuild.inputs import SkipUnchanged, grammar_version, input_context, input_key, model_version
from graphbuild.types import Article

ARTICLE = Article("a1", "Cisco sued Apple.", title="Cisco sues", url="u", date="2025-01-02", source="s")


def test_every_field_that_reaches_the_triples_is_in_the_key():
    context = input_context(model=None, aliases=None)
    key = input_key(ARTICLE, context)
    for change in ({"text": "Cisco sued IBM."}, {"title": "x"}, {"url": "v"}, {"date": None}, {"source": "t"}):
        assert input_key(replace(ARTICLE, **change), context) != key, change
    assert input_key(replace(ARTICLE, headline=False), context) != key
    # where it was read from is for messages only
    assert input_key(replace(ARTICLE, origin="elsewhere.txt:3"), context) == key


def test_the_context_covers_model_aliases_and_hypothetical_links():
    base = input_context(model=None, aliases=None)
    assert base == input_context(model=None, aliases=None)
    assert base != input_context(model=None, aliases={"helix": "Helix Robotics"})
    assert base != input_context(model=None, aliases=None, hypothetical=True)
    assert base != input_context(model="no_such_model_package", aliases=None)


def test_a_model_version_is_found_without_loading_it(tmp_path):
    assert model_version(None).split()[-1] not in {"?", "missing"}  # the installed default
    assert model_version("no_such_model_package") == "no_such_model_package missing"
    (tmp_path / "meta.json").write_text('{"lang": "en", "name": "custom", "version": "1.2.3"}')
    assert model_version(str(tmp_path)).endswith("en_custom 1.2.3")


def test_the_grammar_version_follows_the_grammar_files(tmp_path, monkeypatch):
    package = Path(graphbuild.inputs.__file__).parent
    copy = tmp_path / "graphbuild"
    shutil.copytree(package / "grammar", copy / "grammar", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(package / "nlp.py", copy / "nlp.py")
    shutil.copy(package / "attribute_table.py", copy / "attribute_table.py")
    shutil.copy(package / "bounds.py", copy / "bounds.py")
    monkeypatch.setattr(graphbuild.inputs, "_PACKAGE", copy)

    def version() -> str:
        grammar_version.cache_clear()
        return grammar_version()

    try:
        same = version()
        assert same == version()
        (copy / "grammar" / "data" / "verbs.tsv").write_text("changed\n")
        changed = version()
        assert changed != same
        (copy / "attribute_table.py").write_text("changed\n")
        assert version() != changed
        changed = version()
        (copy / "bounds.py").write_text("MAX_SENTENCE_TOKENS = 1\n")  # where sentences are cut
        assert version() != changed
    finally:
        monkeypatch.undo()
        grammar_version.cache_clear()
    assert grammar_version() == same  # the copy was the package as it is


def test_unchanged_articles_are_dropped_and_the_rest_keep_their_keys():
    context = input_context(model=None, aliases=None)
    other = Article("a2", "IBM sued Apple.")
    skip = SkipUnchanged({"a1": input_key(ARTICLE, context), "a2": "old"}, context)
    assert list(skip([ARTICLE, other])) == [other]
    assert (skip.skipped, skip.keys) == (1, {"a2": input_key(other, context)})


def test_a_later_copy_in_one_stream_is_never_dropped():
    context = input_context(model=None, aliases=None)
    changed = replace(ARTICLE, text="Cisco sued IBM.")
    skip = SkipUnchanged({"a1": input_key(ARTICLE, context)}, context)
    assert list(skip([changed, ARTICLE])) == [changed, ARTICLE]
    assert skip.keys == {"a1": input_key(ARTICLE, context)}

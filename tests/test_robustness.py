"""Bad input never crashes and never loses good data: generated inputs by the thousand through
the readers and the extraction, a directory of every kind of bad file through the command,
and the two extremes (a 50 MB file that is one line, a sentence of 5,000 tokens): skipped
with a message, and read in clauses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.backends.embedded import write_graph
from graphbuild.bounds import MAX_ARTICLE_CHARS, MAX_SENTENCE_TOKENS
from graphbuild.cli import EXIT_SKIPPED, cli
from graphbuild.graph import build_graph
from graphbuild.read import FORMATS, ReadReport, read_articles
from graphbuild.run import extract_triples
from graphbuild.types import Article
from graphbuild.vocab import RELATIONS

GOOD = "Cisco sued Apple over the iPhone name."
NAMES = ["Cisco", "Apple", "the European Union", "Meta", "Spotify", "it", "they", "Mr. Smith", "Renault", "Brussels"]
VERBS = ["sued", "criticized", "teamed up with", "did not attack", "may sue", "signed a deal with", "met", "fined"]
NOISE = ["and", ",", "\n", "\n\n", "(", ")", '"', "vs.", "'s", ";", "\u00a0", "\t", "\u200b", "...", "!", "?"]

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.one_of(st.text(max_size=200), JSON_VALUES),
        "title": JSON_VALUES,
        "date": st.one_of(st.text(max_size=20), JSON_VALUES),
        "url": JSON_VALUES,
    },
)
JSONL_LINES = st.lists(
    st.one_of(RECORDS.map(json.dumps), st.text(max_size=60), st.binary(max_size=40).map(lambda b: b.decode("latin-1"))),
    max_size=8,
)


def _read(path: Path) -> tuple[list[Article], ReadReport]:
    report = ReadReport()
    return list(read_articles([str(path)], report=report)), report


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(sorted(FORMATS)))
def test_readers_survive_any_bytes(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    articles, report = _read(path)
    assert all(a.text.strip() and a.id for a in articles)
    assert all(p.origin.startswith(str(path)) and p.reason for p in report.problems)
    assert report.articles == len(articles)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=JSONL_LINES)
def test_jsonl_keeps_every_good_record_whatever_surrounds_it(tmp_path_factory, lines: list[str]) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "input.jsonl"
    good = json.dumps({"id": "good", "text": GOOD})
    path.write_text("\n".join([*lines, good, *lines]) + "\n", encoding="utf-8", errors="surrogatepass")
    articles, report = _read(path)
    line = len([line for line in "\n".join(lines).split("\n")]) + 1 if lines else 1
    taken = [
        p for p in report.problems if p.line == line and "was read before" in p.reason
    ]  # a line before has id good
    assert [a for a in articles if a.id == "good" and a.text == GOOD] or taken
    assert all(p.line is not None for p in report.problems if p.skipped)  # each says which line


# Surrogate escapes, brackets in thousands, lines of megabytes and ids used twice: the kinds of
# record that once stopped a run or merged two articles.
SURROGATE_TEXT = st.text(
    alphabet=st.characters(categories=["Cs"]) | st.sampled_from("Acme sued Globex. \u00e9\U0001f600"), max_size=30
)
DEEP = st.integers(1, 5000).flatmap(
    lambda n: st.sampled_from(["[" * n + "]" * n, '{"a": ' * n + "1" + "}" * n, "[" * n])
)
FIELD = st.one_of(SURROGATE_TEXT, JSON_VALUES, DEEP.map(lambda _: None))  # None: a deep value, spliced in below
HARD_RECORDS = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c", 1, "\ud800"]),
        "text": st.one_of(SURROGATE_TEXT, st.sampled_from([GOOD, "x"])),
    },
    optional={"title": FIELD, "url": FIELD, "published": FIELD, "source": FIELD, "padding": st.just(None)},
)


def _hard_line(record: dict, deep: str) -> str:
    """One record as a JSON Lines line: surrogates as escapes, a deep value where None is,
    and a megabyte of padding where asked."""
    fields = []
    for key, value in record.items():
        if key == "padding":
            value = "p" * 2_000_000
        fields.append(f"{json.dumps(key)}: {deep if value is None else json.dumps(value)}")
    return "{" + ", ".join(fields) + "}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(HARD_RECORDS, min_size=1, max_size=8), deep=DEEP, as_list=st.booleans())
def test_hard_records_each_become_an_article_or_one_line(tmp_path_factory, records, deep, as_list) -> None:
    lines = [_hard_line(record, deep) for record in records]
    folder = tmp_path_factory.mktemp("hard")
    path = folder / ("input.json" if as_list else "input.jsonl")
    path.write_text(("[" + ",\n".join(lines) + "]") if as_list else "\n".join(lines) + "\n", encoding="utf-8")
    articles, report = _read(path)
    # every string encodes: nothing is left to fail when the graph is written
    for a in articles:
        "".join((a.id, a.text, a.title, a.url, a.date or "", a.source)).encode("utf-8")
    assert len({a.id for a in articles}) == len(articles)  # one article per id, never two merged
    repeats = sum(1 for p in report.problems if p.reason.startswith("repeats article"))
    if as_list and any(p.reason.startswith(("invalid JSON", "JSON nested")) for p in report.problems):
        assert (articles, report.skipped) == ([], 1)  # a JSON file is read whole or not at all
    else:
        assert len(articles) + report.skipped + repeats == len(records)  # each record accounted for once
    kg, _ = build_graph(articles, [])
    write_graph(kg, folder / "g.json")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["One.", "Two.", "Three."])), max_size=12))
def test_the_first_text_of_an_id_is_read_and_every_other_is_said(tmp_path_factory, records) -> None:
    path = tmp_path_factory.mktemp("ids") / "input.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records), encoding="utf-8")
    articles, report = _read(path)
    first: dict[str, str] = {}
    for i, t in records:
        first.setdefault(i, t)
    assert {a.id: a.text for a in articles} == first
    said = {p.line: p.skipped for p in report.problems}
    for number, (i, t) in enumerate(records, start=1):
        seen_before = i in {j for j, _ in records[: number - 1]}
        assert (number in said) == seen_before
        if seen_before:
            assert said[number] == (t != first[i])  # another text is skipped; the same is read once


SENTENCES = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(NAMES), st.sampled_from(NOISE)),
    min_size=1,
    max_size=6,
).map(lambda parts: " ".join(f"{s} {v} {o}{n}" for s, v, o, n in parts))


@pytest.mark.model
@settings(max_examples=800, deadline=None)
@given(text=st.one_of(SENTENCES, st.text(min_size=1, max_size=300)), title=st.text(max_size=40))
def test_extraction_survives_generated_text(nlp, text: str, title: str) -> None:
    article = Article("gen", text, title=title)
    [(got, triples)] = list(extract_triples([article], nlp=nlp))
    assert got is article
    for t in triples:
        part = article.title if t.section == "title" else article.text  # offsets count into their part
        assert part[t.sentence_start : t.sentence_end] == t.sentence
        assert part[t.subject_start : t.subject_end] and part[t.object_start : t.object_end]
        assert t.subject.strip() and t.object.strip() and t.relation in RELATIONS


@pytest.mark.model
@pytest.mark.slow
def test_a_sentence_of_5000_tokens_is_read_in_clauses(nlp) -> None:
    words = " ".join(
        f"{NAMES[i % len(NAMES)]} {VERBS[i % len(VERBS)]} {NAMES[(i + 3) % len(NAMES)]} and" for i in range(1100)
    )
    article = Article("long", f"{GOOD} {words} Apple. {GOOD}")
    assert len(nlp.tokenizer(article.text)) > 5000
    [(_, triples)] = list(extract_triples([article], nlp=nlp))  # a few seconds (it was quadratic once)
    assert any(t.subject == "Cisco" and t.relation == "SUES" and t.object == "Apple" for t in triples)
    assert len({t.sentence for t in triples}) >= 2 and len(triples) > 100
    assert all(len(nlp.tokenizer(t.sentence)) <= MAX_SENTENCE_TOKENS for t in triples)


@pytest.mark.model
@pytest.mark.slow
def test_a_directory_of_bad_input_loses_only_the_bad_parts(tmp_path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "latin1.txt").write_bytes("Renault teamed up with Nissan in S\xe3o Paulo.".encode("latin-1"))
    (folder / "broken.jsonl").write_text(
        json.dumps({"id": "j1", "text": GOOD})
        + "\n{not json\n"
        + json.dumps({"id": "j2", "text": "Meta criticized Spotify."})
        + "\n",
        encoding="utf-8",
    )
    (folder / "notext.csv").write_text("title,body\nA,B\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8"
    )
    # 50 MB on one line: a JSON Lines record with a huge field beside its text
    huge = {"id": "huge", "text": "Microsoft sued Google.", "padding": "x" * 50_000_000}
    (folder / "huge.jsonl").write_text(json.dumps(huge), encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    missing = tmp_path / "nope.txt"

    graph = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["load", str(folder), str(missing), "--graph", str(graph), "--json"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    err = result.stderr
    for name, why in [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("latin1.txt", "invalid UTF-8 replaced"),
        ("broken.jsonl:2", "invalid JSON"),
        ("notext.csv", "no 'text' column"),
        ("page.html", "no article text found in HTML"),
        ("image.png", "unsupported file type"),
        ("nope.txt", "no such file or directory"),
    ]:
        assert any(name in line and why in line for line in err.splitlines()), (name, err[-3000:])
    summary = json.loads(result.stdout)
    assert summary["skipped"] == 7  # all but the repaired encoding
    from graphbuild.backends.embedded import read_graph

    kg = read_graph(graph)
    assert {"j1", "j2", "huge"} <= set(kg.articles)
    links = {(kg.nodes[e.source].name, e.relation, kg.nodes[e.target].name) for e in kg.edges.values()}
    assert {("Cisco", "SUES", "Apple"), ("Meta", "CRITICIZES", "Spotify"), ("Microsoft", "SUES", "Google")} <= links


def test_a_50_mb_text_of_one_line_is_skipped_with_one_message_and_the_rest_is_read(tmp_path) -> None:
    sentence = "Acme sued Globex over a patent. "
    (tmp_path / "huge.txt").write_text(sentence * (50_000_000 // len(sentence)), encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    articles, report = _read(tmp_path)
    assert [a.text for a in articles] == [GOOD]
    [problem] = report.problems
    assert problem.skipped and problem.origin == str(tmp_path / "huge.txt")
    size = len(sentence * (50_000_000 // len(sentence)))
    assert f"has {size - 1:,} characters, more than --max-article-chars {MAX_ARTICLE_CHARS:,}" in problem.reason
    assert problem.reason.endswith(f"--max-article-chars {size - 1}")  # the text, its last space dropped

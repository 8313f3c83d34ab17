"""The whole extraction over news: the project's own corpus (tests/corpus) always, and the
Wikinews articles beside the project (../shared/data/external/wikinews) when they are there.
A test of failure classes, not of figures. Every triple must be well-formed: its sentence
is where its offsets say, its actors lie inside that sentence, no actor is a pronoun or a
common noun (a group named by its people's nouns aside), no link joins an actor to itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.read import ReadReport, read_articles
from graphbuild.run import extract_triples
from graphbuild.vocab import RELATIONS

WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "external" / "wikinews"
NOT_NAMES = {"it", "its", "they", "them", "their", "he", "she", "him", "her", "the company", "company", "two"}

pytestmark = [pytest.mark.model, pytest.mark.slow]


CORPUS = Path(__file__).resolve().parent / "corpus" / "articles.jsonl"
# each corpus, and how many articles and triples it holds at least
CORPORA = {"ours": ([CORPUS], 36, 100), "wikinews": (None, 400, 300)}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def extracted(request, nlp):
    paths, articles, triples = CORPORA[request.param]
    if paths is None:
        if not WIKINEWS.is_dir():
            pytest.skip(f"no Wikinews articles at {WIKINEWS}")
        paths = sorted(p for p in WIKINEWS.iterdir() if p.suffix in {".jsonl", ".csv"})
    report = ReadReport()
    pairs = list(extract_triples(read_articles([str(p) for p in paths], report=report), nlp=nlp, hypothetical=True))
    return report, pairs, articles, triples


def test_every_article_is_read(extracted):
    report, pairs, articles, _ = extracted
    assert report.skipped == 0, report.problems[:3]
    assert len(pairs) == report.articles >= articles


def test_triples_are_well_formed(extracted):
    _, pairs, _, least = extracted
    count = 0
    for article, triples in pairs:
        sections = {"title": article.title, "body": article.text}
        for t in triples:
            count += 1
            text = sections[t.section]
            assert text[t.sentence_start : t.sentence_end] == t.sentence
            for start, end in ((t.subject_start, t.subject_end), (t.object_start, t.object_end)):
                assert t.sentence_start <= start < end <= t.sentence_end, (article.id, t)
            assert t.subject != t.object
            assert t.subject.casefold() not in NOT_NAMES and t.object.casefold() not in NOT_NAMES, t
            # a name, or a group named by what its people are ("protesters in Osteria")
            assert t.subject[:1].isupper() or t.subject[:1].isdigit() or t.subject_type == "group", t.subject
            assert RELATIONS[t.relation].polarity == t.polarity
            assert 0 < t.confidence <= 1
    assert count >= least  # the grammar reads whole articles, not only our sentences

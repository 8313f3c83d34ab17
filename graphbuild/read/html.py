"""HTML pages: the main text, title, URL and date, found by trafilatura and htmldate."""

from __future__ import annotations

from collections.abc import Iterator

from graphbuild.read.dates import date_of
from graphbuild.read.decode import clean
from graphbuild.read.records import article_id, source_of
from graphbuild.read.report import ReadReport
from graphbuild.types import Article, Problem


def read_html(origin: str, html: str, report: ReadReport) -> Iterator[Article]:
    import htmldate  # imported here: trafilatura and htmldate are slow to load
    import trafilatura

    try:
        text = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(html)
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except Exception as e:  # a parser crash on one page must not stop the run
        reason = f"HTML parser failed ({type(e).__name__}: {str(e)[:80]}); save the page again, or as text"
        report.add(Problem(origin, None, reason))
        return
    text = clean(text or "")
    if not text:
        reason = "no article text found in HTML; check that the page holds the article body"
        report.add(Problem(origin, None, reason))
        return
    url = clean(meta.url or "") if meta is not None else ""
    title = clean(meta.title or "") if meta is not None else ""
    head, _, rest = text.partition("\n")
    if title and head.strip() == title and rest.strip():
        text = rest.strip()  # the page's <h1> repeats the title; keep it out of the body
    yield Article(
        id=article_id(url=url, text=text),
        text=text,
        title=title,
        url=url,
        date=date_of(found, origin, None, report),
        source=source_of(origin) or (clean(meta.sitename or "") if meta is not None else ""),
        origin=origin,
    )

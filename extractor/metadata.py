"""What a page says about itself: its address and its publication date.

Used where no sources manifest gave them (the manifest wins):
- the address: an HTML page's ``<link rel="canonical">`` or ``og:url``;
- the date: an HTML page's own (htmldate, which trafilatura brings: meta
  tags and bylines, the original publication date, never guessed from the
  body), else the date in its address (``/202311/t20231109_…``,
  ``/2019-10/10/content_…``), else a dated line at the top of a text page
  (``发布时间：2021-09-17 14:26``, ``2021年09月17日``).
Dates are ISO (``2021-09-17``); '' when nothing says.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from urllib.parse import urlsplit

from .models import Document

# A full date: 2023-02-11, 2023/2/11, 2023.02.11, 2023年2月11日 (year first,
# the same mark twice: 2024年1-6月 is no date), or 11.02.2023 (day first, as
# some portals' templates write it).
_YEAR_FIRST = tuple(re.compile(p) for p in (
    r"(?<![\d.])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)",
    r"(?<![\d.])((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?!\d)",
    r"(?<![\d.])((?:19|20)\d{2})\.(\d{1,2})\.(\d{1,2})(?![\d.])",
    r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日",
))
_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d.])")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
# Dates in addresses: t20231109_ (the usual government CMS), /20220805/,
# /2019-10/10/, /202302/11/, /2021/5/10/, /2020/0425/, /2018-7-5/.
_URL_DATES = (
    re.compile(r"(?<![0-9])t((?:19|20)\d{2})(\d{2})(\d{2})_"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})-?(\d{1,2})/(\d{1,2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?=/)"),
)
_TOP_LINES = 8            # a dated line is looked for among the first lines...
_DATED_LINE_MAX = 80      # ...that are short (a byline, not a sentence of the article)


def complete(doc: Document) -> Document:
    """``doc`` with its address and publication date filled in from the page
    where they are missing."""
    if doc.url and doc.published:
        return doc
    url, published = doc.url, doc.published
    if doc.html:
        page_url, page_date = html_facts(doc.text)
        url, published = url or page_url, published or page_date
    published = published or date_in_url(url) or ("" if doc.html else dated_line(doc.text))
    if (url, published) == (doc.url, doc.published):
        return doc
    return replace(doc, url=url, published=published)


def parse_date(text: str) -> str:
    """An ISO date for a written date (2023-02-11, 2023/2/11 09:41, 2023年2月11日,
    20230211), or '' if it is not one."""
    text = unicodedata.normalize("NFKC", text).strip()
    m = _COMPACT.match(text) or next(filter(None, (p.match(text) for p in _YEAR_FIRST)), None)
    return _iso(*m.groups()) if m else ""


def date_in_url(url: str) -> str:
    if not url:
        return ""
    path = urlsplit(url if "//" in url else "//" + url).path
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m and (iso := _iso(*m.groups())):
            return iso
    return ""


def dated_line(text: str) -> str:
    """The date of the first short line near the top that holds a full date."""
    lines = [line.strip() for line in text[:4000].splitlines() if line.strip()][:_TOP_LINES]
    for line in lines:
        if len(line) > _DATED_LINE_MAX:
            continue
        line = unicodedata.normalize("NFKC", line)
        found = [m for m in (p.search(line) for p in _YEAR_FIRST) if m]
        for m in sorted(found, key=lambda m: m.start()):
            if iso := _iso(*m.groups()):
                return iso
        if m := _DAY_FIRST.search(line):
            day, month, year = m.groups()
            if iso := _iso(year, month, day):
                return iso
    return ""


def html_facts(html: str) -> tuple[str, str]:
    """(canonical address, publication date) of a web page; '' where it says nothing."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"))
    except Exception:        # a page lxml cannot parse says nothing about itself; its rows still count
        return "", ""
    url = ""
    for value in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        if "//" in value:
            url = value.strip()
            break
    return url, _html_date(tree, url)


def _html_date(tree, url: str) -> str:
    import logging

    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.CRITICAL)   # its own messages are not ours to print
    try:
        found = find_date(tree, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d", url=url or None)
    except Exception:        # a page htmldate cannot read has no date, not a failed run
        return ""
    return found or ""


def _iso(year: str, month: str, day: str) -> str:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""

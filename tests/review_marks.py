"""Reads a review page back as a browser would see its text: for each mark,
the document it is in, its offset in that document's shown text and the text
it covers (all its pieces). Used by the review tests."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser


class MarkReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.doc = None            # the document whose text we are in
        self.depth = 0             # element depth inside that text
        self.position = 0          # characters of that text read so far
        self.open: list[str] = []  # the mark ids open here (a piece names its mark by data-of)
        self.marks: dict[str, list] = {}    # id -> [doc, offset, text]
        self.classes: dict[str, str] = {}
        self.section = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "doc" in (a.get("class") or ""):
            self.section = int(a["id"][1:])
        if self.doc is not None:
            self.depth += 1
            if tag == "mark":
                name = a.get("id") or a["data-of"]
                if "id" in a:
                    self.marks[name] = [self.doc, self.position, ""]
                    self.classes[name] = a.get("class", "")
                self.open.append(name)
        elif tag == "div" and a.get("class") == "text":
            self.doc, self.depth, self.position = self.section, 0, 0

    def handle_endtag(self, tag):
        if self.doc is None:
            return
        if self.depth == 0:
            self.doc = None
            return
        self.depth -= 1
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        if self.doc is None:
            return
        for name in self.open:
            self.marks[name][2] += data
        self.position += len(data)


def read_marks(page: str) -> MarkReader:
    reader = MarkReader()
    reader.feed(page)
    reader.close()
    return reader


def page_data(page: str) -> dict:
    """The JSON block the page's script reads."""
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))

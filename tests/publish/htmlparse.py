"""A small reader of the report's HTML for the tests: the figures with their tables, notes and
source lines, the text a reader sees (screen-reader-only text kept apart)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ParsedTable:
    caption: str = ""
    header: list[str] = field(default_factory=list)
    header_scopes: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, list[tuple[str, str, str]]]] = field(default_factory=list)
    """(row label, its th scope, [(cell text, data-flag, screen-reader text)])"""


@dataclass
class ParsedFigure:
    id: str
    has_chart: bool = False
    caption: str = ""
    table: ParsedTable | None = None
    notes: list[str] = field(default_factory=list)
    source: str = ""
    headline: str = ""


class ReportParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, ParsedFigure] = {}
        self.estimates: dict[str, ParsedFigure] = {}
        """The estimated number of victims (``<figure data-estimate="YEAR">``), by year."""
        self.h2: list[str] = []
        self.h3: list[str] = []
        self.external: list[str] = []
        self._fig: ParsedFigure | None = None
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._buf: list[str] = []
        self._sr: list[str] = []
        self._cells: list[tuple[str, str, str]] = []
        self._row_label = ("", "")
        self._in_head = False

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if tag in ("script", "img") and attrs.get("src", "").startswith(("http", "//")):
            self.external.append(attrs["src"])
        if tag == "link":
            self.external.append(attrs.get("href", ""))
        if tag == "figure":
            if "data-estimate" in attrs:
                self._fig = ParsedFigure(attrs["data-estimate"])
                self.estimates[self._fig.id] = self._fig
            else:
                self._fig = ParsedFigure(attrs["data-table"])
                self.figures[self._fig.id] = self._fig
        if self._fig is not None:
            if tag in ("img",) or (tag == "div" and "vis" in attrs.get("class", "").split()):
                self._fig.has_chart = True
            if tag == "table":
                self._fig.table = ParsedTable()
            if tag == "thead":
                self._in_head = True
            if tag == "tr":
                self._cells = []
        if tag in ("caption", "th", "td", "p", "figcaption", "h2", "h3", "div"):
            self._buf = []
            self._sr = []
        self._stack.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, attrs = self._stack.pop()
            if open_tag == tag:
                break
        text = " ".join("".join(self._buf).split())
        fig = self._fig
        if tag == "h2":
            self.h2.append(text)
        if tag == "h3":
            self.h3.append(text)
        if fig is None:
            return
        tb = fig.table
        if tag == "figcaption":
            fig.caption = text
        elif tag == "p" and "headline" in self._classes():
            fig.headline = text
        elif tag == "caption" and tb is not None:
            tb.caption = text
        elif tag == "th" and tb is not None:
            if self._in_head:
                tb.header.append(text)
                tb.header_scopes.append(attrs.get("scope", ""))
            else:
                self._row_label = (text, attrs.get("scope", ""))
        elif tag == "td":
            self._cells.append((text, attrs.get("data-flag", ""), "".join(self._sr).strip()))
        elif tag == "tr" and tb is not None and not self._in_head:
            tb.rows.append((self._row_label[0], self._row_label[1], self._cells))
        elif tag == "thead":
            self._in_head = False
        elif tag == "p":
            cls = attrs.get("class", "").split()
            if "source" in cls:
                fig.source = text
            elif "note" in cls:
                fig.notes.append(text)
        elif tag == "figure":
            self._fig = None

    def _classes(self) -> set[str]:
        out: set[str] = set()
        for _, attrs in self._stack:
            out.update(attrs.get("class", "").split())
        return out

    def handle_data(self, data: str) -> None:
        if any("sr-only" in a.get("class", "").split() for _, a in self._stack):
            self._sr.append(data)
        else:
            self._buf.append(data)


def parse(html: str) -> ReportParser:
    p = ReportParser()
    p.feed(html)
    return p

"""Numbers and sentences for people: Dutch or English number formatting and the headlines that
the report writes from the protected tables.

Formatting follows the Jaarcijfers: thousands with a point in Dutch (1.013), a comma in English
(1,013); percentages as whole numbers with ``%`` (9%). A suppressed cell reads as "fewer than
5", a rounded one as "about 180".

``headlines(figures, year, lang)`` writes the sentences declared in ``headlines.toml``, the way
the report writes them ("In 2024 zijn er 944 slachtoffers van mensenhandel gemeld bij CoMensha.
Dat zijn er 76 meer dan het jaar daarvoor."). A change is only claimed between two exact cells:
when one of them is suppressed or rounded the sentence says the change cannot be determined.
Percent changes use the report's own rule (``indicators.change_percent``: from the counts,
rounded half up).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ketenmonitor.disclosure import ProtectedCell, ProtectedTable
from ketenmonitor.indicators import change_percent
from ketenmonitor.publish.i18n import check_lang, label, t

HEADLINES_FILE = Path(__file__).with_name("headlines.toml")
_INT = re.compile(r"^-?\d+$")
_BELOW = re.compile(r"^<\s*(\d+)$")
_TOTAL = re.compile(r"^(totaal|total)\b", re.IGNORECASE)


def fmt_int(n: int, lang: str) -> str:
    """1013 -> ``1.013`` (nl) or ``1,013`` (en)."""
    s = f"{n:,d}"
    return s.replace(",", ".") if check_lang(lang) == "nl" else s


def fmt_pct(n: int, lang: str) -> str:
    """9 -> ``9%`` (both languages write the percentage the same way)."""
    check_lang(lang)
    return f"{fmt_int(n, lang)}%"


def display_text(cell: ProtectedCell, lang: str) -> str:
    """A cell as the report's table shows it: the published text, an integer count with the
    language's thousands separator (``1013`` -> ``1.013``)."""
    if cell.value is not None and _INT.match(cell.text) and int(cell.text) == cell.value:
        return fmt_int(cell.value, lang)
    return cell.text


def undisplay(text: str, lang: str) -> str:
    """The stored text of a displayed cell (the inverse of ``display_text``)."""
    sep = "." if check_lang(lang) == "nl" else ","
    if re.fullmatch(rf"-?\d{{1,3}}(\{sep}\d{{3}})+", text):
        return text.replace(sep, "")
    return text


def spoken(cell: ProtectedCell, lang: str) -> str:
    """A cell in a sentence: ``944``, ``minder dan 5``, ``circa 180``."""
    m = _BELOW.match(cell.text)
    if cell.suppressed:
        if m:
            return t("number.below", lang).format(n=m.group(1))
        return t("number.suppressed", lang)
    if cell.value is None:
        return cell.text
    if cell.flag == "rounded":
        return t("number.about", lang).format(n=fmt_int(cell.value, lang))
    return fmt_int(cell.value, lang)


@dataclass(frozen=True)
class HeadlineSpec:
    table: str
    kind: str
    text: str
    row: str = ""
    lower: bool = True
    """``rows``: write the row labels lower-case inside the sentence (not for names)."""


@dataclass
class Headline:
    """The sentences written for one table, with the numbers they state (for the tests)."""

    table: str
    title: str = ""
    sentences: list[str] = field(default_factory=list)
    claims_change: bool = False
    numbers: dict[str, int] = field(default_factory=dict)


KINDS = ("count", "percent", "previous", "rows")


@cache
def headline_specs() -> tuple[HeadlineSpec, ...]:
    with HEADLINES_FILE.open("rb") as f:
        data = tomllib.load(f)
    out = []
    for h in data.get("headline", []):
        if h.get("kind") not in KINDS:
            raise ValueError(f"headlines.toml: {h.get('table')}: kind must be one of {KINDS}")
        out.append(
            HeadlineSpec(
                h["table"], h["kind"], h["text"], h.get("row", ""), bool(h.get("lower", True))
            )
        )
    return tuple(out)


def _inline(text: str) -> str:
    """A label inside a sentence: lower-case first letter when the first word is an ordinary
    capitalised word (``Criminele uitbuiting`` -> ``criminele uitbuiting``; ``KMar``,
    ``FairWork`` stay)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:] == first[1:].lower():
        return text[0].lower() + text[1:]
    return text


def _column(table: ProtectedTable, year: int) -> int | None:
    try:
        return table.column_labels.index(str(year))
    except ValueError:
        return None


def _reason(a: ProtectedCell, b: ProtectedCell, lang: str) -> str | None:
    """Why two cells cannot be compared, or None when both are exact numbers."""
    if a.suppressed or b.suppressed or a.value is None or b.value is None:
        return t("reason.suppressed", lang)
    if a.flag == "rounded" or b.flag == "rounded":
        return t("reason.rounded", lang)
    return None


def _one_row(spec: HeadlineSpec, table: ProtectedTable, year: int, lang: str) -> Headline | None:
    if spec.row not in table.row_labels:
        return None
    i = table.row_labels.index(spec.row)
    now_j, prev_j = _column(table, year), _column(table, year - 1)
    if now_j is None:
        return None
    now = table.cells[i][now_j]
    key = f"headline.{spec.text}"
    h = Headline(spec.table)
    h.sentences.append(t(f"{key}.level", lang).format(year=year, value=spoken(now, lang)))
    if now.value is not None and not now.suppressed:
        h.numbers["value"] = now.value
    if prev_j is None:
        return h
    prev = table.cells[i][prev_j]
    fields = {"prev": year - 1, "prev_value": spoken(prev, lang), "year": year}
    if spec.kind == "previous":
        h.sentences.append(t("previous", lang).format(**fields))
        if prev.value is not None and not prev.suppressed:
            h.numbers["prev_value"] = prev.value
        return h
    reason = _reason(now, prev, lang)
    if reason is not None:
        h.sentences.append(t("change.uncertain", lang).format(reason=reason, **fields))
        return h
    assert now.value is not None and prev.value is not None
    h.numbers["prev_value"] = prev.value
    diff = now.value - prev.value
    direction = "more" if diff > 0 else "less" if diff < 0 else "same"
    if spec.kind == "count":
        h.numbers["diff"] = abs(diff)
        h.sentences.append(
            t(f"change.{direction}", lang).format(diff=fmt_int(abs(diff), lang), **fields)
        )
    else:
        if prev.value == 0:
            return h
        pct = abs(change_percent(prev.value, now.value))
        h.numbers["pct"] = pct
        h.sentences.append(t(f"pct.{direction}", lang).format(pct=fmt_pct(pct, lang), **fields))
    h.claims_change = direction != "same"
    topic = t(f"{key}.topic", lang)
    h.title = t(f"title.{direction}", lang).format(topic=topic, **fields)
    if h.title:
        h.title = h.title[0].upper() + h.title[1:]
    return h


def _rows(spec: HeadlineSpec, table: ProtectedTable, year: int, lang: str) -> Headline | None:
    now_j, prev_j = _column(table, year), _column(table, year - 1)
    if now_j is None or prev_j is None:
        return None
    key = f"headline.{spec.text}"
    h = Headline(spec.table)
    for i, row_label in enumerate(table.row_labels):
        if _TOTAL.match(row_label):
            continue
        now, prev = table.cells[i][now_j], table.cells[i][prev_j]
        if not now.text or not prev.text:
            continue
        row = label(row_label, lang)
        subject = t(f"{key}.subject", lang).format(row=_inline(row) if spec.lower else row)
        fields = {"subject": subject, "year": year, "prev": year - 1}
        reason = _reason(now, prev, lang)
        if reason is not None:
            h.sentences.append(t("rows.uncertain", lang).format(reason=reason, **fields))
            continue
        assert now.value is not None and prev.value is not None
        if prev.value == 0:
            if now.value == 0:
                continue
            h.sentences.append(
                t("rows.from_zero", lang).format(value=fmt_int(now.value, lang), **fields)
            )
            h.claims_change = True
            continue
        pct = change_percent(prev.value, now.value)
        direction = "up" if pct > 0 else "down" if pct < 0 else "same"
        h.numbers[row_label] = pct
        h.sentences.append(
            t(f"rows.{direction}", lang).format(pct=fmt_pct(abs(pct), lang), **fields)
        )
        h.claims_change = h.claims_change or direction != "same"
    return h if h.sentences else None


def headlines(tables: dict[str, ProtectedTable], year: int, lang: str) -> dict[str, Headline]:
    """The headline of every table in ``headlines.toml`` that is built (by table id)."""
    check_lang(lang)
    out: dict[str, Headline] = {}
    for spec in headline_specs():
        table = tables.get(spec.table)
        if table is None:
            continue
        h = (
            _rows(spec, table, year, lang)
            if spec.kind == "rows"
            else _one_row(spec, table, year, lang)
        )
        if h is not None:
            out[spec.table] = h
    return out

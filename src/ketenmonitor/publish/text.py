"""Numbers and sentences for people: Dutch or English number formatting and the headlines that
the report writes from the protected tables.

Formatting follows the Jaarcijfers: thousands with a point in Dutch (1.013), a comma in English
(1,013); percentages as whole numbers with ``%`` (9%). A percentage or mean with decimals keeps
them, with the language's decimal mark (Dutch 49,3% and 0,90; English 49.3% and 0.90), also in
a bound ('<0,3%', '<0.3%'). A suppressed cell reads as "fewer than 5", a rounded one as "about
180".

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
_DECIMAL = re.compile(r"^(?P<pre><?)(?P<sign>-?)(?P<int>\d+),(?P<frac>\d+)(?P<pct>%?)$")
"""A stored (Dutch) number with decimals: ``49,3%``, ``<0,3%``, ``0,90``, ``1234,5``."""
_TOTAL = re.compile(r"^(totaal|total)\b", re.IGNORECASE)
CELL_WORDS = {"onbekend": "cell.onbekend"}
"""A word a table prints instead of a number (the chain figure's ``onbekend`` at prevalentie and
recidive) -> its i18n key."""


def fmt_int(n: int, lang: str) -> str:
    """1013 -> ``1.013`` (nl) or ``1,013`` (en)."""
    s = f"{n:,d}"
    return s.replace(",", ".") if check_lang(lang) == "nl" else s


def fmt_pct(n: int, lang: str) -> str:
    """9 -> ``9%`` (both languages write the percentage the same way)."""
    check_lang(lang)
    return f"{fmt_int(n, lang)}%"


def fmt_decimal(value: int, decimals: int, lang: str, *, thousands: bool = True) -> str:
    """A number in units of 10**-decimals: (123456, 1) -> ``12.345,6`` (nl) or ``12,345.6``
    (en); without ``thousands`` ``12345,6`` / ``12345.6``."""
    nl = check_lang(lang) == "nl"
    sign = "-" if value < 0 else ""
    whole, frac = divmod(abs(value), 10**decimals) if decimals > 0 else (abs(value), 0)
    head = fmt_int(whole, lang) if thousands else str(whole)
    if decimals <= 0:
        return sign + head
    return f"{sign}{head}{',' if nl else '.'}{frac:0{decimals}d}"


def display_text(cell: ProtectedCell, lang: str, *, thousands: bool = True) -> str:
    """A cell as the report's table shows it: the published text, an integer count with the
    language's thousands separator (``1013`` -> ``1.013``), a number with decimals with the
    language's decimal mark (``49,3%`` -> ``49.3%`` in English; ``<0,3%`` -> ``<0.3%``), a
    word the chain figure prints for a number (``onbekend``) in the language (``unknown``)."""
    if cell.kind == "label" and cell.text in CELL_WORDS:
        return t(CELL_WORDS[cell.text], lang)
    if cell.decimals > 0:
        m = _DECIMAL.match(cell.text)
        if m:
            digits = int(m["int"] + m["frac"]) * (-1 if m["sign"] else 1)
            number = fmt_decimal(digits, len(m["frac"]), lang, thousands=thousands)
            return f"{m['pre']}{number}{m['pct']}"
        return cell.text
    if cell.value is not None and _INT.match(cell.text) and int(cell.text) == cell.value:
        return fmt_int(cell.value, lang) if thousands else cell.text
    return cell.text


def undisplay(text: str, lang: str) -> str:
    """The stored text of a displayed cell (the inverse of ``display_text``)."""
    for word, key in CELL_WORDS.items():
        if text == t(key, lang):
            return word
    sep = "." if check_lang(lang) == "nl" else ","
    mark = "," if sep == "." else "."
    if re.fullmatch(rf"-?\d{{1,3}}(\{sep}\d{{3}})+", text):
        return text.replace(sep, "")
    m = re.fullmatch(rf"(<?-?)(\d{{1,3}}(?:\{sep}\d{{3}})*|\d+)\{mark}(\d+)(%?)", text)
    if m:
        return f"{m[1]}{m[2].replace(sep, '')},{m[3]}{m[4]}"
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


def _join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('chain.and', lang)} " + names[-1]


def chain_headline(table: ProtectedTable, lang: str) -> Headline | None:
    """The text above the chain figure (``indicators.keten``, Dadermonitor Figuur 1): the period,
    the three flow percentages as published, the mean unconditional sentence in years and months,
    that every phase has its own cohort, and the phases without a delivery for the whole period.
    None when ``table`` is not the chain figure."""
    from ketenmonitor.indicators import keten

    check_lang(lang)
    if table.id != keten.TABLE_ID:
        return None
    columns = {c: j for j, c in enumerate(table.column_labels)}
    rows = {r: i for i, r in enumerate(table.row_labels)}
    flow_j = columns.get(keten.COLUMNS[1][0])
    number_j = columns.get(keten.COLUMNS[0][0])
    duration_j = columns.get(keten.COLUMNS[-1][0])
    period = f"{table.year - 4}-{table.year}"
    h = Headline(table.id)
    h.sentences.append(t("chain.intro", lang).format(period=period))
    for phase in keten.PHASES:
        i = rows.get(phase.label_nl)
        if i is None or phase.flow is None or flow_j is None:
            continue
        cell = table.cells[i][flow_j]
        if not cell.text or cell.suppressed:
            continue
        h.sentences.append(t(f"chain.flow_{phase.key}", lang).format(pct=display_text(cell, lang)))
        if cell.value is not None:
            h.numbers[f"flow_{phase.key}"] = cell.value
    days = [row[duration_j] for row in table.cells] if duration_j is not None else []
    for cell in days:
        if cell.value is not None and not cell.suppressed and cell.decimals <= 0:
            duration = keten.years_and_months(cell.value, lang)
            h.sentences.append(t("chain.duration", lang).format(duration=duration))
            h.numbers["duration_days"] = cell.value
            break
    h.sentences.append(t("chain.cohorts", lang))
    if number_j is not None:
        absent = [
            _inline(label(r, lang)) for r, i in rows.items() if table.cells[i][number_j].text == "."
        ]
        if absent:
            h.sentences.append(
                t("chain.unavailable", lang).format(phases=_join(absent, lang), period=period)
            )
    return h

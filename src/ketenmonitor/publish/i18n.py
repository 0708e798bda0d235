"""Translations of the publication: the report's own words and the labels of the tables.

Dutch is the language of the tables (the catalogue's labels are the published Dutch ones);
English comes from data, never from Python literals:

- ``i18n/nl.toml`` and ``i18n/en.toml``, section ``[text]``: every word the report writes
  itself (section titles, headline templates, the legend of the disclosure flags), looked up
  by key with ``t(key, lang)``. A key missing in a language is an error, not a silent fallback.
- ``label(text, lang)``: a Dutch label of a table (row, column, title, note, source) in the
  report's language. English comes from, in order: ``i18n/en.toml`` section ``[labels]``
  (Dutch text -> English), the code lists' ``label_nl``/``label_en`` and aliases
  (``contracts/codelists/*.csv``), the catalogue's ``title_en``/``label_en`` and the English
  the chain figure carries for its columns and phase notes (``indicators.keten``). Years and
  numbers stay as they are; a composed label ("2024 Man", "Politie (%)", "Arbeidsuitbuiting
  (n=30)") is translated part by part. A label without a translation is returned unchanged:
  ``missing(texts, lang)`` lists them, and the tests require it to be empty for every built
  table.
"""

from __future__ import annotations

import csv
import re
import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
I18N_DIR = Path(__file__).with_name("i18n")
CODELIST_DIR = Path(__file__).parents[1] / "contracts" / "codelists"

_NUMBER = re.compile(r"^[\d\s.,%<>=+\-–/()]*$")
_YEARS = re.compile(r"\b\d{4}\s*[-–]\s*\d{4}\b")
_PEILDATUM = re.compile(
    r"^(?P<base>.+?)\s*\(peildatum (?P<month>[a-z]+) (?P<year>\d{4})\)$", re.IGNORECASE
)
_NUMBERED = re.compile(r"^(?P<words>\D*?\D)\s+(?P<num>\d[\d.]*(?:\s+en\s+\d[\d.]*)?)$")
_SUFFIX = re.compile(r"^(?P<base>.*?)\s*(?P<suffix>\((?:%|n|aantal|gemiddeld|abs\.)\))$")
_COUNT = re.compile(r"^(?P<base>.*?)\s*\((?P<n>n\s*=\s*\d[\d.,]*)\)$")
"""A label with its number of cases: ``Arbeidsuitbuiting (n=30)``."""


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


def _flatten(d: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(_flatten(v, key + "."))
        elif isinstance(v, str):
            out[key] = v
        else:
            raise ValueError(f"i18n: {key} must be text, not {type(v).__name__}")
    return out


@cache
def _file(lang: str) -> dict[str, object]:
    path = I18N_DIR / f"{check_lang(lang)}.toml"
    with path.open("rb") as f:
        return tomllib.load(f)


@cache
def texts(lang: str) -> dict[str, str]:
    """Every ``[text]`` key of a language, flattened (``section.title``)."""
    data = _file(lang).get("text", {})
    assert isinstance(data, dict)
    return _flatten(data)


def t(key: str, lang: str) -> str:
    """The report's own word ``key`` in ``lang`` (``nl`` or ``en``)."""
    table = texts(check_lang(lang))
    try:
        return table[key]
    except KeyError:
        raise KeyError(f"no translation for {key!r} in i18n/{lang}.toml") from None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def _english() -> dict[str, str]:
    """Dutch label (normalised) -> English, lowest precedence first so later sources win."""
    out: dict[str, str] = {}
    # the catalogue: titles and category labels that carry their English
    from ketenmonitor.indicators.catalogue import CATALOGUE

    for spec in CATALOGUE:
        if spec.title_en:
            out[_norm(spec.title_nl)] = spec.title_en
        dims = [spec.rows] + [b.dimension for b in spec.columns if b.dimension is not None]
        for dim in dims:
            for cat in dim.categories:
                if cat.label_en:
                    out[_norm(cat.label_nl)] = cat.label_en
    # the chain figure (indicators.keten): its columns and the notes of its phases carry their
    # English beside the Dutch
    from ketenmonitor.indicators import keten

    for nl, en in keten.COLUMNS:
        out[_norm(nl)] = en
    for phase in keten.PHASES:
        if phase.note_nl and phase.note_en:
            out[_norm(phase.note_nl)] = phase.note_en
    # the code lists: label_nl and every alias -> label_en
    for path in sorted(CODELIST_DIR.glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            for row in rows:
                en = (row.get("label_en") or "").strip()
                nl = (row.get("label_nl") or "").strip()
                if not en or not nl:
                    continue
                out.setdefault(_norm(nl), en)
    # the translation file has the last word
    labels = _file("en").get("labels", {})
    assert isinstance(labels, dict)
    for nl, en in labels.items():
        if not isinstance(en, str):
            raise ValueError(f"i18n/en.toml [labels]: {nl!r} must map to text")
        out[_norm(nl)] = en
    return out


def _without_years(text: str) -> str:
    return _YEARS.sub("{years}", _norm(text))


@cache
def _english_by_years() -> dict[str, str]:
    """The same translations keyed with every year range ("2015-2019") made a placeholder, so
    that a title of another edition ("per jaar 2020-2024") finds its English."""
    return {_YEARS.sub("{years}", nl): en for nl, en in _english().items()}


def _lookup(text: str) -> str | None:
    """English for a Dutch label, or None."""
    stripped = text.strip()
    if not stripped or _NUMBER.match(stripped):
        return stripped if stripped == text else text
    hit = _english().get(_norm(stripped))
    if hit is not None:
        return hit
    ranges = _YEARS.findall(stripped)
    if ranges:
        template = _english_by_years().get(_without_years(stripped))
        if template is not None:
            found = iter(ranges)
            return _YEARS.sub(lambda _m: next(found, _m.group(0)), template)
    m = _SUFFIX.match(stripped)
    if m and m.group("base"):
        base = _lookup(m.group("base"))
        suffix = _english().get(_norm(m.group("suffix")), m.group("suffix"))
        if base is not None:
            return f"{base} {suffix}"
    # "Arbeidsuitbuiting (n=30)": a label, then its number of cases
    m = _COUNT.match(stripped)
    if m and m.group("base"):
        base = _lookup(m.group("base"))
        if base is not None:
            return f"{base} ({m.group('n')})"
    # "Bron: RAC-min (peildatum april 2025)": a label, then its reference date
    m = _PEILDATUM.match(stripped)
    if m:
        base, month = _lookup(m.group("base")), _english().get(_norm(m.group("month")))
        if base is not None and month is not None:
            return f"{base} ({_english()['peildatum']} {month} {m.group('year')})"
    # "Figuur 3.1", "Tekst bij Figuur 2 en 9": words, then a number
    m = _NUMBERED.match(stripped)
    if m:
        words = _english().get(_norm(m.group("words")))
        if words is not None:
            return f"{words} {m.group('num').replace(' en ', ' and ')}"
    # "2024 Man", "Man 2024": a year beside a label
    parts = stripped.split(" ", 1)
    if len(parts) == 2 and parts[0].isdigit():
        rest = _lookup(parts[1])
        if rest is not None:
            return f"{parts[0]} {rest}"
    parts = stripped.rsplit(" ", 1)
    if len(parts) == 2 and parts[1].isdigit():
        rest = _lookup(parts[0])
        if rest is not None:
            return f"{rest} {parts[1]}"
    # "Politie - Nederland", "a / b": translated part by part
    for sep in (" - ", " – ", " / ", "/", ": "):
        if sep in stripped:
            pieces = [_lookup(p) for p in stripped.split(sep)]
            if all(p is not None for p in pieces):
                return sep.join(p for p in pieces if p is not None)
    return None


def label(text: str, lang: str) -> str:
    """A Dutch label of a table in ``lang``: unchanged for Dutch, English from the code lists
    and ``i18n/en.toml``; a label without a translation comes back unchanged (see
    ``missing``)."""
    if check_lang(lang) == "nl":
        return text
    hit = _lookup(text)
    return text if hit is None else hit


def missing(labels: list[str] | tuple[str, ...], lang: str) -> list[str]:
    """The labels that have no translation into ``lang`` (empty for Dutch)."""
    if check_lang(lang) == "nl":
        return []
    return sorted({x for x in labels if _lookup(x) is None})

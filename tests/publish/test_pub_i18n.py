"""The translation lookup: the report's own words in both languages, table labels to English."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.publish import i18n
from ketenmonitor.publish.i18n import label, missing, t

CODELISTS = Path(i18n.__file__).parents[1] / "contracts" / "codelists"


def test_both_languages_have_the_same_keys() -> None:
    nl, en = i18n.texts("nl"), i18n.texts("en")
    assert set(nl) == set(en), set(nl) ^ set(en)
    assert all(nl[k] for k in nl) and all(en[k] for k in en)


def test_placeholders_agree_between_languages() -> None:
    import string

    def fields(s: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(s) if f}

    for key, text in i18n.texts("nl").items():
        assert fields(text) == fields(t(key, "en")), key


def test_lookup_and_errors() -> None:
    assert t("chapter.slachtoffers", "nl") == "Slachtoffers"
    assert t("chapter.slachtoffers", "en") == "Victims"
    with pytest.raises(KeyError, match="no translation"):
        t("chapter.no_such_key", "nl")
    with pytest.raises(ValueError, match="unknown language"):
        t("chapter.slachtoffers", "de")
    with pytest.raises(ValueError, match="unknown language"):
        label("Man", "fr")


def test_dutch_labels_stay_dutch() -> None:
    assert label("Internationale seksuele uitbuiting", "nl") == "Internationale seksuele uitbuiting"
    assert missing(["iets zonder vertaling"], "nl") == []


def test_code_list_labels_translate() -> None:
    """Every label_nl of the forms code list comes out as its label_en (read here from the CSV,
    independently of the lookup)."""
    path = CODELISTS / "mensenhandelvorm.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert rows
    for row in rows:
        assert label(row["label_nl"], "en") == row["label_en"]


def test_composed_labels() -> None:
    assert label("Figuur 3.1", "en") == "Figure 3.1"
    assert label("Tekst bij Figuur 2 en 9", "en") == "Text to Figure 2 and 9"
    assert label("2024", "en") == "2024"
    # a title of another edition: the year range differs from the catalogue's
    assert label("Sepotgronden, periode 2015-2019", "en") == "Grounds for dismissal"
    assert label("Sepotgronden, periode 2020-2024", "en") == "Grounds for dismissal"
    assert (
        label("Bron: RAC-min (peildatum april 2025)", "en")
        == "Source: RAC-min (reference date April 2025)"
    )
    assert label("Arbeidsuitbuiting (n=30)", "en") == "Labour exploitation (n=30)"
    assert label("Zeker geen label", "en") == "Zeker geen label"
    assert missing(["Zeker geen label", "Man"], "en") == ["Zeker geen label"]


def test_every_built_label_has_english(stored: dict[str, ProtectedTable]) -> None:
    labels: list[str] = []
    for tb in stored.values():
        labels += [tb.number, tb.title, tb.source, tb.row_header, *tb.notes]
        labels += tb.row_labels + tb.column_labels
    assert missing([x for x in labels if x], "en") == []

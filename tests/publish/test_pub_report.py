"""The HTML report: every built table present with its table, caption, notes and source line,
no cell that differs from the stored (protected) table, the structure of the Jaarcijfers, the
headlines checked against the published Jaarcijfers 2024, both languages, offline."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import duckdb
import pytest

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.publish.i18n import label, t
from ketenmonitor.publish.text import undisplay
from tests.publish.htmlparse import parse

SEED = "../shared/seeds/001_1558bd93ea62a2c9.txt (Jaarcijfers Mensenhandel 2024)"


def _html(out: dict[str, Path]) -> str:
    return out["html"].read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_table_present_and_equal_to_stored(
    stored: dict[str, ProtectedTable],
    out_nl: dict[str, Path],
    out_en: dict[str, Path],
    lang: str,
) -> None:
    doc = parse(_html(out_nl if lang == "nl" else out_en))
    assert set(doc.figures) == set(stored)
    for tb in stored.values():
        fig = doc.figures[tb.id]
        assert fig.table is not None, tb.id
        assert fig.source == label(tb.source, lang), tb.id
        assert label(tb.title, lang) in fig.caption
        assert fig.table.caption.endswith(label(tb.title, lang))
        assert fig.has_chart == tb.number.startswith("Figuur"), tb.id
        assert fig.table.header[1:] == [label(c, lang) for c in tb.column_labels]
        assert set(fig.table.header_scopes) == {"col"}
        assert [r[0] for r in fig.table.rows] == [label(r, lang) for r in tb.row_labels]
        assert {r[1] for r in fig.table.rows} == {"row"}
        for (_, _, cells), want in zip(fig.table.rows, tb.cells, strict=True):
            assert len(cells) == len(want)
            for (text, flag, sr), cell in zip(cells, want, strict=True):
                assert undisplay(text, lang) == cell.text, (tb.id, text, cell)
                assert flag == cell.flag
                if cell.suppressed:
                    assert sr == f"({t('report.suppressed_mark', lang)})"
                elif cell.flag == "rounded":
                    assert sr == f"({t('report.rounded_mark', lang)})"
                else:
                    assert sr == ""
        for note in tb.notes:
            assert any(label(note, lang) in n for n in fig.notes), (tb.id, note)


def test_dutch_and_english_number_formatting(
    out_nl: dict[str, Path], out_en: dict[str, Path]
) -> None:
    """Figuur 1 shows 1.013 victims in 2020 (Jaarcijfers 2024, line 62 of the seed)."""
    nl = parse(_html(out_nl)).figures["jaarcijfers.figuur_1"].table
    en = parse(_html(out_en)).figures["jaarcijfers.figuur_1"].table
    assert nl is not None and en is not None
    assert nl.rows[0][2][0][0] == "1.013"
    assert en.rows[0][2][0][0] == "1,013"


def test_structure_as_the_jaarcijfers(out_nl: dict[str, Path], out_en: dict[str, Path]) -> None:
    assert parse(_html(out_nl)).h2[1:] == [
        "Introductie",
        "1 Slachtoffers",
        "2 Plegers",
        "3 De strafrechtketen",
        "4 Toelichting op de gebruikte cijfers",
        "Bijlage: overige tabellen",
    ]
    assert parse(_html(out_en)).h2[1:] == [
        "Introduction",
        "1 Victims",
        "2 Perpetrators",
        "3 The criminal justice chain",
        "4 Notes on the figures used",
        "Appendix: other tables",
    ]


def test_self_contained_and_offline(out_nl: dict[str, Path]) -> None:
    page = _html(out_nl)
    doc = parse(page)
    assert doc.external == []
    assert "window.vegaEmbed=" in page  # the inlined bundle defines it
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page
    charts = [*doc.figures.values(), *doc.estimates.values()]
    assert page.count('class="vis"') == sum(f.has_chart for f in charts)


# Headlines, against the text of the published report (the synthetic data reproduce its
# figures). Each pair: the sentence the report writes (seed line) -> what ketenmonitor writes.
HEADLINES_NL = [
    # line 48: "In 2024 zijn er 944 slachtoffers ... Dat zijn er 76 meer dan het jaar daarvoor."
    "In 2024 zijn er 944 slachtoffers van mensenhandel gemeld bij CoMensha. "
    "Dat zijn er 76 meer dan het jaar daarvoor.",
    # line 50: 591 anonymous reports in 2024, 605 in 2023
    "Daarnaast waren er 591 anonieme meldingen in 2024. In 2023 ging het om 605.",
    # lines 68-70: international +9%, domestic -9%, criminal +33%, labour +19%
    "Het aantal gemelde slachtoffers van internationale seksuele uitbuiting is in 2024 met 9% "
    "gestegen ten opzichte van 2023.",
    "Het aantal gemelde slachtoffers van binnenlandse seksuele uitbuiting is in 2024 met 9% "
    "gedaald ten opzichte van 2023.",
    "Het aantal gemelde slachtoffers van criminele uitbuiting is in 2024 met 33% gestegen",
    "Het aantal gemelde slachtoffers van arbeidsuitbuiting is in 2024 met 19% gestegen",
    # line 203: 79 minor victims, +52%
    "In 2024 zijn er 79 minderjarige slachtoffers van mensenhandel gemeld. "
    "Dit is 52% meer dan in 2023",
    # line 372: KMar +34%
    "Het aantal slachtoffers gemeld door KMar is in 2024 met 34% gestegen",
    # line 399: 142 investigations started
    "In 2024 werden er 142 opsporingsonderzoeken naar mensenhandel gestart.",
    # line 401: sexual exploitation investigations -29%
    "Het aantal gestarte opsporingsonderzoeken naar seksuele uitbuiting is in 2024 met 29% gedaald",
    # line 429: 210 suspects, 137 fewer than in 2023
    "In 2024 zijn er in de opsporingsonderzoeken 210 verdachten van mensenhandel in beeld "
    "gekomen. Dat zijn er 137 minder dan het jaar daarvoor.",
    # line 453: 210 cases, 4% fewer than 2023 when there were 219
    "In 2024 zijn er 210 mensenhandelzaken bij het Openbaar Ministerie (OM) ingeschreven. "
    "Dit is 4% minder dan in 2023, toen het er 219 waren.",
    # line 473: 37 cases of criminal/other exploitation, 10 more than the year before
    "In 2024 zijn er 37 zaken van criminele/overige uitbuiting ingeschreven. "
    "Dat zijn er 10 meer dan het jaar daarvoor.",
    # line 563: "(afgerond op vijftallen) 50 keer": rounded, so no change is claimed
    "In 2024 is circa 50 keer een mensenhandelzaak afgedaan in hoger beroep. Of dat meer of "
    "minder is dan in 2023, is niet vast te stellen: de aantallen zijn afgerond.",
]


def test_headlines_nl_match_the_report(out_nl: dict[str, Path]) -> None:
    text = " ".join(_html(out_nl).split())
    for sentence in HEADLINES_NL:
        assert sentence in text, sentence


def test_headlines_en(out_en: dict[str, Path]) -> None:
    text = " ".join(_html(out_en).split())
    assert (
        "In 2024, 944 victims of trafficking in human beings were reported to CoMensha. "
        "That is 76 more than the year before." in text
    )
    assert (
        "The number of reported victims of international sexual exploitation rose by 9% in "
        "2024 compared with 2023." in text
    )


def test_no_change_claimed_over_a_suppressed_or_rounded_cell(out_nl: dict[str, Path]) -> None:
    """Figuur 2's 'Gedwongen orgaanverwijdering' is '<5' in 2023 and 2024 (seed line 86): its
    sentence says the change cannot be determined; the IND's rounded series likewise."""
    doc = parse(_html(out_nl))
    fig2 = doc.figures["jaarcijfers.figuur_2"].headline
    assert (
        "Of het aantal gemelde slachtoffers van gedwongen orgaanverwijdering in 2024 is "
        "veranderd ten opzichte van 2023, is niet vast te stellen: een van beide aantallen is "
        "onderdrukt." in fig2
    )
    assert "orgaanverwijdering is in 2024 met" not in fig2
    fig10 = doc.figures["jaarcijfers.figuur_10"].headline
    assert "niet vast te stellen: de aantallen zijn afgerond" in fig10
    assert "meer dan het jaar daarvoor" not in fig10 and "minder dan" not in fig10


def test_toelichting_from_the_lineage(pub_ws: Workspace, out_nl: dict[str, Path]) -> None:
    """Every delivery behind the tables is listed with its peildatum (read here from the
    warehouse's lineage directly)."""
    con = duckdb.connect(str(pub_ws.warehouse), read_only=True)
    try:
        rows = con.execute("SELECT DISTINCT source, peildatum FROM lineage").fetchall()
    finally:
        con.close()
    page = _html(out_nl)
    part = page[page.index('id="toelichting"') :]
    assert rows
    for source, peildatum in rows:
        assert isinstance(peildatum, dt.date)
        assert peildatum.strftime("%d-%m-%Y") in part, source
    assert "comensha.xlsx" in part and "ind.xlsx" in part
    assert "De cijfers zijn afgerond op vijftallen" in part  # the IND/rechtspraak rule
    assert "Aantallen van 1 tot en met 4 zijn weergegeven als" in part  # the default rule


def test_reflection_and_chain_slots(out_nl: dict[str, Path], out_en: dict[str, Path]) -> None:
    nl, en = _html(out_nl), _html(out_en)
    assert 'data-slot="reflectie"' in nl and 'data-slot="reflectie"' in en
    assert "Eerste alinea van de &lt;reflectie&gt; &amp; meer." in nl  # escaped, not markup
    assert "<p>Tweede alinea.</p>" in nl
    assert t("report.reflection_slot", "nl") not in nl
    assert t("report.reflection_slot", "en") in html.unescape(en)
    # the chain figure is built for 2024: section 3 shows it instead of the placeholder
    # (test_pub_chain.py: the placeholder of a year without it)
    assert 'data-slot="keten"' not in nl and 'data-slot="keten"' not in en
    assert t("report.chain_absent", "nl").format(year=2024) not in nl


def test_english_has_no_dutch_labels(
    stored: dict[str, ProtectedTable], out_en: dict[str, Path]
) -> None:
    doc = parse(_html(out_en))
    fig = doc.figures["jaarcijfers.figuur_2"]
    assert fig.table is not None
    assert [r[0] for r in fig.table.rows][:2] == [
        "Domestic sexual exploitation",
        "International sexual exploitation",
    ]
    assert fig.source == "Source: CoMensha, processed by the National Rapporteur"


def test_labels_cannot_break_out_of_the_page() -> None:
    """A label is text: escaped in the HTML table, and "</" written "<\\/" in the chart spec
    that the page embeds in a <script>."""
    import json

    from ketenmonitor.disclosure import ProtectedCell
    from ketenmonitor.indicators.catalogue import spec
    from ketenmonitor.publish.report import figure_view
    from ketenmonitor.publish.tables import Figure

    evil = "</script><script>alert(1)</script>"
    tb = ProtectedTable(
        "jaarcijfers.figuur_1",
        2024,
        "Figuur 1",
        "t",
        "Bron: x",
        "",
        (),
        [evil],
        ["2023", "2024"],
        [[ProtectedCell("1", 1), ProtectedCell("2", 2)]],
    )
    view = figure_view(Figure(spec("jaarcijfers.figuur_1"), tb), "nl", {})
    assert "</" not in view.spec_json
    rows = {r["row"] for r in json.loads(view.spec_json)["data"]["values"]}
    assert rows == {evil}

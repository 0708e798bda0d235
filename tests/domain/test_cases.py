"""The OM case rules on hand-made rows whose classification is worked out by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from ketenmonitor.contracts import load_contract
from ketenmonitor.domain.cases import create_case_views

D = dt.date.fromisoformat


def _con(
    zaken: list[dict[str, Any]],
    feiten: list[dict[str, Any]],
    vonnissen: Sequence[dict[str, Any]] = (),
    verdachten: Sequence[dict[str, Any]] = (),
    dossier: list[dict[str, Any]] | None = None,
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA current")
    data: dict[str, Sequence[dict[str, Any]]] = {
        "zaken": zaken,
        "feiten": feiten,
        "vonnissen": vonnissen,
        "verdachten": verdachten,
    }
    tables = [(f"om__{t.name}", t) for t in load_contract("om").tables]
    if dossier is not None:
        tables.append(
            ("om_dossierstudie__dossierstudie", load_contract("om_dossierstudie").tables[0])
        )
        data["dossierstudie"] = dossier
    for name, t in tables:
        cols = t.stored_columns()
        con.execute(
            f"CREATE TABLE current.{name} (" + ", ".join(f'"{c}" {ty}' for c, ty in cols) + ")"
        )
        for row in data.get(t.name, []):
            con.execute(
                f"INSERT INTO current.{name} VALUES ({', '.join('?' * len(cols))})",
                [row.get(c) for c, _ in cols],
            )
    create_case_views(con)
    return con


def _zaak(pn: str, **kw: Any) -> dict[str, Any]:
    row = {
        "parketnummer": pn,
        "persoon_id": f"p-{pn}",
        "natuurlijk_persoon": True,
        "parket": "AMS",
        "aangeleverd_door": "POL-AM",
        "inschrijvingsdatum": D("2023-03-01"),
        "pleegdatum_begin": D("2022-06-01"),
        "leeftijd_bij_plegen": 30,
    }
    row.update(kw)
    return row


def _feit(
    pn: str, stadium: str = "inschrijving", artikel: str = "273f", **kw: Any
) -> dict[str, Any]:
    row = {
        "parketnummer": pn,
        "stadium": stadium,
        "feitnummer": kw.pop("feitnummer", 1),
        "artikel": artikel,
        "lid": 1,
        "sub": 1,
        "primair": True,
    }
    row.update(kw)
    return row


def _col(con: duckdb.DuckDBPyConnection, view: str, column: str) -> dict[str, Any]:
    return dict(con.execute(f"SELECT parketnummer, {column} FROM {view}").fetchall())


def test_form_chain_classification_parket_sub3_dossier() -> None:
    zaken = [
        _zaak("cls", maatschappelijke_classificaties=["mh_arbeid", "mh_seksueel"]),
        _zaak("arb", maatschappelijke_classificaties=["mh_arbeid"], parket="DHA"),
        _zaak("fp", maatschappelijke_classificaties=["overig"], parket="FP"),
        _zaak("cls_fp", maatschappelijke_classificaties=["mh_overig"], parket="FP"),
        _zaak("sub3", maatschappelijke_classificaties=["zeden_overig"]),
        _zaak("dos", maatschappelijke_classificaties=None),
        _zaak("onb", maatschappelijke_classificaties=["zeden_overig"]),
    ]
    feiten = [_feit(z["parketnummer"]) for z in zaken if z["parketnummer"] != "sub3"]
    feiten.append(_feit("sub3", sub=3))
    con = _con(zaken, feiten, dossier=[{"parketnummer": "dos", "vorm": "cu", "bronnen": ["x"]}])
    vorm = _col(con, "ingeschreven_zaken", "vorm")
    assert vorm == {
        "cls": "seksuele_uitbuiting",  # 'in ieder geval seksuele uitbuiting'
        "arb": "arbeidsuitbuiting",
        "fp": "arbeidsuitbuiting",  # Functioneel Parket
        "cls_fp": "criminele_overige_uitbuiting",  # the classification comes first
        "sub3": "seksuele_uitbuiting",  # art. 273f lid 1 sub 3
        "dos": "criminele_overige_uitbuiting",  # the dossier study last
        "onb": "onbekend",
    }


def test_without_dossier_study_loaded_the_form_is_unknown() -> None:
    con = _con([_zaak("a")], [_feit("a")])
    assert _col(con, "ingeschreven_zaken", "vorm") == {"a": "onbekend"}


def test_only_primary_trafficking_offences_in_their_windows_count() -> None:
    zaken = [_zaak(pn) for pn in ("f", "sec", "old_in", "old_out", "other")]
    feiten = [
        _feit("f"),
        _feit("sec", primair=False),
        _feit("old_in", artikel="250a", pleegdatum_begin=D("2003-05-01")),
        _feit("old_out", artikel="250a", pleegdatum_begin=D("2010-05-01")),
        _feit("other", artikel="197a"),
    ]
    con = _con(zaken, feiten)
    assert sorted(_col(con, "ingeschreven_zaken", "jaar")) == ["f", "old_in"]


def test_settlement_types_and_cohort_of_settlement() -> None:
    kw = {"afhandelingsdatum": D("2024-02-01")}
    zaken = [
        _zaak("dmh", afdoening="dagvaarding", **kw),
        _zaak("dother", afdoening="dagvaarding", **kw),
        _zaak("dins", afdoening="dagvaarding", **kw),  # no summons articles: registration's
        _zaak("tech", afdoening="technisch_sepot", **kw),
        _zaak("onb", afdoening="sepot_grond_onbekend", **kw),
        _zaak("vw", afdoening="voorwaardelijk_beleidssepot", **kw),
        _zaak("adm", afdoening="administratief", **kw),
        _zaak("open"),
    ]
    feiten = [_feit(z["parketnummer"]) for z in zaken]
    feiten += [
        _feit("dmh", "dagvaarding"),
        _feit("dother", "dagvaarding", artikel="300"),
    ]
    con = _con(zaken, feiten)
    assert _col(con, "afgehandelde_zaken", "afhandeling") == {
        "dmh": "dagvaarding_mh",
        "dother": "overig",  # summoned for other offences only
        "dins": "dagvaarding_mh",
        "tech": "onvoorwaardelijk_sepot",
        "onb": "onvoorwaardelijk_sepot",
        "vw": "overig",
    }
    assert set(_col(con, "afgehandelde_zaken", "jaar").values()) == {2024}
    assert _col(con, "ingeschreven_zaken", "jaar")["open"] == 2023


def test_judged_cases_forms_verdicts_and_suspects() -> None:
    zaken = [
        _zaak("bl", leeftijd_bij_plegen=22),
        _zaak("go", leeftijd_bij_plegen=23),
        _zaak("au", leeftijd_bij_plegen=40, persoon_id="p-au"),
        _zaak("bv", natuurlijk_persoon=False, leeftijd_bij_plegen=None),
        _zaak("nomh"),
        _zaak("nodos", leeftijd_bij_plegen=None),
    ]
    feiten = [_feit(z["parketnummer"]) for z in zaken]
    feiten += [_feit("nomh", "dagvaarding", artikel="300")]
    vonnissen = [
        {
            "parketnummer": "bl",
            "vonnisdatum": D("2024-05-01"),
            "einduitspraak_zaak": "veroordeling_mh_voeging",
        },
        {
            "parketnummer": "go",
            "vonnisdatum": D("2023-05-01"),
            "einduitspraak_zaak": "vrijspraak_mh_andere_feiten",
        },
        {
            "parketnummer": "au",
            "vonnisdatum": D("2024-05-01"),
            "einduitspraak_zaak": "veroordeling_onbekend",
        },
        {"parketnummer": "bv", "vonnisdatum": D("2024-05-01"), "einduitspraak_zaak": "ovar"},
        {
            "parketnummer": "nomh",
            "vonnisdatum": D("2024-05-01"),
            "einduitspraak_zaak": "veroordeling_mh",
        },
        {
            "parketnummer": "nodos",
            "vonnisdatum": D("2024-05-01"),
            "einduitspraak_zaak": "vrijspraak",
        },
    ]
    verdachten: list[dict[str, Any]] = [
        {"persoon_id": "p-bl", "geslacht": "M", "geboorteland": "NL"},
        {"persoon_id": "p-go", "geslacht": "V", "geboorteland": "CH"},
        {"persoon_id": "p-au", "geslacht": "X", "geboorteland": "UA"},
        {"persoon_id": "p-nodos", "geslacht": None, "geboorteland": "XXX"},
    ]
    dossier = [
        {"parketnummer": "bl", "vorm": "bl_su", "bronnen": ["artikel"]},
        {"parketnummer": "go", "vorm": "go_su", "bronnen": ["artikel"]},
        {"parketnummer": "au", "vorm": "au", "bronnen": ["artikel"]},
        {"parketnummer": "bv", "vorm": "orgaan", "bronnen": ["artikel"]},
    ]
    con = _con(zaken, feiten, vonnissen, verdachten, dossier)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT parketnummer, jaar, vorm, uitspraak, leeftijdsklasse, geslacht, herkomst "
            "FROM berechte_zaken"
        ).fetchall()
    }
    # 'nomh': trafficking not charged in the summons, so not a judged trafficking case
    assert rows == {
        "bl": (
            2024,
            "binnenlandse_seksuele_uitbuiting",
            "veroordeling",
            "t/m 22",
            "man",
            "nederland",
        ),
        "go": (2023, "internationale_seksuele_uitbuiting", "vrijspraak", "23-29", "vrouw", "eer"),
        "au": (2024, "arbeidsuitbuiting", "overig_onbekend", "40+", "onbekend", "overig"),
        "bv": (
            2024,
            "criminele_overige_uitbuiting",
            "overig_onbekend",
            "onbekend",
            "onbekend",
            "onbekend",
        ),
        "nodos": (2024, "onbekend", "vrijspraak", "onbekend", "onbekend", "onbekend"),
    }
    suspects = {
        r[0] for r in con.execute("SELECT parketnummer FROM berechte_verdachten").fetchall()
    }
    assert suspects == {"bl", "go", "au", "nodos"}  # a company is not a tried suspect

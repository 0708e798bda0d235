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


# ------------------------------------------------------------------ chapter 6 (domain/trial.py)


def _trial(
    zaken: list[dict[str, Any]],
    feiten: list[dict[str, Any]],
    vonnissen: list[dict[str, Any]],
    straffen: Sequence[dict[str, Any]] = (),
    dossier: list[dict[str, Any]] | None = None,
) -> duckdb.DuckDBPyConnection:
    """``dm_berechte_zaken`` over hand-made rows (the current tables as one snapshot)."""
    from ketenmonitor.domain.cases import zaken_sql
    from ketenmonitor.domain.trial import trial_sql

    con = _con(zaken, feiten, vonnissen, dossier=dossier if dossier is not None else [])
    cols = [c for c, _ in load_contract("om").table("straffen").stored_columns()]
    for row in straffen:
        con.execute(
            f"INSERT INTO current.om__straffen VALUES ({', '.join('?' * len(cols))})",
            [row.get(c) for c in cols],
        )
    con.execute(
        f"CREATE TEMP VIEW dm_om_zaken AS SELECT NULL::DATE AS peildatum, * FROM ({zaken_sql()})"
    )
    con.execute(f"CREATE TEMP VIEW dm_berechte_zaken AS {trial_sql(None)}")
    return con


def _vonnis(pn: str, uitspraak: str = "veroordeling_mh", **kw: Any) -> dict[str, Any]:
    row = {"parketnummer": pn, "vonnisdatum": D("2018-06-01"), "einduitspraak_zaak": uitspraak}
    row.update(kw)
    return row


def _straf(pn: str, nr: int, straftype: str, **kw: Any) -> dict[str, Any]:
    return {"parketnummer": pn, "volgnummer": nr, "straftype": straftype, **kw}


def test_trial_form_hierarchy_of_dossier_and_registration() -> None:
    """VORM_BERECHTING_DM: the dossier study and the reliable registration (labour) together,
    the first form in the hierarchy GO > BL > (sexual, unknown which) > AU > CU wins."""
    zaken = [
        _zaak("cu_fp", parket="FP"),
        _zaak("go_arb", maatschappelijke_classificaties=["mh_arbeid"]),
        _zaak("suo_fp", parket="FP"),
        _zaak("overig", maatschappelijke_classificaties=["mh_overig"]),
        _zaak("arb", maatschappelijke_classificaties=["mh_arbeid"]),
        _zaak("bl", maatschappelijke_classificaties=["mh_seksueel"]),
        _zaak("orgaan"),
        _zaak("none", maatschappelijke_classificaties=["mh_seksueel"]),
    ]
    dossier = [
        {"parketnummer": pn, "vorm": v, "bronnen": ["rechtspraak_nl"]}
        for pn, v in (
            ("cu_fp", "cu"),
            ("go_arb", "go_su"),
            ("suo_fp", "su_onbekend"),
            ("overig", "onbekend"),
            ("bl", "bl_su"),
            ("orgaan", "orgaan"),
        )
    ]
    con = _trial(
        zaken,
        [_feit(z["parketnummer"]) for z in zaken],
        [_vonnis(z["parketnummer"]) for z in zaken],
        dossier=dossier,
    )
    assert _col(con, "dm_berechte_zaken", "vorm") == {
        "cu_fp": "au",  # labour (Functioneel Parket) before criminal
        "go_arb": "go_su",  # cross-border sexual before labour
        "suo_fp": "onbekend",  # sexual of unknown kind before labour: not one of the four
        "overig": "onbekend",  # 'overige vormen' is no reliable criminal exploitation
        "arb": "au",  # the registration where the dossier study has no form
        "bl": "bl_su",
        "orgaan": "cu",
        "none": "onbekend",  # a sexual classification cannot say domestic or cross-border
    }


def test_heaviest_principal_sentence_and_unconditional_days() -> None:
    """ZWAARSTE_HOOFDSTRAF and STRAFDUUR: onvoorwaardelijk > deels > voorwaardelijk > taakstraf >
    geldboete; measures are no principal sentence; the days of the custodial sentences add up."""
    pns = ("deels_taak", "vw_boete", "onv_deels", "tbs_boete", "days_only", "short", "joined")
    zaken = [_zaak(pn) for pn in pns]
    straffen = [
        _straf("deels_taak", 1, "taakstraf", taakstraf_uren=240),
        _straf(
            "deels_taak",
            2,
            "gevangenisstraf",
            voorwaardelijk="deels_voorwaardelijk",
            onvoorwaardelijk_dagen=200,
            voorwaardelijk_dagen=100,
        ),
        _straf("vw_boete", 1, "geldboete", geldboete_euro=500),
        _straf(
            "vw_boete",
            2,
            "gevangenisstraf",
            voorwaardelijk="voorwaardelijk",
            voorwaardelijk_dagen=90,
        ),
        _straf(
            "onv_deels",
            1,
            "jeugddetentie",
            voorwaardelijk="deels_voorwaardelijk",
            onvoorwaardelijk_dagen=200,
            voorwaardelijk_dagen=60,
        ),
        _straf(
            "onv_deels",
            2,
            "gevangenisstraf",
            voorwaardelijk="onvoorwaardelijk",
            onvoorwaardelijk_dagen=600,
        ),
        _straf("tbs_boete", 1, "tbs"),
        _straf("tbs_boete", 2, "geldboete", geldboete_euro=100),
        _straf(
            "days_only", 1, "gevangenisstraf", onvoorwaardelijk_dagen=30, voorwaardelijk_dagen=30
        ),
        _straf(
            "short",
            1,
            "gevangenisstraf",
            voorwaardelijk="onvoorwaardelijk",
            onvoorwaardelijk_dagen=183,
        ),
    ]
    vonnissen = [_vonnis(pn) for pn in pns[:-1]] + [_vonnis("joined", "veroordeling_mh_voeging")]
    con = _trial(zaken, [_feit(pn) for pn in pns], vonnissen, straffen)
    assert _col(con, "dm_berechte_zaken", "zwaarste_hoofdstraf") == {
        "deels_taak": "deels_voorwaardelijk",
        "vw_boete": "voorwaardelijk",
        "onv_deels": "onvoorwaardelijk",
        "tbs_boete": "geldboete",
        "days_only": "deels_voorwaardelijk",  # no code: both parts -> partly suspended
        "short": "onvoorwaardelijk",
        "joined": None,
    }
    assert _col(con, "dm_berechte_zaken", "onvoorwaardelijk_dagen") == {
        "deels_taak": 200,
        "vw_boete": None,
        "onv_deels": 800,
        "tbs_boete": None,
        "days_only": 30,
        "short": 183,
        "joined": None,
    }
    klasse = _col(con, "dm_berechte_zaken", "strafduurklasse")
    assert (klasse["onv_deels"], klasse["deels_taak"], klasse["short"]) == (
        "2_jaar_of_langer",
        "6_12_maanden",
        "kort",
    )
    assert _col(con, "dm_berechte_zaken", "maatregelen")["tbs_boete"] == ["tbs_pij"]
    assert _col(con, "dm_berechte_zaken", "strafoplegging_mh") == {
        "deels_taak": True,
        "vw_boete": True,
        "onv_deels": True,
        "tbs_boete": True,
        "days_only": True,
        "short": True,
        "joined": False,  # joined at trial: no judgment, no sentence of its own
    }


def test_verdict_categories_of_figuur_6_3() -> None:
    """UITSPRAAK_DM: a guilty verdict without penalty is a conviction for trafficking (479 =
    465 + 14, line 6698), without sentence; a category Figuur 6.3 does not print is 'overig'."""
    codes = (
        "schuldig_zonder_straf",
        "veroordeling_mh_voeging",
        "veroordeling_onbekend",
        "onbekend_gevoegd",
        "vrijspraak_mh_andere_feiten",
        "overig",
    )
    con = _trial(
        [_zaak(c) for c in codes], [_feit(c) for c in codes], [_vonnis(c, c) for c in codes]
    )
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT parketnummer, uitspraak, veroordeeld_mh, mogelijk_veroordeeld, "
            "strafoplegging_mh FROM dm_berechte_zaken"
        ).fetchall()
    }
    assert rows == {
        "schuldig_zonder_straf": ("veroordeling_mh", True, False, False),
        "veroordeling_mh_voeging": ("veroordeling_mh_voeging", True, False, False),
        "veroordeling_onbekend": ("veroordeling_onbekend", False, True, False),
        "onbekend_gevoegd": ("onbekend_gevoegd", False, True, False),
        "vrijspraak_mh_andere_feiten": ("vrijspraak_mh_andere_feiten", False, False, False),
        "overig": ("overig", False, False, False),
    }


def test_impossible_dates_are_left_out_of_the_processing_times() -> None:
    """DOORLOOPTIJDEN: a judgment before the OM's decision, or no decision date, is left out."""
    zaken = [
        _zaak(
            "ok",
            inschrijvingsdatum=D("2017-01-10"),
            afhandelingsdatum=D("2017-03-01"),
            afdoening="dagvaarding",
        ),
        _zaak(
            "before",
            inschrijvingsdatum=D("2017-01-10"),
            afhandelingsdatum=D("2018-09-01"),
            afdoening="dagvaarding",
        ),
        _zaak("missing", inschrijvingsdatum=D("2017-01-10")),
    ]
    con = _trial(
        zaken,
        [_feit(z["parketnummer"]) for z in zaken],
        [_vonnis(z["parketnummer"]) for z in zaken],
    )
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT parketnummer, geldige_data, doorlooptijd_om, doorlooptijd_rechtbank, "
            "doorlooptijd_totaal FROM dm_berechte_zaken"
        ).fetchall()
    }
    assert rows == {
        "ok": (True, 50, 457, 507),
        "before": (False, None, None, None),  # judged 2018-06-01, decided 2018-09-01
        "missing": (False, None, None, None),
    }


def test_other_offences_charged_by_category() -> None:
    """ANDERE_FEITEN: the primary non-trafficking offences of the summons (else of the
    registration), grouped by the categories of Tabel 6.1."""
    zaken = [_zaak(pn) for pn in ("summons", "registration", "only", "old")]
    feiten = [
        _feit("summons"),
        _feit("summons", feitnummer=2, artikel="300", lid=None, sub=None),  # not charged
        _feit("summons", "dagvaarding"),
        _feit("summons", "dagvaarding", feitnummer=3, artikel="420bis", lid=None, sub=None),
        _feit(
            "summons", "dagvaarding", feitnummer=4, artikel="wwm", lid=None, sub=None, primair=False
        ),
        _feit("registration"),
        _feit("registration", feitnummer=2, artikel="242", lid=None, sub=None),
        _feit("registration", feitnummer=3, artikel="248b", lid=None, sub=None),
        _feit("only"),
        _feit("old"),
        _feit("old", feitnummer=2, artikel="273a", pleegdatum_begin=D("2012-01-01")),
    ]
    con = _trial(zaken, feiten, [_vonnis(z["parketnummer"]) for z in zaken])
    assert _col(con, "dm_berechte_zaken", "andere_feiten") == {
        "summons": ["witwassen"],
        "registration": ["zeden"],
        "only": [],
        "old": ["overige_misdrijven_wvsr"],  # 273a outside its window is no trafficking
    }


def test_every_article_is_trafficking_or_has_a_category() -> None:
    from ketenmonitor.contracts import codelist
    from ketenmonitor.domain.trial import ANDERE_FEIT_CATEGORIE

    codes = {c.code for c in codelist("wetsartikel").codes}
    assert codes - {"273f"} == set(ANDERE_FEIT_CATEGORIE)

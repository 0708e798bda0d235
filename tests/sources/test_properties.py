"""Property-based tests of ingestion: nothing crashes, nothing is lost, every valid row is loaded.

(a) Random bytes and random corruptions of a valid CoMensha CSV never make ``ingest`` raise: the
    delivery is refused with a message, or every row read is either loaded or quarantined, and
    the warehouse agrees with the report.
(b) Random CoMensha rows, valid values mixed with invalid ones, written as CSV, XLSX and Parquet:
    the same invariant, and exactly the rows whose values are all valid (decided here from the
    contract's rules, independently of the code) are loaded.

Every example gets a fresh workspace in its own temporary folder.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketenmonitor.config import Workspace
from ketenmonitor.contracts import BOOLEAN_FALSE, BOOLEAN_TRUE, codelist, load_contract
from ketenmonitor.sources.ingest import LoadReport, ingest
from ketenmonitor.sources.pseudonym import KEY_ENV, generate_key
from ketenmonitor.warehouse import Warehouse
from tests.conftest import PEILDATUM

SOURCE = "comensha"
TABLE = "registraties"
DATA_TABLE = f"{SOURCE}__{TABLE}"
CONTRACT = load_contract(SOURCE)
FIELDS = [f.name for f in CONTRACT.table(TABLE).fields]
REQUIRED = {f.name for f in CONTRACT.table(TABLE).fields if f.required}

SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.fixture(autouse=True)
def _no_key_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key comes from each example's own workspace, never from the environment."""
    monkeypatch.delenv(KEY_ENV, raising=False)


@contextlib.contextmanager
def fresh_workspace() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="km-prop-") as tmp:
        home = Path(tmp) / "ws"
        home.mkdir()
        ws = Workspace(home)
        generate_key(ws.key_file)
        yield ws


# ---------------------------------------------------------------- the invariant


@dataclass
class Outcome:
    report: LoadReport
    loaded_rows: set[int]
    quarantined_rows: set[int]


def ingest_and_check(ws: Workspace, path: Path) -> Outcome:
    """Ingest ``path`` and check the invariant that holds for every delivery whatsoever."""
    report = ingest(ws, SOURCE, path, PEILDATUM)  # must never raise
    assert report.status in {"refused", "clean", "quarantine"}, report
    if report.status == "refused":
        assert report.message.strip(), report
        if ws.warehouse.exists():
            with Warehouse(ws.warehouse, read_only=True) as wh:
                assert wh.con.execute("SELECT count(*) FROM lineage").fetchone() == (0,)
                assert wh.con.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
        return Outcome(report, set(), set())

    assert [t.table for t in report.tables] == [TABLE]
    counts = report.tables[0]
    assert counts.rows_read == counts.rows_loaded + counts.rows_quarantined, counts
    assert counts.rows_loaded >= 0 and counts.rows_quarantined >= 0
    assert report.status == ("quarantine" if counts.rows_quarantined else "clean")
    snap = report.snapshot_id
    with Warehouse(ws.warehouse, read_only=True) as wh:
        con = wh.con
        loaded = [
            r[0]
            for r in con.execute(
                f"SELECT _row FROM {DATA_TABLE} WHERE snapshot_id = ?", [snap]
            ).fetchall()
        ]
        quarantined = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT row_number FROM quarantine WHERE snapshot_id = ?", [snap]
            ).fetchall()
        }
        lineage = con.execute(
            "SELECT rows_read, rows_loaded, rows_quarantined FROM lineage WHERE snapshot_id = ?",
            [snap],
        ).fetchall()
        per_table = con.execute(
            "SELECT rows_read, rows_loaded, rows_quarantined FROM lineage_tables "
            "WHERE snapshot_id = ?",
            [snap],
        ).fetchall()
    assert len(loaded) == counts.rows_loaded
    assert len(set(loaded)) == len(loaded), "a row was loaded twice"
    assert len(quarantined) == counts.rows_quarantined
    assert not set(loaded) & quarantined, "a row was both loaded and quarantined"
    # every row read has its own number (blank rows keep theirs, so there may be gaps)
    assert all(n >= 1 for n in set(loaded) | quarantined)
    expected = (counts.rows_read, counts.rows_loaded, counts.rows_quarantined)
    assert lineage == [expected]
    assert per_table == [expected]
    return Outcome(report, set(loaded), quarantined)


# ---------------------------------------------------------------- (a) random bytes, corruptions

VALID_CSV = (
    "registratie_id;persoon_id;registratiedatum;anoniem;geslacht;geboortedatum;leeftijd;"
    "nationaliteit;uitbuitingsvormen;sectoren_seksueel;sectoren_arbeid;criminele_activiteiten;"
    "melders;land_werving;land_uitbuiting\r\n"
    "CM-2024-000001;P0001;2024-03-15;nee;V;1996-07-01;;RO;seksueel|crimineel;thuis|escort;;"
    "drugs;politie|zorgcoordinator;RO;NL\r\n"
    'CM-2024-000002;;15-04-2024;ja;M;;27;Curaçao;arbeid;;bouw;;"nla";;NL\r\n'
    'CM-2024-000003;P0002;2023-12-31;nee;Vrouw;;16;BE;"seksueel | arbeid";raam;horeca;;'
    "kmar;BE;NL\r\n"
    "CM-2024-000004;P0003;01/02/2022;nee;X;2001-02-03;;Nigeria;crimineel;;;fraude|drugs;"
    "politie;NG;NL\r\n"
    "CM-2024-000005;;20210704;j;O;;;;onbekend;;;;zorgcoordinator;;\r\n"
).encode()
VALID_ROWS = 5


def test_valid_csv_baseline() -> None:
    """The CSV the corruptions start from is itself loaded whole."""
    with fresh_workspace() as ws:
        path = ws.home.parent / "comensha.csv"
        path.write_bytes(VALID_CSV)
        out = ingest_and_check(ws, path)
        assert out.report.status == "clean", out.report
        assert out.loaded_rows == set(range(1, VALID_ROWS + 1))


def _ingest_bytes(data: bytes, name: str = "comensha.csv") -> Outcome:
    with fresh_workspace() as ws:
        path = ws.home.parent / name
        path.write_bytes(data)
        return ingest_and_check(ws, path)


@settings(max_examples=40, **SETTINGS)
@given(
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"PK\x03\x04", b"$FL2", b"PAR1", b"\xff\xfe"]),
    data=st.binary(max_size=600),
)
def test_random_bytes_never_crash(prefix: bytes, data: bytes) -> None:
    _ingest_bytes(prefix + data)


@settings(max_examples=20, **SETTINGS)
@given(
    text=st.text(alphabet=st.sampled_from(list(";,|\t\"'\r\n -ajnCM0123456789ç€")), max_size=300)
)
def test_random_text_never_crashes(text: str) -> None:
    header = VALID_CSV.split(b"\r\n", 1)[0] + b"\r\n"
    _ingest_bytes(header + text.encode("utf-8"))


INSERTS = [
    b";",
    b",",
    b"|",
    b"\t",
    b'"',
    b"'",
    b"\x00",
    b"\n",
    b"\r",
    b"\r\n",
    b";;",
    b'";"',
    b"\xe7",
    b"\xef\xbb\xbf",
    b" ",
]


@st.composite
def corruptions(draw: st.DrawFn) -> bytes:
    data = bytearray(VALID_CSV)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate"]))
        pos = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "truncate":
            del data[pos:]
        elif kind == "flip" and data:
            data[pos] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.sampled_from(INSERTS) | st.binary(min_size=1, max_size=4))
        elif kind == "delete" and data:
            del data[pos : pos + draw(st.integers(1, 8))]
        elif kind == "duplicate" and data:
            end = draw(st.integers(pos, len(data)))
            data[end:end] = data[pos:end]
    return bytes(data)


@settings(max_examples=80, **SETTINGS)
@given(data=corruptions())
def test_corrupted_csv_never_crashes(data: bytes) -> None:
    out = _ingest_bytes(data)
    if out.report.status != "refused":
        # corruption never invents records out of nothing: at most one per line of the file
        assert out.report.rows_read <= data.count(b"\n") + data.count(b"\r") + 1


# ---------------------------------------------------------------- (b) random rows, all formats

BAD = object()
"""Meaning of a value that breaks its field's rule."""

MIN_REG = dt.date(1990, 1, 1)
MIN_BIRTH = dt.date(1900, 1, 1)
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y%m%d", "%Y-%m-%d 00:00:00"]
BAD_DATES = [
    "2024-02-30",
    "30-02-2024",
    "31/04/2023",
    "20231301",
    "gisteren",
    "15.03.2024",
    "2024-13-01",
    "00-00-0000",
    "32-01-2020",
    "n.v.t.",
]


@dataclass(frozen=True)
class Cell:
    written: Any  # what goes into the file: str, None, or for XLSX also date/int/float/bool
    meaning: Any  # None (empty), BAD, or the value it stands for


def empty() -> st.SearchStrategy[Cell]:
    return st.sampled_from([Cell(None, None), Cell("", None), Cell(" ", None)])


def padded(s: str) -> st.SearchStrategy[str]:
    return st.sampled_from([s, f" {s}", f"{s} ", f"  {s}  "])


def mostly(
    valid: st.SearchStrategy[Cell], invalid: st.SearchStrategy[Cell]
) -> st.SearchStrategy[Cell]:
    """Valid nineteen times in twenty: rows with every value valid are common."""
    return st.integers(0, 19).flatmap(lambda i: invalid if i == 0 else valid)


def date_cells(lo: dt.date, hi: dt.date) -> st.SearchStrategy[Cell]:
    def spelled(d: dt.date) -> st.SearchStrategy[Cell]:
        texts = st.sampled_from(DATE_FORMATS).flatmap(lambda f: padded(d.strftime(f)))
        return st.one_of(texts.map(lambda t: Cell(t, d)), st.just(Cell(d, d)))

    return st.dates(lo, hi).flatmap(spelled)


def bad_date_cells(outside: list[tuple[dt.date, dt.date]]) -> st.SearchStrategy[Cell]:
    out_of_range = st.one_of(*[st.dates(a, b) for a, b in outside]).flatmap(
        lambda d: st.sampled_from(DATE_FORMATS).map(lambda f: Cell(d.strftime(f), BAD))
    )
    return st.one_of(st.sampled_from(BAD_DATES).map(lambda t: Cell(t, BAD)), out_of_range)


def spellings(name: str) -> list[str]:
    """Every accepted spelling of code list ``name``, in a case that lower() maps back."""
    return sorted(codelist(name).lookup())


def variants(key: str) -> list[str]:
    return [v for v in {key, key.upper(), key.title()} if v.lower() == key]


def code_cells(name: str) -> st.SearchStrategy[Cell]:
    return st.sampled_from(spellings(name)).flatmap(
        lambda k: st.sampled_from(variants(k)).flatmap(padded).map(lambda v: Cell(v, "ok"))
    )


def bad_code_cells(name: str) -> st.SearchStrategy[Cell]:
    known = set(codelist(name).lookup())
    words = st.sampled_from(["Atlantis", "XX", "ZZZ", "Mars", "onbekendd", "nvt", "-", "99"])
    letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=5)
    return (
        st.one_of(words, letters)
        .filter(lambda s: s.lower() not in known)
        .map(lambda s: Cell(s, BAD))
    )


def multi_cells(name: str) -> st.SearchStrategy[Cell]:
    keys = st.sampled_from(spellings(name)).flatmap(lambda k: st.sampled_from(variants(k)))
    sep = st.sampled_from(["|", " | ", "| ", " |"])
    return st.tuples(st.lists(keys, min_size=1, max_size=3), sep).map(
        lambda p: Cell(p[1].join(p[0]), "ok")
    )


def bad_multi_cells(name: str) -> st.SearchStrategy[Cell]:
    keys = st.lists(st.sampled_from(spellings(name)), max_size=2)
    return st.tuples(keys, bad_code_cells(name), st.integers(0, 2)).map(
        lambda p: Cell("|".join([*p[0][: p[2]], p[1].written, *p[0][p[2] :]]), BAD)
    )


def optional(
    valid: st.SearchStrategy[Cell], invalid: st.SearchStrategy[Cell]
) -> st.SearchStrategy[Cell]:
    return st.one_of(empty(), mostly(valid, invalid))


def required(
    valid: st.SearchStrategy[Cell], invalid: st.SearchStrategy[Cell]
) -> st.SearchStrategy[Cell]:
    return mostly(valid, st.one_of(invalid, empty()))


def bool_cells() -> st.SearchStrategy[Cell]:
    texts = [
        Cell(v, b)
        for b, spellings_ in ((True, BOOLEAN_TRUE), (False, BOOLEAN_FALSE))
        for s in spellings_
        for v in variants(s)
    ]
    return st.one_of(
        st.sampled_from(texts), st.sampled_from([Cell(True, True), Cell(False, False)])
    )


def int_cells(lo: int, hi: int) -> st.SearchStrategy[Cell]:
    return st.integers(lo, hi).flatmap(
        lambda i: st.sampled_from(
            [Cell(str(i), i), Cell(f"0{i}", i), Cell(i, i), Cell(float(i), i), Cell(f" {i} ", i)]
        )
    )


def bad_int_cells(lo: int, hi: int) -> st.SearchStrategy[Cell]:
    outside = st.one_of(st.integers(lo - 100, lo - 1), st.integers(hi + 1, hi + 100))
    return st.one_of(
        outside.map(lambda i: Cell(str(i), BAD)),
        st.sampled_from(["27.5", "abc", "1e2", "27 jaar", "twintig", "--3", "3-"]).map(
            lambda t: Cell(t, BAD)
        ),
    )


IDS = [f"CM-2024-{i:06d}" for i in range(1, 41)]
PERSONS = [f"P{i:04d}" for i in range(1, 6)]
BAD_BOOLS = ["misschien", "2", "jaa", "-", "onbekend"]

FIELD_CELLS: dict[str, st.SearchStrategy[Cell]] = {
    "registratie_id": mostly(st.sampled_from(IDS).map(lambda s: Cell(s, s)), empty()),
    "persoon_id": st.one_of(empty(), st.sampled_from(PERSONS).map(lambda s: Cell(s, s))),
    "registratiedatum": required(
        date_cells(MIN_REG, PEILDATUM),
        bad_date_cells(
            [
                (dt.date(1900, 1, 1), dt.date(1989, 12, 31)),
                (PEILDATUM + dt.timedelta(days=1), dt.date(2099, 12, 31)),
            ]
        ),
    ),
    "anoniem": required(bool_cells(), st.sampled_from(BAD_BOOLS).map(lambda t: Cell(t, BAD))),
    "geslacht": optional(code_cells("geslacht"), bad_code_cells("geslacht")),
    "geboortedatum": optional(
        date_cells(MIN_BIRTH, PEILDATUM),
        bad_date_cells([(dt.date(1800, 1, 1), dt.date(1899, 12, 31))]),
    ),
    "leeftijd": optional(int_cells(0, 110), bad_int_cells(0, 110)),
    "nationaliteit": optional(code_cells("land"), bad_code_cells("land")),
    "uitbuitingsvormen": required(
        multi_cells("uitbuitingsvorm"), bad_multi_cells("uitbuitingsvorm")
    ),
    "sectoren_seksueel": optional(
        multi_cells("sector_seksueel"), bad_multi_cells("sector_seksueel")
    ),
    "sectoren_arbeid": optional(multi_cells("sector_arbeid"), bad_multi_cells("sector_arbeid")),
    "criminele_activiteiten": optional(
        multi_cells("criminele_activiteit"), bad_multi_cells("criminele_activiteit")
    ),
    "melders": required(multi_cells("melder"), bad_multi_cells("melder")),
    "land_werving": optional(code_cells("land"), bad_code_cells("land")),
    "land_uitbuiting": optional(code_cells("land"), bad_code_cells("land")),
}


def test_strategies_cover_every_field() -> None:
    assert sorted(FIELD_CELLS) == sorted(FIELDS)


Row = dict[str, Cell]


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[list[str], list[Row]]:
    optional_fields = [f for f in FIELDS if f not in REQUIRED]
    dropped = set(draw(st.lists(st.sampled_from(optional_fields), max_size=3, unique=True)))
    columns = draw(st.permutations([f for f in FIELDS if f not in dropped]))
    rows = draw(st.lists(st.fixed_dictionaries(FIELD_CELLS), max_size=20))
    for row in rows:
        for f in dropped:
            row[f] = Cell(None, None)
    return list(columns), rows


def row_is_valid(row: Row, id_counts: Counter[str]) -> bool:
    """The contract's rules as this test understands them (comensha.toml)."""
    m = {f: c.meaning for f, c in row.items()}
    if any(v is BAD for v in m.values()):
        return False
    if any(m[f] is None for f in REQUIRED):
        return False
    if id_counts[m["registratie_id"]] > 1:  # key occurs more than once in the delivery
        return False
    birth = m["geboortedatum"]
    if birth is not None and birth > m["registratiedatum"]:  # no age can be derived
        return False
    # check persoon_bij_niet_anoniem: a registration that is not anonymous needs a persoon_id
    return not (m["anoniem"] is False and m["persoon_id"] is None)


def is_blank(row: Row, columns: list[str]) -> bool:
    return all(
        row[c].written is None or (isinstance(row[c].written, str) and not row[c].written.strip())
        for c in columns
    )


def as_text(value: Any) -> str | None:
    """A cell for a text-only format (CSV, Parquet string columns)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_delivery(
    folder: Path, fmt: str, columns: list[str], rows: list[Row], csv_style: tuple[str, str, str]
) -> Path:
    if fmt == "csv":
        delimiter, encoding, newline = csv_style
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if (v := as_text(row[c].written)) is None else v for c in columns])
        text = buf.getvalue()
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        path = folder / "comensha.csv"
        path.write_bytes(data)
        return path
    if fmt == "xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "Registraties"
        ws.append(columns)
        for row in rows:
            ws.append([row[c].written for c in columns])
        path = folder / "comensha.xlsx"
        wb.save(path)
        return path
    table = pa.table(
        {c: pa.array([as_text(row[c].written) for row in rows], pa.string()) for c in columns}
    )
    path = folder / "comensha.parquet"
    pq.write_table(table, path)
    return path


CSV_STYLES = st.tuples(
    st.sampled_from([";", ",", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    st.sampled_from(["\r\n", "\n"]),
)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
@settings(max_examples=25, **SETTINGS)
@given(delivery=deliveries(), csv_style=CSV_STYLES)
def test_valid_rows_are_loaded(
    fmt: str, delivery: tuple[list[str], list[Row]], csv_style: tuple[str, str, str]
) -> None:
    columns, rows = delivery
    # row N is the N-th row under the header; a blank row is no row in CSV and XLSX, but keeps
    # its number
    numbered = [
        (i, row)
        for i, row in enumerate(rows, start=1)
        if fmt == "parquet" or not is_blank(row, columns)
    ]
    by_number = dict(numbered)
    ids = Counter(r["registratie_id"].meaning for _, r in numbered if r["registratie_id"].meaning)
    valid = {n for n, r in numbered if row_is_valid(r, ids)}
    with fresh_workspace() as ws:
        path = write_delivery(ws.home.parent, fmt, columns, rows, csv_style)
        out = ingest_and_check(ws, path)
    assert out.report.status != "refused", out.report.message
    assert out.report.rows_read == len(numbered)
    missing = valid - out.loaded_rows
    assert not missing, {n: by_number[n] for n in sorted(missing)}
    extra = out.loaded_rows - valid
    assert not extra, {n: by_number[n] for n in sorted(extra)}
    assert out.quarantined_rows == set(by_number) - valid


# ---------------------------------------------------------------- damaged files and keys

MINIMAL_HEADER = "registratie_id;persoon_id;registratiedatum;anoniem;uitbuitingsvormen;melders\n"
MINIMAL_ROWS = [
    [f"CM-{i:06d}", f"P{i:04d}", "2024-03-15", "nee", "seksueel|arbeid", "politie"]
    for i in range(3000)
]


def _minimal_parquet(compression: str) -> bytes:
    columns = MINIMAL_HEADER.split()[0].split(";")
    table = pa.table({c: [r[i] for r in MINIMAL_ROWS] for i, c in enumerate(columns)})
    buf = io.BytesIO()
    pq.write_table(table, buf, compression=compression)
    return buf.getvalue()


def test_damaged_parquet_page_is_refused_not_raised() -> None:
    good = _minimal_parquet("snappy")
    for offset in (2000, 5000):  # inside the compressed pages of registratie_id
        bad = bytearray(good)
        bad[offset] ^= 0xFF
        out = _ingest_bytes(bytes(bad), "comensha.parquet")
        assert out.report.status == "refused"


def test_parquet_with_invalid_utf8_is_refused_not_raised() -> None:
    good = _minimal_parquet("none")
    marker = b"CM-000007"
    assert good.count(marker) == 1
    bad = good.replace(marker, b"CM-0\xff\xfe007")  # invalid bytes inside the value
    out = _ingest_bytes(bad, "comensha.parquet")
    assert out.report.status == "refused"


def test_truncated_sav_is_refused_not_raised() -> None:
    import pandas as pd

    columns = MINIMAL_HEADER.split()[0].split(";")
    df = pd.DataFrame({c: [r[i] for r in MINIMAL_ROWS] for i, c in enumerate(columns)})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comensha.sav"
        pyreadstat.write_sav(df, str(path))
        good = path.read_bytes()
    out = _ingest_bytes(good[: len(good) // 2], "comensha.sav")
    assert out.report.status == "refused"


def test_key_unique_after_pseudonymisation() -> None:
    text = MINIMAL_HEADER + (
        "CM-1;P1;2024-01-01;nee;seksueel;politie\n"
        "cm-1;P2;2024-01-01;nee;arbeid;politie\n"
        "CM 2;P3;2024-01-01;nee;arbeid;politie\n"
        "CM2;P4;2024-01-01;nee;arbeid;politie\n"
    )
    with fresh_workspace() as ws:
        path = ws.home.parent / "comensha.csv"
        path.write_text(text, encoding="utf-8")
        out = ingest_and_check(ws, path)
        with Warehouse(ws.warehouse, read_only=True) as wh:
            keys = [
                r[0]
                for r in wh.con.execute(
                    f"SELECT registratie_id FROM {DATA_TABLE} WHERE snapshot_id = ?",
                    [out.report.snapshot_id],
                ).fetchall()
            ]
    assert len(keys) == len(set(keys)), "duplicate key loaded"


def test_required_multi_field_with_only_separators_is_quarantined() -> None:
    text = MINIMAL_HEADER + (
        "CM-1;P1;2024-01-01;nee;|;politie\nCM-2;P2;2024-01-01;nee;seksueel;||\n"
    )
    with fresh_workspace() as ws:
        path = ws.home.parent / "comensha.csv"
        path.write_text(text, encoding="utf-8")
        out = ingest_and_check(ws, path)
    assert out.loaded_rows == set()

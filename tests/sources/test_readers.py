"""The readers on real files in every format partners use, written here with the real libraries.

Every expected value is what the test put into the file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyreadstat
import pytest
import xlsxwriter

from ketenmonitor.sources.readers import (
    ROW_COLUMN,
    RefusedError,
    TableReader,
    detect_format,
    file_format,
    open_delivery,
    read_csv,
    read_parquet,
    read_sav,
    read_xlsx,
)

# ---------------------------------------------------------------- helpers


def rows_of(reader: TableReader) -> list[dict[str, Any]]:
    """Every row of a reader as a dict (delivered columns plus ``_row``)."""
    out: list[dict[str, Any]] = []
    for batch in reader.batches():
        assert batch.column_names == [*reader.columns, ROW_COLUMN]
        for name in reader.columns:
            assert batch.schema.field(name).type == pa.string()
        out.extend(batch.to_pylist())
    return out


def values_of(reader: TableReader) -> list[list[str | None]]:
    return [[r[c] for c in reader.columns] for r in rows_of(reader)]


def open_single(path: Path, tmp_path: Path) -> TableReader:
    readers = open_delivery(path, ["t"], tmp_path / "work")
    assert list(readers) == ["t"]
    return readers["t"]


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def write_parquet(path: Path, table: pa.Table) -> Path:
    pq.write_table(table, path)
    return path


def write_sav(path: Path, df: pd.DataFrame, **kwargs: Any) -> Path:
    pyreadstat.write_sav(df, str(path), **kwargs)
    return path


# ---------------------------------------------------------------- format detection


def test_detect_format_from_signature() -> None:
    assert detect_format(b"PK\x03\x04rest") == "zip"
    assert detect_format(b"PK\x05\x06") == "zip"
    assert detect_format(b"$FL2@(#)") == "sav"
    assert detect_format(b"$FL3@(#)") == "sav"
    assert detect_format(b"PAR1\x15\x04") == "parquet"
    assert detect_format(b"id;naam\n") == "csv"
    assert detect_format(b"") == "csv"


def test_xlsx_named_csv_is_read_as_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "levering.csv", {"Blad1": [["id", "naam"], [1, "Jan"]]})
    assert file_format(path) == "xlsx"
    reader = open_single(path, tmp_path)
    assert reader.format == "xlsx"
    assert reader.columns == ["id", "naam"]
    assert values_of(reader) == [["1", "Jan"]]


def test_parquet_named_xlsx_is_read_as_parquet(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "levering.xlsx", pa.table({"id": ["a", "b"]}))
    assert file_format(path) == "parquet"
    reader = open_single(path, tmp_path)
    assert reader.format == "parquet"
    assert values_of(reader) == [["a"], ["b"]]


def test_sav_named_txt_is_read_as_sav(tmp_path: Path) -> None:
    path = write_sav(tmp_path / "levering.txt", pd.DataFrame({"id": ["x1", "x2"]}))
    assert file_format(path) == "sav"
    reader = open_single(path, tmp_path)
    assert reader.format == "sav"
    assert values_of(reader) == [["x1"], ["x2"]]


def test_csv_named_parquet_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "levering.parquet"
    path.write_bytes(b"id;naam\n1;Jan\n")
    assert file_format(path) == "csv"
    reader = open_single(path, tmp_path)
    assert reader.format == "csv"
    assert values_of(reader) == [["1", "Jan"]]


def test_plain_zip_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "levering.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("t.csv", "id\n1\n")
    assert file_format(path) == "zip"


def test_damaged_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00\x17" * 40)
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "kapot.xlsx"


# ---------------------------------------------------------------- CSV: delimiters, encodings


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    d = delimiter
    path = tmp_path / "t.csv"
    path.write_bytes(f"id{d}naam{d}bedrag\n1{d}Jan{d}10\n2{d}Piet{d}20\n".encode())
    reader = read_csv(path, "t")
    assert reader.delimiter == d
    assert reader.columns == ["id", "naam", "bedrag"]
    assert values_of(reader) == [["1", "Jan", "10"], ["2", "Piet", "20"]]
    assert reader.malformed == []


def test_csv_delimiter_other_characters_stay_in_values(tmp_path: Path) -> None:
    """With ';' as delimiter, commas in values are data, not separators."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"id;bedrag;omschrijving\n1;12,50;bouw, horeca\n")
    reader = read_csv(path, "t")
    assert reader.delimiter == ";"
    assert values_of(reader) == [["1", "12,50", "bouw, horeca"]]


@pytest.mark.parametrize(
    ("encoding", "prefix", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("cp1252", b"", "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "cp1252"],
)
def test_csv_encodings(tmp_path: Path, encoding: str, prefix: bytes, reported: str) -> None:
    text = "land;bedrag;naam\nCuraçao;€ 5;Zoë\nBelgië;“10”;Müller\n"
    path = tmp_path / "t.csv"
    path.write_bytes(prefix + text.encode(encoding))
    reader = read_csv(path, "t")
    assert reader.encoding == reported
    # the BOM is not part of the first column name
    assert reader.columns == ["land", "bedrag", "naam"]
    assert values_of(reader) == [["Curaçao", "€ 5", "Zoë"], ["België", "“10”", "Müller"]]


def test_csv_cp1252_byte_far_into_the_file(tmp_path: Path) -> None:
    """The encoding is decided on the whole file, not on its first megabyte."""
    body = "".join(f"{i};Amsterdam\n" for i in range(200_000))
    text = "id;plaats\n" + body + "200000;Curaçao\n"
    raw = text.encode("cp1252")
    assert len(raw) > 2 * (1 << 20)
    path = tmp_path / "t.csv"
    path.write_bytes(raw)
    reader = read_csv(path, "t")
    assert reader.encoding == "cp1252"
    rows = values_of(reader)
    assert len(rows) == 200_001
    assert rows[-1] == ["200000", "Curaçao"]


def test_csv_utf8_character_across_read_chunks(tmp_path: Path) -> None:
    """A multi-byte UTF-8 character split over the 1 MiB detection chunks is still UTF-8."""
    lines = [b"id;plaats\n"] + [b"%06d;Amsterdam\n" % i for i in range(70_000)]
    raw = b"".join(lines)
    assert len(raw) > 1 << 20
    # cut the filler so that 'ç' of the next line begins on the last byte of the first MiB
    keep = raw[: (1 << 20) - 40]
    keep = keep[: keep.rindex(b"\n") + 1]
    pad = (1 << 20) - 1 - len(keep) - len(b"999999;Cura")
    assert pad >= 0
    raw = keep + b"999999;" + b"x" * pad + "Curaçao\n".encode()
    assert raw[(1 << 20) - 1 : (1 << 20) + 1] == "ç".encode()
    path = tmp_path / "t.csv"
    path.write_bytes(raw)
    reader = read_csv(path, "t")
    assert reader.encoding == "utf-8"
    rows = values_of(reader)
    assert rows[-1] == ["999999", "x" * pad + "Curaçao"]
    assert reader.malformed == []


def test_csv_neither_utf8_nor_cp1252_is_refused(tmp_path: Path) -> None:
    """0x81 is undefined in Windows-1252 (and invalid UTF-8): refused, not repaired."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"id;naam\n1;Cura\xe7ao\x81\n")
    with pytest.raises(RefusedError) as info:
        read_csv(path, "t")
    assert info.value.file == "t.csv"


def test_csv_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("id;naam\n1;Jan\n".encode("utf-16"))
    with pytest.raises(RefusedError) as info:
        read_csv(path, "t")
    assert info.value.file == "t.csv"
    assert "UTF-16" in info.value.message


def test_csv_binary_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id;naam\n1;J\x00an\n")
    with pytest.raises(RefusedError) as info:
        read_csv(path, "t")
    assert info.value.file == "t.csv"


# ---------------------------------------------------------------- CSV: structure


def test_csv_quoted_fields_with_delimiter_newline_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(
        b"id,opmerking,bedrag\r\n"
        b'1,"Amsterdam, Centrum",3\r\n'
        b'2,"eerste regel\r\ntweede regel",4\r\n'
        b'3,"zegt ""hallo""",5\r\n'
        b'4,"",6\r\n'
    )
    reader = read_csv(path, "t")
    assert reader.delimiter == ","
    rows = rows_of(reader)
    assert [r["opmerking"] for r in rows] == [
        "Amsterdam, Centrum",
        "eerste regel\r\ntweede regel",
        'zegt "hallo"',
        None,
    ]
    assert [r["bedrag"] for r in rows] == ["3", "4", "5", "6"]
    # row numbers count records, not lines
    assert [r[ROW_COLUMN] for r in rows] == [1, 2, 3, 4]
    assert reader.malformed == []


def test_csv_ragged_rows_are_malformed_with_their_row_number(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a;b;c\n1;2;3\n4;5\n6;7;8;9\n10;11;12\n")
    reader = read_csv(path, "t")
    rows = rows_of(reader)
    assert [(r[ROW_COLUMN], r["a"], r["b"], r["c"]) for r in rows] == [
        (1, "1", "2", "3"),
        (4, "10", "11", "12"),
    ]
    assert [m.row for m in reader.malformed] == [2, 3]
    assert reader.malformed[0].text == "4;5"
    assert reader.malformed[1].text == "6;7;8;9"
    assert "2 fields" in reader.malformed[0].message
    assert "4 fields" in reader.malformed[1].message


def test_csv_blank_lines_are_skipped_but_keep_the_numbering(tmp_path: Path) -> None:
    """A blank line (or one with only delimiters or spaces) is no row; row N is line N + 1."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a;b\r\n\r\n1;2\r\n\r\n\r\n3;4\r\n;\r\n   \r\n5;6\r\n\r\n")
    reader = read_csv(path, "t")
    rows = rows_of(reader)
    assert [(r[ROW_COLUMN], r["a"], r["b"]) for r in rows] == [
        (2, "1", "2"),
        (5, "3", "4"),
        (8, "5", "6"),
    ]
    assert reader.malformed == []


def test_csv_ragged_row_after_blank_line_has_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a;b\n1;2\n\n3\n4;5\n")
    reader = read_csv(path, "t")
    assert [(r[ROW_COLUMN], r["a"]) for r in rows_of(reader)] == [(1, "1"), (4, "4")]
    assert [m.row for m in reader.malformed] == [3]


def test_csv_empty_and_whitespace_cells_are_none(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a;b;c\n1;;  \n; x ;3\n")
    reader = read_csv(path, "t")
    assert values_of(reader) == [["1", None, None], [None, " x ", "3"]]


def test_csv_without_trailing_newline(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a;b\n1;2\n3;4")
    assert values_of(read_csv(path, "t")) == [["1", "2"], ["3", "4"]]


def test_csv_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(RefusedError) as info:
        read_csv(path, "t")
    assert info.value.file == "leeg.csv"
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "leeg.csv"
    assert "empty" in info.value.message


def test_csv_only_blank_lines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"\r\n\r\n")
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "leeg.csv"


def test_csv_header_only_has_columns_and_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id;naam;datum\n")
    reader = read_csv(path, "t")
    assert reader.columns == ["id", "naam", "datum"]
    batches = list(reader.batches())
    assert sum(b.num_rows for b in batches) == 0
    assert batches and batches[0].column_names == ["id", "naam", "datum", ROW_COLUMN]


def test_csv_header_names_are_trimmed(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b" id ; naam\n1;Jan\n")
    assert read_csv(path, "t").columns == ["id", "naam"]


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        (b"id;naam;id\n1;a;2\n", "id"),
        (b"id;Naam;NAAM\n1;a;b\n", "naam"),
        (b"id;;naam\n1;a;b\n", "column 2"),
        (b"id;naam; \n1;a;b\n", "column 3"),
    ],
    ids=["duplicate", "duplicate-case", "empty", "blank"],
)
def test_csv_bad_header_is_refused(tmp_path: Path, header: bytes, fragment: str) -> None:
    path = tmp_path / "kop.csv"
    path.write_bytes(header)
    with pytest.raises(RefusedError) as info:
        read_csv(path, "t")
    assert info.value.file == "kop.csv"
    assert fragment in info.value.message
    assert str(info.value).startswith("kop.csv: ")


# ---------------------------------------------------------------- XLSX


def test_xlsx_values_dates_and_integral_floats(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        {
            "Registraties": [
                ["id", "datum", "tijdstip", "aantal", "bedrag", "land", "leeg", "vlag"],
                [
                    "A1",
                    dt.date(2024, 3, 15),
                    dt.datetime(2024, 3, 15, 10, 30),
                    3.0,
                    2.5,
                    "Curaçao",
                    None,
                    True,
                ],
                [
                    "A2",
                    dt.datetime(2023, 12, 31),
                    dt.datetime(2023, 1, 2, 0, 0, 5),
                    7,
                    -1.25,
                    "€",
                    "   ",
                    False,
                ],
            ]
        },
    )
    reader = read_xlsx(path, "t")
    assert reader.format == "xlsx"
    assert reader.columns == ["id", "datum", "tijdstip", "aantal", "bedrag", "land", "leeg", "vlag"]
    rows = rows_of(reader)
    assert [r[ROW_COLUMN] for r in rows] == [1, 2]
    assert [[r[c] for c in reader.columns] for r in rows] == [
        ["A1", "2024-03-15", "2024-03-15 10:30:00", "3", "2.5", "Curaçao", None, "true"],
        ["A2", "2023-12-31", "2023-01-02 00:00:05", "7", "-1.25", "€", None, "false"],
    ]


def test_xlsx_written_by_xlsxwriter(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Export")
    datefmt = wb.add_format({"num_format": "dd-mm-yyyy"})
    ws.write_row(0, 0, ["id", "datum", "leeftijd", "score"])
    ws.write_string(1, 0, "0012")  # leading zeros of a text cell are kept
    ws.write_datetime(1, 1, dt.datetime(2024, 2, 29), datefmt)
    ws.write_number(1, 2, 27.0)
    ws.write_number(1, 3, 0.1)
    ws.write_string(2, 0, "0013")
    ws.write_datetime(2, 1, dt.datetime(1999, 1, 1), datefmt)
    ws.write_number(2, 2, 110)
    ws.write_blank(2, 3, None)
    wb.close()
    reader = open_single(path, tmp_path)
    assert reader.format == "xlsx"
    assert values_of(reader) == [
        ["0012", "2024-02-29", "27", "0.1"],
        ["0013", "1999-01-01", "110", None],
    ]


def test_xlsx_blank_rows_skipped_and_values_beyond_header_malformed(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["a", "b"])
    ws.write_row(1, 0, ["1", "2"])
    # row 3 of the sheet is empty
    ws.write_row(3, 0, ["3", "4", "extra"])
    ws.write_row(4, 0, ["5"])
    wb.close()
    reader = read_xlsx(path, "t")
    rows = rows_of(reader)
    # row N is Excel row N + 1: the empty Excel row 3 keeps its number
    assert [(r[ROW_COLUMN], r["a"], r["b"]) for r in rows] == [(1, "1", "2"), (4, "5", None)]
    assert [m.row for m in reader.malformed] == [3]


def test_xlsx_header_only_and_empty_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kop.xlsx", {"Blad1": [["id", "naam"]]})
    reader = read_xlsx(path, "t")
    assert reader.columns == ["id", "naam"]
    assert rows_of(reader) == []
    empty = write_xlsx(tmp_path / "leeg.xlsx", {"Blad1": []})
    with pytest.raises(RefusedError) as info:
        read_xlsx(empty, "t")
    assert info.value.file == "leeg.xlsx"


@pytest.mark.parametrize(
    ("header", "fragment"),
    [(["id", "naam", "ID"], "id"), (["id", None, "naam"], "column 2")],
    ids=["duplicate", "empty"],
)
def test_xlsx_bad_header_is_refused(tmp_path: Path, header: list[Any], fragment: str) -> None:
    path = write_xlsx(tmp_path / "kop.xlsx", {"Blad1": [header, ["1", "2", "3"]]})
    with pytest.raises(RefusedError) as info:
        read_xlsx(path, "t")
    assert info.value.file == "kop.xlsx"
    assert fragment in info.value.message


def test_xlsx_garbage_behind_signature_is_refused(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "goed.xlsx", {"Blad1": [["id"], ["1"]]})
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "kapot.xlsx"


# ---------------------------------------------------------------- SPSS


def test_sav_value_labels_dates_and_numbers(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "id": ["R1", "R2", "R3", "R4"],
            "geslacht": [1.0, 2.0, 9.0, float("nan")],
            "anoniem": [0.0, 1.0, 0.0, 1.0],
            "registratiedatum": [
                dt.date(2024, 3, 15),
                dt.date(2023, 12, 31),
                dt.date(1999, 1, 1),
                None,
            ],
            "leeftijd": [27.0, 16.0, float("nan"), 45.5],
            "land": ["Curaçao", "België", "", "NL"],
        }
    )
    path = write_sav(
        tmp_path / "t.sav",
        df,
        variable_value_labels={
            "geslacht": {1: "Man", 2: "Vrouw"},
            "anoniem": {0: "nee", 1: "ja"},
        },
    )
    reader = read_sav(path, "t")
    assert reader.format == "sav"
    assert reader.columns == ["id", "geslacht", "anoniem", "registratiedatum", "leeftijd", "land"]
    assert reader.value_labels == {
        "geslacht": {"1": "Man", "2": "Vrouw"},
        "anoniem": {"0": "nee", "1": "ja"},
    }
    rows = rows_of(reader)
    assert [r[ROW_COLUMN] for r in rows] == [1, 2, 3, 4]
    assert [[r[c] for c in reader.columns] for r in rows] == [
        ["R1", "Man", "nee", "2024-03-15", "27", "Curaçao"],
        ["R2", "Vrouw", "ja", "2023-12-31", "16", "België"],
        # 9 has no label: the code itself arrives
        ["R3", "9", "nee", "1999-01-01", None, None],
        ["R4", None, "ja", None, "45.5", "NL"],
    ]


def test_sav_header_only(tmp_path: Path) -> None:
    df = pd.DataFrame({"id": pd.Series([], dtype=object), "n": pd.Series([], dtype=float)})
    path = write_sav(tmp_path / "t.sav", df)
    reader = read_sav(path, "t")
    assert reader.columns == ["id", "n"]
    assert rows_of(reader) == []


def test_sav_damaged_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.sav"
    path.write_bytes(b"$FL2" + b"\x01" * 60)
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "kapot.sav"


# ---------------------------------------------------------------- Parquet


def test_parquet_types_arrive_as_text(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": pa.array(["A", "B", "C"]),
            "ts": pa.array(
                [dt.datetime(2024, 3, 15), dt.datetime(1999, 12, 31), None],
                pa.timestamp("us"),
            ),
            "datum": pa.array([dt.date(2024, 2, 29), None, dt.date(2000, 1, 1)], pa.date32()),
            "leeftijd": pa.array([27.0, 2.5, float("nan")], pa.float64()),
            "aantal": pa.array([3, None, -4], pa.int64()),
            "vlag": pa.array([True, False, None], pa.bool_()),
            "code": pa.array(["V", "M", "V"]).dictionary_encode(),
            "tekst": pa.array(["Curaçao", "  ", "€"]),
        }
    )
    path = write_parquet(tmp_path / "t.parquet", table)
    reader = read_parquet(path, "t")
    assert reader.format == "parquet"
    rows = rows_of(reader)
    assert [r[ROW_COLUMN] for r in rows] == [1, 2, 3]
    assert [[r[c] for c in reader.columns] for r in rows] == [
        ["A", "2024-03-15", "2024-02-29", "27", "3", "true", "V", "Curaçao"],
        ["B", "1999-12-31", None, "2.5", None, "false", "M", None],
        ["C", None, "2000-01-01", None, "-4", None, "V", "€"],
    ]


def test_parquet_row_numbers_continue_over_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"n": [str(i) for i in range(10)]}), path, row_group_size=3)
    rows = rows_of(read_parquet(path, "t"))
    assert [(r[ROW_COLUMN], r["n"]) for r in rows] == [(i + 1, str(i)) for i in range(10)]


def test_parquet_empty_table(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "t.parquet", pa.table({"id": pa.array([], pa.string())}))
    reader = read_parquet(path, "t")
    assert reader.columns == ["id"]
    batches = list(reader.batches())
    assert sum(b.num_rows for b in batches) == 0


def test_parquet_duplicate_columns_are_refused(tmp_path: Path) -> None:
    table = pa.Table.from_arrays([pa.array(["1"]), pa.array(["2"])], names=["id", "ID"])
    path = write_parquet(tmp_path / "dubbel.parquet", table)
    with pytest.raises(RefusedError) as info:
        read_parquet(path, "t")
    assert info.value.file == "dubbel.parquet"
    assert "id" in info.value.message


def test_parquet_truncated_footer_is_refused(tmp_path: Path) -> None:
    good = write_parquet(tmp_path / "goed.parquet", pa.table({"id": ["1", "2"]}))
    path = tmp_path / "kapot.parquet"
    path.write_bytes(good.read_bytes()[:-12])
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "kapot.parquet"


def test_parquet_timestamp_keeps_time_of_day_like_xlsx(tmp_path: Path) -> None:
    table = pa.table({"ts": pa.array([dt.datetime(2024, 3, 15, 10, 30)], pa.timestamp("us"))})
    path = write_parquet(tmp_path / "t.parquet", table)
    assert values_of(read_parquet(path, "t")) == [["2024-03-15 10:30:00"]]


# ---------------------------------------------------------------- multi-table deliveries

TABLES = ["personen", "zaken"]


def _write_tables(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "personen.csv").write_bytes("id;naam\n1;Zoë\n2;Jan\n".encode())
    write_xlsx(folder / "zaken.xlsx", {"Blad1": [["zaak", "persoon"], ["Z1", 1]]})


def _check_tables(readers: dict[str, TableReader]) -> None:
    assert sorted(readers) == TABLES
    assert readers["personen"].format == "csv"
    assert readers["personen"].name == "personen"
    assert values_of(readers["personen"]) == [["1", "Zoë"], ["2", "Jan"]]
    assert readers["zaken"].format == "xlsx"
    assert values_of(readers["zaken"]) == [["Z1", "1"]]


def test_multi_table_folder(tmp_path: Path) -> None:
    folder = tmp_path / "levering"
    _write_tables(folder)
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    readers = open_delivery(folder, TABLES, tmp_path / "work")
    _check_tables(readers)
    assert readers["personen"].file == "levering/personen.csv"


def test_multi_table_folder_file_names_case_insensitive(tmp_path: Path) -> None:
    folder = tmp_path / "levering"
    folder.mkdir()
    (folder / "Personen.CSV").write_bytes(b"id\n1\n")
    readers = open_delivery(folder, TABLES, tmp_path / "work")
    assert list(readers) == ["personen"]  # a missing table is simply absent


def test_multi_table_zip(tmp_path: Path) -> None:
    src = tmp_path / "src"
    _write_tables(src)
    path = tmp_path / "levering.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(src / "personen.csv", "export/personen.csv")
        zf.write(src / "zaken.xlsx", "export/zaken.xlsx")
        zf.writestr("export/", "")
        zf.writestr("__MACOSX/export/._personen.csv", b"\x00\x05\x16\x07")
    _check_tables(open_delivery(path, TABLES, tmp_path / "work"))


def test_multi_table_zip_detected_by_content(tmp_path: Path) -> None:
    src = tmp_path / "src"
    _write_tables(src)
    path = tmp_path / "levering.dat"
    with zipfile.ZipFile(path, "w") as zf:
        for f in src.iterdir():
            zf.write(f, f.name)
    _check_tables(open_delivery(path, TABLES, tmp_path / "work"))


def test_multi_table_xlsx_one_sheet_per_table(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "levering.xlsx",
        {
            "Personen": [["id", "naam"], [1, "Zoë"], [2, "Jan"]],
            "zaken": [["zaak", "persoon"], ["Z1", 1]],
        },
    )
    readers = open_delivery(path, TABLES, tmp_path / "work")
    assert sorted(readers) == TABLES
    assert {r.format for r in readers.values()} == {"xlsx"}
    assert values_of(readers["personen"]) == [["1", "Zoë"], ["2", "Jan"]]
    assert values_of(readers["zaken"]) == [["Z1", "1"]]
    assert readers["personen"].file == "levering.xlsx[Personen]"


def test_multi_table_xlsx_unknown_sheet_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "levering.xlsx",
        {"personen": [["id"], [1]], "zaken": [["zaak"], ["Z1"]], "Toelichting": [["x"]]},
    )
    with pytest.raises(RefusedError) as info:
        open_delivery(path, TABLES, tmp_path / "work")
    assert info.value.file == "levering.xlsx"
    assert "toelichting" in info.value.message


@pytest.mark.parametrize("name", ["notities.txt", "personen.pdf", "extra.csv"])
def test_multi_table_folder_unknown_file_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "levering"
    _write_tables(folder)
    (folder / name).write_bytes(b"id\n1\n")
    with pytest.raises(RefusedError) as info:
        open_delivery(folder, TABLES, tmp_path / "work")
    assert info.value.file == f"levering/{name}"


def test_multi_table_zip_unknown_file_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("personen.csv", "id\n1\n")
        zf.writestr("readme.md", "hallo")
    path = tmp_path / "levering.zip"
    path.write_bytes(buf.getvalue())
    with pytest.raises(RefusedError) as info:
        open_delivery(path, TABLES, tmp_path / "work")
    assert info.value.file == "levering.zip/readme.md"


def test_multi_table_same_table_twice_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "levering"
    _write_tables(folder)
    write_xlsx(folder / "personen.xlsx", {"Blad1": [["id"], [1]]})
    with pytest.raises(RefusedError) as info:
        open_delivery(folder, TABLES, tmp_path / "work")
    assert "twice" in info.value.message


def test_multi_table_zip_same_table_in_two_folders_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "levering.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a/personen.csv", "id\n1\n2\n")
        zf.writestr("b/personen.csv", "id\n3\n")
        zf.writestr("zaken.csv", "zaak\nZ1\n")
    with pytest.raises(RefusedError):
        open_delivery(path, TABLES, tmp_path / "work")


def test_multi_table_single_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "personen.csv"
    path.write_bytes(b"id\n1\n")
    with pytest.raises(RefusedError) as info:
        open_delivery(path, TABLES, tmp_path / "work")
    assert info.value.file == "personen.csv"


def test_single_table_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("t.csv", "id\n1\n")
    with pytest.raises(RefusedError) as info:
        open_single(path, tmp_path)
    assert info.value.file == "t.zip"


def test_missing_delivery_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedError) as info:
        open_single(tmp_path / "weg.csv", tmp_path)
    assert info.value.file == "weg.csv"

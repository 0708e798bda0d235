"""Read a delivered file into batches of text columns, whatever format the partner used.

The format is detected from the file's content, never from configuration: XLSX and ZIP by their
``PK`` signature, SPSS by ``$FL2``/``$FL3``, Parquet by ``PAR1``, anything else is read as
delimited text (CSV) with the delimiter and the encoding (UTF-8 with or without BOM, or
Windows-1252) detected. Every value arrives as text (or None for an empty cell), with the
record number of its row in the file, so that validation sees exactly what was delivered.

A multi-table delivery (see ``Contract.multi_table``) is a folder or ZIP archive with one file per
table named ``<table>.<ext>``, or an XLSX workbook with one sheet per table.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

BATCH_ROWS = 100_000
CSV_DELIMITERS = (";", ",", "\t", "|")
ROW_COLUMN = "_row"
"""Column that carries the row number of a row in its file: the header is row 0 and blank rows
are counted, so row N is line N + 1 of a CSV file (without line breaks inside quoted values)
and row N + 1 in Excel."""


class RefusedError(Exception):
    """The delivery as a whole cannot be taken in; nothing is written."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message


@dataclass
class MalformedRow:
    """A record that cannot be split into the header's columns (ragged CSV row)."""

    row: int
    text: str
    message: str


@dataclass
class TableReader:
    """The rows of one table of a delivery, read lazily in batches."""

    name: str
    file: str
    format: str
    columns: list[str]
    _batches: Iterator[pa.Table]
    malformed: list[MalformedRow] = field(default_factory=list)
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None

    def batches(self) -> Iterator[pa.Table]:
        """Batches with one string column per delivered column plus ``_row``.

        A file that breaks off or is damaged past its header (a truncated SPSS file, a corrupt
        Parquet page) raises ``RefusedError``, whatever the library underneath raised.
        """
        try:
            yield from self._batches
        except RefusedError:
            raise
        except Exception as exc:  # the readers' libraries raise many kinds on damaged files
            raise RefusedError(
                self.file, f"the file cannot be read to its end ({type(exc).__name__}: {exc})"
            ) from exc


def detect_format(head: bytes) -> str:
    """Tell the format from the first bytes of a file: xlsx, zip, sav, parquet or csv."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"$FL2") or head.startswith(b"$FL3"):
        return "sav"
    if head.startswith(b"PAR1"):
        return "parquet"
    return "csv"


def file_format(path: Path) -> str:
    with path.open("rb") as fh:
        kind = detect_format(fh.read(8))
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise RefusedError(path.name, f"damaged ZIP/XLSX file ({exc})") from exc
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    return kind


def text_value(value: Any) -> str | None:
    """One delivered cell as text: None for empty, ISO dates, integral floats without '.0'."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _table_of(columns: list[str], rows: list[list[str | None]], row_numbers: list[int]) -> pa.Table:
    arrays = [pa.array([r[i] for r in rows], type=pa.string()) for i in range(len(columns))]
    arrays.append(pa.array(row_numbers, type=pa.int64()))
    return pa.Table.from_arrays(arrays, names=[*columns, ROW_COLUMN])


def _check_header(file: str, header: list[str]) -> list[str]:
    cleaned = [h.strip().lstrip("\ufeff").strip() for h in header]
    if not cleaned or all(not h for h in cleaned):
        raise RefusedError(file, "the file has no header row (column names on the first line)")
    for i, h in enumerate(cleaned):
        if not h:
            raise RefusedError(file, f"column {i + 1} of the header has no name")
    lowered = [h.lower() for h in cleaned]
    dupes = sorted({h for h in lowered if lowered.count(h) > 1})
    if dupes:
        raise RefusedError(file, f"the header names column(s) {', '.join(dupes)} more than once")
    return cleaned


# ---------------------------------------------------------------- CSV


def detect_encoding(path: Path) -> str:
    """UTF-8 (with BOM: utf-8-sig) when the whole file decodes as UTF-8, else Windows-1252.

    A file that is neither (bytes Windows-1252 leaves undefined) is refused rather than read with
    replacement characters: nothing is silently repaired.
    """
    with path.open("rb") as fh:
        head = fh.read(3)
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            raise RefusedError(path.name, "UTF-16 text is not accepted: save the file as UTF-8")
        for encoding in ("utf-8", "cp1252"):
            fh.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while chunk := fh.read(1 << 20):
                    if b"\x00" in chunk:
                        raise RefusedError(
                            path.name,
                            "unreadable file: it is not CSV, XLSX, SPSS (.sav) or Parquet "
                            "(binary content)",
                        )
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError as exc:
                if encoding == "cp1252":
                    byte = exc.object[exc.start]
                    raise RefusedError(
                        path.name,
                        f"the text is neither UTF-8 nor Windows-1252 (byte {byte:#x} cannot be "
                        "read); save the file as UTF-8",
                    ) from None
                continue
            if encoding == "utf-8" and head == codecs.BOM_UTF8:
                return "utf-8-sig"
            return encoding
    raise AssertionError("unreachable")


def sniff_delimiter(first_line: str) -> str:
    """The candidate delimiter that occurs most often in the header line (';' on a tie)."""
    counts = {d: first_line.count(d) for d in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_csv(path: Path, name: str, label: str | None = None) -> TableReader:
    file = label or path.name
    encoding = detect_encoding(path)
    fh = path.open("r", encoding=encoding, newline="")
    first = fh.readline()
    if not first.strip():
        fh.close()
        raise RefusedError(file, "the file is empty or has no header row")
    delimiter = sniff_delimiter(first)
    fh.seek(0)
    reader = csv.reader(fh, delimiter=delimiter, strict=False)
    try:
        header = _check_header(file, next(reader))
    except csv.Error as exc:
        fh.close()
        raise RefusedError(file, f"the header row cannot be read as CSV ({exc})") from exc
    tr = TableReader(
        name=name,
        file=file,
        format="csv",
        columns=header,
        _batches=iter(()),
        encoding="utf-8" if encoding == "utf-8-sig" else encoding,
        delimiter=delimiter,
    )
    width = len(header)

    def gen() -> Iterator[pa.Table]:
        rows: list[list[str | None]] = []
        numbers: list[int] = []
        n = 0
        try:
            while True:
                try:
                    rec = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    n += 1
                    tr.malformed.append(MalformedRow(n, "", f"cannot be read as CSV: {exc}"))
                    continue
                n += 1
                if not rec or all(not v.strip() for v in rec):
                    continue  # a blank line is not a row, but keeps the numbering
                if len(rec) != width:
                    tr.malformed.append(
                        MalformedRow(
                            n,
                            delimiter.join(rec)[:500],
                            f"has {len(rec)} fields where the header has {width} "
                            f"(delimiter {delimiter!r})",
                        )
                    )
                    continue
                rows.append([v if v.strip() else None for v in rec])
                numbers.append(n)
                if len(rows) >= BATCH_ROWS:
                    yield _table_of(header, rows, numbers)
                    rows, numbers = [], []
            if rows or n == 0:
                yield _table_of(header, rows, numbers)
        finally:
            fh.close()

    tr._batches = gen()
    return tr


# ---------------------------------------------------------------- XLSX


class _Workbook:
    """A read-only workbook opened by content (openpyxl judges a path by its extension, a file
    object not); ``close`` closes the workbook and the file."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        self._fh = path.open("rb")
        try:
            self.wb = openpyxl.load_workbook(self._fh, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            self._fh.close()
            raise RefusedError(path.name, f"the workbook cannot be opened ({exc})") from exc

    def close(self) -> None:
        self.wb.close()
        self._fh.close()


def xlsx_sheets(path: Path) -> list[str]:
    wb = _Workbook(path)
    try:
        return list(wb.wb.sheetnames)
    finally:
        wb.close()


def read_xlsx(path: Path, name: str, sheet: str | None = None) -> TableReader:
    """Read one sheet (by default the first) of an XLSX workbook; the header is its first row."""
    file = path.name if sheet is None else f"{path.name}[{sheet}]"
    wb = _Workbook(path)
    ws = wb.wb[sheet] if sheet is not None else wb.wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    try:
        first = next(it)
    except StopIteration:
        wb.close()
        raise RefusedError(file, "the sheet is empty") from None
    # trailing empty header cells are formatting, not columns
    head = list(first)
    while head and text_value(head[-1]) is None:
        head.pop()
    header = _check_header(file, [text_value(h) or "" for h in head])
    width = len(header)
    tr = TableReader(name=name, file=file, format="xlsx", columns=header, _batches=iter(()))

    def gen() -> Iterator[pa.Table]:
        rows: list[list[str | None]] = []
        numbers: list[int] = []
        n = 0
        try:
            for values in it:
                n += 1
                cells = [text_value(v) for v in values]
                if all(c is None for c in cells):
                    continue  # an empty row is not a row, but keeps the numbering
                extra = [c for c in cells[width:] if c is not None]
                if extra:
                    tr.malformed.append(
                        MalformedRow(
                            n,
                            " | ".join(c or "" for c in cells)[:500],
                            f"has values beyond the {width} named columns",
                        )
                    )
                    continue
                cells = (cells + [None] * width)[:width]
                rows.append(cells)
                numbers.append(n)
                if len(rows) >= BATCH_ROWS:
                    yield _table_of(header, rows, numbers)
                    rows, numbers = [], []
            if rows or n == 0:
                yield _table_of(header, rows, numbers)
        finally:
            wb.close()

    tr._batches = gen()
    return tr


# ---------------------------------------------------------------- SPSS


def read_sav(path: Path, name: str, label: str | None = None) -> TableReader:
    """Read an SPSS .sav file. Value labels replace their codes (the labels are what the code
    lists know); the full label sets are kept in ``value_labels`` for the lineage record."""
    import pyreadstat

    file = label or path.name
    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
    except Exception as exc:
        raise RefusedError(file, f"the SPSS file cannot be read ({exc})") from exc
    header = _check_header(file, list(meta.column_names))
    labels = {
        var: {text_value(k) or "": str(v) for k, v in vl.items()}
        for var, vl in (meta.variable_value_labels or {}).items()
    }
    tr = TableReader(
        name=name, file=file, format="sav", columns=header, _batches=iter(()), value_labels=labels
    )
    total = int(meta.number_rows or 0)

    def gen() -> Iterator[pa.Table]:
        offset = 0
        while True:
            df, _ = pyreadstat.read_sav(str(path), row_offset=offset, row_limit=BATCH_ROWS)
            rows: list[list[str | None]] = []
            numbers: list[int] = []
            cols = list(df.columns)
            for i, values in enumerate(df.itertuples(index=False, name=None)):
                cells = []
                for col, v in zip(cols, values, strict=True):
                    t = text_value(v)
                    if t is not None and col in labels:
                        t = labels[col].get(t, t)
                    cells.append(t)
                rows.append(cells)
                numbers.append(offset + i + 1)
            yield _table_of(header, rows, numbers)
            offset += len(df)
            if len(df) < BATCH_ROWS or offset >= total:
                break

    tr._batches = gen()
    return tr


# ---------------------------------------------------------------- Parquet


def _arrow_text(col: pa.ChunkedArray | pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    t = col.type
    if pa.types.is_timestamp(t):
        # like XLSX: a date at midnight is a date, any other time of day is kept
        seconds = pc.cast(col, pa.timestamp("s", tz=t.tz), safe=False)
        text = pc.strftime(seconds, format="%Y-%m-%d %H:%M:%S")
        return pc.replace_substring_regex(text, pattern=" 00:00:00$", replacement="")
    if pa.types.is_floating(t):
        return pa.array([text_value(v) for v in col.to_pylist()], type=pa.string())
    elif pa.types.is_dictionary(t):
        col = pc.cast(col, t.value_type)
    if pa.types.is_boolean(col.type):
        return pa.array([text_value(v) for v in col.to_pylist()], type=pa.string())
    out = pc.cast(col, pa.string())
    out = pc.if_else(pc.equal(pc.utf8_trim_whitespace(out), ""), None, out)
    return out.combine_chunks() if isinstance(out, pa.ChunkedArray) else out


def read_parquet(path: Path, name: str, label: str | None = None) -> TableReader:
    import pyarrow.parquet as pq

    file = label or path.name
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        raise RefusedError(file, f"the Parquet file cannot be read ({exc})") from exc
    header = _check_header(file, list(pf.schema_arrow.names))
    tr = TableReader(name=name, file=file, format="parquet", columns=header, _batches=iter(()))

    def gen() -> Iterator[pa.Table]:
        offset = 0
        for batch in pf.iter_batches(batch_size=BATCH_ROWS):
            try:
                batch.validate(full=True)  # pyarrow does not check UTF-8 when it reads
            except pa.ArrowInvalid as exc:
                raise RefusedError(
                    file, f"rows {offset + 1}-{offset + batch.num_rows} are damaged ({exc})"
                ) from exc
            arrays = []
            for i in range(batch.num_columns):
                try:
                    arrays.append(_arrow_text(batch.column(i)))
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                    raise RefusedError(
                        file, f"column {header[i]} has a type that cannot be read as text ({exc})"
                    ) from exc
            arrays.append(pa.array(range(offset + 1, offset + batch.num_rows + 1), pa.int64()))
            offset += batch.num_rows
            yield pa.Table.from_arrays(arrays, names=[*header, ROW_COLUMN])
        if offset == 0:
            yield _table_of(header, [], [])

    tr._batches = gen()
    return tr


# ---------------------------------------------------------------- deliveries


SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".sav": "sav",
    ".parquet": "parquet",
}


def _reader_for(path: Path, name: str, label: str | None = None) -> TableReader:
    kind = file_format(path)
    if kind == "csv":
        return read_csv(path, name, label)
    if kind == "xlsx":
        return read_xlsx(path, name)
    if kind == "sav":
        return read_sav(path, name, label)
    if kind == "parquet":
        return read_parquet(path, name, label)
    raise RefusedError(label or path.name, "a ZIP archive can only hold a multi-table delivery")


def open_delivery(path: Path, tables: list[str], workdir: Path) -> dict[str, TableReader]:
    """Open the readers for the tables of one delivery.

    ``tables`` are the contract's table names. A single-table delivery is one file of any
    supported format. A multi-table delivery is a folder or ZIP file with one ``<table>.<ext>``
    per table, or an XLSX workbook with one sheet per table. A table that is missing is simply
    absent from the result; the caller decides whether that refuses the delivery.
    """
    if not path.exists():
        raise RefusedError(path.name, "the file does not exist")
    if path.is_dir():
        return _open_folder(path, tables, path.name)
    if path.stat().st_size == 0:
        raise RefusedError(path.name, "the file is empty")
    kind = file_format(path)
    if len(tables) == 1:
        return {tables[0]: _reader_for(path, tables[0])}
    if kind == "xlsx":
        sheets = {s.lower(): s for s in xlsx_sheets(path)}
        unknown = sorted(set(sheets) - set(tables))
        if unknown:
            raise RefusedError(
                path.name,
                f"sheet(s) {', '.join(unknown)} are not tables of this delivery "
                f"(expected: {', '.join(tables)})",
            )
        return {t: read_xlsx(path, t, sheets[t]) for t in tables if t in sheets}
    if kind == "zip":
        target = workdir / "unzipped"
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir() or "__MACOSX" in info.filename:
                    continue
                member = Path(info.filename).name
                if not member or member.startswith("."):
                    continue
                if (target / member).exists():
                    raise RefusedError(
                        f"{path.name}/{info.filename}",
                        f"{member} occurs twice in the archive: which one is the table?",
                    )
                (target / member).write_bytes(zf.read(info))
        return _open_folder(target, tables, path.name)
    raise RefusedError(
        path.name,
        "this delivery has several tables "
        f"({', '.join(tables)}): deliver a folder or ZIP with one file per table, "
        "or an XLSX workbook with one sheet per table",
    )


def _open_folder(folder: Path, tables: list[str], label: str) -> dict[str, TableReader]:
    found: dict[str, TableReader] = {}
    for f in sorted(folder.iterdir()):
        if f.is_dir() or f.name.startswith("."):
            continue
        stem = f.stem.lower()
        if f.suffix.lower() not in SUFFIXES or stem not in tables:
            raise RefusedError(
                f"{label}/{f.name}",
                f"not a table of this delivery (expected files named {', '.join(tables)} "
                "with extension .csv, .xlsx, .sav or .parquet)",
            )
        if stem in found:
            raise RefusedError(f"{label}/{f.name}", f"table {stem} is delivered twice")
        found[stem] = _reader_for(f, stem, f"{label}/{f.name}")
    return found

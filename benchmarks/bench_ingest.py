"""Benchmark of the full ingest of one million rows, against DuckDB's own CSV reader.

    python benchmarks/bench_ingest.py              # 3 runs of each, writes docs/performance.md
    python benchmarks/bench_ingest.py --runs 5
    python benchmarks/bench_ingest.py --profile    # also one instrumented run per source

What it does:

1. Generates (once, cached in ``benchmarks/.data/``, which git ignores) synthetic deliveries from
   the contracts themselves, vectorised with numpy/pyarrow and seeded:
   - ``comensha``: one ';'-separated UTF-8 CSV of 1,000,000 registrations;
   - ``politie``: if ``contracts/politie.toml`` exists, a folder delivery with one CSV per table,
     about 1,000,000 rows in all (40% / 30% / 30% over its tables); otherwise it is skipped.
   About 1% of the rows are invalid (impossible dates, unknown codes, text in number fields,
   empty required fields, duplicate keys, dangling references); the rest is valid by the contract
   (its ranges, code lists, checks and references).
2. Measures the full ingest (``ketenmonitor.sources.ingest.ingest`` into a fresh workspace with a
   key: read, validate, pseudonymise, archive, write) in a subprocess per run, so that the peak
   resident memory (``os.wait4`` rusage ``ru_maxrss``) belongs to that run alone.
3. Measures a baseline the same number of times, also in a subprocess per run: DuckDB reading the
   same file(s) with ``read_csv(..., all_varchar=true)`` into an in-memory table, no validation.
4. Writes its section of ``docs/performance.md`` (machine, method, results, targets with
   pass/fail) between ``<!-- begin bench_ingest -->`` and ``<!-- end bench_ingest -->``, keeping
   the rest of the page (``benchmarks/bench_pipeline.py`` writes its own section there).

The time of a run is the wall time of the ``ingest()`` call (resp. the ``CREATE TABLE`` statements)
inside the child; the process wall time (interpreter start and imports included) is reported too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
DOC = ROOT / "docs" / "performance.md"

SEED = 20240601
PEILDATUM = dt.date(2025, 6, 30)
FIRST_DATE = dt.date(2015, 1, 1)
INVALID_FRACTION = 0.01
GENERATOR_VERSION = 1  # bump to regenerate the cached data

TARGET_SECONDS = 60.0
TARGET_RSS_BYTES = 2 * 1024**3

POLITIE_SPLIT = {"incidenten": 0.4, "feiten": 0.3, "personen": 0.3}


# =====================================================================================
# data generation (vectorised)
# =====================================================================================


def _np():
    import numpy as np

    return np


def _digit_template(example: str) -> tuple[list[tuple[str, int]], int]:
    """The example split into (literal, digits) pieces and the total number of digits."""
    pieces: list[tuple[str, int]] = []
    total = 0
    for lit, digits in re.findall(r"(\D*)(\d*)", example):
        if not lit and not digits:
            continue
        pieces.append((lit, len(digits)))
        total += len(digits)
    return pieces, total


def _identifier_strings(example: str, numbers: Any) -> Any:
    """Strings shaped like ``example`` with its digits replaced by ``numbers`` (zero-padded)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    pieces, total = _digit_template(example or "ID0000000")
    width = max(total, len(str(int(numbers.max()) if len(numbers) else 0)))
    num = pc.utf8_lpad(pc.cast(pa.array(numbers, pa.int64()), pa.string()), width, "0")
    if total == 0:
        return pc.binary_join_element_wise(pa.scalar(example), num, "")
    parts: list[Any] = []
    pos = 0
    extra = width - total  # a wider number widens the first run of digits
    for i, (lit, n) in enumerate(pieces):
        if lit:
            parts.append(pa.scalar(lit))
        if n:
            take = n + (extra if i == next(j for j, p in enumerate(pieces) if p[1]) else 0)
            parts.append(pc.utf8_slice_codeunits(num, pos, pos + take))
            pos += take
    return pc.binary_join_element_wise(*parts, "")


def _dates_to_text(days: Any, dutch_share: float, rng: Any) -> Any:
    """Day numbers since 1970 as text: ISO, with a share in Dutch dd-mm-yyyy spelling."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ts = pc.cast(pa.array(days.astype("int32"), pa.date32()), pa.timestamp("s"))
    iso = pc.strftime(ts, "%Y-%m-%d")
    if dutch_share <= 0:
        return iso
    nl = pc.strftime(ts, "%d-%m-%Y")
    return pc.if_else(pa.array(rng.random(len(days)) < dutch_share), nl, iso)


def _day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


@dataclass
class _Col:
    """One generated field: typed values (for checks and references) and delivered text."""

    typed: Any  # pyarrow array of the storage type
    text: Any  # pyarrow string array (None = empty cell)


def _code_column(f: Any, n: int, rng: Any, null: Any) -> _Col:
    """Codes of the field's code list (sometimes spelled by a label or alias), or lists of them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ketenmonitor.contracts import MULTI_SEPARATOR, codelist

    np = _np()
    cl = codelist(f.codelist)
    codes = [c.code for c in cl.codes]
    # spellings that would need quoting in a ';'-separated file are left out
    spellings = [
        [c.code, *(s for s in (c.label_nl, c.label_en, *c.aliases) if s and not set(s) & set(';"'))]
        for c in cl.codes
    ]
    # a few codes are common (Zipf-like), as in real registrations
    weights = 1.0 / np.arange(1, len(codes) + 1) ** 1.1
    weights /= weights.sum()
    order = rng.permutation(len(codes))

    def draw(size: int) -> tuple[Any, Any]:
        idx = order[rng.choice(len(codes), size=size, p=weights)]
        code_arr = np.array(codes, dtype=object)[idx]
        text = code_arr.copy()
        alt = rng.random(size) < 0.1
        if alt.any():
            pick = rng.integers(0, 1 << 30, size=size)
            for ci, sp in enumerate(spellings):
                m = alt & (idx == ci)
                if m.any() and len(sp) > 1:
                    text[m] = np.array(sp, dtype=object)[pick[m] % len(sp)]
        return idx, code_arr, text

    if not f.multi:
        _, code_arr, text = draw(n)
        typed = pa.array(code_arr, pa.string(), mask=null)
        return _Col(typed, pa.array(text, pa.string(), mask=null))
    k = rng.choice([1, 1, 1, 2, 2, 3], size=n)
    idx1, c1, t1 = draw(n)
    idx2, c2, t2 = draw(n)
    idx3, c3, t3 = draw(n)
    use2 = (k >= 2) & (idx2 != idx1)
    use3 = (k >= 3) & (idx3 != idx1) & (idx3 != idx2)
    sep = MULTI_SEPARATOR
    text = pc.binary_join_element_wise(
        pa.array(t1, pa.string()),
        pa.array(t2, pa.string(), mask=~use2),
        pa.array(t3, pa.string(), mask=~use3),
        sep,
        null_handling="skip",
    )
    text = pc.if_else(pa.array(null), pa.scalar(None, pa.string()), text)
    lists = [
        None if null[i] else [c1[i]] + ([c2[i]] if use2[i] else []) + ([c3[i]] if use3[i] else [])
        for i in range(n)
    ]
    return _Col(pa.array(lists, pa.list_(pa.string())), text)


def _generate_table(
    t: Any,
    n: int,
    rng: Any,
    parents: dict[str, Any],
    offset: int,
) -> tuple[dict[str, _Col], int]:
    """Valid candidate rows (more than ``n``; the caller filters them by the contract's checks)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    np = _np()
    cols: dict[str, _Col] = {}
    # a child row belongs to one parent row: pick them (sorted, so a file lists an incident's
    # rows together) once per parent table
    picks: dict[str, Any] = {}
    for f in t.fields:
        if f.references:
            ptable = f.references.split(".")[0]
            if ptable not in picks:
                picks[ptable] = np.sort(rng.integers(0, len(parents[ptable]["__len__"]), size=n))
    # fields with the same name as a field of the parent row repeat it (a link key such as
    # meldingsdatum); a second key part next to a reference numbers the rows within the parent
    copied: set[str] = set()
    for f in t.fields:
        if f.references:
            ptable, _, pfield = f.references.partition(".")
            ref = parents[ptable][pfield].take(pa.array(picks[ptable]))
            cols[f.name] = _Col(ref.typed, ref.text)
            continue
        for ptable, pick in picks.items():
            if f.name in parents[ptable] and f.name not in t.key:
                ref = parents[ptable][f.name].take(pa.array(pick))
                cols[f.name] = _Col(ref.typed, ref.text)
                copied.add(f.name)
                break
        if f.name in t.key and len(t.key) > 1 and f.type == "integer" and picks:
            pick = next(iter(picks.values()))
            starts = np.r_[0, np.flatnonzero(np.diff(pick)) + 1]
            group_start = np.repeat(starts, np.diff(np.r_[starts, n]))
            vals = (int(f.min) if f.min is not None else 1) + np.arange(n) - group_start
            typed = pa.array(vals.astype(np.int64), pa.int64())
            cols[f.name] = _Col(typed, pc.cast(typed, pa.string()))
    # dates that ages are taken at come before the dates of birth
    fields = sorted(
        (f for f in t.fields if f.name not in cols), key=lambda f: f.identifier == "birthdate"
    )
    derived = False
    for f in fields:
        if f.identifier == "birthdate" and not derived:
            _derive_from_checks(t, cols, copied, rng)
            derived = True
        optional = not f.required and f.name not in t.key and not f.references
        if f.name == "persoon_id" and "anoniem" in {g.name for g in t.fields}:
            optional = False  # CoMensha: empty exactly for an anonymous report (below)
        null = (rng.random(n) < 0.15) if optional else np.zeros(n, dtype=bool)
        unique = f.name in t.key and len(t.key) == 1
        if f.identifier == "birthdate":
            event = cols.get(f.age_at or "")
            ev = (
                np.asarray(pc.fill_null(pc.cast(event.typed, pa.int32()), _day(PEILDATUM)))
                if event is not None
                else np.full(n, _day(PEILDATUM))
            )
            days = ev - rng.integers(14 * 365, 70 * 365, size=n)
            typed = pa.array(days.astype("int32"), pa.date32(), mask=null)
            text = pc.if_else(
                pa.array(null), pa.scalar(None, pa.string()), _dates_to_text(days, 0.1, rng)
            )
            cols[f.name] = _Col(typed, text)
            continue
        if f.type == "string":
            if unique or f.name in t.key:
                numbers = np.arange(offset + 1, offset + n + 1)
            elif f.identifier == "key":
                numbers = rng.integers(1, max(2, int(n * 0.7)), size=n)  # people recur
            else:
                digits = _digit_template(f.example or "")[1] or 6
                numbers = rng.integers(1, 10**digits, size=n)
            text = _identifier_strings(f.example or f.name.upper(), numbers)
            text = pc.if_else(pa.array(null), pa.scalar(None, pa.string()), text)
            cols[f.name] = _Col(text, text)
        elif f.type == "integer":
            lo = int(f.min) if f.min is not None else 0
            hi = int(f.max) if f.max is not None else max(lo, 100)
            if unique:
                vals = lo + offset + np.arange(n)
            elif f.name == "leeftijd":
                vals = np.clip(rng.normal(28, 11, size=n).round(), max(lo, 0), hi).astype(np.int64)
            else:
                vals = rng.integers(lo, hi + 1, size=n)
            typed = pa.array(vals.astype(np.int64), pa.int64(), mask=null)
            cols[f.name] = _Col(typed, pc.cast(typed, pa.string()))
        elif f.type == "decimal":
            lo = float(f.min) if f.min is not None else 0.0
            hi = float(f.max) if f.max is not None else 1000.0
            vals = np.round(rng.uniform(lo, hi, size=n), 2)
            typed = pa.array(vals, pa.float64(), mask=null)
            text = pc.replace_substring(pc.cast(typed, pa.string()), ".", ",")  # Dutch comma
            cols[f.name] = _Col(typed, text)
        elif f.type == "date":
            lo = dt.date.fromisoformat(f.min) if f.min and f.min != "peildatum" else FIRST_DATE
            lo = max(lo, FIRST_DATE)
            hi = (
                PEILDATUM
                if f.max in (None, "peildatum")
                else min(dt.date.fromisoformat(str(f.max)), PEILDATUM)
            )
            days = rng.integers(_day(lo), _day(hi) + 1, size=n)
            typed = pa.array(days.astype("int32"), pa.date32(), mask=null)
            text = pc.if_else(
                pa.array(null), pa.scalar(None, pa.string()), _dates_to_text(days, 0.1, rng)
            )
            cols[f.name] = _Col(typed, text)
        elif f.type == "boolean":
            vals = rng.random(n) < (0.12 if f.name == "anoniem" else 0.5)
            typed = pa.array(vals, pa.bool_(), mask=null)
            yes = np.where(rng.random(n) < 0.8, "ja", "Ja")
            no = np.where(rng.random(n) < 0.8, "nee", "Nee")
            text = pa.array(np.where(vals, yes, no).astype(object), pa.string(), mask=null)
            cols[f.name] = _Col(typed, text)
        elif f.type == "code":
            cols[f.name] = _code_column(f, n, rng, null)
        elif f.type == "rounded_count":
            step = f.rounded_to or 1
            vals = step * rng.integers(max(2, 10 // step), 61, size=n)
            small = rng.random(n) < 0.15
            typed = pa.array(vals.astype(np.int64), pa.int64(), mask=null | small)
            text = pc.cast(pa.array(vals.astype(np.int64), pa.int64()), pa.string())
            text = pc.if_else(pa.array(small), pa.scalar("<10"), text)
            text = pc.if_else(pa.array(null), pa.scalar(None, pa.string()), text)
            cols[f.name] = _Col(typed, text)
        else:
            raise ValueError(f"no generator for type {f.type}")
    if not derived:
        _derive_from_checks(t, cols, copied, rng)
    # an anonymous report has no person number (the CoMensha layout)
    if "anoniem" in cols and "persoon_id" in cols:
        anon = pc.fill_null(cols["anoniem"].typed, False)
        p = cols["persoon_id"]
        none = pa.scalar(None, pa.string())
        cols["persoon_id"] = _Col(pc.if_else(anon, none, p.typed), pc.if_else(anon, none, p.text))
    return cols, n


def _derive_from_checks(t: Any, cols: dict[str, _Col], fixed: set[str], rng: Any) -> None:
    """Make the common shapes of a contract check hold by construction:
    ``a = year(b)`` and ``a IS NULL OR a <= b`` (dates: a lies up to two years before b)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    np = _np()
    for c in t.checks:
        cond = " ".join(c.condition.split())
        m = re.fullmatch(r"(\w+) = year\((\w+)\)", cond)
        if m and m[1] in cols and m[2] in cols and m[1] not in fixed:
            typed = pc.cast(pc.year(cols[m[2]].typed), pa.int64())
            cols[m[1]] = _Col(typed, pc.cast(typed, pa.string()))
            continue
        m = re.fullmatch(r"(\w+) IS NULL OR \1 <= (\w+)", cond)
        if m and m[1] in cols and m[2] in cols and m[1] not in fixed:
            a, b = cols[m[1]], cols[m[2]]
            if not (pa.types.is_date32(a.typed.type) and pa.types.is_date32(b.typed.type)):
                continue
            bd = np.asarray(pc.fill_null(pc.cast(b.typed, pa.int32()), _day(PEILDATUM)))
            days = np.maximum(bd - rng.integers(0, 730, size=len(bd)), _day(dt.date(1990, 1, 1)))
            null = np.asarray(pc.is_null(a.typed))
            typed = pa.array(days.astype("int32"), pa.date32(), mask=null)
            text = pc.if_else(
                pa.array(null), pa.scalar(None, pa.string()), _dates_to_text(days, 0.1, rng)
            )
            cols[m[1]] = _Col(typed, text)


def _keep_valid(t: Any, cols: dict[str, _Col], want: int) -> Any:
    """Indexes (first ``want``) of candidate rows that keep the checks and a unique key."""
    import duckdb
    import pyarrow as pa

    n = len(next(iter(cols.values())).typed)
    table = pa.table(
        {**{k: c.typed for k, c in cols.items()}, "_i": pa.array(range(n), pa.int64())}
    )
    con = duckdb.connect()
    con.register("cand", table)
    where = " AND ".join(f"coalesce(({c.condition}), true)" for c in t.checks) or "true"
    sql = f"SELECT _i FROM cand WHERE {where}"
    if t.key:
        keys = ", ".join(f'"{k}"' for k in t.key)
        sql = (
            f"SELECT min(_i) AS _i FROM (SELECT _i, {keys} FROM cand WHERE {where}) GROUP BY {keys}"
        )
    idx = con.sql(f"SELECT _i FROM ({sql}) ORDER BY _i LIMIT {int(want)}").to_arrow_table()
    con.close()
    col = idx.column(0)
    if len(col) < want:
        raise RuntimeError(f"table {t.name}: only {len(col)} of {want} candidate rows are valid")
    return col


def _corrupt(
    t: Any, cols: dict[str, Any], rng: Any, fraction: float, parents_ok: bool
) -> tuple[dict[str, Any], Any, dict[str, int]]:
    """Make ``fraction`` of the rows invalid, one fault each. Returns the new text columns, the
    mask of invalid rows and the count per kind of fault."""
    import pyarrow as pa

    np = _np()
    n = len(next(iter(cols.values())))
    bad = np.zeros(n, dtype=bool)
    chosen = rng.choice(n, size=int(n * fraction), replace=False)
    edits: dict[str, dict[int, str | None]] = {k: {} for k in cols}

    class _Edit:
        """Row edits of one column, applied with ``replace_with_mask`` at the end."""

        def __init__(self, name: str) -> None:
            self.name = name

        def __getitem__(self, r: int) -> str | None:
            e = edits[self.name]
            return e[r] if r in e else cols[self.name][int(r)].as_py()

        def __setitem__(self, r: int, v: str | None) -> None:
            edits[self.name][int(r)] = v

    text = {k: _Edit(k) for k in cols}
    kinds: dict[str, int] = {}
    candidates = []
    for f in t.fields:
        if f.references and parents_ok:
            candidates.append((f, "reference"))
        if f.name in t.key:
            continue
        if f.type == "date":
            candidates.append((f, "date"))
        if f.type in ("integer", "decimal", "boolean", "rounded_count"):
            candidates.append((f, f.type))
        if f.type == "code":
            candidates.append((f, "code"))
        if f.required and not f.references:
            candidates.append((f, "required"))
        if f.type == "date" and f.max == "peildatum":
            candidates.append((f, "range"))
    if t.key:
        candidates.append((t.field(t.key[0]), "unique_key"))
    bad_dates = ["31-02-2024", "2024-13-45", "gisteren", "2024/99/01", "00-00-0000"]
    for r, kind_idx in zip(
        chosen.tolist(), rng.integers(0, len(candidates), size=len(chosen)).tolist(), strict=True
    ):
        f, kind = candidates[kind_idx]
        col = text[f.name]
        if kind == "date":
            col[r] = bad_dates[r % len(bad_dates)]
        elif kind == "integer":
            col[r] = ("ca. 30", "12a", "3,5", "dertig")[r % 4]
        elif kind == "decimal":
            col[r] = "n.v.t."
        elif kind == "boolean":
            col[r] = "misschien"
        elif kind == "rounded_count":
            col[r] = "ongeveer 20"
        elif kind == "code":
            col[r] = f"ONBEKEND{r % 7}" if not f.multi else (col[r] or "x") + "|onbekende_waarde"
        elif kind == "required":
            col[r] = None
        elif kind == "reference":
            col[r] = f"ZZ-NIET-BESTAAND-{r}"
        elif kind == "range":
            col[r] = (PEILDATUM + dt.timedelta(days=30 + r % 300)).isoformat()
        elif kind == "unique_key":
            other = (r + 1) % n
            for k in t.key:
                text[k][r] = text[k][other]
            bad[other] = True
        bad[r] = True
        kinds[kind] = kinds.get(kind, 0) + 1
    import pyarrow.compute as pc

    out = {}
    for k, arr in cols.items():
        e = edits[k]
        if not e:
            out[k] = arr
            continue
        rows = sorted(e)
        mask = np.zeros(n, dtype=bool)
        mask[rows] = True
        out[k] = pc.replace_with_mask(
            arr, pa.array(mask), pa.array([e[r] for r in rows], pa.string())
        )
    return out, bad, kinds


def _write_csv(path: Path, t: Any, text: dict[str, Any]) -> None:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    table = pa.table({f.name: text[f.name] for f in t.fields})
    tmp = path.with_suffix(".tmp")
    pcsv.write_csv(
        table,
        tmp,
        write_options=pcsv.WriteOptions(include_header=True, delimiter=";", quoting_style="none"),
    )  # no value holds ';', a quote or a line break, so nothing needs quoting
    tmp.replace(path)


def generate_source(source: str, rows: int, target: Path) -> dict[str, Any]:
    """Write a delivery of ``source`` with ``rows`` rows in all to ``target`` (file or folder)."""
    import pyarrow as pa

    from ketenmonitor.contracts import load_contract

    np = _np()
    contract = load_contract(source)
    rng = np.random.default_rng([SEED, sum(source.encode())])
    tables = contract.table_order()
    if len(tables) == 1:
        sizes = {tables[0].name: rows}
    else:
        share = {t.name: POLITIE_SPLIT.get(t.name, 0.0) for t in tables}
        if not all(share.values()) or abs(sum(share.values()) - 1) > 1e-9:
            share = {t.name: 1 / len(tables) for t in tables}
        sizes = {t.name: int(rows * share[t.name]) for t in tables}
        sizes[tables[-1].name] += rows - sum(sizes.values())
    parents: dict[str, Any] = {}
    info: dict[str, Any] = {"tables": {}}
    started = time.perf_counter()
    folder = target if contract.multi_table else None
    if folder is not None:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for t in tables:
        want = sizes[t.name]
        cols, _ = _generate_table(t, int(want * 1.15) + 100, rng, parents, 0)
        keep = _keep_valid(t, cols, want)
        cols = {k: _Col(c.typed.take(keep), c.text.take(keep)) for k, c in cols.items()}
        text, bad, kinds = _corrupt(
            t, {k: c.text for k, c in cols.items()}, rng, INVALID_FRACTION, bool(parents)
        )
        # children refer only to parent rows that stay valid
        good = pa.array(np.flatnonzero(~bad))
        parents[t.name] = {
            f.name: _ColRef(cols[f.name].typed.take(good), text[f.name].take(good))
            for f in t.fields
        }
        parents[t.name]["__len__"] = good
        path = (folder / f"{t.name}.csv") if folder is not None else target
        _write_csv(path, t, text)
        info["tables"][t.name] = {
            "rows": want,
            "invalid_rows_injected": int(bad.sum()),
            "faults": kinds,
            "bytes": path.stat().st_size,
        }
    info["seconds"] = round(time.perf_counter() - started, 1)
    return info


@dataclass
class _ColRef:
    typed: Any
    text: Any

    def __len__(self) -> int:
        return len(self.typed)

    def take(self, idx: Any) -> _ColRef:
        return _ColRef(self.typed.take(idx), self.text.take(idx))


def dataset(source: str, rows: int, regenerate: bool) -> tuple[Path, dict[str, Any]] | None:
    """The cached delivery of ``source`` (generated when missing or stale)."""
    from ketenmonitor.contracts import contract_names, load_contract

    if source not in contract_names():
        return None
    contract = load_contract(source)
    target = DATA / (f"{source}_{rows}" if contract.multi_table else f"{source}_{rows}.csv")
    meta_file = DATA / f"{source}_{rows}.json"
    contract_text = (ROOT / "src" / "ketenmonitor" / "contracts" / f"{source}.toml").read_text()
    stamp = {
        "generator": GENERATOR_VERSION,
        "seed": SEED,
        "rows": rows,
        "contract_sha": _sha(contract_text),
    }
    if not regenerate and target.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text())
        if meta.get("stamp") == stamp:
            return target, meta
    DATA.mkdir(parents=True, exist_ok=True)
    print(f"generating {rows:,} {source} rows -> {target.relative_to(ROOT)} ...", flush=True)
    info = generate_source(source, rows, target)
    meta = {"stamp": stamp, **info}
    meta_file.write_text(json.dumps(meta, indent=2))
    print(f"  done in {info['seconds']} s", flush=True)
    return target, meta


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:16]


# =====================================================================================
# children: one measured run each
# =====================================================================================


class _RssSampler:
    """Samples this process's resident memory; attributes the peak to the current label."""

    def __init__(self) -> None:
        self.label = "start"
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with open("/proc/self/statm") as fh:
                rss = int(fh.read().split()[1]) * self._page
            if rss > self.peaks.get(self.label, 0):
                self.peaks[self.label] = rss
            time.sleep(0.02)

    def __enter__(self) -> _RssSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def child_ingest(source: str, path: Path, home: Path, profile: bool) -> dict[str, Any]:
    from ketenmonitor.config import Workspace
    from ketenmonitor.sources import ingest as ingest_mod
    from ketenmonitor.sources.pseudonym import generate_key

    os.environ.pop("KETENMONITOR_KEY", None)
    home.mkdir(parents=True, exist_ok=True)
    ws = Workspace(home)
    generate_key(ws.key_file)
    phases: list[tuple[str, float]] = []
    sampler = _RssSampler()

    class Timing(ingest_mod.Progress):
        def start(self, description: str, total: int | None = None) -> None:
            phases.append((description, time.perf_counter()))
            sampler.label = description

    steps: list[dict[str, Any]] = []
    if profile:
        _instrument(ingest_mod, steps, sampler)
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
    sampler.label = "open, hash, code maps"
    with sampler:
        t0 = time.perf_counter()
        phases.append(("open, hash, code maps", t0))
        if prof:
            prof.enable()
        report = ingest_mod.ingest(ws, source, path, PEILDATUM, Timing())
        if prof:
            prof.disable()
        t1 = time.perf_counter()
    phase_times = []
    for i, (name, start) in enumerate(phases):
        end = phases[i + 1][1] if i + 1 < len(phases) else t1
        phase_times.append(
            {"phase": name, "seconds": round(end - start, 3), "peak_rss": sampler.peaks.get(name)}
        )
    out: dict[str, Any] = {
        "seconds": t1 - t0,
        "status": report.status,
        "message": report.message,
        "rows_read": report.rows_read,
        "rows_loaded": report.rows_loaded,
        "rows_quarantined": report.rows_quarantined,
        "rules": {tc.table: tc.rules for tc in report.tables},
        "phases": phase_times,
        "warehouse_bytes": ws.warehouse.stat().st_size if ws.warehouse.exists() else 0,
    }
    if profile:
        out["steps"] = steps
        import io
        import pstats

        buf = io.StringIO()
        assert prof is not None
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(35)
        out["cprofile_cumulative"] = buf.getvalue()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
        out["cprofile_tottime"] = buf.getvalue()
    return out


def _instrument(ingest_mod: Any, steps: list[dict[str, Any]], sampler: _RssSampler) -> None:
    """Time every SQL statement of the ingest (and the Python UDF) without touching src/."""
    base = ingest_mod.Warehouse

    class TimedCon:
        def __init__(self, con: Any) -> None:
            self._con = con

        def __getattr__(self, name: str) -> Any:
            return getattr(self._con, name)

        def _timed(self, kind: str, sql: str, *args: Any, **kw: Any) -> Any:
            label = re.sub(r"\s+", " ", sql)[:160]
            prev = sampler.label
            sampler.label = f"SQL {kind}: {label}"
            t0 = time.perf_counter()
            try:
                return getattr(self._con, kind)(sql, *args, **kw)
            finally:
                steps.append(
                    {
                        "sql": label,
                        "kind": kind,
                        "seconds": time.perf_counter() - t0,
                        "peak_rss": sampler.peaks.get(sampler.label, 0),
                    }
                )
                sampler.label = prev

        def execute(self, sql: str, *args: Any, **kw: Any) -> Any:
            return self._timed("execute", sql, *args, **kw)

        def executemany(self, sql: str, *args: Any, **kw: Any) -> Any:
            return self._timed("executemany", sql, *args, **kw)

    class TimedWarehouse(base):  # type: ignore[misc, valid-type]
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            self.con = TimedCon(self.con)

        def close(self) -> None:
            self.con._con.close()

    ingest_mod.Warehouse = TimedWarehouse

    def labelled(name: str, fn: Any) -> Any:
        def wrapper(*a: Any, **kw: Any) -> Any:
            prev = sampler.label
            sampler.label = f"Python: {name}"
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                steps.append(
                    {
                        "sql": f"(Python) {name}",
                        "kind": "python",
                        "seconds": time.perf_counter() - t0,
                        "peak_rss": sampler.peaks.get(sampler.label, 0),
                    }
                )
                sampler.label = prev

        return wrapper

    ingest_mod._archive = labelled(
        "_archive: read + Fernet-encrypt the delivery", ingest_mod._archive
    )
    ingest_mod.content_hash = labelled("content_hash", ingest_mod.content_hash)

    pseudo_calls = {"n": 0, "seconds": 0.0}
    original = ingest_mod.Pseudonymiser.__call__

    def timed_call(self: Any, value: str) -> str:
        pseudo_calls["n"] += 1
        return original(self, value)

    ingest_mod.Pseudonymiser.__call__ = timed_call
    steps.append(
        {
            "sql": "(pseudonym calls counter)",
            "kind": "meta",
            "counter": pseudo_calls,
            "seconds": 0.0,
        }
    )


def child_baseline(path: Path) -> dict[str, Any]:
    import duckdb

    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    t0 = time.perf_counter()
    rows = 0
    for i, f in enumerate(files):
        duckdb.sql(
            f"CREATE TABLE t{i} AS SELECT * FROM read_csv('{f}', delim=';', header=true, "
            "all_varchar=true)"
        )
        rows += duckdb.sql(f"SELECT count(*) FROM t{i}").fetchall()[0][0]
    return {"seconds": time.perf_counter() - t0, "rows_read": rows}


def child_main(argv: list[str]) -> None:
    if argv[0] == "machine":
        Path(argv[1]).write_text(json.dumps(machine()))
        return
    if argv[0] == "generate":
        source, rows, regenerate, out = argv[1], int(argv[2]), argv[3] == "1", argv[4]
        got = dataset(source, rows, regenerate)
        Path(out).write_text(json.dumps(None if got is None else [str(got[0]), got[1]]))
        return
    kind, source, path, out = argv[:4]
    if kind == "ingest":
        home = Path(argv[4])
        result = child_ingest(source, Path(path), home, profile="--profile" in argv)
    else:
        result = child_baseline(Path(path))
    Path(out).write_text(json.dumps(result, default=str))


# =====================================================================================
# parent: runs, statistics, report
# =====================================================================================


@dataclass
class Run:
    seconds: float
    process_seconds: float
    max_rss: int
    result: dict[str, Any] = field(default_factory=dict)


def run_child(args: list[str], workdir: Path, script: Path | None = None) -> Run:
    """Run ``script --child args[:3] <result.json> args[3:]`` in ``workdir``; its peak RSS is the
    child's own ``ru_maxrss`` (``os.wait4``). ``script`` defaults to this file."""
    out = workdir / "result.json"
    script = script or Path(__file__).resolve()
    cmd = [sys.executable, str(script), "--child", *args[:3], str(out), *args[3:]]
    t0 = time.perf_counter()
    with open(workdir / "child.log", "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=str(workdir))
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(
            f"child {args[0]} failed ({proc.returncode}):\n"
            + (workdir / "child.log").read_text()[-4000:]
        )
    result = json.loads(out.read_text())
    return Run(result["seconds"], wall, usage.ru_maxrss * 1024, result)


def in_child(args: list[str]) -> Any:
    """Run a preparatory step in a child, so that this parent process stays small: a child
    starts from a copy of it, and Linux counts that copy in the child's peak RSS."""
    with tempfile.TemporaryDirectory(prefix="bench-", dir=DATA) as tmp:
        out = Path(tmp) / "out.json"
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", *args, str(out)],
            check=True,
        )
        return json.loads(out.read_text())


def measure(source: str, path: Path, runs: int) -> dict[str, list[Run]]:
    """``runs`` ingests and ``runs`` baselines of one delivery, alternating."""
    out: dict[str, list[Run]] = {"ingest": [], "baseline": []}
    scratch = DATA / "runs"
    scratch.mkdir(parents=True, exist_ok=True)
    for i in range(runs):
        for kind in ("ingest", "baseline"):
            work = Path(tempfile.mkdtemp(prefix=f"{source}-{kind}-", dir=scratch))
            try:
                args = [kind, source, str(path)]
                if kind == "ingest":
                    args.append(str(work / "workspace"))
                r = run_child(args, work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            out[kind].append(r)
            print(
                f"  {source} {kind} run {i + 1}/{runs}: {r.seconds:6.1f} s "
                f"(process {r.process_seconds:5.1f} s), peak RSS {r.max_rss / 2**20:7.0f} MiB",
                flush=True,
            )
    return out


def profile_run(source: str, path: Path) -> dict[str, Any]:
    scratch = DATA / "runs"
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{source}-profile-", dir=scratch))
    try:
        r = run_child(["ingest", source, str(path), str(work / "workspace"), "--profile"], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    res = r.result
    res["max_rss"] = r.max_rss
    return res


def machine() -> dict[str, str]:
    import duckdb

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    con = duckdb.connect()
    threads, limit = con.execute(
        "SELECT current_setting('threads'), current_setting('memory_limit')"
    ).fetchone()  # type: ignore[misc]
    con.close()
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "affinity": str(len(os.sched_getaffinity(0))),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "duckdb_defaults": f"threads={threads}, memory_limit={limit}",
        "pyarrow": __import__("pyarrow").__version__,
    }


def _mib(b: float | None) -> str:
    if not b:
        return "-"
    return f"{b / 2**20:,.0f} MiB"


def summarise(source: str, meta: dict[str, Any], res: dict[str, list[Run]]) -> dict[str, Any]:
    ing, base = res["ingest"], res["baseline"]
    rows = ing[0].result["rows_read"]
    s = {
        "source": source,
        "rows": rows,
        "bytes": sum(t["bytes"] for t in meta["tables"].values()),
        "tables": meta["tables"],
        "ingest_s": statistics.median(r.seconds for r in ing),
        "ingest_all": [r.seconds for r in ing],
        "ingest_proc_s": statistics.median(r.process_seconds for r in ing),
        "ingest_rss": statistics.median(r.max_rss for r in ing),
        "ingest_rss_max": max(r.max_rss for r in ing),
        "base_s": statistics.median(r.seconds for r in base),
        "base_all": [r.seconds for r in base],
        "base_rss": statistics.median(r.max_rss for r in base),
        "status": ing[0].result["status"],
        "loaded": ing[0].result["rows_loaded"],
        "quarantined": ing[0].result["rows_quarantined"],
        "rules": ing[0].result["rules"],
        "phases": _median_phases([r.result["phases"] for r in ing]),
        "warehouse_bytes": ing[0].result["warehouse_bytes"],
    }
    s["rows_per_s"] = rows / s["ingest_s"]
    s["base_rows_per_s"] = base[0].result["rows_read"] / s["base_s"]
    s["ratio"] = s["ingest_s"] / s["base_s"]
    s["time_ok"] = s["ingest_s"] < TARGET_SECONDS
    s["rss_ok"] = s["ingest_rss_max"] < TARGET_RSS_BYTES
    return s


def _median_phases(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for i, p in enumerate(runs[0]):
        same = [r[i] for r in runs if len(r) > i and r[i]["phase"] == p["phase"]]
        out.append(
            {
                "phase": p["phase"],
                "seconds": statistics.median(x["seconds"] for x in same),
                "peak_rss": max((x.get("peak_rss") or 0) for x in same),
            }
        )
    return out


def write_doc(
    summaries: list[dict[str, Any]],
    skipped: list[str],
    runs: int,
    m: dict[str, str],
    profiles: dict[str, dict[str, Any]],
) -> None:
    today = dt.date.today().isoformat()
    ok = lambda b: "**pass**" if b else "**FAIL**"  # noqa: E731
    lines = [
        "## Ingestion of one million rows",
        "",
        "Generated by `python benchmarks/bench_ingest.py` "
        f"on {today}. Re-run it to refresh this section (the data are cached).",
        "",
        "### Machine",
        "",
        *machine_table(m, today),
        "",
        "### Method",
        "",
        "- **Data.** Synthetic deliveries generated from the contracts themselves "
        "(`benchmarks/bench_ingest.py`, vectorised with numpy/pyarrow, seed "
        f"{SEED}, cached in `benchmarks/.data/`): ';'-separated UTF-8 CSV with a header, values of "
        "the right type inside the contract's ranges, codes from its code lists (10% spelled as a "
        "label or alias), 10% of dates in Dutch `dd-mm-yyyy` spelling, multi-valued codes joined "
        f"by `|`, the checks and references kept. About {INVALID_FRACTION:.0%} of the rows "
        "carry one fault each (impossible date, unknown code, text in a number field, empty "
        "required field, date after the peildatum, duplicate key, dangling reference).",
        "- **Ingest.** `ketenmonitor.sources.ingest.ingest(ws, source, path, peildatum)` into a "
        "fresh workspace (new `warehouse.duckdb` and key) on the local disk: content hash, "
        "reading, validation, pseudonymisation, encrypted archive, one write transaction. "
        "Time = wall time of the `ingest()` call in the child process; *process* adds "
        "interpreter start and imports.",
        '- **Baseline.** DuckDB alone: `duckdb.sql("CREATE TABLE t AS SELECT * FROM '
        "read_csv(path, delim=';', header=true, all_varchar=true)\")` (in memory, no "
        "validation), per CSV file of the delivery.",
        f"- **Runs.** {runs} runs of each, alternating ingest and baseline, each in its own "
        "subprocess; the table gives the median time and the peak resident set size "
        "(`ru_maxrss` of that child from `os.wait4`, i.e. the whole Python process "
        "including the interpreter, pyarrow and DuckDB).",
        "",
        "### Results",
        "",
        "| delivery | rows | CSV size | ingest (median) | rows/s | peak RSS | "
        "baseline read_csv | ingest / baseline | loaded | quarantined |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        lines.append(
            f"| {s['source']} | {s['rows']:,} | {_mib(s['bytes'])} | {s['ingest_s']:.1f} s | "
            f"{s['rows_per_s']:,.0f} | {_mib(s['ingest_rss_max'])} | {s['base_s']:.2f} s "
            f"({_mib(s['base_rss'])}) | {s['ratio']:.0f}x | {s['loaded']:,} | "
            f"{s['quarantined']:,} |"
        )
    for name in skipped:
        lines.append(f"| {name} | skipped: {SKIP_REASON[name]} | | | | | | | | |")
    lines += [""]
    for s in summaries:
        lines.append(
            f"All runs of {s['source']}: ingest "
            + ", ".join(f"{x:.1f}" for x in s["ingest_all"])
            + " s (process median "
            + f"{s['ingest_proc_s']:.1f} s); baseline "
            + ", ".join(f"{x:.2f}" for x in s["base_all"])
            + f" s. Warehouse file after the ingest: {_mib(s['warehouse_bytes'])}."
        )
        lines.append("")
    lines += [
        "### Targets",
        "",
        "Targets for 1,000,000 rows on a 2-core machine: wall time under "
        f"{TARGET_SECONDS:.0f} s, peak memory under 2 GB (the worst run counts).",
        "",
        "| delivery | time < 60 s | peak memory < 2 GB |",
        "| --- | --- | --- |",
    ]
    for s in summaries:
        lines.append(
            f"| {s['source']} | {ok(s['time_ok'])} ({s['ingest_s']:.1f} s) | "
            f"{ok(s['rss_ok'])} ({_mib(s['ingest_rss_max'])}) |"
        )
    for name in skipped:
        lines.append(f"| {name} | not measured | not measured |")
    lines += [
        "",
        "### Where the time goes",
        "",
        "Median per phase of the ingest, as reported by its progress callbacks "
        "(peak RSS sampled every 20 ms during the phase). ingest() encrypts the archive copy "
        "(`_archive`) before it reports `writing snapshot`, so the phase `validating <last table>` "
        "includes the archive:",
        "",
    ]
    for s in summaries:
        lines += [
            f"**{s['source']}**",
            "",
            "| phase | seconds | peak RSS in phase |",
            "| --- | ---: | ---: |",
        ]
        for p in s["phases"]:
            lines.append(f"| {p['phase']} | {p['seconds']:.1f} | {_mib(p['peak_rss'])} |")
        lines.append("")
    for source, prof in profiles.items():
        steps = sorted(
            (x for x in prof["steps"] if x.get("kind") != "meta"),
            key=lambda x: -x["seconds"],
        )[:10]
        lines += [
            f"Slowest steps (SQL statements and Python helpers) of one instrumented "
            f"{source} ingest (total {prof['seconds']:.1f} s):",
            "",
            "| seconds | peak RSS during step | statement (start) |",
            "| ---: | ---: | --- |",
        ]
        for x in steps:
            sql = x["sql"].replace("|", "\\|")
            lines.append(f"| {x['seconds']:.1f} | {_mib(x.get('peak_rss') or 0)} | `{sql}` |")
        lines.append("")
    lines += [
        "### Re-running",
        "",
        "```sh",
        "python benchmarks/bench_ingest.py            # 3 runs of each; rewrites this section",
        "python benchmarks/bench_ingest.py --runs 5",
        "python benchmarks/bench_ingest.py --profile  # adds one instrumented run per source",
        "python benchmarks/bench_ingest.py --regenerate  # rebuild the cached data",
        "```",
        "",
        "The first run generates the data (about 1 GB of CSV text in memory while writing, "
        "a minute or two); later runs reuse `benchmarks/.data/` until the contract changes.",
        "",
    ]
    write_section("bench_ingest", lines)


DOC_HEADER = """# Performance

Written by the benchmark scripts in `benchmarks/`. Each script rewrites only its own section
(between `<!-- begin NAME -->` and `<!-- end NAME -->`) and keeps the rest of this page; each
section names the machine it was measured on.
"""


def machine_table(m: dict[str, str], today: str) -> list[str]:
    """The machine as a Markdown table (shared by the benchmark scripts)."""
    return [
        "| | |",
        "| --- | --- |",
        f"| CPU | {m['cpu']} |",
        f"| cores | {m['cores']} (usable by this process: {m['affinity']}) |",
        f"| memory | {m['memory']} |",
        f"| OS | {m['os']} |",
        f"| Python | {m['python']} |",
        f"| DuckDB | {m['duckdb']} ({m['duckdb_defaults']}) |",
        f"| pyarrow | {m['pyarrow']} |",
        f"| date | {today} |",
    ]


def write_section(name: str, lines: list[str], doc: Path = DOC) -> None:
    """Replace the section ``name`` of ``doc`` (between its begin/end markers) by ``lines``,
    keeping everything else; a section not yet on the page is appended."""
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    body = "\n".join([begin, "", *lines, "", end])
    text = doc.read_text() if doc.exists() else ""
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        new = head + body + rest.split(end, 1)[1]
    else:
        new = (
            (text.rstrip("\n") if text.strip() else DOC_HEADER.rstrip("\n")) + "\n\n" + body + "\n"
        )
    doc.parent.mkdir(parents=True, exist_ok=True)
    tmp = doc.with_suffix(".md.tmp")
    tmp.write_text(new)
    tmp.replace(doc)


SKIP_REASON: dict[str, str] = {}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows per delivery")
    ap.add_argument("--sources", default="comensha,politie")
    ap.add_argument("--regenerate", action="store_true", help="rebuild the cached data")
    ap.add_argument(
        "--profile",
        action="store_true",
        help="also one instrumented ingest per source (SQL step times, cProfile)",
    )
    ap.add_argument("--no-doc", action="store_true", help="do not rewrite docs/performance.md")
    args = ap.parse_args()

    DATA.mkdir(parents=True, exist_ok=True)
    m = in_child(["machine"])
    print(
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}, "
        f"DuckDB {m['duckdb']}",
        flush=True,
    )
    summaries, skipped, profiles = [], [], {}
    for source in args.sources.split(","):
        data = in_child(["generate", source, str(args.rows), "1" if args.regenerate else "0"])
        if data is None:
            SKIP_REASON[source] = f"contracts/{source}.toml does not exist yet"
            print(f"{source}: skipped ({SKIP_REASON[source]})", flush=True)
            skipped.append(source)
            continue
        path, meta = Path(data[0]), data[1]
        res = measure(source, path, args.runs)
        s = summarise(source, meta, res)
        summaries.append(s)
        print(
            f"{source}: ingest median {s['ingest_s']:.1f} s = {s['rows_per_s']:,.0f} rows/s, "
            f"peak RSS {_mib(s['ingest_rss_max'])}; baseline {s['base_s']:.2f} s; "
            f"ratio {s['ratio']:.0f}x; loaded {s['loaded']:,}, quarantined {s['quarantined']:,}",
            flush=True,
        )
        if args.profile:
            print(f"  profiling one {source} ingest ...", flush=True)
            prof = profile_run(source, path)
            profiles[source] = prof
            (DATA / f"profile_{source}.json").write_text(json.dumps(prof, indent=1, default=str))
            (DATA / f"profile_{source}.txt").write_text(
                prof["cprofile_cumulative"] + "\n\n" + prof["cprofile_tottime"]
            )
            print(f"  profile written to {(DATA / f'profile_{source}.txt').relative_to(ROOT)}")
    if not args.no_doc:
        write_doc(summaries, skipped, args.runs, m, profiles)
        print(f"wrote {DOC.relative_to(ROOT)}")
    (DATA / "last_results.json").write_text(
        json.dumps(
            {"machine": m, "summaries": summaries, "skipped": skipped}, indent=1, default=str
        )
    )


if __name__ == "__main__":
    main()

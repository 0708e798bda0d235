"""The dashboard as a Starlette application over the protected tables of one workspace.

Routes (all GET; every one reads through ``store.PublishedStore``, i.e. only the protected
cells of ``publicatie_cellen``):

- ``/``: the page. Query: ``lang`` (nl, en), ``year``, ``source``, ``form``, ``table``.
- ``/api/years``, ``/api/tables``, ``/api/tables/{id}``, ``/api/chain``: the same as JSON
  (``/api/chain``: the phases of the chain table ``dadermonitor.figuur_1`` with their flow
  percentages, or for a year where it is not built the Jaarcijfers totals, ``mode``).
- ``/download/{id}.csv`` and ``/download/{id}.xlsx``: a whole table as published.
- ``/static/...``: the page's script and style; ``/static/vega-bundle.js``: Vega, Vega-Lite
  and vega-embed from ``vl_convert.javascript_bundle`` (no network needed).
"""

from __future__ import annotations

import functools
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ketenmonitor.config import Workspace
from ketenmonitor.disclosure import ProtectedTable
from ketenmonitor.indicators.catalogue import CATALOGUE
from ketenmonitor.publish.i18n import LANGUAGES
from ketenmonitor.web import view
from ketenmonitor.web.store import NothingBuilt, PublishedStore, WarehouseBusy

HERE = Path(__file__).parent
STATIC = HERE / "static"

SECURITY_HEADERS = {
    # Everything comes from this server; Vega compiles its expressions with Function().
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


# --------------------------------------------------------------------------- the bundle

BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
"""What the bundle exposes to the page's script (the names vl-convert bundles)."""


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed in one script (exposes ``vegaEmbed`` on ``window``),
    for the Vega-Lite version Altair writes (``publish.charts``)."""
    import altair as alt
    import vl_convert as vlc

    wanted = ".".join(str(alt.SCHEMA_VERSION).lstrip("v").split(".")[:2])
    versions = vlc.get_vegalite_versions()
    return vlc.javascript_bundle(BUNDLE_SNIPPET, vl_version=wanted if wanted in versions else None)


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Query:
    lang: str
    year: int
    source: str
    form: str
    table: str


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "nl") or "nl"
    if lang not in LANGUAGES:
        raise HTTPException(400, f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


def _year(request: Request, store: PublishedStore) -> int:
    years = store.require_tables()
    raw = request.query_params.get("year", "")
    if not raw:
        return years[0]
    try:
        year = int(raw)
    except ValueError:
        raise HTTPException(400, f"year must be a number, not {raw!r}") from None
    if year not in years:
        built = ", ".join(str(y) for y in years)
        raise HTTPException(
            404,
            f"no tables built for {year} (built: {built}); "
            f"run `ketenmonitor build --year {year}` first",
        )
    return year


def _choice(request: Request, name: str, allowed: list[str]) -> str:
    value = request.query_params.get(name, "") or ""
    if value and value not in allowed:
        raise HTTPException(
            400, f"unknown {name} {value!r}: use one of {', '.join(allowed) or '(none)'}"
        )
    return value


def _query(request: Request, store: PublishedStore) -> Query:
    lang = _lang(request)
    year = _year(request, store)
    # any source of the catalogue; one without tables in this year offers none
    source = _choice(request, "source", sorted({view.source_of(s) for s in CATALOGUE}))
    form = _choice(request, "form", list(view.form_groups()))
    table = request.query_params.get("table", "") or ""
    if table:
        try:
            store.spec(table)
        except KeyError:
            raise HTTPException(
                404, f"unknown table {table!r}; /api/tables lists the tables of a year"
            ) from None
    return Query(lang, year, source, form, table)


# --------------------------------------------------------------------------- selection


@dataclass
class Selection:
    """The tables a filter choice offers (id -> the table as shown, restricted to the form
    when one is chosen) and how many tables of the source the form filter hid."""

    shown: dict[str, ProtectedTable]
    hidden: int


def select(store: PublishedStore, year: int, source: str, form: str) -> Selection:
    shown: dict[str, ProtectedTable] = {}
    hidden = 0
    for table_id in store.table_ids(year):
        if source and view.source_of(store.spec(table_id)) != source:
            continue
        table = store.table(table_id, year)
        if form:
            cut = view.restrict(table, form)
            if cut is None:
                hidden += 1
                continue
            table = cut
        shown[table_id] = table
    return Selection(shown, hidden)


def _chain_tables(store: PublishedStore, year: int) -> dict[str, ProtectedTable]:
    built = set(store.table_ids(year))
    ids = view.chain_tables() & built
    return {i: store.table(i, year) for i in ids}


# --------------------------------------------------------------------------- pages


@cache
def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = view.number_text
    env.filters["cell_text"] = view.cell_text
    return env


def _script_json(data: Any) -> str:
    """JSON safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _url(base: str, **params: object) -> str:
    from urllib.parse import urlencode

    clean = {k: v for k, v in params.items() if v not in ("", None)}
    return f"{base}?{urlencode(clean)}" if clean else base


def _flow_column() -> str:
    from ketenmonitor.indicators import keten

    return keten.COLUMNS[1][0]


def _chart(table: ProtectedTable, lang: str) -> dict[str, Any] | None:
    """The Vega-Lite spec of the publication's chart of ``table`` (None when the table has
    nothing to draw)."""
    from ketenmonitor.publish.charts import chart_spec

    try:
        return chart_spec(table, lang, title=False)
    except ValueError:
        return None


def render_page(store: PublishedStore, q: Query) -> str:
    lang = q.lang
    years = store.years()
    sel = select(store, q.year, q.source, q.form)
    current_id = q.table if q.table in sel.shown else next(iter(sel.shown), "")
    table = sel.shown.get(current_id)
    chart: dict[str, Any] | None = None
    filtered_note = ""
    if table is not None:
        chart = store.memo(
            ("chart", current_id, q.year, q.form, lang), functools.partial(_chart, table, lang)
        )
        if chart is not None:
            # vega-embed makes the description the chart's accessible name
            alt = view.w("chart_alt", lang, title=view.title_of(table, lang))
            chart = {**chart, "description": alt}
        if q.form:
            axis = view.form_axis(store.table(current_id, q.year))
            form_name = view.words(lang, "forms")[q.form]
            filtered_note = view.w(f"form_filtered_{axis}", lang, form=form_name)
    ch = view.chain(_chain_tables(store, q.year), q.year)
    chain_json: str | None = None
    if ch.table is not None:
        spec = store.memo(
            ("chain", q.year, lang), functools.partial(view.chain_figure_spec, ch.table, lang)
        )
        chain_json = _script_json(spec)
    elif ch.phases:
        chain_json = _script_json(view.chain_spec(ch.phases, lang, q.year))
    chain_table = None if ch.table is None else view.translated(ch.table, lang)
    chain_columns: list[str] = []  # the yearly average and the flow percentage, in ``lang``
    if ch.table is not None and chain_table is not None and ch.phases:
        chain_columns = [
            chain_table.column_labels[ch.table.column_labels.index(c)]
            for c in (ch.phases[0].column, _flow_column())
            if c in ch.table.column_labels
        ]
    all_ids = store.table_ids(q.year)
    sources = sorted({view.source_of(store.spec(i)) for i in all_ids} | {q.source} - {""})
    other = "en" if lang == "nl" else "nl"
    params = {"year": q.year, "source": q.source, "form": q.form, "table": current_id}
    context = {
        "lang": lang,
        "w": lambda key, **kw: view.w(key, lang, **kw),
        "q": q,
        "years": years,
        "sources": [(s, view.source_label(s, lang)) for s in sources],
        "forms": list(view.words(lang, "forms").items()),
        "options": [(i, view.title_of(t, lang)) for i, t in sel.shown.items()],
        "hidden": sel.hidden if q.form else 0,
        "current_id": current_id,
        "table": None if table is None else view.translated(table, lang),
        "title": "" if table is None else view.title_of(table, lang),
        "footnote": "" if table is None else view.footnote(store.table(current_id, q.year), lang),
        "filtered_note": filtered_note,
        "chart_json": None if chart is None else _script_json(chart),
        "flag_word": lambda cell: view.flag_word(cell, lang),
        "chain_mode": ch.mode,
        "phases": [
            {
                "key": p.key,
                "name": ch.name(p, lang),
                "cell": p.cell,
                "flow": p.flow,
                "from": view.title_of(store.spec(p.table_id), lang),
                "table_id": p.table_id,
            }
            for p in ch.phases
        ],
        "chain_missing": ", ".join(ch.missing_names(lang)),
        "chain_json": chain_json,
        "chain_table": chain_table,
        "chain_period": "" if ch.table is None else view.period_of(ch.table),
        "chain_footnote": "" if ch.table is None else view.footnote(ch.table, lang),
        "chain_link": ""
        if ch.table is None
        else _url("/", lang=lang, year=q.year, table=ch.table.id),
        "chain_columns": chain_columns,
        "all_tables": [
            (
                i,
                view.title_of(store.spec(i), lang),
                view.source_label(view.source_of(store.spec(i)), lang),
            )
            for i in all_ids
        ],
        "other_lang": other,
        "other_lang_url": _url("/", lang=other, **params),
        "download": lambda table_id, fmt: _url(
            f"/download/{table_id}.{fmt}", year=q.year, lang=lang
        ),
    }
    return _templates().get_template("dashboard.html").render(**context)


# --------------------------------------------------------------------------- app


def create_app(ws: Workspace) -> Starlette:
    """The dashboard over the protected tables of workspace ``ws``."""
    store = PublishedStore(ws)

    def handler(
        fn: Callable[[Request], Response],
    ) -> Callable[[Request], Response]:
        def run(request: Request) -> Response:
            try:
                response = fn(request)
            except NothingBuilt as exc:
                raise HTTPException(404, str(exc)) from None
            except WarehouseBusy as exc:
                raise HTTPException(503, str(exc)) from None
            response.headers.update(SECURITY_HEADERS)
            return response

        return run

    @handler
    def page(request: Request) -> Response:
        q = _query(request, store)
        return HTMLResponse(render_page(store, q))

    @handler
    def api_years(request: Request) -> Response:
        return JSONResponse({"years": store.years()})

    @handler
    def api_tables(request: Request) -> Response:
        q = _query(request, store)
        sel = select(store, q.year, q.source, q.form)
        return JSONResponse(
            {
                "year": q.year,
                "hidden": sel.hidden,
                "tables": [
                    {
                        "id": i,
                        "title": view.title_of(t, q.lang),
                        "source": view.source_of(store.spec(i)),
                        "form_axis": view.form_axis(store.table(i, q.year)),
                    }
                    for i, t in sel.shown.items()
                ],
            }
        )

    def _one(request: Request) -> tuple[Query, ProtectedTable]:
        table_id = request.path_params["table_id"]
        q = _query(request, store)
        try:
            store.spec(table_id)
            table = store.table(table_id, q.year)
        except KeyError as exc:
            raise HTTPException(404, f"{exc.args[0]}; /api/tables lists the tables") from None
        if q.form:
            cut = view.restrict(table, q.form)
            if cut is None:
                raise HTTPException(404, f"{table_id} has no breakdown by form {q.form!r}")
            table = cut
        return q, table

    @handler
    def api_table(request: Request) -> Response:
        q, table = _one(request)
        return JSONResponse(view.table_json(table, q.lang))

    @handler
    def api_chain(request: Request) -> Response:
        q = _query(request, store)
        ch = view.chain(_chain_tables(store, q.year), q.year)
        if ch.table is not None:
            period = view.period_of(ch.table)
            note = view.w("chain_figure_note", q.lang, period=period)
        else:
            period, note = "", view.w("chain_note", q.lang)
        return JSONResponse(
            {
                "year": q.year,
                "mode": ch.mode,
                "table": None if ch.table is None else ch.table.id,
                "period": period,
                "note": note,
                "phases": [
                    {
                        "key": p.key,
                        "label": ch.name(p, q.lang),
                        "table": p.table_id,
                        "row": p.row,
                        "column": p.column,
                        "text": p.cell.text,
                        "value": p.cell.number,
                        "flag": p.cell.flag,
                        "flow": None
                        if p.flow is None
                        else {"text": p.flow.text, "value": p.flow.number, "flag": p.flow.flag},
                    }
                    for p in ch.phases
                ],
                "missing": ch.missing,
            }
        )

    @handler
    def download(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "xlsx"):
            raise HTTPException(404, f"no download as {fmt!r}: use .csv or .xlsx")
        if request.query_params.get("form"):
            raise HTTPException(400, "a download is the whole table: leave out form")
        q, table = _one(request)
        name = f"{table.id}_{q.year}_{q.lang}.{fmt}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if fmt == "csv":
            return Response(
                view.csv_bytes(table, q.lang),
                media_type="text/csv; charset=utf-8",
                headers=headers,
            )
        return Response(
            view.xlsx_bytes(table, q.lang),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers=headers,
        )

    @handler
    def bundle(request: Request) -> Response:
        return Response(
            vega_bundle(),
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    async def on_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith(("/api/", "/download/")):
            response: Response = JSONResponse(
                {"error": exc.detail, "status": exc.status_code}, status_code=exc.status_code
            )
        else:
            lang = request.query_params.get("lang", "nl")
            lang = lang if lang in LANGUAGES else "nl"
            html = (
                _templates()
                .get_template("error.html")
                .render(
                    lang=lang,
                    w=lambda key, **kw: view.w(key, lang, **kw),
                    status=exc.status_code,
                    detail=exc.detail,
                )
            )
            response = HTMLResponse(html, status_code=exc.status_code)
        response.headers.update(SECURITY_HEADERS)
        return response

    def warm() -> None:
        """Read the tables of the newest year once, so the first page is quick."""
        try:
            years = store.years()
            for table_id in store.table_ids(years[0]) if years else ():
                store.table(table_id, years[0])
        except (NothingBuilt, WarehouseBusy):
            pass  # the page will say so

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        import anyio.to_thread

        await anyio.to_thread.run_sync(vega_bundle)  # ready before the first page asks
        await anyio.to_thread.run_sync(warm)
        yield

    routes = [
        Route("/", page),
        Route("/api/years", api_years),
        Route("/api/tables", api_tables),
        Route("/api/tables/{table_id}", api_table),
        Route("/api/chain", api_chain),
        Route("/download/{table_id}.{fmt}", download),
        Route("/static/vega-bundle.js", bundle),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: on_error},
        lifespan=lifespan,
    )
    app.state.store = store
    return app

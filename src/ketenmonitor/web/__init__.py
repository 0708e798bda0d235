"""The dashboard: ``ketenmonitor serve`` starts a local web application over the protected
tables of the workspace (docs/dashboard.md).

- ``store.py``: the only access to the warehouse: the protected cells of
  ``publicatie_cellen``, through ``indicators.build.stored_table``;
- ``view.py``: filters (year, source, form of trafficking), the chain figure, downloads, the
  dashboard's words (``i18n/nl.toml``, ``i18n/en.toml``) and settings (``dashboard.toml``);
- ``app.py``: the Starlette application (``create_app``): the page, a JSON API and the
  downloads; ``templates/`` and ``static/`` hold the page, its script and its style; Vega,
  Vega-Lite and vega-embed are served from ``vl_convert.javascript_bundle``, so it works
  offline;
- ``cli.py``: the ``serve`` command (uvicorn).
"""

from __future__ import annotations

from ketenmonitor.web.app import create_app

__all__ = ["create_app"]

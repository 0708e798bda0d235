"""Publication: the annual figures as a report (HTML, PDF), a workbook (XLSX) and open data
(CSV + Frictionless data package), from the protected tables only.

Everything here reads ``ProtectedTable``s as ``indicators.build`` stored them (the warehouse
table ``publicatie_cellen``), never microdata:

- ``i18n``: the translation lookup (``t`` for the report's own words, ``label`` for the labels
  of tables, from the code lists and ``i18n/<lang>.toml``);
- ``charts``: a Vega-Lite chart of a protected table (``chart_spec``), via Altair;
- ``tables``: which built tables a publication has, read from the warehouse, and where each
  goes in the report (``sections.toml``);
- ``text``: number formatting and the generated headlines (``headlines.toml``);
- ``workbook``, ``opendata``, ``report``: the formats; ``cli``: ``ketenmonitor report``.
"""

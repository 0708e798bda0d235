"""Write src/ketenmonitor/contracts/codelists/land.csv from ISO 3166 (pycountry).

Countries are coded ISO 3166-1 alpha-2 (current states, under the short Dutch name where the ISO
name is long, e.g. Venezuela) and ISO 3166-3 alpha-4 (former states,
such as YUCS Joegoslavië and SUHH Sovjet-Unie, which older registrations still carry), with Dutch
and English names; the alpha-3 code and other English spellings are accepted as aliases. Two
codes after ICAO Doc 9303 complete the list: XXA (statenloos, stateless) and XXX (onbekend).

Run: python scripts/make_country_codelist.py   (needs: pip install pycountry)
"""

import csv
import gettext
from pathlib import Path

import pycountry

EXTRA_ALIASES = {
    "YUCS": ["Joegoslavië", "Yugoslavia"],
    "SUHH": ["Sovjet-Unie", "Soviet Union"],
    "CSHH": ["Tsjechoslowakije", "Czechoslovakia"],
    "DDDE": ["DDR", "Oost-Duitsland", "East Germany"],
    "CSXX": ["Servië-Montenegro"],
}
SHORT_NL = {
    # the short Dutch names publications use (Jaarcijfers Tabel 1: "Venezuela"); the ISO
    # name stays accepted as an alias
    "BO": "Bolivia",
    "CD": "Democratische Republiek Congo",
    "KP": "Noord-Korea",
    "KR": "Zuid-Korea",
    "LA": "Laos",
    "MD": "Moldavië",
    "PS": "Palestina",
    "VA": "Vaticaanstad",
    "VE": "Venezuela",
    "VG": "Britse Maagdeneilanden",
    "VI": "Amerikaanse Maagdeneilanden",
}
OUT = Path(__file__).parents[1] / "src/ketenmonitor/contracts/codelists/land.csv"


def main() -> None:
    nl1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    nl3 = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["nl"])
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        aliases = [c.alpha_3]
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and v != c.name:
                aliases.append(v)
        iso_nl = nl1.gettext(c.name)
        short = SHORT_NL.get(c.alpha_2, iso_nl)
        if short != iso_nl:
            aliases.append(iso_nl)
        rows.append([c.alpha_2, short, c.name, "|".join(aliases), "ISO 3166-1"])
    for c in sorted(pycountry.historic_countries, key=lambda c: c.alpha_4):
        rows.append(
            [
                c.alpha_4,
                nl3.gettext(c.name),
                c.name,
                "|".join(dict.fromkeys([c.alpha_3, *EXTRA_ALIASES.get(c.alpha_4, [])])),
                f"ISO 3166-3, former state (withdrawn {getattr(c, 'withdrawal_date', '')})",
            ]
        )
    rows.append(["XXA", "Statenloos", "Stateless", "", "ICAO Doc 9303"])
    rows.append(["XXX", "Onbekend", "Unknown", "onb|unknown", "ICAO Doc 9303 (unspecified)"])
    # a label used by two entries (a former and a current state) stays with the current state
    seen: set[str] = set()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# Countries (nationality, country of birth, recruitment, exploitation): "
            "ISO 3166-1 alpha-2, former states ISO 3166-3 alpha-4\n"
        )
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "label_nl", "label_en", "aliases", "note"])
        for code, nl, en, aliases, note in rows:
            spellings = [s.lower() for s in (code, nl, en, *aliases.split("|")) if s]
            keep = [s for s in aliases.split("|") if s and s.lower() not in seen]
            if nl.lower() in seen:
                nl = f"{nl} (voormalig)"
            if en.lower() in seen:
                en = f"{en} (former)"
            seen.update(spellings)
            w.writerow([code, nl, en, "|".join(keep), note])


if __name__ == "__main__":
    main()

"""A calibrated synthetic police (CBS/BVH) delivery for the Dadermonitor mensenhandel 2015-2019,
chapter 3 'Signalering' (../shared/seeds/000_4e969fc2f04dad69.txt, lines 3560-4330).

Built by direct construction plus two small integer programs (scipy.optimize.milp): the exact
counts per year and form are chosen so that every cell of Figuur 3.2 and 3.5 rounds to the
published value (CBS rounds to fives, appendix B1.3.3); the police unit of each incident comes
from an integer program whose constraints are the rounded cells of Figuur 3.3; the aangifte flag
from one whose constraints are Figuur 3.5; the pleeggemeente reproduces the exact counts of
Tabel 3.2 and the classes of Tabel B2.1 (with 447 incidents without pleeggemeente, note 1 of
Tabel B2.1); the other offences give every cell of Tabel 3.1 (``OVERIGE_FEITEN``) and the suspects
per year follow Figuur 3.1's text (``VERDACHTEN_PER_JAAR``). Format: SPSS .sav per table in a ZIP
(contract politie).
"""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from ketenmonitor.contracts import load_contract
from ketenmonitor.synth import _write_sav
from ketenmonitor.synth.daders import Doel, traits
from ketenmonitor.synth.reference import gemeenten_2019

YEARS = (2015, 2016, 2017, 2018, 2019)
FORMS4 = ("sx", "ar", "cr", "onb")
DEFAULT_SEED = 3420

INCIDENTS: dict[int, dict[str, int]] = {
    2015: {"F5293": 409, "F565": 2, "F564": 0, "F563": 2, "F562": 1, "F561": 28},
    2016: {"F5293": 31, "F565": 48, "F564": 1, "F563": 29, "F562": 42, "F561": 422},
    2017: {"F5293": 0, "F565": 48, "F564": 0, "F563": 28, "F562": 42, "F561": 482},
    2018: {"F5293": 0, "F565": 64, "F564": 1, "F563": 35, "F562": 50, "F561": 614},
    2019: {"F5293": 0, "F565": 79, "F564": 1, "F563": 147, "F562": 59, "F561": 757},
}
"""Exact incidents per report year and trafficking code (each incident one code). Rounded to
fives they give Figuur 3.2 (F565 and F564 together as 'Overige uitbuiting'), its totals and
Figuur 3.5's totals; 3,422 in all ('3.420'). F564: three incidents (B1.3, line 9420)."""

FORM4 = {"F561": "sx", "F562": "ar", "F563": "cr", "F5293": "onb", "F565": "onb", "F564": "onb"}

UNITS = ("onbekend", "MN", "LB", "NH", "ZWB", "RT", "DH", "OB", "NN", "AM", "ON")
FIG_3_3_YEARS = {
    "onbekend": (40, 60, 90, 120, 135), "MN": (30, 45, 35, 35, 50), "LB": (15, 20, 30, 45, 85),
    "NH": (25, 35, 30, 40, 110), "ZWB": (35, 40, 40, 60, 80), "RT": (40, 55, 60, 50, 55),
    "DH": (40, 65, 55, 40, 70), "OB": (30, 45, 40, 75, 80), "NN": (40, 40, 65, 80, 135),
    "AM": (75, 90, 65, 90, 85), "ON": (75, 80, 90, 120, 160),
}  # fmt: skip
"""Figuur 3.3 per unit and year (Noord-Holland 2016 printed '32': read as 35, see the fixture)."""
FIG_3_3_FORMS = {
    "onbekend": (335, 15, 35, 65), "MN": (125, 15, 10, 45), "LB": (140, 10, 20, 30),
    "NH": (155, 20, 30, 35), "ZWB": (170, 10, 20, 55), "RT": (195, 15, 5, 50),
    "DH": (175, 20, 20, 55), "OB": (195, 15, 10, 55), "NN": (210, 30, 30, 85),
    "AM": (255, 25, 25, 95), "ON": (350, 30, 30, 120),
}  # fmt: skip
FIG_3_3_KNOWN_YEARS = (400, 515, 510, 640, 905)
FIG_3_3_KNOWN_FORMS = (1970, 180, 205, 620)
AANGIFTE_YEARS = (105, 150, 175, 270, 375)
AANGIFTE_FORMS = (755, 45, 95, 180)
GEEN_AANGIFTE_YEARS = (335, 420, 425, 495, 665)
GEEN_AANGIFTE_FORMS = (1550, 145, 150, 505)
"""Figuur 3.5 (forms: seksueel, arbeid, crimineel, onbekend)."""

TABEL_3_2 = {
    "Amsterdam": (74, 85, 61, 87, 81), "’s-Gravenhage": (30, 39, 37, 31, 44),
    "Rotterdam": (26, 38, 35, 33, 41), "Arnhem": (22, 18, 31, 33, 36),
    "Leeuwarden": (11, 5, 9, 33, 59), "Eindhoven": (14, 19, 20, 30, 19),
    "Breda": (11, 9, 16, 18, 30), "Groningen": (13, 6, 22, 18, 22),
    "Den Helder": (1, 0, 0, 5, 58), "Utrecht": (9, 13, 13, 17, 13),
}  # fmt: skip
"""Tabel 3.2, exact (Den Helder's three '<5' are 1, 0, 0: its total 64 leaves 1)."""
ONBEKENDE_GEMEENTE = (58, 75, 78, 100, 136)
"""Incidents without pleeggemeente per year: 447 in all (Tabel B2.1, note 1)."""
B2_1_KLASSEN: tuple[tuple[str, str], ...] = (
    ("Aa en Hunze", "minder dan 10"),
    ("Aalsmeer", "minder dan 10"),
    ("Aalten", "minder dan 10"),
    ("Achtkarspelen", "minder dan 10"),
    ("Alblasserdam", "minder dan 10"),
    ("Albrandswaard", "minder dan 10"),
    ("Alkmaar", "30 tot 50"),
    ("Almelo", "10 tot 20"),
    ("Almere", "20 tot 30"),
    ("Alphen aan den Rijn", "10 tot 20"),
    ("Alphen-Chaam", "minder dan 10"),
    ("Altena", "minder dan 10"),
    ("Ameland", "minder dan 10"),
    ("Amersfoort", "20 tot 30"),
    ("Amstelveen", "minder dan 10"),
    ("Amsterdam", "meer dan 100"),
    ("Apeldoorn", "30 tot 50"),
    ("Appingedam", "minder dan 10"),
    ("Arnhem", "meer dan 100"),
    ("Assen", "minder dan 10"),
    ("Asten", "minder dan 10"),
    ("Baarle-Nassau", "minder dan 10"),
    ("Baarn", "minder dan 10"),
    ("Barendrecht", "minder dan 10"),
    ("Barneveld", "minder dan 10"),
    ("Beek", "minder dan 10"),
    ("Beekdaelen", "minder dan 10"),
    ("Beemster", "minder dan 10"),
    ("Beesel", "minder dan 10"),
    ("Berg en Dal", "minder dan 10"),
    ("Bergeijk", "minder dan 10"),
    ("Bergen (L.)", "minder dan 10"),
    ("Bergen (NH.)", "minder dan 10"),
    ("Bergen op Zoom", "minder dan 10"),
    ("Berkelland", "minder dan 10"),
    ("Bernheze", "minder dan 10"),
    ("Best", "minder dan 10"),
    ("Beuningen", "minder dan 10"),
    ("Beverwijk", "minder dan 10"),
    ("Bladel", "minder dan 10"),
    ("Blaricum", "minder dan 10"),
    ("Bloemendaal", "minder dan 10"),
    ("Bodegraven-Reeuwijk", "minder dan 10"),
    ("Boekel", "minder dan 10"),
    ("Borger-Odoorn", "minder dan 10"),
    ("Borne", "10 tot 20"),
    ("Borsele", "minder dan 10"),
    ("Boxmeer", "20 tot 30"),
    ("Boxtel", "minder dan 10"),
    ("Breda", "50 tot 100"),
    ("Brielle", "minder dan 10"),
    ("Bronckhorst", "minder dan 10"),
    ("Brummen", "minder dan 10"),
    ("Brunssum", "minder dan 10"),
    ("Bunnik", "minder dan 10"),
    ("Bunschoten", "minder dan 10"),
    ("Buren", "minder dan 10"),
    ("Capelle aan den IJssel", "10 tot 20"),
    ("Castricum", "minder dan 10"),
    ("Coevorden", "minder dan 10"),
    ("Cranendonck", "20 tot 30"),
    ("Cuijk", "minder dan 10"),
    ("Culemborg", "minder dan 10"),
    ("Dalfsen", "minder dan 10"),
    ("Dantumadiel", "minder dan 10"),
    ("De Bilt", "minder dan 10"),
    ("De Fryske Marren", "minder dan 10"),
    ("De Ronde Venen", "minder dan 10"),
    ("De Wolden", "minder dan 10"),
    ("Delft", "minder dan 10"),
    ("Delfzijl", "minder dan 10"),
    ("Den Helder", "50 tot 100"),
    ("Deurne", "minder dan 10"),
    ("Deventer", "minder dan 10"),
    ("Diemen", "minder dan 10"),
    ("Dinkelland", "minder dan 10"),
    ("Doesburg", "minder dan 10"),
    ("Doetinchem", "minder dan 10"),
    ("Dongen", "minder dan 10"),
    ("Dordrecht", "minder dan 10"),
    ("Drechterland", "minder dan 10"),
    ("Drimmelen", "minder dan 10"),
    ("Dronten", "10 tot 20"),
    ("Druten", "minder dan 10"),
    ("Duiven", "minder dan 10"),
    ("Echt-Susteren", "minder dan 10"),
    ("Edam-Volendam", "minder dan 10"),
    ("Ede", "10 tot 20"),
    ("Eemnes", "minder dan 10"),
    ("Eersel", "minder dan 10"),
    ("Eijsden-Margraten", "10 tot 20"),
    ("Eindhoven", "meer dan 100"),
    ("Elburg", "minder dan 10"),
    ("Emmen", "minder dan 10"),
    ("Enkhuizen", "minder dan 10"),
    ("Enschede", "30 tot 50"),
    ("Epe", "minder dan 10"),
    ("Ermelo", "minder dan 10"),
    ("Etten-Leur", "minder dan 10"),
    ("Geertruidenberg", "minder dan 10"),
    ("Geldrop-Mierlo", "minder dan 10"),
    ("Gemert-Bakel", "minder dan 10"),
    ("Gennep", "minder dan 10"),
    ("Gilze en Rijen", "minder dan 10"),
    ("Goeree-Overflakkee", "minder dan 10"),
    ("Goes", "20 tot 30"),
    ("Goirle", "minder dan 10"),
    ("Gooise Meren", "minder dan 10"),
    ("Gorinchem", "minder dan 10"),
    ("Gouda", "minder dan 10"),
    ("Grave", "10 tot 20"),
    ("Groningen", "50 tot 100"),
    ("Gulpen-Wittem", "minder dan 10"),
    ("Haaksbergen", "minder dan 10"),
    ("Haaren", "minder dan 10"),
    ("Haarlem", "20 tot 30"),
    ("Haarlemmermeer", "20 tot 30"),
    ("Halderberge", "minder dan 10"),
    ("Hardenberg", "10 tot 20"),
    ("Harderwijk", "30 tot 50"),
    ("Hardinxveld-Giessendam", "minder dan 10"),
    ("Harlingen", "minder dan 10"),
    ("Hattem", "minder dan 10"),
    ("Heemskerk", "minder dan 10"),
    ("Heemstede", "minder dan 10"),
    ("Heerde", "minder dan 10"),
    ("Heerenveen", "minder dan 10"),
    ("Heerhugowaard", "20 tot 30"),
    ("Heerlen", "30 tot 50"),
    ("Heeze-Leende", "minder dan 10"),
    ("Heiloo", "minder dan 10"),
    ("Hellendoorn", "minder dan 10"),
    ("Hellevoetsluis", "minder dan 10"),
    ("Helmond", "20 tot 30"),
    ("Hendrik-Ido-Ambacht", "minder dan 10"),
    ("Hengelo", "10 tot 20"),
    ("Het Hogeland", "minder dan 10"),
    ("Heumen", "minder dan 10"),
    ("Heusden", "minder dan 10"),
    ("Hillegom", "minder dan 10"),
    ("Hilvarenbeek", "minder dan 10"),
    ("Hilversum", "minder dan 10"),
    ("Hoeksche Waard", "minder dan 10"),
    ("Hof van Twente", "minder dan 10"),
    ("Hollands Kroon", "minder dan 10"),
    ("Hoogeveen", "minder dan 10"),
    ("Hoorn", "minder dan 10"),
    ("Horst aan de Maas", "minder dan 10"),
    ("Houten", "minder dan 10"),
    ("Huizen", "minder dan 10"),
    ("Hulst", "minder dan 10"),
    ("IJsselstein", "minder dan 10"),
    ("Kaag en Braassem", "minder dan 10"),
    ("Kampen", "minder dan 10"),
    ("Kapelle", "minder dan 10"),
    ("Katwijk", "minder dan 10"),
    ("Kerkrade", "minder dan 10"),
    ("Koggenland", "minder dan 10"),
    ("Krimpen aan den IJssel", "minder dan 10"),
    ("Krimpenerwaard", "minder dan 10"),
    ("Laarbeek", "minder dan 10"),
    ("Landerd", "minder dan 10"),
    ("Landgraaf", "minder dan 10"),
    ("Landsmeer", "minder dan 10"),
    ("Langedijk", "minder dan 10"),
    ("Lansingerland", "minder dan 10"),
    ("Laren", "minder dan 10"),
    ("Leeuwarden", "meer dan 100"),
    ("Leiden", "10 tot 20"),
    ("Leiderdorp", "minder dan 10"),
    ("Leidschendam-Voorburg", "minder dan 10"),
    ("Lelystad", "minder dan 10"),
    ("Leudal", "30 tot 50"),
    ("Leusden", "minder dan 10"),
    ("Lingewaard", "minder dan 10"),
    ("Lisse", "minder dan 10"),
    ("Lochem", "minder dan 10"),
    ("Loon op Zand", "minder dan 10"),
    ("Lopik", "minder dan 10"),
    ("Loppersum", "minder dan 10"),
    ("Losser", "minder dan 10"),
    ("Maasdriel", "minder dan 10"),
    ("Maasgouw", "minder dan 10"),
    ("Maassluis", "minder dan 10"),
    ("Maastricht", "10 tot 20"),
    ("Medemblik", "minder dan 10"),
    ("Meerssen", "minder dan 10"),
    ("Meierijstad", "minder dan 10"),
    ("Meppel", "minder dan 10"),
    ("Middelburg", "20 tot 30"),
    ("Midden Groningen", "minder dan 10"),
    ("Midden-Delfland", "minder dan 10"),
    ("Midden-Drenthe", "minder dan 10"),
    ("Mill en Sint Hubert", "minder dan 10"),
    ("Moerdijk", "minder dan 10"),
    ("Molenlanden", "minder dan 10"),
    ("Montferland", "minder dan 10"),
    ("Montfoort", "minder dan 10"),
    ("Mook en Middelaar", "minder dan 10"),
    ("Neder-Betuwe", "minder dan 10"),
    ("Nederweert", "minder dan 10"),
    ("Nieuwegein", "minder dan 10"),
    ("Nieuwkoop", "minder dan 10"),
    ("Nijkerk", "minder dan 10"),
    ("Nijmegen", "30 tot 50"),
    ("Nissewaard", "minder dan 10"),
    ("Noardeast-Fryslân", "minder dan 10"),
    ("Noord-Beveland", "minder dan 10"),
    ("Noordenveld", "minder dan 10"),
    ("Noordoostpolder", "minder dan 10"),
    ("Noordwijk", "minder dan 10"),
    ("Nuenen, Gerwen en Nederwetten", "minder dan 10"),
    ("Nunspeet", "minder dan 10"),
    ("Oegstgeest", "minder dan 10"),
    ("Oirschot", "minder dan 10"),
    ("Oisterwijk", "minder dan 10"),
    ("Oldambt", "minder dan 10"),
    ("Oldebroek", "minder dan 10"),
    ("Oldenzaal", "minder dan 10"),
    ("Olst-Wijhe", "minder dan 10"),
    ("Ommen", "minder dan 10"),
    ("Oost Gelre", "minder dan 10"),
    ("Oosterhout", "minder dan 10"),
    ("Ooststellingwerf", "minder dan 10"),
    ("Oostzaan", "minder dan 10"),
    ("Opmeer", "minder dan 10"),
    ("Opsterland", "minder dan 10"),
    ("Oss", "10 tot 20"),
    ("Oude IJsselstreek", "minder dan 10"),
    ("Ouder-Amstel", "minder dan 10"),
    ("Oudewater", "minder dan 10"),
    ("Overbetuwe", "minder dan 10"),
    ("Papendrecht", "minder dan 10"),
    ("Peel en Maas", "minder dan 10"),
    ("Pekela", "minder dan 10"),
    ("Pijnacker-Nootdorp", "minder dan 10"),
    ("Purmerend", "minder dan 10"),
    ("Putten", "minder dan 10"),
    ("Raalte", "minder dan 10"),
    ("Reimerswaal", "minder dan 10"),
    ("Renkum", "minder dan 10"),
    ("Renswoude", "minder dan 10"),
    ("Reusel-De Mierden", "minder dan 10"),
    ("Rheden", "minder dan 10"),
    ("Rhenen", "minder dan 10"),
    ("Ridderkerk", "minder dan 10"),
    ("Rijssen-Holten", "minder dan 10"),
    ("Rijswijk", "10 tot 20"),
    ("Roerdalen", "minder dan 10"),
    ("Roermond", "10 tot 20"),
    ("Roosendaal", "minder dan 10"),
    ("Rotterdam", "meer dan 100"),
    ("Rozendaal", "minder dan 10"),
    ("Rucphen", "minder dan 10"),
    ("Schagen", "minder dan 10"),
    ("Scherpenzeel", "minder dan 10"),
    ("Schiedam", "10 tot 20"),
    ("Schiermonnikoog", "minder dan 10"),
    ("Schouwen-Duiveland", "minder dan 10"),
    ("’s-Gravenhage", "meer dan 100"),
    ("’s-Hertogenbosch", "20 tot 30"),
    ("Simpelveld", "minder dan 10"),
    ("Sint Anthonis", "minder dan 10"),
    ("Sint-Michielsgestel", "minder dan 10"),
    ("Sittard-Geleen", "minder dan 10"),
    ("Sliedrecht", "10 tot 20"),
    ("Sluis", "minder dan 10"),
    ("Smallingerland", "20 tot 30"),
    ("Soest", "minder dan 10"),
    ("Someren", "minder dan 10"),
    ("Son en Breugel", "minder dan 10"),
    ("Stadskanaal", "minder dan 10"),
    ("Staphorst", "minder dan 10"),
    ("Stede Broec", "minder dan 10"),
    ("Steenbergen", "minder dan 10"),
    ("Steenwijkerland", "minder dan 10"),
    ("Stein", "minder dan 10"),
    ("Stichtse Vecht", "minder dan 10"),
    ("Súdwest-Fryslân", "minder dan 10"),
    ("Terneuzen", "10 tot 20"),
    ("Terschelling", "minder dan 10"),
    ("Texel", "minder dan 10"),
    ("Teylingen", "minder dan 10"),
    ("Tholen", "minder dan 10"),
    ("Tiel", "minder dan 10"),
    ("Tilburg", "30 tot 50"),
    ("Tubbergen", "minder dan 10"),
    ("Twenterand", "minder dan 10"),
    ("Tynaarlo", "minder dan 10"),
    ("Tytsjerksteradiel", "minder dan 10"),
    ("Uden", "minder dan 10"),
    ("Uitgeest", "minder dan 10"),
    ("Uithoorn", "minder dan 10"),
    ("Urk", "minder dan 10"),
    ("Utrecht", "50 tot 100"),
    ("Utrechtse Heuvelrug", "minder dan 10"),
    ("Vaals", "minder dan 10"),
    ("Valkenburg aan de Geul", "minder dan 10"),
    ("Valkenswaard", "minder dan 10"),
    ("Veendam", "minder dan 10"),
    ("Veenendaal", "minder dan 10"),
    ("Veere", "minder dan 10"),
    ("Veldhoven", "minder dan 10"),
    ("Velsen", "minder dan 10"),
    ("Venlo", "minder dan 10"),
    ("Venray", "minder dan 10"),
    ("Vijfheerenlanden", "minder dan 10"),
    ("Vlaardingen", "10 tot 20"),
    ("Vlieland", "minder dan 10"),
    ("Vlissingen", "10 tot 20"),
    ("Voerendaal", "minder dan 10"),
    ("Voorschoten", "minder dan 10"),
    ("Voorst", "minder dan 10"),
    ("Vught", "minder dan 10"),
    ("Waadhoeke", "10 tot 20"),
    ("Waalre", "minder dan 10"),
    ("Waalwijk", "minder dan 10"),
    ("Waddinxveen", "minder dan 10"),
    ("Wageningen", "minder dan 10"),
    ("Wassenaar", "minder dan 10"),
    ("Waterland", "minder dan 10"),
    ("Weert", "20 tot 30"),
    ("Weesp", "minder dan 10"),
    ("West Betuwe", "minder dan 10"),
    ("West Maas en Waal", "minder dan 10"),
    ("Westerkwartier", "minder dan 10"),
    ("Westerveld", "minder dan 10"),
    ("Westervoort", "minder dan 10"),
    ("Westerwolde", "30 tot 50"),
    ("Westland", "minder dan 10"),
    ("Weststellingwerf", "minder dan 10"),
    ("Westvoorne", "minder dan 10"),
    ("Wierden", "minder dan 10"),
    ("Wijchen", "minder dan 10"),
    ("Wijdemeren", "minder dan 10"),
    ("Wijk bij Duurstede", "minder dan 10"),
    ("Winterswijk", "minder dan 10"),
    ("Woensdrecht", "minder dan 10"),
    ("Woerden", "minder dan 10"),
    ("Wormerland", "minder dan 10"),
    ("Woudenberg", "minder dan 10"),
    ("Zaanstad", "20 tot 30"),
    ("Zaltbommel", "minder dan 10"),
    ("Zandvoort", "minder dan 10"),
    ("Zeewolde", "minder dan 10"),
    ("Zeist", "minder dan 10"),
    ("Zevenaar", "minder dan 10"),
    ("Zoetermeer", "10 tot 20"),
    ("Zoeterwoude", "minder dan 10"),
    ("Zuidplas", "minder dan 10"),
    ("Zundert", "minder dan 10"),
    ("Zutphen", "10 tot 20"),
    ("Zwartewaterland", "minder dan 10"),
    ("Zwijndrecht", "minder dan 10"),
    ("Zwolle", "30 tot 50"),
)
"""Tabel B2.1: every municipality of the 2019 division and its class of incidents 2015-2019."""
KLASSE_AANTAL = {"30 tot 50": 40, "20 tot 30": 25, "10 tot 20": 15}


def _round_window(lo_hi: list[tuple[np.ndarray, int, int]], n: int) -> LinearConstraint:
    a = np.array([r for r, _, _ in lo_hi])
    return LinearConstraint(a, [lo for _, lo, _ in lo_hi], [hi for _, _, hi in lo_hi])


def _near(p: int) -> tuple[int, int]:
    """Exact values that CBS rounding to fives shows as ``p``."""
    return (0, 0) if p == 0 else (max(1, p - 2), p + 2)


def _solve_units() -> dict[tuple[str, int, str], int]:
    """x[unit, year, form4] with Figuur 3.3's rounded cells as constraints."""
    idx = [(u, y, f) for u in UNITS for y in YEARS for f in FORMS4]
    pos = {k: i for i, k in enumerate(idx)}
    n = len(idx)
    rows: list[tuple[np.ndarray, int, int]] = []

    def row(keys: list[tuple[str, int, str]], lo: int, hi: int) -> None:
        r = np.zeros(n)
        for k in keys:
            r[pos[k]] = 1
        rows.append((r, lo, hi))

    for y in YEARS:
        for f in FORMS4:
            total = sum(v for c, v in INCIDENTS[y].items() if FORM4[c] == f)
            row([(u, y, f) for u in UNITS], total, total)
    for u in UNITS:
        for i, y in enumerate(YEARS):
            row([(u, y, f) for f in FORMS4], *_near(FIG_3_3_YEARS[u][i]))
        for j, f in enumerate(FORMS4):
            row([(u, y, f) for y in YEARS], *_near(FIG_3_3_FORMS[u][j]))
    known = [u for u in UNITS if u != "onbekend"]
    for i, y in enumerate(YEARS):
        row([(u, y, f) for u in known for f in FORMS4], *_near(FIG_3_3_KNOWN_YEARS[i]))
    for j, f in enumerate(FORMS4):
        row([(u, y, f) for u in known for y in YEARS], *_near(FIG_3_3_KNOWN_FORMS[j]))
    res = milp(
        c=np.zeros(n),
        constraints=_round_window(rows, n),
        integrality=np.ones(n),
        bounds=Bounds(0, np.inf),
    )
    assert res.x is not None, "Figuur 3.3 constraints infeasible"
    return {k: round(float(res.x[pos[k]])) for k in idx}


def _solve_aangifte() -> dict[tuple[int, str], int]:
    """a[year, form4]: incidents with an aangifte, so that Figuur 3.5's rounded cells hold."""
    idx = [(y, f) for y in YEARS for f in FORMS4]
    n = len(idx)
    cell = {(y, f): sum(v for c, v in INCIDENTS[y].items() if FORM4[c] == f) for y, f in idx}
    rows: list[tuple[np.ndarray, int, int]] = []
    margins = (
        [
            ([k[0] == y for k in idx], AANGIFTE_YEARS[i], GEEN_AANGIFTE_YEARS[i])
            for i, y in enumerate(YEARS)
        ]
        + [
            ([k[1] == f for k in idx], AANGIFTE_FORMS[j], GEEN_AANGIFTE_FORMS[j])
            for j, f in enumerate(FORMS4)
        ]
        + [([True] * n, 1075, 2345)]
    )  # Figuur 3.5, column 2015-2019
    for mask, met, zonder in margins:
        r = np.array(mask, dtype=float)
        tot = sum(cell[k] for k, m in zip(idx, mask, strict=True) if m)
        lo, hi = _near(met)
        zlo, zhi = _near(zonder)
        rows.append((r, max(lo, tot - zhi), min(hi, tot - zlo)))
    res = milp(
        c=np.zeros(n),
        constraints=_round_window(rows, n),
        integrality=np.ones(n),
        bounds=Bounds(0, np.array([cell[k] for k in idx], dtype=float)),
    )
    assert res.x is not None, "Figuur 3.5 constraints infeasible"
    return {k: round(float(res.x[i])) for i, k in enumerate(idx)}


def _gemeente_quota(rng: random.Random) -> dict[int, list[str]]:
    """Per year the list of pleeggemeente codes (None for unknown) of its incidents without
    F564: Tabel 3.2 exact, the others within their Tabel B2.1 class, 447 unknown."""

    codes = {naam: code for code, naam in gemeenten_2019()}
    klasse = dict(B2_1_KLASSEN)
    per_year: dict[int, list[str | None]] = {y: [] for y in YEARS}
    for naam, counts in TABEL_3_2.items():
        for y, k in zip(YEARS, counts, strict=True):
            per_year[y].extend([codes[naam]] * k)
    tokens: list[str] = []
    small = []
    for naam, kl in klasse.items():
        if naam in TABEL_3_2:
            continue
        if kl in KLASSE_AANTAL:
            tokens.extend([codes[naam]] * KLASSE_AANTAL[kl])
        else:
            small.append(codes[naam])
    others = [
        sum(INCIDENTS[y].values())
        - INCIDENTS[y]["F564"]
        - ONBEKENDE_GEMEENTE[i]
        - sum(c[i] for c in TABEL_3_2.values())
        for i, y in enumerate(YEARS)
    ]
    rest = sum(others) - len(tokens)
    rng.shuffle(small)
    k = 0
    while rest > 0:  # at most 9 each: the class 'minder dan 10'
        tokens.append(small[k % len(small)])
        k += 1
        rest -= 1
    rng.shuffle(tokens)
    start = 0
    for i, y in enumerate(YEARS):
        per_year[y].extend(tokens[start : start + others[i]])
        start += others[i]
        per_year[y].extend([None] * ONBEKENDE_GEMEENTE[i])
        rng.shuffle(per_year[y])
    return per_year  # type: ignore[return-value]


OVERIGE_FEITEN = {
    "CAT-VERMOGEN": 604, "CAT-VERKEER": 196, "CAT-VERNIELING": 128, "CAT-MISHANDELING": 71,
    "CAT-FRAUDE": 62, "CAT-VRIJHEID": 55, "CAT-DRUGS": 17, "CAT-ZEDEN": 14, "CAT-DOODSLAG": 4,
    "CAT-OVERIG": 76,
}  # fmt: skip
"""Tabel 3.1 (lines 3799-3826): exact incidents 2015-2019 per category of other offence. Each
count rounds to the published five and gives both published one-decimal percentages, of the
1,225 incidents with another offence and of all 3,422 incidents (e.g. Vermogen 604: '605',
49.3% of 1,225, 17.7% of 3,422); the only pair of counts and base that does so for every row has
base 1,225 (a search over the bases 1,223-1,227 that round to '1.225'). 1,227 facts on 1,225
incidents: two incidents have two categories. Doodslag 4: '<5', under 1% and 0.3%."""
MET_OVERIG_FEIT = 1225


def _overige_feiten(
    rng: random.Random, incidents: list[dict[str, Any]], feiten: list[dict[str, Any]]
) -> None:
    """Other offences (Tabel 3.1) on ``MET_OVERIG_FEIT`` incidents drawn at random: one
    category each, the facts beyond that as a second category on other incidents' lists."""
    tokens = [c for c, k in OVERIGE_FEITEN.items() for _ in range(k)]
    rng.shuffle(tokens)
    chosen = rng.sample(incidents, MET_OVERIG_FEIT)
    for inc, code in zip(chosen, tokens, strict=False):
        feiten.append({"incident_id": inc["incident_id"], "volgnummer": 2, "feitcode": code})
    j = -1
    for code in tokens[MET_OVERIG_FEIT:]:
        j = next(i for i in range(j + 1, MET_OVERIG_FEIT) if tokens[i] != code)
        feiten.append({"incident_id": chosen[j]["incident_id"], "volgnummer": 3, "feitcode": code})


SLACHTOFFER_BETROKKENHEDEN = 3225
"""Victim involvements 2015-2019 (text at Figuur 3.1, line 3627: '3.225 slachtoffers'); 88% of
incidents have one (line 3623), at most 11 (line 3626); 2,995 unique persons (line 3630)."""
VERDACHTE_BETROKKENHEDEN = 1090
"""Suspect involvements (line 3636), in 22% of incidents (line 3634); 1,000 unique (line 3638)."""


VERDACHTEN_PER_JAAR = {2015: 235, 2016: 250, 2017: 230, 2018: 200, 2019: 175}
"""Suspect involvements per year (Figuur 3.1's chart values are lost in extraction): 1,090 in all
(line 3636), fewer each year since 2017 while incidents rise (lines 3656 and 3663-3665: 'in 2018 en
2019 juist afneemt', 'sinds 2017 ieder jaar ... steeds verder daalt'), always well below the
victims (line 3634)."""
MET_VERDACHTE = 755
"""Incidents with a suspect: 22% of 3,422 (line 3634)."""


def _suspects(rng: random.Random, incidents: list[dict[str, Any]]) -> list[int]:
    """Suspects per incident: ``VERDACHTEN_PER_JAAR`` involvements on ``MET_VERDACHTE``
    incidents (shared over the years in proportion), one to four per incident."""
    years = sorted(VERDACHTEN_PER_JAAR)
    total = sum(VERDACHTEN_PER_JAAR.values())
    n = {y: MET_VERDACHTE * VERDACHTEN_PER_JAAR[y] // total for y in years}
    n[years[-1]] += MET_VERDACHTE - sum(n.values())
    suspects = [0] * len(incidents)
    for y in years:
        pool = [i for i, inc in enumerate(incidents) if inc["meldjaar"] == y]
        chosen = rng.sample(pool, n[y])
        for i in chosen:
            suspects[i] = 1
        extra = VERDACHTEN_PER_JAAR[y] - n[y]
        k = 0
        while extra > 0:  # a few incidents with a network of suspects: +3 or +1
            step = 3 if extra >= 3 and k % 4 == 0 else 1
            suspects[chosen[k % len(chosen)]] += step
            extra -= step
            k += 1
    assert sum(suspects) == total and max(suspects) <= 4, (sum(suspects), max(suspects))
    return suspects


SLACHTOFFERS_PER_VORM: dict[str, tuple[int, int, int, int]] = {
    "sx": (2090, 2208, 187, 45),
    "ar": (170, 195, 7, 2),
    "cr": (190, 212, 9, 2),
    "onb": (560, 610, 27, 6),
}
"""Victims per form of incident (sx, ar, cr, onb; chosen): incidents with a victim,
involvements, repeats of a victim already in an incident of that form and year, repeats of one
of an earlier year only. A victim's incidents all have one form, so the unique victims per form
(involvements minus repeats: 1,976, 186, 201, 577) are Tabel 3.3's n's (1.975, 185, 200, 575,
lines 4247-4262, ``domain.persons.VORM_SLACHTOFFER``). In all 3,010 incidents with a victim (88%,
line 3623), 3,225 involvements (line 3630), 2,995 unique per year (230 repeats within a year: the
text's 2.995, line 3632) and 2,940 over the window (55 more across years: Tabel 3.3's N, line
4284; ``domain.persons.COHORT_SLACHTOFFERS``)."""

MEERDERE_SLACHTOFFERS: dict[str, tuple[tuple[int, int], ...]] = {
    "sx": ((11, 1), (4, 4), (3, 8), (2, 80)),
    "ar": ((4, 1), (3, 2), (2, 18)),
    "cr": ((3, 1), (2, 20)),
    "onb": ((4, 1), (3, 2), (2, 43)),
}
"""(victims, incidents) of the incidents with more than one victim per form: at most 11 (line
3626); the rest of ``SLACHTOFFERS_PER_VORM``'s incidents have one."""


def _victims(
    rng: random.Random, incidents: list[dict[str, Any]], forms: list[str], copy: int
) -> list[list[str]]:
    """The victims' person ids per incident (``SLACHTOFFERS_PER_VORM``): incidents in order of
    report date; a repeat within the year takes a victim of the form already seen that year (not
    in the same incident), a repeat across years one seen only in earlier years. Each kind of
    repeat is drawn at random until only as many involvements remain as repeats are owed."""
    counts = [0] * len(incidents)
    for f, (with_victim, involvements, _, _) in SLACHTOFFERS_PER_VORM.items():
        chosen = rng.sample([i for i, g in enumerate(forms) if g == f], with_victim)
        sizes = [k for k, m in MEERDERE_SLACHTOFFERS[f] for _ in range(m)]
        sizes += [1] * (with_victim - len(sizes))
        assert sum(sizes) == involvements, (f, sum(sizes))
        for i, k in zip(chosen, sizes, strict=True):
            counts[i] = k
    order = sorted(range(len(incidents)), key=lambda i: incidents[i]["meldingsdatum"])
    within = {f: v[2] for f, v in SLACHTOFFERS_PER_VORM.items()}
    across = {f: v[3] for f, v in SLACHTOFFERS_PER_VORM.items()}
    remaining = {f: v[1] for f, v in SLACHTOFFERS_PER_VORM.items()}
    rate_within = {f: 1.3 * within[f] / remaining[f] for f in remaining}
    rate_across = {f: 1.3 * across[f] / remaining[f] for f in remaining}
    seen: dict[tuple[str, int], list[str]] = {}
    serial = 0
    out: list[list[str]] = [[] for _ in incidents]
    for i in order:
        f, y = forms[i], incidents[i]["meldjaar"]
        this_year = seen.setdefault((f, y), [])
        for _ in range(counts[i]):
            owed = remaining[f] <= within[f] + across[f]
            remaining[f] -= 1
            r = rng.random()
            pid = None
            if within[f] and (owed or r < rate_within[f]):
                pool = [p for p in this_year if p not in out[i]]
                if pool:
                    pid = rng.choice(pool)
                    within[f] -= 1
            if pid is None and across[f] and (owed or 0 <= r - rate_within[f] < rate_across[f]):
                earlier = {p for (g, yy), ps in seen.items() if g == f and yy < y for p in ps}
                pool = sorted(earlier - set(this_year))
                if pool:
                    pid = rng.choice(pool)
                    across[f] -= 1
                    this_year.append(pid)
            if pid is None:
                serial += 1
                pid = f"RIN{copy:02d}{serial:07d}"
                this_year.append(pid)
            out[i].append(pid)
    assert not any(within.values()) and not any(across.values()), (within, across)
    return out


def _persons(
    rng: random.Random,
    incidents: list[dict[str, Any]],
    forms: list[str],
    out: list[dict[str, Any]],
    copy: int,
) -> None:
    """Victims (``_victims``) and suspects per incident: counts per incident chosen so that the
    involvements, the unique persons and the shares of incidents with a victim or suspect match
    the text."""
    victims = _victims(random.Random(rng.random()), incidents, forms, copy)
    suspects = _suspects(rng, incidents)
    seen: list[str] = []
    repeats = VERDACHTE_BETROKKENHEDEN - 1000
    # suspect involvements still to place: when only as many remain as repeats are owed, every
    # one of them is a repeat (a random draw can fall short; one copy in ~12 did at scale 100)
    remaining = sum(suspects)
    serial = 0
    for inc, vs, ns in zip(incidents, victims, suspects, strict=True):
        people: list[tuple[str, str]] = []
        for pid in vs:
            people.append((pid, "aangever" if rng.random() < 0.1 else "slachtoffer"))
        for _ in range(ns):
            owed = remaining <= repeats
            remaining -= 1
            if repeats > 0 and seen and (owed or rng.random() < 0.1):
                pid = rng.choice(seen)
                repeats -= 1
            else:
                serial += 1
                pid = f"RIN{copy:02d}V{serial:06d}"
                seen.append(pid)
            people.append((pid, "verdachte"))
        for nr, (pid, role) in enumerate(people, start=1):
            out.append(
                {
                    "incident_id": inc["incident_id"], "betrokkene_nr": nr,
                    "persoon_id": pid, "rol": role,
                    "meldingsdatum": inc["meldingsdatum"], "pleegdatum": inc["pleegdatum"],
                    "geslacht": rng.choice(("M", "V", "V")), "geboortedatum": None,
                    "leeftijd_bij_plegen": rng.randrange(14, 60),
                    "geboorteland": rng.choice(("NL", "NL", "NG", "RO")),
                }
            )  # fmt: skip
    assert repeats == 0, repeats


SIG_ONGEKOPPELD = 149
"""Suspects CBS could not link to the BRP: sex, date of birth and country of birth unknown
(Dadermonitor B1.7.3, lines 9883-9888: 149, 149 and 150 of the 1.000 signalled suspects); each
has a single involvement, so the unique count does not depend on the pseudonym."""
SIG_LAND_ONBEKEND = 150
"""Suspects without a country of birth: the unlinked ones and one linked suspect."""

SIG_DOELEN: dict[str, dict[str, float]] = {
    "au": {"vrouw": 27, "gemiddeld": 40.3, "tm22": 3, "minderjarig": 0, "nederland": 25,
           "eer": 30, "sd": 11.0},
    "cu": {"vrouw": 12, "gemiddeld": 31.3, "tm22": 22, "minderjarig": 5, "nederland": 50,
           "eer": 25, "sd": 6.5},
    "onbekend": {"gemiddeld": 32.45, "sd": 8.0},
    "totaal": {"vrouw": 18, "tm22": 20, "minderjarig": 4, "nederland": 52, "eer": 21},
}  # fmt: skip
"""Chapter 8's signalled suspects (percentages of the known, ``domain.persons``). Published:
'tussen de 17% en 19%' women (line 7921); mean age at the offence AU 40, CU 31, Onbekend 32,
Totaal 33, N=850 (Tabel 8.1, line 7982); 'zo'n 20%' aged 22 or younger, 4% minors (lines
8031-8032), CU 16%-26% (line 8076); 50%-54% born in the Netherlands (line 8192), CU 'rond de 50%'
(line 8219); fewer born in the EER than among the 721 judged (188 in Tabel B2.2, line 8197); the
spreads of footnote 3 (line 7998). Chosen: AU most often a woman (line 7944), few young AU
suspects (line 8076), CU as many born in the EER as elsewhere (line 8219). 'Onbekend' (sexual
exploitation included) takes what the total leaves. The forms of the suspects follow from their
incidents; the counts per form are computed per copy from these shares (``_suspect_targets``)."""


def _suspect_targets(counts: dict[str, int]) -> dict[str, Doel]:
    """``SIG_DOELEN`` as exact counts for ``counts`` unique linked suspects per form (au, cu,
    onbekend); the unlinked ones are added by the caller."""
    doel = SIG_DOELEN
    total = sum(counts.values())
    land_total = total - (SIG_LAND_ONBEKEND - SIG_ONGEKOPPELD)

    def split(key: str, base: dict[str, int], whole: int) -> dict[str, int]:
        out = {f: round(doel[f][key] / 100 * base[f]) for f in ("au", "cu")}
        out["onbekend"] = round(doel["totaal"][key] / 100 * whole) - out["au"] - out["cu"]
        return out

    land_base = dict(counts)
    land_base["onbekend"] -= SIG_LAND_ONBEKEND - SIG_ONGEKOPPELD
    vrouw = split("vrouw", counts, total)
    tm22 = split("tm22", counts, total)
    minder = split("minderjarig", counts, total)
    nl = split("nederland", land_base, land_total)
    eer = split("eer", land_base, land_total)
    som = {f: round(doel[f]["gemiddeld"] * counts[f]) for f in counts}
    mean = sum(som.values()) / total
    assert round(mean) == 33 and all(  # Tabel 8.1: AU 40, CU 31, Onbekend 32, Totaal 33
        round(som[f] / counts[f]) == m for f, m in (("au", 40), ("cu", 31), ("onbekend", 32))
    ), (som, counts)
    return {
        f: Doel(
            counts[f],
            geslacht_onbekend=0,
            vrouw=vrouw[f],
            leeftijd_onbekend=0,
            leeftijd_som=som[f],
            tm22=tm22[f],
            minderjarig=minder[f],
            land_onbekend=counts[f] - land_base[f],
            nederland=nl[f],
            eer=eer[f],
            sd_volwassen=doel[f]["sd"],
        )
        for f in counts
    }


def _suspect_traits(
    rng: random.Random, rows: list[dict[str, Any]], form_of: dict[str, str]
) -> None:
    """Give the suspects of one copy (``rows``: their involvements) the traits of chapter 8: one
    person keeps sex and country over their incidents, and is the target age at their earliest
    incident (by begin of the offence, else report date: ``domain.persons.LEEFTIJD_DADER``),
    older by the years in between at later ones; ``SIG_ONGEKOPPELD`` single-involvement suspects
    have no BRP traits."""
    rank = {"sx": 0, "ar": 1, "cr": 2, "onb": 3}
    by_person: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_person.setdefault(r["persoon_id"], []).append(r)
    single = sorted(p for p, inv in by_person.items() if len(inv) == 1)
    unlinked = set(rng.sample(single, SIG_ONGEKOPPELD))
    column = {"sx": "onbekend", "ar": "au", "cr": "cu", "onb": "onbekend"}
    forms: dict[str, list[str]] = {"au": [], "cu": [], "onbekend": []}
    for p, inv in sorted(by_person.items()):
        if p not in unlinked:
            best = min((form_of[r["incident_id"]] for r in inv), key=rank.__getitem__)
            forms[column[best]].append(p)
    # the one linked suspect without a country of birth is an 'onbekend' one
    targets = _suspect_targets({f: len(ps) for f, ps in forms.items()})
    for f, persons in forms.items():
        people = traits(targets[f], rng)
        no_land = [t for t in people if t["geboorteland"] is None]
        assert len(no_land) == (SIG_LAND_ONBEKEND - SIG_ONGEKOPPELD if f == "onbekend" else 0)
        for p, t in zip(persons, people, strict=True):
            _give_traits(by_person[p], t)
    for p in unlinked:
        _give_traits(by_person[p], None)


def _give_traits(rows: list[dict[str, Any]], t: dict[str, Any] | None) -> None:
    """One person's traits on every row of theirs: sex and country of birth as they are, the age
    at their first incident plus the years since (None for a person not linked to the BRP)."""
    if t is None:
        for r in rows:
            r.update(geslacht=None, leeftijd_bij_plegen=None, geboorteland=None)
        return
    inv = sorted(rows, key=lambda r: r["pleegdatum"] or r["meldingsdatum"])
    first = inv[0]["pleegdatum"] or inv[0]["meldingsdatum"]
    for r in inv:
        later = (r["pleegdatum"] or r["meldingsdatum"]) - first
        r["geslacht"] = t["geslacht"]
        r["leeftijd_bij_plegen"] = t["leeftijd"] + int(later.days / 365.25)
        r["geboorteland"] = t["geboorteland"]


SLACHTOFFER_KENMERKEN: dict[str, dict[str, int]] = {
    "sx": {"bekend": 1394, "man": 244, "minderjarig": 233, "adolescent": 384,
           "leeftijd_som": 36244, "land_bekend": 1394, "nederland": 572, "eer": 153,
           "afrika": 509},
    "ar": {"bekend": 119, "man": 77, "minderjarig": 7, "adolescent": 31, "leeftijd_som": 3451,
           "land_bekend": 119, "nederland": 10, "eer": 46, "afrika": 31},
    "cr": {"bekend": 131, "man": 86, "minderjarig": 22, "adolescent": 47, "leeftijd_som": 3144,
           "land_bekend": 131, "nederland": 41, "eer": 14, "afrika": 62},
    "onb": {"bekend": 416, "man": 77, "minderjarig": 87, "adolescent": 121,
            "leeftijd_som": 10816, "land_bekend": 411, "nederland": 197, "eer": 70,
            "afrika": 86},
}  # fmt: skip
"""Tabel 3.3 (lines 4244-4282) as exact counts per form of the unique victims: linked to the BRP
(``bekend``: sex and age known; the others, 880 of 2,940, have no traits, line 4240), the men,
minors (to 17), adolescents (18-22), the sum of the ages (the mean in whole years: 26, 29, 24,
26), those with a known country of birth (five linked victims without one: 2,055 of 2,060) and of
them the born in the Netherlands, the EER and Africa. Found by a search over the known per form
near 70% linked: every percentage (whole, half up) of every column and of the Totaal (23%, 17%,
28%, mean 26, 40%, 14%, 33%) is the printed one, and the text's '45% ... jonger dan 23 jaar'
(line 4308) and CU 'meer dan de helft minderjarig of adolescent' (line 4310) hold; no count sits
on an exact half percent."""

SD_SLACHTOFFER = {"sx": 8.0, "ar": 9.0, "cr": 6.5, "onb": 8.0}
"""Spread of the adult victims' ages around the mean their form leaves (chosen)."""

OVERIGE_LANDEN_SLACHTOFFER = ("SR", "CN", "TH", "VN", "BR", "UA", "AL", "IN", "DO", "PH")
"""Other countries of birth of victims: outside the Netherlands, the EER and Africa."""


def _victim_traits(rng: random.Random, rows: list[dict[str, Any]], form_of: dict[str, str]) -> None:
    """Give the victims of one copy (``rows``: their involvements, aangevers included) the traits
    of Tabel 3.3 (``SLACHTOFFER_KENMERKEN``): one form per victim (all incidents of a victim have
    one form, ``_victims``), the unlinked ones (no BRP traits) drawn among those with a single
    involvement, and for the linked ones sex and country kept over their incidents and the age
    at the earliest one (``domain.persons.LEEFTIJD_DADER``), older at later ones."""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_person.setdefault(r["persoon_id"], []).append(r)
    per_form: dict[str, list[str]] = {f: [] for f in FORMS4}
    for p, inv in sorted(by_person.items()):
        kinds = {form_of[r["incident_id"]] for r in inv}
        assert len(kinds) == 1, (p, kinds)
        per_form[kinds.pop()].append(p)
    for f, persons in per_form.items():
        k = SLACHTOFFER_KENMERKEN[f]
        single = [p for p in persons if len(by_person[p]) == 1]
        unlinked = set(rng.sample(single, len(persons) - k["bekend"]))
        linked = [p for p in persons if p not in unlinked]
        doel = Doel(
            k["bekend"],
            geslacht_onbekend=0,
            vrouw=k["bekend"] - k["man"],
            leeftijd_onbekend=0,
            leeftijd_som=k["leeftijd_som"],
            tm22=k["minderjarig"] + k["adolescent"],
            minderjarig=k["minderjarig"],
            land_onbekend=k["bekend"] - k["land_bekend"],
            nederland=k["nederland"],
            eer=k["eer"],
            afrika=k["afrika"],
            overige_landen=OVERIGE_LANDEN_SLACHTOFFER,
            sd_volwassen=SD_SLACHTOFFER[f],
            jongste=12,
        )
        for p, t in zip(linked, traits(doel, rng), strict=True):
            _give_traits(by_person[p], t)
        for p in unlinked:
            _give_traits(by_person[p], None)


def delivery(scale: int = 1, seed: int = DEFAULT_SEED) -> dict[str, list[dict[str, Any]]]:
    """The three tables of contract politie (``scale`` copies of the calibrated world)."""
    rng = random.Random(seed)
    units = _solve_units()
    aangifte = _solve_aangifte()
    incidenten: list[dict[str, Any]] = []
    feiten: list[dict[str, Any]] = []
    personen: list[dict[str, Any]] = []
    for copy in range(scale):
        gemeenten = _gemeente_quota(rng)
        nr = 0
        for y in YEARS:
            pool: dict[str, list[str]] = {f: [] for f in FORMS4}
            for (u, yy, f), k in units.items():
                if yy == y:
                    pool[f].extend([u] * k)
            gem = gemeenten[y]
            for f in FORMS4:
                rng.shuffle(pool[f])
            codes = [c for c, k in INCIDENTS[y].items() for _ in range(k)]
            rng.shuffle(codes)
            a_left = dict(aangifte)
            for code in codes:
                f = FORM4[code]
                unit = pool[f].pop()
                nr += 1
                iid = f"BVH{y}-{copy:02d}{nr:05d}"
                melding = dt.date(y, 1, 1) + dt.timedelta(days=rng.randrange(365))
                pleeg = (
                    melding - dt.timedelta(days=rng.randrange(400)) if rng.random() < 0.7 else None
                )
                has_aangifte = False
                if a_left[y, f] > 0:
                    has_aangifte = True
                    a_left[y, f] -= 1
                gemeente = None if code == "F564" else gem.pop()
                if code == "F564":
                    gemeente = "GM1680"
                if gemeente == "GM1900" and y < 2018:
                    gemeente = "GM0140"  # Littenseradiel, split on 1 January 2018
                incidenten.append(
                    {
                        "incident_id": iid, "meldjaar": y, "meldingsdatum": melding,
                        "pleegdatum": pleeg, "politie_eenheid": unit, "pleeggemeente": gemeente,
                        "aangifte": has_aangifte,
                    }
                )  # fmt: skip
                feiten.append({"incident_id": iid, "volgnummer": 1, "feitcode": code})
        these = incidenten[-sum(sum(v.values()) for v in INCIDENTS.values()) :]
        first_person = len(personen)
        form_of = {f["incident_id"]: FORM4[f["feitcode"]] for f in feiten if f["volgnummer"] == 1}
        _persons(rng, these, [form_of[inc["incident_id"]] for inc in these], personen, copy)
        _victim_traits(
            random.Random(seed + 53 + copy),
            [r for r in personen[first_person:] if r["rol"] != "verdachte"],
            form_of,
        )
        _suspect_traits(
            random.Random(seed + 77 + copy),
            [r for r in personen[first_person:] if r["rol"] == "verdachte"],
            form_of,
        )
        _overige_feiten(random.Random(seed + 31 + copy), these, feiten)
    return {"incidenten": incidenten, "feiten": feiten, "personen": personen}


def write_politie(out_dir: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Path:
    """Write ``politie.zip`` (contract politie: one SPSS .sav per table); return its path."""
    contract = load_contract("politie")
    data = delivery(scale, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "politie.zip"
    parts = out_dir / ".politie-parts"
    parts.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for t in contract.tables:
            part = parts / f"{t.name}.sav"
            _write_sav(part, t, data[t.name])
            info = zipfile.ZipInfo(part.name, date_time=(2025, 6, 30, 0, 0, 0))
            zf.writestr(info, part.read_bytes())
            part.unlink()
    parts.rmdir()
    return path

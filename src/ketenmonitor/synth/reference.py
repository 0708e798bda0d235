"""Reference deliveries: municipalities of the 2019 division, their population on 1 January
2019, the mapping of earlier codes to the 2019 division, and the police units.

Public statistics (CBS Gemeentelijke indeling 2019, StatLine bevolking), no personal data. The
names are those of Dadermonitor mensenhandel 2015-2019, Tabel B2.1 (all 355 municipalities of the
2019 division, lines 10124-10843); the codes are CBS's GM codes. Populations are given for the
municipalities that Tabel 3.2 relates to their inhabitants (its ten rows, line 4148); each one is
checked against the table's 'Gemiddeld per tienduizend inwoners' column (see
docs/methodology/police.md).
"""

from __future__ import annotations

import csv
from pathlib import Path

GEMEENTEN_2019 = """
GM1680 Aa en Hunze
GM0358 Aalsmeer
GM0197 Aalten
GM0059 Achtkarspelen
GM0482 Alblasserdam
GM0613 Albrandswaard
GM0361 Alkmaar
GM0141 Almelo
GM0034 Almere
GM0484 Alphen aan den Rijn
GM1723 Alphen-Chaam
GM1959 Altena
GM0060 Ameland
GM0307 Amersfoort
GM0362 Amstelveen
GM0363 Amsterdam
GM0200 Apeldoorn
GM0003 Appingedam
GM0202 Arnhem
GM0106 Assen
GM0743 Asten
GM0744 Baarle-Nassau
GM0308 Baarn
GM0489 Barendrecht
GM0203 Barneveld
GM0888 Beek
GM1954 Beekdaelen
GM0370 Beemster
GM0889 Beesel
GM1945 Berg en Dal
GM1724 Bergeijk
GM0893 Bergen (L.)
GM0373 Bergen (NH.)
GM0748 Bergen op Zoom
GM1859 Berkelland
GM1721 Bernheze
GM0753 Best
GM0209 Beuningen
GM0375 Beverwijk
GM1728 Bladel
GM0376 Blaricum
GM0377 Bloemendaal
GM1901 Bodegraven-Reeuwijk
GM0755 Boekel
GM1681 Borger-Odoorn
GM0147 Borne
GM0654 Borsele
GM0756 Boxmeer
GM0757 Boxtel
GM0758 Breda
GM0501 Brielle
GM1876 Bronckhorst
GM0213 Brummen
GM0899 Brunssum
GM0312 Bunnik
GM0313 Bunschoten
GM0214 Buren
GM0502 Capelle aan den IJssel
GM0383 Castricum
GM0109 Coevorden
GM1706 Cranendonck
GM1684 Cuijk
GM0216 Culemborg
GM0148 Dalfsen
GM1891 Dantumadiel
GM0310 De Bilt
GM1940 De Fryske Marren
GM0736 De Ronde Venen
GM1690 De Wolden
GM0503 Delft
GM0010 Delfzijl
GM0400 Den Helder
GM0762 Deurne
GM0150 Deventer
GM0384 Diemen
GM1774 Dinkelland
GM0221 Doesburg
GM0222 Doetinchem
GM0766 Dongen
GM0505 Dordrecht
GM0498 Drechterland
GM1719 Drimmelen
GM0303 Dronten
GM0225 Druten
GM0226 Duiven
GM1711 Echt-Susteren
GM0385 Edam-Volendam
GM0228 Ede
GM0317 Eemnes
GM0770 Eersel
GM1903 Eijsden-Margraten
GM0772 Eindhoven
GM0230 Elburg
GM0114 Emmen
GM0388 Enkhuizen
GM0153 Enschede
GM0232 Epe
GM0233 Ermelo
GM0777 Etten-Leur
GM0779 Geertruidenberg
GM1771 Geldrop-Mierlo
GM1652 Gemert-Bakel
GM0907 Gennep
GM0784 Gilze en Rijen
GM1924 Goeree-Overflakkee
GM0664 Goes
GM0785 Goirle
GM1942 Gooise Meren
GM0512 Gorinchem
GM0513 Gouda
GM0786 Grave
GM0014 Groningen
GM1729 Gulpen-Wittem
GM0158 Haaksbergen
GM0788 Haaren
GM0392 Haarlem
GM0394 Haarlemmermeer
GM1655 Halderberge
GM0160 Hardenberg
GM0243 Harderwijk
GM0523 Hardinxveld-Giessendam
GM0072 Harlingen
GM0244 Hattem
GM0396 Heemskerk
GM0397 Heemstede
GM0246 Heerde
GM0074 Heerenveen
GM0398 Heerhugowaard
GM0917 Heerlen
GM1658 Heeze-Leende
GM0399 Heiloo
GM0163 Hellendoorn
GM0530 Hellevoetsluis
GM0794 Helmond
GM0531 Hendrik-Ido-Ambacht
GM0164 Hengelo
GM1966 Het Hogeland
GM0252 Heumen
GM0797 Heusden
GM0534 Hillegom
GM0798 Hilvarenbeek
GM0402 Hilversum
GM1963 Hoeksche Waard
GM1735 Hof van Twente
GM1911 Hollands Kroon
GM0118 Hoogeveen
GM0405 Hoorn
GM1507 Horst aan de Maas
GM0321 Houten
GM0406 Huizen
GM0677 Hulst
GM0353 IJsselstein
GM1884 Kaag en Braassem
GM0166 Kampen
GM0678 Kapelle
GM0537 Katwijk
GM0928 Kerkrade
GM1598 Koggenland
GM0542 Krimpen aan den IJssel
GM1931 Krimpenerwaard
GM1659 Laarbeek
GM1685 Landerd
GM0882 Landgraaf
GM0415 Landsmeer
GM0416 Langedijk
GM1621 Lansingerland
GM0417 Laren
GM0080 Leeuwarden
GM0546 Leiden
GM0547 Leiderdorp
GM1916 Leidschendam-Voorburg
GM0995 Lelystad
GM1640 Leudal
GM0327 Leusden
GM1705 Lingewaard
GM0553 Lisse
GM0262 Lochem
GM0809 Loon op Zand
GM0331 Lopik
GM0024 Loppersum
GM0168 Losser
GM0263 Maasdriel
GM1641 Maasgouw
GM0556 Maassluis
GM0935 Maastricht
GM0420 Medemblik
GM0938 Meerssen
GM1948 Meierijstad
GM0119 Meppel
GM0687 Middelburg
GM1952 Midden Groningen
GM1842 Midden-Delfland
GM1731 Midden-Drenthe
GM0815 Mill en Sint Hubert
GM1709 Moerdijk
GM1978 Molenlanden
GM1955 Montferland
GM0335 Montfoort
GM0944 Mook en Middelaar
GM1740 Neder-Betuwe
GM0946 Nederweert
GM0356 Nieuwegein
GM0569 Nieuwkoop
GM0267 Nijkerk
GM0268 Nijmegen
GM1930 Nissewaard
GM1970 Noardeast-Fryslân
GM1695 Noord-Beveland
GM1699 Noordenveld
GM0171 Noordoostpolder
GM0575 Noordwijk
GM0820 Nuenen, Gerwen en Nederwetten
GM0302 Nunspeet
GM0579 Oegstgeest
GM0823 Oirschot
GM0824 Oisterwijk
GM1895 Oldambt
GM0269 Oldebroek
GM0173 Oldenzaal
GM1773 Olst-Wijhe
GM0175 Ommen
GM1586 Oost Gelre
GM0826 Oosterhout
GM0085 Ooststellingwerf
GM0431 Oostzaan
GM0432 Opmeer
GM0086 Opsterland
GM0828 Oss
GM1509 Oude IJsselstreek
GM0437 Ouder-Amstel
GM0589 Oudewater
GM1734 Overbetuwe
GM0590 Papendrecht
GM1894 Peel en Maas
GM0765 Pekela
GM1926 Pijnacker-Nootdorp
GM0439 Purmerend
GM0273 Putten
GM0177 Raalte
GM0703 Reimerswaal
GM0274 Renkum
GM0339 Renswoude
GM1667 Reusel-De Mierden
GM0275 Rheden
GM0340 Rhenen
GM0597 Ridderkerk
GM1742 Rijssen-Holten
GM0603 Rijswijk
GM1669 Roerdalen
GM0957 Roermond
GM1674 Roosendaal
GM0599 Rotterdam
GM0277 Rozendaal
GM0840 Rucphen
GM0441 Schagen
GM0279 Scherpenzeel
GM0606 Schiedam
GM0088 Schiermonnikoog
GM1676 Schouwen-Duiveland
GM0518 ’s-Gravenhage
GM0796 ’s-Hertogenbosch
GM0965 Simpelveld
GM1702 Sint Anthonis
GM0845 Sint-Michielsgestel
GM1883 Sittard-Geleen
GM0610 Sliedrecht
GM1714 Sluis
GM0090 Smallingerland
GM0342 Soest
GM0847 Someren
GM0848 Son en Breugel
GM0037 Stadskanaal
GM0180 Staphorst
GM0532 Stede Broec
GM0851 Steenbergen
GM1708 Steenwijkerland
GM0971 Stein
GM1904 Stichtse Vecht
GM1900 Súdwest-Fryslân
GM0715 Terneuzen
GM0093 Terschelling
GM0448 Texel
GM1525 Teylingen
GM0716 Tholen
GM0281 Tiel
GM0855 Tilburg
GM0183 Tubbergen
GM1700 Twenterand
GM1730 Tynaarlo
GM0737 Tytsjerksteradiel
GM0856 Uden
GM0450 Uitgeest
GM0451 Uithoorn
GM0184 Urk
GM0344 Utrecht
GM1581 Utrechtse Heuvelrug
GM0981 Vaals
GM0994 Valkenburg aan de Geul
GM0858 Valkenswaard
GM0047 Veendam
GM0345 Veenendaal
GM0717 Veere
GM0861 Veldhoven
GM0453 Velsen
GM0983 Venlo
GM0984 Venray
GM1961 Vijfheerenlanden
GM0622 Vlaardingen
GM0096 Vlieland
GM0718 Vlissingen
GM0986 Voerendaal
GM0626 Voorschoten
GM0285 Voorst
GM0865 Vught
GM1949 Waadhoeke
GM0866 Waalre
GM0867 Waalwijk
GM0627 Waddinxveen
GM0289 Wageningen
GM0629 Wassenaar
GM0852 Waterland
GM0988 Weert
GM0457 Weesp
GM1960 West Betuwe
GM0668 West Maas en Waal
GM1969 Westerkwartier
GM1701 Westerveld
GM0293 Westervoort
GM1950 Westerwolde
GM1783 Westland
GM0098 Weststellingwerf
GM0614 Westvoorne
GM0189 Wierden
GM0296 Wijchen
GM1696 Wijdemeren
GM0352 Wijk bij Duurstede
GM0294 Winterswijk
GM0873 Woensdrecht
GM0632 Woerden
GM0880 Wormerland
GM0351 Woudenberg
GM0479 Zaanstad
GM0297 Zaltbommel
GM0473 Zandvoort
GM0050 Zeewolde
GM0355 Zeist
GM0299 Zevenaar
GM0637 Zoetermeer
GM0638 Zoeterwoude
GM1892 Zuidplas
GM0879 Zundert
GM0301 Zutphen
GM1896 Zwartewaterland
GM0642 Zwijndrecht
GM0193 Zwolle
"""
"""CBS code and name (Tabel B2.1 spelling) of every municipality of the 2019 division."""

BEVOLKING_2019 = {
    "GM0363": 862965,  # Amsterdam
    "GM0518": 537833,  # 's-Gravenhage
    "GM0599": 644618,  # Rotterdam
    "GM0202": 159265,  # Arnhem
    "GM0080": 123107,  # Leeuwarden
    "GM0772": 231642,  # Eindhoven
    "GM0758": 183873,  # Breda
    "GM0014": 231299,  # Groningen
    "GM0400": 55760,  # Den Helder
    "GM0344": 347483,  # Utrecht
    "GM1900": 89583,  # Súdwest-Fryslân
}
"""Inhabitants on 1 January 2019 (CBS StatLine) of the municipalities Tabel 3.2 needs."""

VERDWENEN = (("GM0140", "Littenseradiel", 1984, 2017, "GM1900"),)
"""Municipalities of 2015-2018 that no longer existed in 2019 and that the synthetic police
delivery uses as pleeggemeente: (code, name, first year, last year, 2019 municipality)."""

POLITIE_EENHEDEN = (
    ("NN", "Noord-Nederland"),
    ("ON", "Oost-Nederland"),
    ("MN", "Midden-Nederland"),
    ("NH", "Noord-Holland"),
    ("AM", "Amsterdam"),
    ("DH", "Den Haag"),
    ("RT", "Rotterdam"),
    ("ZWB", "Zeeland West-Brabant"),
    ("OB", "Oost-Brabant"),
    ("LB", "Limburg"),
    ("LE", "Landelijke Eenheid"),
)
"""Police units with the names Figuur 3.3 prints (line 4044)."""


def gemeenten_2019() -> list[tuple[str, str]]:
    """(code, name) of the 355 municipalities of the 2019 division."""
    out = []
    for line in GEMEENTEN_2019.strip().splitlines():
        code, naam = line.split(" ", 1)
        out.append((code, naam))
    return out


def _write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return path


def write_ref_gemeenten(out_dir: Path) -> Path:
    """Write ``ref_gemeenten.csv``: the 2019 division (valid from 2019 or earlier, still
    existing as far as this delivery says) and the municipalities that disappeared before."""
    rows: list[list[object]] = []
    for code, naam in gemeenten_2019():
        rows.append([code, naam, 1812 if code != "GM1900" else 2011, None])
    for code, naam, van, tot, _new in VERDWENEN:
        rows.append([code, naam, van, tot])
    return _write(
        out_dir / "ref_gemeenten.csv", ["gemeentecode", "naam", "geldig_van", "geldig_tot"], rows
    )


def write_ref_bevolking(out_dir: Path) -> Path:
    """Write ``ref_bevolking.csv``: inhabitants on 1 January 2019 (``BEVOLKING_2019``)."""
    rows: list[list[object]] = [[c, 2019, n] for c, n in BEVOLKING_2019.items()]
    return _write(out_dir / "ref_bevolking.csv", ["gemeentecode", "peiljaar", "bevolking"], rows)


def write_ref_gemeente_herindeling(out_dir: Path) -> Path:
    """Write ``ref_gemeente_herindeling.csv``: every code used in 2015-2019 -> its 2019
    municipality; Littenseradiel wholly to Súdwest-Fryslân (Dadermonitor B1.3, line 9427)."""
    rows: list[list[object]] = [[2019, c, c, None] for c, _ in gemeenten_2019()]
    for code, _naam, _van, _tot, new in VERDWENEN:
        rows.append(
            [
                2019,
                code,
                new,
                "Gesplitst per 2018, geheel toegerekend aan Súdwest-Fryslân (Dadermonitor B1.3)",
            ]
        )
    return _write(
        out_dir / "ref_gemeente_herindeling.csv",
        ["jaar", "oude_gemeentecode", "nieuwe_gemeentecode", "toelichting"],
        rows,
    )


def write_ref_politie_eenheden(out_dir: Path) -> Path:
    """Write ``ref_politie_eenheden.csv``: the units and their printed names."""
    return _write(
        out_dir / "ref_politie_eenheden.csv", ["code", "naam"], [list(r) for r in POLITIE_EENHEDEN]
    )

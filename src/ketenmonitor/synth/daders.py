"""Calibrated traits of synthetic perpetrators (sex, age, country of birth) for the Dadermonitor
mensenhandel 2015-2019, chapter 8 'Persoonskenmerken' (../shared/seeds/000_4e969fc2f04dad69.txt
lines 7860-8330): shared by the police (``synth.politie``) and EMM (``synth.emm``) generators.

A ``Doel`` holds, for the perpetrators of one form in one phase, the exact numbers the domain
rules (``ketenmonitor.domain.persons``) must find: how many have an unknown sex, date of birth or
country of birth; of the known, how many are women, the sum of the ages (so the mean is exact),
how many are 22 or younger and how many under 18, and how many were born in the Netherlands, in
the EER and elsewhere. ``traits`` turns a ``Doel`` into one shuffled list of trait dicts; the
phase's generator hands them to its persons. No solver: the ages are drawn around the mean the
target leaves for the adults and then nudged one year at a time until their sum is exact.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

EER_LANDEN = ("RO", "HU", "BG", "PL", "DE", "BE", "SK", "LT", "IT", "FR", "GB", "PT")
"""Countries of birth in the EER (with Switzerland and the United Kingdom), most frequent first
(Tabel B2.2: Roemenië, Hongarije, Bulgarije, Polen ...)."""

OVERIGE_LANDEN = ("MA", "TR", "SR", "ANHH", "CN", "EG", "NG", "IN", "YUCS", "IQ", "IR", "BR")
"""Other countries of birth (Tabel B2.2: Marokko, Turkije, Suriname, Nederlandse Antillen, China,
Egypte ...); the Caribbean parts of the Kingdom are not Nederland."""

OUDSTE = 79
"""The oldest perpetrator in the trial phases is 79 at the offence (line 8010)."""
JONGSTE = 15
"""The youngest is 15 (line 8009)."""

AFRIKA_LANDEN = ("NG", "ER", "GN", "SL", "UG", "GH", "MA", "SO", "ET", "CM")
"""Countries of birth in Africa for victims (Dadermonitor Tabel 3.3 shows Afrika apart; Nigeria,
Eritrea, Guinea ...: the Dublin-status victims of lines 4314-4318)."""


@dataclass(frozen=True)
class Doel:
    """The calibrated traits of ``n`` perpetrators of one form in one phase (see module)."""

    n: int
    geslacht_onbekend: int
    vrouw: int
    leeftijd_onbekend: int
    leeftijd_som: int
    tm22: int
    minderjarig: int
    land_onbekend: int
    nederland: int
    eer: int
    sd_volwassen: float = 9.0
    eer_landen: tuple[str, ...] = EER_LANDEN
    overige_landen: tuple[str, ...] = OVERIGE_LANDEN
    afrika: int = 0
    """Of the known countries, how many in Africa (victims, Tabel 3.3); 0 for the perpetrators,
    whose 'overige geboortelanden' are not split (their ``overige_landen`` hold African ones)."""
    afrika_landen: tuple[str, ...] = AFRIKA_LANDEN
    jongste: int = JONGSTE
    """The youngest age of a minor (victims can be younger than the perpetrators' 15)."""

    def __post_init__(self) -> None:
        assert 0 <= self.vrouw <= self.n - self.geslacht_onbekend, self
        assert 0 <= self.minderjarig <= self.tm22 <= self.n - self.leeftijd_onbekend, self
        assert self.nederland + self.eer + self.afrika <= self.n - self.land_onbekend, self

    @property
    def overig(self) -> int:
        return self.n - self.land_onbekend - self.nederland - self.eer - self.afrika


def leeftijden(
    n: int,
    som: int,
    tm22: int,
    minderjarig: int,
    sd: float,
    rng: random.Random,
    jongste: int = JONGSTE,
) -> list[int]:
    """``n`` ages summing to ``som``: ``minderjarig`` of ``jongste``-17, ``tm22 - minderjarig``
    of 18-22, the rest 23 to ``OUDSTE``, drawn around the mean they need with spread ``sd``."""
    young = [rng.randint(jongste, 17) for _ in range(minderjarig)]
    young += [rng.randint(18, 22) for _ in range(tm22 - minderjarig)]
    adults = n - tm22
    rest = som - sum(young)
    if adults == 0:
        assert rest == 0, (n, som, tm22)
        return young
    mean = rest / adults
    assert 23 <= mean <= OUDSTE, (n, som, tm22, mean)
    ages = [min(OUDSTE, max(23, round(rng.gauss(mean, sd)))) for _ in range(adults)]
    diff = rest - sum(ages)
    while diff != 0:
        i = rng.randrange(adults)
        step = 1 if diff > 0 else -1
        if 23 <= ages[i] + step <= OUDSTE:
            ages[i] += step
            diff -= step
    return young + ages


def traits(doel: Doel, rng: random.Random) -> list[dict[str, Any]]:
    """One dict per perpetrator with ``geslacht`` (M / V / None), ``leeftijd`` (None when
    unknown) and ``geboorteland`` (None when unknown), each trait shuffled on its own."""
    sexes: list[str | None] = (
        [None] * doel.geslacht_onbekend
        + ["V"] * doel.vrouw
        + ["M"] * (doel.n - doel.geslacht_onbekend - doel.vrouw)
    )
    known = doel.n - doel.leeftijd_onbekend
    ages: list[int | None] = [
        *leeftijden(
            known,
            doel.leeftijd_som,
            doel.tm22,
            doel.minderjarig,
            doel.sd_volwassen,
            rng,
            doel.jongste,
        ),
        *([None] * doel.leeftijd_onbekend),
    ]

    def pick(pool: tuple[str, ...], k: int) -> list[str | None]:
        # most frequent first: weights 1/(rank + 1)
        weights = [1 / (i + 1) for i in range(len(pool))]
        return list(rng.choices(pool, weights, k=k))

    lands: list[str | None] = (
        [None] * doel.land_onbekend
        + ["NL"] * doel.nederland
        + pick(doel.eer_landen, doel.eer)
        + pick(doel.overige_landen, doel.overig)
    )
    if doel.afrika:  # only then: the perpetrators' draws stay as they were
        lands += pick(doel.afrika_landen, doel.afrika)
    for values in (sexes, ages, lands):
        rng.shuffle(values)
    return [
        {"geslacht": s, "leeftijd": a, "geboorteland": c}
        for s, a, c in zip(sexes, ages, lands, strict=True)
    ]


def verdeel(totaal: int, gewichten: dict[str, float]) -> dict[str, int]:
    """``totaal`` split over the keys in proportion to ``gewichten`` (largest remainder)."""
    s = sum(gewichten.values())
    exact = {k: totaal * w / s if s else 0.0 for k, w in gewichten.items()}
    out = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: out[k] - exact[k])[: totaal - sum(out.values())]:
        out[k] += 1
    return out

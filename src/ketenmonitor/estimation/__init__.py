"""Multiple systems estimation of the hidden number of victims.

Poisson log-linear models on capture histories (``capture``), hierarchical models in the
literature's notation (``models``), batched exact fits with the existence/identifiability checks
of Chan, Silverman and Vincent (2021) (``lattice``), stepwise / lowest-BIC / fixed selection
(``selection``), bootstrap BCa intervals that repeat the selection (``bootstrap``), estimates per
stratum that add up (``strata``), capture histories from the warehouse (``warehouse``) and the
estimate as a figure of the publication (``publication.estimate_figure``).
See docs/methodology/estimation.md.
"""

from ketenmonitor.estimation.capture import CaptureHistory, CaptureHistoryError, read_csv
from ketenmonitor.estimation.models import format_model, parse_model
from ketenmonitor.estimation.publication import estimate_figure
from ketenmonitor.estimation.selection import (
    Estimate,
    EstimationError,
    bic_select,
    check_model,
    fit_fixed,
    select,
    stepwise,
)

__all__ = [
    "CaptureHistory",
    "CaptureHistoryError",
    "Estimate",
    "EstimationError",
    "bic_select",
    "check_model",
    "estimate_figure",
    "fit_fixed",
    "format_model",
    "parse_model",
    "read_csv",
    "select",
    "stepwise",
]

"""Paper sizes for printouts, and which one a person's locale expects."""

from __future__ import annotations

import os
from collections.abc import Mapping

PAPERS = {"a4": "A4", "letter": "US Letter"}
"""The paper sizes a printout can be laid out for, by the name the command line takes."""

LETTER_TERRITORIES = frozenset(
    {"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"}
)
"""Where Letter is the usual paper (the Unicode CLDR's paper-size data); A4 everywhere else."""


def default_paper(locale_name: str) -> str:
    """ "letter" for a locale such as "en_US" or "es-MX", else "a4"."""
    territory = locale_name.replace("-", "_").split(".")[0].split("@")[0].split("_")
    return "letter" if len(territory) > 1 and territory[-1].upper() in LETTER_TERRITORIES else "a4"


def environment_locale(environment: Mapping[str, str] | None = None) -> str:
    """The locale the environment asks for paper in (LC_ALL, then LC_PAPER, then LANG)."""
    values = os.environ if environment is None else environment
    return next((values[k] for k in ("LC_ALL", "LC_PAPER", "LANG") if values.get(k)), "")

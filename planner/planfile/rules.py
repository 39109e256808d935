"""What name an imported plan takes when a plan here already has the file's."""

from __future__ import annotations

from enum import Enum

from planner.planfile.format import PlanFileError
from planner.plans.rules import check_name, copy_name


class OnClash(Enum):
    ASK = "ask"
    RENAME = "rename"
    REPLACE = "replace"


class NameClash(Exception):
    """A plan with the file's name exists; ask the person whether to rename or replace."""

    def __init__(self, name: str, suggested: str) -> None:
        super().__init__(f"A plan called “{name}” already exists.")
        self.name = name
        self.suggested = suggested


def name_for_import(requested: str, taken: set[str], on_clash: OnClash) -> tuple[str, bool]:
    """The name the plan is imported under (`requested` with its spaces tidied), given the
    casefolded names `taken` here, and whether it replaces the plan of that name. Raises
    PlanFileError for a name no plan may have, NameClash when it is taken and `on_clash` is ASK."""
    wanted = " ".join(requested.split())
    if (problem := check_name(wanted, set())) is not None:
        raise PlanFileError(problem)
    if wanted.casefold() not in taken:
        return wanted, False
    if on_clash is OnClash.ASK:
        raise NameClash(wanted, copy_name(wanted, taken))
    if on_clash is OnClash.RENAME:
        return copy_name(wanted, taken), False
    return wanted, True

"""The pages of the main window, each declared once: adding a page is its module and one entry
in `PAGES`. The window builds each page the first time it is needed, from its entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from planner.ui.kit.page import Page, PageContext

if TYPE_CHECKING:
    from planner.ui.budget.budget_page import BudgetPage
    from planner.ui.checklist.checklist_page import ChecklistPage
    from planner.ui.clinics.clinics_page import ClinicsPage
    from planner.ui.journey.itinerary_page import ItineraryPage
    from planner.ui.journey.journey_page import JourneyPage
    from planner.ui.learn.learn_page import LearnPage
    from planner.ui.overview.overview_page import OverviewPage
    from planner.ui.recovery.recovery_page import RecoveryPage

P = TypeVar("P", bound=Page)
P_co = TypeVar("P_co", bound=Page, covariant=True)


@dataclass(frozen=True)
class PageSpec(Generic[P_co]):
    key: str
    """How the page is remembered between sessions, and its name on the window (`window.<key>`,
    `window.<key>_action`)."""
    label: str
    """Its name in the navigation list."""
    menu_text: str
    """Its item in the View menu, with the letter Alt reaches it by."""
    shortcut: str
    build: Callable[[PageContext], P_co]
    """Builds the page; it imports the page's module, so start-up pays only for the pages shown."""
    printout: str = "itinerary"
    """The printout Print offers first on this page (see `services.printouts.PRINTOUTS`)."""
    shows_plan: bool = True
    """False for a page that is the same for every plan: shown even when the plan cannot be."""
    welcome_without_plan: bool = False
    """Shows the welcome (create a first plan) in its place while there is no plan."""
    eager: bool = False
    """Built at start, before it is shown (reading it is how the window notices a plan whose
    data cannot be read)."""

    @property
    def row(self) -> int:
        """The page's row in the navigation list."""
        return [page.key for page in PAGES].index(self.key)


def _overview(context: PageContext) -> OverviewPage:
    from planner.ui.overview.overview_page import OverviewPage

    return OverviewPage(context.db, context.events)


def _journey(context: PageContext) -> JourneyPage:
    from planner.ui.journey.journey_page import JourneyPage

    return JourneyPage(context.db, context.prompter, context.events)


def _itinerary(context: PageContext) -> ItineraryPage:
    from planner.ui.journey.itinerary_page import ItineraryPage

    return ItineraryPage(context.db, context.prompter, context.events)


def _clinics(context: PageContext) -> ClinicsPage:
    from planner.ui.clinics.clinics_page import ClinicsPage

    return ClinicsPage(context.db, context.prompter, context.events)


def _budget(context: PageContext) -> BudgetPage:
    from planner.ui.budget.budget_page import BudgetPage

    return BudgetPage(context.db, context.prompter, context.events)


def _checklist(context: PageContext) -> ChecklistPage:
    from planner.ui.checklist.checklist_page import ChecklistPage

    return ChecklistPage(context.db, context.prompter, context.events)


def _recovery(context: PageContext) -> RecoveryPage:
    from planner.ui.recovery.recovery_page import RecoveryPage

    return RecoveryPage(context.db, context.prompter, context.events)


def _learn(context: PageContext) -> LearnPage:
    from planner.reference.learn_service import list_learn_entries
    from planner.ui.learn.learn_page import LearnPage

    page = LearnPage()
    page.set_entries(list_learn_entries(context.db))
    return page


OVERVIEW = PageSpec(
    "overview", "Plan overview", "Plan &overview", "Ctrl+1", _overview, welcome_without_plan=True, eager=True
)
JOURNEY = PageSpec("journey", "Journey", "&Journey", "Ctrl+2", _journey)
ITINERARY = PageSpec("itinerary", "Itinerary", "&Itinerary", "Ctrl+3", _itinerary)
CLINICS = PageSpec("clinics", "Clinics", "&Clinics", "Ctrl+4", _clinics, printout="comparison")
BUDGET = PageSpec("budget", "Budget", "&Budget", "Ctrl+5", _budget, printout="budget")
CHECKLIST = PageSpec("checklist", "Checklist", "Chec&klist", "Ctrl+6", _checklist, printout="checklist")
RECOVERY = PageSpec("recovery", "Recovery", "&Recovery", "Ctrl+7", _recovery, printout="recovery")
LEARN = PageSpec("learn", "Learn", "&Learn", "Ctrl+8", _learn, shows_plan=False)

PAGES: tuple[PageSpec[Page], ...] = (
    OVERVIEW,
    JOURNEY,
    ITINERARY,
    CLINICS,
    BUDGET,
    CHECKLIST,
    RECOVERY,
    LEARN,
)
"""In the order of the navigation list and the View menu."""
SEARCH_ELSEWHERE = LEARN
"""Where Ctrl+F goes from a page without a search box."""


class PageHost(Protocol):
    def page(self, spec: PageSpec[P]) -> P: ...


class PageHandle(Generic[P]):
    """A window attribute that gives one page, typed, built the first time it is asked for."""

    def __init__(self, spec: PageSpec[P]) -> None:
        self.spec = spec

    def __get__(self, window: PageHost, owner: type | None = None) -> P:
        return window.page(self.spec)

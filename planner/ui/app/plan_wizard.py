"""The New Plan wizard: name and condition, home country and currency, dates and budget.

Each page checks its own fields when Next is pressed and shows the message under the field; a
message goes as soon as its field is put right.
Nothing is saved until Finish, which creates the plan in one transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.core import clock
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.plans.service import Plan, PlanDraft, check_draft, create_plan
from planner.reference.service import country_choices, currency_for_country, list_conditions
from planner.ui.kit.forms import (
    CheckedForm,
    currency_code,
    currency_combo,
    date_edit,
    searchable_combo,
    to_date,
)

DEFAULT_LEAD_DAYS = 56
DEFAULT_STAY_DAYS = 10


class _Page(QWizardPage):
    """A page whose fields are checked against the whole draft's messages."""

    fields_shown: tuple[str, ...] = ()

    def __init__(self, wizard: PlanWizard, title: str, subtitle: str) -> None:
        super().__init__()
        self.plan_wizard = wizard
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = CheckedForm()
        self.errors = self.form.errors
        outer = QVBoxLayout(self)
        outer.addLayout(self.form)
        outer.addStretch(1)

    def add_field(self, key: str, label: str, widget: QWidget, hint: str | QLabel = "") -> None:
        self.form.add_field(key, label, widget, hint)

    def show_problems(self, problems: dict[str, str]) -> bool:
        return self.form.show_problems(problems)

    def validatePage(self) -> bool:
        return self.show_problems(check_draft(self.plan_wizard.db, self.plan_wizard.draft()))

    def recheck(self, *keys: str) -> None:
        """A field changed: its message (shown at the last Next) goes as soon as it is fixed, or
        says what is still wrong; no new message appears while typing."""
        shown = [key for key in keys if self.errors[key].isVisible()]
        if not shown:
            return
        problems = check_draft(self.plan_wizard.db, self.plan_wizard.draft())
        for key in shown:
            self.errors[key].show_problem(problems.get(key))


class PlanWizard(QWizard):
    """Emits `accepted` with `created` set to the new plan once Finish has saved it."""

    def __init__(self, db: Database, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.created: Plan | None = None
        self.setWindowTitle("New plan")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(640, 480)
        start = (today or clock.today()) + timedelta(days=DEFAULT_LEAD_DAYS)

        self.name_page = _Page(self, "Your plan", "Give the plan a name and say what you want treated.")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Plan name")
        self.name_edit.setPlaceholderText("For example: Knee, Cellinique, March")
        self.name_edit.setMaxLength(200)
        self.name_page.add_field("name", "&Plan name:", self.name_edit)
        self.condition_combo = QComboBox()
        self.condition_combo.setAccessibleName("Condition")
        for condition in list_conditions(db):
            label = (
                condition.name
                if condition.name == condition.group_name
                else (f"{condition.name} ({condition.group_name.lower()})")
            )
            self.condition_combo.addItem(label, condition.id)
            self.condition_combo.setItemData(
                self.condition_combo.count() - 1, condition.summary, Qt.ItemDataRole.ToolTipRole
            )
        self.condition_summary = QLabel()
        self.condition_summary.setWordWrap(True)
        self.condition_summary.setObjectName("hint")
        self.condition_combo.currentIndexChanged.connect(self._show_condition_summary)
        self.name_page.add_field("condition", "&Condition:", self.condition_combo, self.condition_summary)
        self._show_condition_summary()

        self.home_page = _Page(
            self, "Where you live", "Costs at home and totals in your own currency use these."
        )
        self.country_combo = searchable_combo("Home country")
        for country in country_choices():
            self.country_combo.addItem(country.name, country.code)
        self.country_combo.setCurrentIndex(-1)
        self.country_combo.setCurrentText("")
        country_line = self.country_combo.lineEdit()
        assert country_line is not None
        country_line.setPlaceholderText("Type to search, e.g. United Kingdom")
        self.home_page.add_field("home_country", "Home &country:", self.country_combo)
        self.currency_combo = currency_combo("Home currency")
        self.home_page.add_field(
            "home_currency",
            "Home c&urrency:",
            self.currency_combo,
            "Any ISO 4217 code, for example GBP or EUR.",
        )
        self._currency_typed = False
        currency_line = self.currency_combo.lineEdit()
        assert currency_line is not None
        currency_line.textEdited.connect(lambda _text: setattr(self, "_currency_typed", True))
        self.currency_combo.activated.connect(lambda _index: setattr(self, "_currency_typed", True))
        self.country_combo.currentIndexChanged.connect(self._suggest_currency)
        self.country_combo.currentTextChanged.connect(self._suggest_currency)

        self.trip_page = _Page(
            self,
            "Dates and budget",
            "Rough dates are fine; you can change them later. The articles "
            "recommend staying 7–10 days in Korea.",
        )
        self.departure_edit = date_edit("Departure date", start)
        self.return_edit = date_edit("Return date", start + timedelta(days=DEFAULT_STAY_DAYS))
        self.trip_page.add_field("departure", "&Departure:", self.departure_edit)
        self.stay_label = QLabel()
        self.stay_label.setObjectName("hint")
        self.trip_page.add_field("return", "&Return:", self.return_edit, self.stay_label)
        self.budget_edit = QLineEdit()
        self.budget_edit.setAccessibleName("Budget limit")
        self.budget_edit.setPlaceholderText("Optional, e.g. 15,000")
        self.trip_page.add_field(
            "budget_limit",
            "Budget &limit:",
            self.budget_edit,
            "The most you want to spend on the whole trip, in your home currency.",
        )
        self._stay_days = DEFAULT_STAY_DAYS
        self._return_by_hand = False
        self._following = False
        self.departure_edit.dateChanged.connect(self._departure_moved)
        self.return_edit.dateChanged.connect(self._return_moved)
        self._show_stay()
        self.name_edit.textChanged.connect(lambda _text: self.name_page.recheck("name"))
        self.budget_edit.textChanged.connect(lambda _text: self.trip_page.recheck("budget_limit"))
        self.country_combo.currentTextChanged.connect(lambda _text: self.home_page.recheck("home_country"))
        self.currency_combo.currentTextChanged.connect(lambda _text: self.home_page.recheck("home_currency"))
        for edit in (self.departure_edit, self.return_edit):
            edit.dateChanged.connect(lambda _day: self.trip_page.recheck("departure", "return"))

        for page in (self.name_page, self.home_page, self.trip_page):
            self.addPage(page)
        self.trip_page.setFinalPage(True)

    def _show_condition_summary(self) -> None:
        self.condition_summary.setText(
            str(self.condition_combo.currentData(Qt.ItemDataRole.ToolTipRole) or "")
        )

    def _suggest_currency(self) -> None:
        """Propose the country's currency until the person has chosen one themselves."""
        code = self._country_code()
        if code and not self._currency_typed:
            currency = currency_for_country(code)
            self.currency_combo.setCurrentIndex(self.currency_combo.findData(currency))

    def _departure_moved(self) -> None:
        """The return follows the departure, keeping the stay's length, until it is set by hand."""
        if not self._return_by_hand:
            self._following = True
            self.return_edit.setDate(self.departure_edit.date().addDays(self._stay_days))
            self._following = False
        self._show_stay()

    def _return_moved(self) -> None:
        if not self._following:
            self._return_by_hand = True
        self._show_stay()

    def _show_stay(self) -> None:
        days = to_date(self.departure_edit.date()).toordinal()
        nights = to_date(self.return_edit.date()).toordinal() - days
        self.stay_label.setText(f"{nights} nights away" if nights >= 0 else "")

    def _country_code(self) -> str:
        text = self.country_combo.currentText().strip().casefold()
        index = self.country_combo.findText(
            self.country_combo.currentText().strip(), Qt.MatchFlag.MatchFixedString
        )
        if index >= 0:
            return str(self.country_combo.itemData(index))
        return text.upper() if len(text) == 2 else ""

    def draft(self) -> PlanDraft:
        return PlanDraft(
            name=self.name_edit.text(),
            condition_id=str(self.condition_combo.currentData() or ""),
            home_country=self._country_code(),
            home_currency=currency_code(self.currency_combo),
            departure=to_date(self.departure_edit.date()),
            return_=to_date(self.return_edit.date()),
            budget_limit=self.budget_edit.text(),
        )

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is not self.trip_page:
            return True
        try:
            self.created = create_plan(self.db, self.draft())
        except ValidationError as error:
            for page in (self.name_page, self.home_page, self.trip_page):
                page.show_problems(error.errors)
            return False
        return True

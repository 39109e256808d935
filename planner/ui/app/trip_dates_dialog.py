"""Change a plan's trip dates: departure, return and, once known, the treatment day. Checklist
items due relative to these move with them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.plans.service import Plan, change_dates
from planner.ui.journey.appointment_dialog import zone_combo
from planner.ui.kit.forms import CheckedForm, date_edit, lay_out_form_dialog, optional_date, to_date


class TripDatesDialog(QDialog):
    """`saved` holds the plan once Save has written the dates."""

    def __init__(self, db: Database, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan = db, plan
        self.saved: Plan | None = None
        self.setWindowTitle("Trip dates")
        self.departure = date_edit("Departure", plan.departure)
        self.return_ = date_edit("Return", plan.return_)
        self.has_treatment, self.treatment, treatment_row = optional_date(
            "Treatment on", "Treatment date", plan.treatment_date, plan.departure
        )
        self.zone = zone_combo("Home time zone", plan.home_zone, plan.home_zone)
        self.form = CheckedForm()
        self.form.add_field("departure", "&Departure:", self.departure)
        self.form.add_field("return", "&Return:", self.return_)
        self.form.add_field(
            "treatment", "&Treatment:", treatment_row, "Once the clinic has confirmed the day."
        )
        self.form.add_field(
            "zone", "Home time &zone:", self.zone, "The itinerary shows every time in Seoul and in this zone."
        )
        self.buttons = lay_out_form_dialog(
            self,
            f"Dates of “{plan.name}”",
            "Checklist items due a number of days from these dates move with them.",
            self.form,
        )

    def accept(self) -> None:
        treatment = to_date(self.treatment.date()) if self.has_treatment.isChecked() else None
        try:
            self.saved = change_dates(
                self.db,
                self.plan.id,
                to_date(self.departure.date()),
                to_date(self.return_.date()),
                treatment,
                self.zone.currentText(),
            )
        except ValidationError as error:
            self.form.show_problems(error.errors)
            return
        super().accept()

"""Fill in what the printed itinerary's first page carries: the hotel, the travel insurance and
whom to call in an emergency."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.journey.trip_details_service import TripDetails, load_details, save_details
from planner.plans.service import Plan
from planner.ui.kit.forms import CheckedForm, lay_out_form_dialog


def _line(name: str, text: str) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def _box(name: str, text: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(56)
    edit.setMaximumHeight(96)
    return edit


class TripDetailsDialog(QDialog):
    """`saved` holds the details once Save has written them."""

    def __init__(self, db: Database, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan = db, plan
        self.saved: TripDetails | None = None
        self.setWindowTitle("Trip details")
        self.setMinimumWidth(560)
        details = load_details(db, plan.id)
        self.hotel_name = _line("Hotel", details.hotel_name)
        self.hotel_address = _box("Hotel address", details.hotel_address)
        self.hotel_phone = _line("Hotel phone", details.hotel_phone)
        self.insurance = _box("Travel insurance", details.insurance)
        self.emergency_contact = _box("Emergency contact", details.emergency_contact)
        self.hotel_address.setPlaceholderText("As a taxi driver would read it; add the Korean address too")
        self.insurance.setPlaceholderText("Insurer, policy number and their emergency line")
        self.emergency_contact.setPlaceholderText("Name, relationship and phone number")
        self.form = CheckedForm()
        self.form.add_field("hotel_name", "&Hotel:", self.hotel_name)
        self.form.add_field("hotel_address", "&Address:", self.hotel_address)
        self.form.add_field("hotel_phone", "&Phone:", self.hotel_phone)
        self.form.add_field("insurance", "Travel &insurance:", self.insurance)
        self.form.add_field("emergency_contact", "&Emergency contact:", self.emergency_contact)
        self.buttons = lay_out_form_dialog(
            self,
            f"Trip details of “{plan.name}”",
            "These go on the first page of the printed itinerary. Anything left empty prints as a "
            "line to write on.",
            self.form,
        )

    def details(self) -> TripDetails:
        return TripDetails(
            self.hotel_name.text(),
            self.hotel_address.toPlainText(),
            self.hotel_phone.text(),
            self.insurance.toPlainText(),
            self.emergency_contact.toPlainText(),
        )

    def accept(self) -> None:
        try:
            self.saved = save_details(self.db, self.plan.id, self.details())
        except ValidationError as error:
            self.form.show_problems(error.errors)
            self.adjustSize()  # room for the messages under their fields
            return
        super().accept()

"""Beside the diary, once side effects are recorded: what was recorded, as it was recorded, and who
to contact. The app does not interpret them; it says so, and gives the clinic's details, the
emergency contact from Trip details and, while the patient is in Korea, Korea's emergency numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.clinics.rules import Clinic
from planner.core.dates import weekday_date
from planner.journey.trip_details_service import TripDetails
from planner.recovery.emergency import EmergencyNumber
from planner.recovery.progress import SideEffectDay
from planner.ui.kit.rich_text import rich_text_view

NOT_ADVICE = (
    "This app keeps what you record; it does not give medical advice and cannot say what a side "
    "effect means. If you are worried about one, contact your clinic or your doctor. In an "
    "emergency, call for help first."
)

RECORDED_HEIGHT = 120
"""The list of side effects scrolls past this, so who to contact stays in sight."""


@dataclass(frozen=True, slots=True)
class Contacts:
    """Who to contact, as the page read it for the plan."""

    clinic: Clinic | None
    details: TripDetails
    in_korea_until: date | None
    """The plan's return day while today is between departure and return; else None."""
    numbers: Sequence[EmergencyNumber]


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _clinic_html(clinic: Clinic | None) -> str:
    if clinic is None:
        return "<p><b>Your clinic:</b> none chosen for this plan yet (choose one on the Clinics page).</p>"
    lines = [f"<b>Your clinic:</b> {_text(clinic.name)}"]
    where = ", ".join(p for p in (clinic.district, clinic.city) if p)
    if clinic.location:
        lines.append(
            _text(clinic.location) + (f" ({_text(where)})" if where and where not in clinic.location else "")
        )
    elif where:
        lines.append(_text(where))
    if clinic.note:
        lines.append(f"<span class='hint'>Your note:</span> {_text(clinic.note)}")
    return "<p>" + "<br>".join(lines) + "</p>"


def contacts_html(contacts: Contacts) -> str:
    """That the app gives no advice; Korea's numbers while the patient is there; the clinic, the
    emergency contact and the travel insurance."""
    parts = [f"<p>{escape(NOT_ADVICE)}</p>"]
    if contacts.in_korea_until is not None and contacts.numbers:
        rows = "".join(
            f"<tr><td class='num'>{escape(n.number)}</td><td>{escape(n.what)}</td></tr>"
            for n in contacts.numbers
        )
        parts.append(
            f"<p><b>In Korea, until {escape(weekday_date(contacts.in_korea_until))}:</b></p>"
            f"<table cellspacing='0' cellpadding='2'>{rows}</table>"
        )
    parts.append(_clinic_html(contacts.clinic))
    contact = contacts.details.emergency_contact
    parts.append(
        f"<p><b>Emergency contact:</b> {_text(contact)}</p>"
        if contact
        else "<p><b>Emergency contact:</b> <span class='hint'>not filled in; add one in File › Trip "
        "details….</span></p>"
    )
    if contacts.details.insurance:
        parts.append(f"<p><b>Travel insurance:</b> {_text(contacts.details.insurance)}</p>")
    return "".join(parts)


def side_effects_html(log: Sequence[SideEffectDay]) -> str:
    """Newest first, each day with what was recorded, in the patient's words."""
    rows = "".join(
        f"<tr><td valign='top' style='white-space: nowrap'>{escape(weekday_date(day.day))}</td>"
        f"<td valign='top'>{escape(', '.join(day.effects))}</td></tr>"
        for day in reversed(log)
    )
    return f"<table cellspacing='0' cellpadding='3'>{rows}</table>"


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("panelTitle")
    return label


class SideEffectsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorded = rich_text_view("Side effects you recorded")
        self.contacts = rich_text_view("Who to contact")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(_title("Side effects you recorded"))
        layout.addWidget(self.recorded)
        layout.addWidget(_title("Who to contact"))
        layout.addWidget(self.contacts, 1)

    def show_side_effects(self, log: Sequence[SideEffectDay], contacts: Contacts) -> None:
        self.recorded.setHtml(side_effects_html(log))
        self.contacts.setHtml(contacts_html(contacts))
        self._fit_recorded()

    def _fit_recorded(self) -> None:
        """As tall as the list, up to RECORDED_HEIGHT (then it scrolls)."""
        document = self.recorded.document()
        document.setTextWidth(max(self.recorded.viewport().width(), 200))
        margins = self.recorded.contentsMargins()
        needed = int(document.size().height()) + margins.top() + margins.bottom() + 4
        self.recorded.setFixedHeight(min(needed, RECORDED_HEIGHT))

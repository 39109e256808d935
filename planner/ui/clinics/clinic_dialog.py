"""Add or edit one of the user's own clinics, with the same fields the catalogue's clinics have."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.clinics.drafts import ClinicDraft
from planner.clinics.rules import CONDITION_GROUPS, Clinic, Technique
from planner.clinics.service import create_clinic, update_clinic
from planner.core.limits import PlanFull
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.ui.kit.forms import CheckedForm

ONE_PER_LINE = "One per line."
TAB_NAMES = ("Basics", "Treatments", "Features and claims")
"""A tab whose fields have a problem is marked with ⚠ after a refused save."""


def _text_box(name: str, text: str = "", height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box


class ClinicDialog(QDialog):
    """`saved` holds the clinic once Save has written it."""

    def __init__(
        self,
        db: Database,
        techniques: list[Technique],
        clinic: Clinic | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.clinic = clinic
        self.saved: Clinic | None = None
        self.setWindowTitle(f"Edit “{clinic.name}”" if clinic else "Add your own clinic")
        self.setMinimumSize(620, 560)
        c = clinic or Clinic(id=0, catalogue_id=None, name="", city="Seoul")

        self.name = QLineEdit(c.name)
        self.name.setAccessibleName("Clinic name")
        self.name.setPlaceholderText("As the clinic writes it")
        self.city = QLineEdit(c.city)
        self.city.setAccessibleName("City")
        self.district = QLineEdit(c.district)
        self.district.setAccessibleName("District")
        self.district.setPlaceholderText("e.g. Gangnam")
        self.location = QLineEdit(c.location)
        self.location.setAccessibleName("Location")
        self.location.setPlaceholderText("Address or how to find it")
        self.focus = _text_box("Focus", c.focus)
        self.doctors = _text_box("Lead doctors", "\n".join(c.lead_doctors))
        self.groups = {group: QCheckBox(name) for group, name in CONDITION_GROUPS.items()}
        treats = QWidget()
        treats_layout = QVBoxLayout(treats)
        treats_layout.setContentsMargins(0, 0, 0, 0)
        for group, box in self.groups.items():
            box.setChecked(group in c.condition_groups)
            treats_layout.addWidget(box)
        self.approved = QCheckBox(
            "Approved by the Ministry of Health and Welfare as a regenerative-medicine provider"
        )
        self.approved.setChecked(c.government_approved)

        self.techniques = QListWidget()
        self.techniques.setAccessibleName("Techniques")
        for technique in techniques:
            item = QListWidgetItem(technique.name)
            item.setData(Qt.ItemDataRole.UserRole, technique.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if technique.id in c.technique_ids else Qt.CheckState.Unchecked
            )
            self.techniques.addItem(item)
        self.special = _text_box("Special techniques", "\n".join(c.special_techniques))
        self.treatments = _text_box("Treatments", "\n".join(c.treatments), 100)
        self.features = _text_box("Key features", "\n".join(c.key_features), 100)
        self.approvals = _text_box("Approvals and certifications", "\n".join(c.approvals))
        self.claims = _text_box("Claims", "\n".join(c.claims), 100)

        basics, self.basics_form = self._tab()
        self.basics_form.add_field("name", "&Name:", self.name)
        self.basics_form.add_field("city", "&City:", self.city)
        self.basics_form.add_field("district", "&District:", self.district)
        self.basics_form.add_field("location", "&Location:", self.location)
        self.basics_form.add_field("focus", "&Focus:", self.focus)
        self.basics_form.add_field("lead_doctors", "L&ead doctors:", self.doctors, ONE_PER_LINE)
        self.basics_form.add_field("conditions", "&Treats:", treats)
        treatments, self.treatments_form = self._tab()
        self.treatments_form.add_field("techniques", "&Techniques:", self.techniques)
        self.treatments_form.add_field(
            "special_techniques", "&Special techniques:", self.special, ONE_PER_LINE
        )
        self.treatments_form.add_field("treatments", "T&reatments:", self.treatments, ONE_PER_LINE)
        trust, self.trust_form = self._tab()
        self.trust_form.add_field("key_features", "&Key features:", self.features, ONE_PER_LINE)
        self.trust_form.add_field("approvals", "&Approvals:", self.approvals, "Only what you could verify.")
        self.trust_form.add_field("government_approved", "", self.approved)
        self.trust_form.add_field(
            "claims", "C&laims:", self.claims, "What the clinic says of itself. Shown as claims to verify."
        )
        self.tabs = QTabWidget()
        for tab, name in zip((basics, treatments, trust), TAB_NAMES, strict=True):
            self.tabs.addTab(tab, name)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    @staticmethod
    def _tab() -> tuple[QWidget, CheckedForm]:
        page = QWidget()
        form = CheckedForm()
        outer = QVBoxLayout(page)
        outer.addLayout(form)
        outer.addStretch(1)
        return page, form

    def draft(self) -> ClinicDraft:
        checked = [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.techniques.item(i) for i in range(self.techniques.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]
        return ClinicDraft(
            name=self.name.text(),
            city=self.city.text(),
            district=self.district.text(),
            location=self.location.text(),
            focus=self.focus.toPlainText(),
            lead_doctors=self.doctors.toPlainText(),
            key_features=self.features.toPlainText(),
            special_techniques=self.special.toPlainText(),
            treatments=self.treatments.toPlainText(),
            condition_groups=tuple(group for group, box in self.groups.items() if box.isChecked()),
            technique_ids=tuple(checked),
            approvals=self.approvals.toPlainText(),
            government_approved=self.approved.isChecked(),
            claims=self.claims.toPlainText(),
        )

    def accept(self) -> None:
        try:
            if self.clinic is None:
                self.saved = create_clinic(self.db, self.draft())
            else:
                self.saved = update_clinic(self.db, self.clinic.id, self.draft())
        except PlanFull as full:
            self.basics_form.show_full(full)
            return
        except ValidationError as error:
            forms = (self.basics_form, self.treatments_form, self.trust_form)
            for number, form in reversed(list(enumerate(forms))):
                fine = form.show_problems(error.errors)
                self.tabs.setTabText(number, TAB_NAMES[number] + ("" if fine else " ⚠"))
                if not fine:
                    self.tabs.setCurrentIndex(number)
            if "name" in error.errors:
                self.name.setFocus()
            return
        super().accept()

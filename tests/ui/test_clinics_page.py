"""The Clinics page as a person uses it: search, filter, read, shortlist, choose, compare, add."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from planner.clinics.drafts import ClinicDraft
from planner.clinics.questions_service import add_question
from planner.clinics.service import create_clinic, list_clinics
from planner.clinics.shortlist_service import set_shortlisted, shortlisted_ids
from planner.core import limits
from planner.db.database import Database
from planner.plans.service import Plan, get_plan
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import CLINICS, OVERVIEW
from planner.ui.clinics.clinics_page import ClinicsPage
from tests.ui.conftest import FakePrompter


@pytest.fixture
def page_with_plan(
    make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> tuple[MainWindow, ClinicsPage, Plan]:
    plan = add_plan("Knee, March")
    window = make_window()
    window.nav.setCurrentRow(CLINICS.row)
    return window, window.clinics, plan


def shown_names(page: ClinicsPage) -> list[str]:
    return [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]


def select_names(page: ClinicsPage, *names: str) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() in names:
            selection.select(
                page.proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def test_the_page_lists_the_four_clinics_and_shows_one_in_full(
    page_with_plan: tuple[MainWindow, ClinicsPage, Plan],
) -> None:
    window, page, _plan = page_with_plan
    assert window.stack.currentWidget() is page
    assert sorted(shown_names(page)) == [
        "Cellinique Clinic",
        "Lydian Plastic Surgery Clinic",
        "SH Clinic",
        "THEPLUS Plastic Surgery",
    ]
    assert page.count.text() == "4 clinics"
    select_names(page, "THEPLUS Plastic Surgery")
    about = page.detail.about.toPlainText()
    assert "Garosu-gil" in about and "Claims to verify" in about
    # The FDA statement is the clinic's own marketing: listed under the claims, not the facts.
    facts, claims = about.split("Claims to verify")
    assert "FDA-approved" in claims and "FDA-approved" not in facts


def test_typing_a_search_narrows_the_list_and_an_empty_result_offers_to_clear(
    qtbot: QtBot, page_with_plan: tuple[MainWindow, ClinicsPage, Plan]
) -> None:
    _window, page, _plan = page_with_plan
    qtbot.keyClicks(page.filters.search, "novastem")
    assert shown_names(page) == ["Cellinique Clinic"]
    assert page.count.text() == "1 of 4 clinics"
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, "chun")
    assert shown_names(page) == ["Lydian Plastic Surgery Clinic"]
    qtbot.keyClicks(page.filters.search, " busan")
    assert page.results.currentIndex() == 1
    assert "No clinic mentions “chun busan”" in page.empty_text.text()
    qtbot.mouseClick(page.empty_clear, Qt.MouseButton.LeftButton)
    assert page.filters.search.text() == "" and len(shown_names(page)) == 4


def test_each_filter_shows_how_many_clinics_match(
    page_with_plan: tuple[MainWindow, ClinicsPage, Plan],
) -> None:
    _window, page, _plan = page_with_plan
    filters = page.filters
    assert filters.approved.text() == "Government-approved only (1)"
    texts = [filters.technique.itemText(i) for i in range(filters.technique.count())]
    assert (
        "Any technique (4)" in texts and "NK cell therapy (1)" in texts and "Stem cell therapy (4)" in texts
    )
    conditions = [filters.condition.itemText(i) for i in range(filters.condition.count())]
    assert "Knee cartilage (3)" in conditions and "Soft-tissue injuries (3)" in conditions

    filters.condition.setCurrentIndex(filters.condition.findData("knee-cartilage"))
    assert sorted(shown_names(page)) == ["Cellinique Clinic", "Lydian Plastic Surgery Clinic", "SH Clinic"]
    # The other filters now count within the knee-cartilage clinics.
    assert filters.technique.itemText(filters.technique.findData("prp")) == "PRP (1)"
    filters.approved.setChecked(True)
    assert shown_names(page) == ["Lydian Plastic Surgery Clinic"]
    filters.technique.setCurrentIndex(filters.technique.findData("prp"))
    assert shown_names(page) == []
    assert "offers PRP" in page.empty_text.text() and "government-approved" in page.empty_text.text()
    filters.clear_filters()
    assert len(shown_names(page)) == 4

    filters.district.setCurrentIndex(filters.district.findData("Sinsa"))
    assert shown_names(page) == ["SH Clinic"]


def test_shortlist_and_choose_a_clinic_for_the_plan(
    page_with_plan: tuple[MainWindow, ClinicsPage, Plan], db: Database
) -> None:
    window, page, plan = page_with_plan
    select_names(page, "Cellinique Clinic")
    page.detail.shortlist.click()
    assert shortlisted_ids(db, plan.id) == {page.current_clinic().id}  # type: ignore[union-attr]
    assert page.filters.shortlist.text() == "On this plan's shortlist (1)"
    assert "Shortlisted" in page.detail.shortlist.text()

    select_names(page, "Lydian Plastic Surgery Clinic")
    page.detail.choose.click()
    chosen = get_plan(db, plan.id)
    assert chosen is not None and chosen.clinic_name == "Lydian Plastic Surgery Clinic"
    assert page.model.status(page.current_clinic()) == "Chosen"  # type: ignore[arg-type]
    page.filters.shortlist.setChecked(True)
    assert sorted(shown_names(page)) == ["Cellinique Clinic", "Lydian Plastic Surgery Clinic"]

    window.nav.setCurrentRow(OVERVIEW.row)
    assert "Lydian Plastic Surgery Clinic" in window.overview.view.toPlainText()


def test_compare_three_clinics_side_by_side(
    qtbot: QtBot, page_with_plan: tuple[MainWindow, ClinicsPage, Plan]
) -> None:
    _window, page, _plan = page_with_plan
    select_names(page, "Cellinique Clinic")
    assert not page.compare_button.isEnabled()
    select_names(page, "Cellinique Clinic", "SH Clinic", "Lydian Plastic Surgery Clinic")
    assert page.compare_button.isEnabled() and "(3)" in page.compare_button.text()
    page.compare_button.click()
    dialog = page.compare_dialog
    assert dialog is not None
    model = dialog.view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Cellinique Clinic", "Lydian Plastic Surgery Clinic", "SH Clinic"]
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert {"District", "Lead doctors", "Techniques", "Your quote total", "Your rating"} <= set(labels)
    approved = labels.index("Government-approved")
    assert [model.index(approved, c).data() for c in range(3)] == ["Not stated", "Yes", "Not stated"]
    dialog.view.only_differences.setChecked(True)
    shown = [
        dialog.view.proxy.headerData(r, Qt.Orientation.Vertical) for r in range(dialog.view.proxy.rowCount())
    ]
    assert "Government-approved" in shown and "Your rating" not in shown  # nobody rated yet: all the same
    dialog.close()


def test_add_edit_hide_and_delete_your_own_clinic(
    qtbot: QtBot, page_with_plan: tuple[MainWindow, ClinicsPage, Plan], db: Database, prompter: FakePrompter
) -> None:
    _window, page, plan = page_with_plan
    page.add_button.click()
    dialog = page.clinic_dialog
    assert dialog is not None
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.basics_form.errors["name"].text() == "A clinic needs a name."
    assert len(list_clinics(db)) == 4

    qtbot.keyClicks(dialog.name, "Seoul Knee Centre")
    qtbot.keyClicks(dialog.district, "Jamsil")
    dialog.groups["knee-cartilage"].setChecked(True)
    dialog.techniques.item(1).setCheckState(Qt.CheckState.Checked)  # PRP
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert page.clinic_dialog is None
    assert page.current_clinic() is not None and page.current_clinic().name == "Seoul Knee Centre"  # type: ignore[union-attr]
    assert "Your own" in page.model.status(page.current_clinic())  # type: ignore[arg-type]
    assert "Added by you" in page.detail.about.toPlainText()
    assert page.detail.edit.isVisibleTo(page) and page.detail.delete.isVisibleTo(page)

    page.detail.edit.click()
    dialog = page.clinic_dialog
    assert dialog is not None and dialog.name.text() == "Seoul Knee Centre"
    dialog.name.setText("Cellinique clinic")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "already a clinic called" in dialog.basics_form.errors["name"].text()
    dialog.name.setText("Jamsil Knee Centre")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert page.current_clinic().name == "Jamsil Knee Centre"  # type: ignore[union-attr]

    page.detail.choose.click()
    prompter.confirm_answer = False
    page.detail.delete.click()
    assert "chosen clinic of “Knee, March”" in prompter.asked[-1]
    assert any(c.name == "Jamsil Knee Centre" for c in list_clinics(db))
    prompter.confirm_answer = True
    page.detail.delete.click()
    assert all(c.name != "Jamsil Knee Centre" for c in list_clinics(db))
    assert get_plan(db, plan.id).clinic_id is None  # type: ignore[union-attr]

    select_names(page, "SH Clinic")
    assert not page.detail.delete.isVisibleTo(page)
    page.detail.hide_button.click()
    assert "SH Clinic" not in shown_names(page)
    assert page.filters.show_hidden.text() == "Show hidden clinics (1)"
    page.filters.search.setText("Sinsa")
    assert "1 hidden clinic matches" in page.empty_text.text()
    page.filters.show_hidden.setChecked(True)
    assert "SH Clinic" in shown_names(page)


def test_too_long_a_district_and_list_are_refused_at_their_fields_on_their_tabs(
    qtbot: QtBot, page_with_plan: tuple[MainWindow, ClinicsPage, Plan], db: Database
) -> None:
    _window, page, _plan = page_with_plan
    page.add_button.click()
    dialog = page.clinic_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "Seoul Knee Centre")
    dialog.district.setText("Gangnam" * 30)  # pasted: 210 characters
    dialog.features.setPlainText("\n".join(f"Feature {n}" for n in range(201)))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert page.clinic_dialog is dialog and dialog.isVisible()
    assert dialog.basics_form.errors["district"].text() == "Keep it under 200 characters."
    assert dialog.trust_form.errors["key_features"].text() == "List at most 200 items, one per line."
    assert dialog.tabs.currentIndex() == 0  # the first tab with a problem
    assert [dialog.tabs.tabText(n) for n in range(3)] == ["Basics ⚠", "Treatments", "Features and claims ⚠"]
    assert len(list_clinics(db)) == 4
    dialog.district.setText("Gangnam")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.tabs.currentIndex() == 2 and dialog.tabs.tabText(0) == "Basics"  # on to the list
    dialog.features.setPlainText("English staff")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert page.clinic_dialog is None
    assert page.current_clinic() is not None and page.current_clinic().district == "Gangnam"  # type: ignore[union-attr]


def test_rating_and_note_are_saved_and_a_bad_rating_is_impossible_to_pick(
    qtbot: QtBot, page_with_plan: tuple[MainWindow, ClinicsPage, Plan], db: Database
) -> None:
    _window, page, _plan = page_with_plan
    select_names(page, "Cellinique Clinic")
    notes = page.detail.notes
    notes.rating.setCurrentIndex(notes.rating.findData(4))
    qtbot.keyClicks(notes.note, "Kind on the video call")
    notes.save.click()
    saved = next(c for c in list_clinics(db) if c.name == "Cellinique Clinic")
    assert saved.rating == 4 and saved.note == "Kind on the video call"
    assert page.proxy.index(0, 2).data() == "★★★★"
    assert [notes.rating.itemData(i) for i in range(notes.rating.count())] == [None, 5, 4, 3, 2, 1]


def test_answer_a_question_and_add_your_own(
    qtbot: QtBot, page_with_plan: tuple[MainWindow, ClinicsPage, Plan], prompter: FakePrompter
) -> None:
    _window, page, _plan = page_with_plan
    select_names(page, "Lydian Plastic Surgery Clinic")
    questions = page.detail.questions
    assert questions.model.rowCount() == 21
    row = questions.model.row_of("builtin:cell-source")
    questions.table.selectRow(row)
    assert "Where will the cells come from" in questions.question_text.text()
    qtbot.keyClicks(questions.answer, "My own fat")
    questions.save.click()
    assert questions.model.answer("builtin:cell-source") == "My own fat"
    assert questions.summary.text() == "1 of 21 answered"
    assert page.detail.tabs.tabText(2) == "Questions (1 answered)"

    prompter.text_answer = "   "
    questions.add.click()
    assert prompter.problems_seen[-1] == "Type the question."
    prompter.text_answer = "Can my partner stay in the recovery room?"
    questions.add.click()
    assert questions.model.rowCount() == 22
    assert questions.current_question().text == "Can my partner stay in the recovery room?"  # type: ignore[union-attr]
    assert questions.remove.isEnabled()
    questions.remove.click()
    assert questions.model.rowCount() == 21


def test_the_overview_names_the_condition_once_and_the_chosen_clinic(
    page_with_plan: tuple[MainWindow, ClinicsPage, Plan],
) -> None:
    window, page, _plan = page_with_plan
    window.nav.setCurrentRow(OVERVIEW.row)
    text = window.overview.view.toPlainText()
    assert "Knee cartilage damage (" not in text
    assert "Not chosen yet" in text
    window.nav.setCurrentRow(CLINICS.row)
    select_names(page, "SH Clinic")
    page.detail.choose.click()
    assert "SH Clinic" in window.overview.view.toPlainText()


def test_the_clinics_are_read_when_the_page_is_first_shown(
    make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    window = make_window()
    window.nav.setCurrentRow(OVERVIEW.row)
    assert window.clinics.model.rowCount() == 0  # nothing read at start-up for a hidden page
    window.nav.setCurrentRow(CLINICS.row)
    assert window.clinics.model.rowCount() == 4


def test_a_full_shortlist_and_a_full_list_of_questions_say_so_and_change_nothing(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    db: Database,
    prompter: FakePrompter,
) -> None:
    plan = add_plan("Knee, March")
    for n in range(limits.SHORTLIST.most):
        own = create_clinic(db, ClinicDraft(name=f"Clinic of my own {n}"))
        set_shortlisted(db, plan.id, own.id, True)
    for n in range(limits.OWN_QUESTIONS.most):
        add_question(db, f"My question {n}?")
    window = make_window()
    window.nav.setCurrentRow(CLINICS.row)
    page = window.clinics
    select_names(page, "SH Clinic")
    qtbot.mouseClick(page.detail.shortlist, Qt.MouseButton.LeftButton)
    assert prompter.errors[-1] == limits.SHORTLIST.full_message()
    assert not page.detail.shortlist.isChecked() and page.detail.shortlist.text() == "☆ Shortlist"
    assert len(shortlisted_ids(db, plan.id)) == limits.SHORTLIST.most

    prompter.text_answer = "One question too many?"
    qtbot.mouseClick(page.detail.questions.add, Qt.MouseButton.LeftButton)
    assert prompter.errors[-1] == limits.OWN_QUESTIONS.full_message()
    assert "Add a question" not in prompter.asked  # refused before asking for the text
    assert page.detail.questions.model.rowCount() == 21 + limits.OWN_QUESTIONS.most

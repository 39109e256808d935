"""Clinics, shortlist, questions and quotes through the services, on a fresh database each time."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from planner.catalogue.loader import load_catalogue
from planner.clinics.questions_service import (
    add_question,
    answers_for,
    delete_question,
    list_questions,
    save_answer,
)
from planner.clinics.quotes_service import (
    QuoteDraft,
    QuoteLineDraft,
    accept_quote,
    delete_quote,
    fee_categories,
    latest_quotes_by_clinic,
    list_quotes,
    save_quote,
)
from planner.clinics.service import (
    Clinic,
    ClinicDraft,
    ClinicUse,
    clinic_name_problem,
    clinic_use,
    create_clinic,
    delete_clinic,
    get_clinic,
    list_clinics,
    save_notes,
    set_hidden,
    technique_choices,
    update_clinic,
)
from planner.clinics.shortlist_service import choose_clinic, set_shortlisted, shortlisted_ids
from planner.core.paths import catalogue_dir
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import (
    ClinicAnswerRow,
    QuoteLineRow,
    QuoteRow,
    ShortlistRow,
)
from planner.plans.service import Plan, PlanDraft, create_plan, delete_plan, duplicate_plan, get_plan


def make_plan(db: Database, name: str = "Knee, March") -> Plan:
    return create_plan(
        db,
        PlanDraft(
            name=name,
            condition_id="knee-cartilage-damage",
            home_country="GB",
            home_currency="GBP",
            departure=date(2027, 3, 1),
            return_=date(2027, 3, 11),
        ),
    )


def catalogue_clinic(db: Database, catalogue_id: str) -> Clinic:
    return next(c for c in list_clinics(db) if c.catalogue_id == catalogue_id)


def own_clinic(db: Database, name: str = "Busan Knee Centre") -> Clinic:
    return create_clinic(
        db,
        ClinicDraft(
            name=name,
            city="Busan",
            district="Haeundae",
            lead_doctors="Dr. Park\n- Dr. Choi",
            condition_groups=("knee-cartilage",),
            technique_ids=("prp", "stem-cells"),
        ),
    )


def quote_draft(clinic_id: int, *lines: QuoteLineDraft, **changes: object) -> QuoteDraft:
    values: dict[str, object] = {
        "clinic_id": clinic_id,
        "currency": "USD",
        "received_on": date(2027, 1, 10),
        "valid_until": None,
        "deposit": "10",
        "refund_terms": "Refundable until 14 days before",
        "note": "",
        "lines": lines or (QuoteLineDraft("surgeon", "", "3,000"), QuoteLineDraft(None, "Hotel", "450.50")),
    }
    values.update(changes)
    return QuoteDraft(**values)  # type: ignore[arg-type]


def count(db: Database, model: type[object]) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# --- Clinics ---------------------------------------------------------------------------------


def test_the_four_catalogue_clinics_are_listed_with_their_techniques(db: Database) -> None:
    clinics = list_clinics(db)
    assert [c.name for c in clinics] == [
        "Cellinique Clinic",
        "Lydian Plastic Surgery Clinic",
        "SH Clinic",
        "THEPLUS Plastic Surgery",
    ]
    assert not any(c.own or c.hidden for c in clinics)
    approved = [c.name for c in clinics if c.government_approved]
    assert approved == ["Lydian Plastic Surgery Clinic"]
    lydian = catalogue_clinic(db, "lydian")
    assert [t.name for t in lydian.techniques] == [
        "Stem cell therapy",
        "Gene therapy",
        "Stem cell fat grafting",
        "5D HD liposculpture",
    ]
    assert set(lydian.condition_groups) == {"knee-cartilage"}
    # The search text is ready, so the page can search by technique name straight away.
    assert "liposculpture" in lydian.search_text
    choices = technique_choices(db)
    assert {t.id for c in clinics for t in c.techniques} <= {t.id for t in choices}


def test_own_clinics_are_created_listed_after_the_catalogue_and_updated(db: Database) -> None:
    created = own_clinic(db)
    assert created.own
    assert created.lead_doctors == ("Dr. Park", "Dr. Choi")
    assert [t.name for t in created.techniques] == ["PRP", "Stem cell therapy"]
    assert [c.name for c in list_clinics(db)][-1] == "Busan Knee Centre"

    updated = update_clinic(
        db, created.id, ClinicDraft(name="busan knee centre", district="Seomyeon", government_approved=True)
    )
    assert updated.id == created.id
    assert (updated.name, updated.district, updated.government_approved) == (
        "busan knee centre",
        "Seomyeon",
        True,
    )
    assert updated.techniques == ()
    assert get_clinic(db, created.id) == updated


def test_an_own_clinic_needs_a_name_of_its_own(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        create_clinic(db, ClinicDraft(name="   "))
    assert "name" in refused.value.errors
    with pytest.raises(ValidationError) as duplicate:
        create_clinic(db, ClinicDraft(name="  sh   clinic "))
    assert "already a clinic" in duplicate.value.errors["name"]
    mine = own_clinic(db)
    other = own_clinic(db, "Daegu Sports Clinic")
    with pytest.raises(ValidationError) as clash:
        update_clinic(db, other.id, ClinicDraft(name=mine.name.upper()))
    assert "name" in clash.value.errors
    assert len(list_clinics(db)) == 6
    assert clinic_name_problem(db, "Busan Knee Centre", mine.id) is None


def test_bad_technique_or_condition_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        create_clinic(db, ClinicDraft(name="New", technique_ids=("laser",), condition_groups=("x",)))
    assert set(refused.value.errors) == {"techniques", "conditions"}
    assert len(list_clinics(db)) == 4


def test_catalogue_clinics_cannot_be_changed_or_deleted(db: Database) -> None:
    sh = catalogue_clinic(db, "sh-clinic")
    with pytest.raises(ValidationError) as refused:
        update_clinic(db, sh.id, ClinicDraft(name="My SH"))
    assert "cannot be changed or deleted" in refused.value.errors["clinic"]
    with pytest.raises(ValidationError):
        delete_clinic(db, sh.id)
    assert get_clinic(db, sh.id) == sh


def test_hiding_a_clinic_keeps_it_but_marks_it_hidden(db: Database) -> None:
    theplus = catalogue_clinic(db, "theplus")
    set_hidden(db, theplus.id, True)
    assert get_clinic(db, theplus.id).hidden
    assert len(list_clinics(db)) == 4
    set_hidden(db, theplus.id, False)
    assert not get_clinic(db, theplus.id).hidden


def test_notes_and_ratings_are_saved_and_searchable(db: Database) -> None:
    cellinique = catalogue_clinic(db, "cellinique")
    saved = save_notes(db, cellinique.id, "  Replied in a day; 무릎 🦵  ", 4)
    assert (saved.note, saved.rating) == ("Replied in a day; 무릎 🦵", 4)
    assert "replied in a day" in saved.search_text
    assert get_clinic(db, cellinique.id) == saved
    cleared = save_notes(db, cellinique.id, "", None)
    assert (cleared.note, cleared.rating) == ("", None)


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_outside_one_to_five_is_refused_and_nothing_saved(db: Database, rating: int) -> None:
    sh = catalogue_clinic(db, "sh-clinic")
    with pytest.raises(ValidationError) as refused:
        save_notes(db, sh.id, "Looks good", rating)
    assert "1 to 5" in refused.value.errors["rating"]
    after = get_clinic(db, sh.id)
    assert (after.note, after.rating) == ("", None)


def test_deleting_an_own_clinic_takes_its_quotes_answers_and_choice_with_it(db: Database) -> None:
    plan = make_plan(db)
    mine = own_clinic(db)
    kept = catalogue_clinic(db, "sh-clinic")
    choose_clinic(db, plan.id, mine.id)
    set_shortlisted(db, plan.id, kept.id, True)
    save_quote(db, plan.id, quote_draft(mine.id))
    save_quote(db, plan.id, quote_draft(kept.id))
    save_answer(db, mine.id, "builtin:lab-standards", "GMP lab")
    assert clinic_use(db, mine.id) == ClinicUse(1, ("Knee, March",))

    delete_clinic(db, mine.id)

    after = get_plan(db, plan.id)
    assert after is not None
    assert (after.clinic_id, after.clinic_name) == (None, "")
    assert [q.clinic_id for q in list_quotes(db, plan.id)] == [kept.id]
    assert shortlisted_ids(db, plan.id) == {kept.id}
    assert count(db, ClinicAnswerRow) == 0
    assert count(db, QuoteLineRow) == 2  # only the remaining quote's lines
    assert mine.id not in {c.id for c in list_clinics(db)}


# --- Shortlist and the chosen clinic ---------------------------------------------------------


def test_shortlist_add_and_remove(db: Database) -> None:
    plan = make_plan(db)
    other_plan = make_plan(db, "Shoulder, May")
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    set_shortlisted(db, plan.id, sh.id, True)
    set_shortlisted(db, plan.id, sh.id, True)  # twice is still once
    set_shortlisted(db, plan.id, lydian.id, True)
    assert shortlisted_ids(db, plan.id) == {sh.id, lydian.id}
    assert shortlisted_ids(db, other_plan.id) == frozenset()
    set_shortlisted(db, plan.id, sh.id, False)
    assert shortlisted_ids(db, plan.id) == {lydian.id}


def test_the_chosen_clinic_shows_on_the_plan_and_joins_the_shortlist(db: Database) -> None:
    plan = make_plan(db)
    lydian = catalogue_clinic(db, "lydian")
    choose_clinic(db, plan.id, lydian.id)
    chosen = get_plan(db, plan.id)
    assert chosen is not None
    assert (chosen.clinic_id, chosen.clinic_name) == (lydian.id, "Lydian Plastic Surgery Clinic")
    assert lydian.id in shortlisted_ids(db, plan.id)
    choose_clinic(db, plan.id, None)
    cleared = get_plan(db, plan.id)
    assert cleared is not None and cleared.clinic_name == ""
    assert lydian.id in shortlisted_ids(db, plan.id)  # clearing the choice keeps it listed


def test_taking_the_chosen_clinic_off_the_shortlist_unchooses_it(db: Database) -> None:
    plan = make_plan(db)
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    choose_clinic(db, plan.id, lydian.id)
    set_shortlisted(db, plan.id, sh.id, True)
    set_shortlisted(db, plan.id, sh.id, False)  # another clinic: the choice stays
    still = get_plan(db, plan.id)
    assert still is not None and still.clinic_id == lydian.id
    set_shortlisted(db, plan.id, lydian.id, False)
    after = get_plan(db, plan.id)
    assert after is not None and (after.clinic_id, after.clinic_name) == (None, "")


# --- Questions and answers -------------------------------------------------------------------


def test_the_21_built_in_questions_come_first(db: Database) -> None:
    questions = list_questions(db)
    assert len(questions) == 21
    assert all(q.key.startswith("builtin:") and not q.own and q.why for q in questions)
    assert questions[0].key == "builtin:certifications"


def test_own_questions_are_added_after_the_built_in_ones(db: Database) -> None:
    added = add_question(db, "  Is a   translator included? ")
    assert added.own and added.text == "Is a translator included?"
    questions = list_questions(db)
    assert len(questions) == 22 and questions[-1] == added
    with pytest.raises(ValidationError) as refused:
        add_question(db, "   ")
    assert "question" in refused.value.errors
    assert len(list_questions(db)) == 22


def test_answers_are_saved_overwritten_and_cleared(db: Database) -> None:
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    key = "builtin:lab-standards"
    save_answer(db, sh.id, key, "  A clean room, class 10,000 ")
    assert answers_for(db, [sh.id, lydian.id]) == {
        sh.id: {key: "A clean room, class 10,000"},
        lydian.id: {},
    }
    save_answer(db, sh.id, key, "GMP-certified lab")
    assert answers_for(db, [sh.id]) == {sh.id: {key: "GMP-certified lab"}}
    assert count(db, ClinicAnswerRow) == 1
    save_answer(db, sh.id, key, "   ")
    assert answers_for(db, [sh.id]) == {sh.id: {}}
    assert count(db, ClinicAnswerRow) == 0
    save_answer(db, sh.id, key, "")  # clearing twice is harmless
    with pytest.raises(ValidationError):
        save_answer(db, sh.id, "builtin:no-such-question", "Yes")


def test_deleting_an_own_question_removes_its_answers(db: Database) -> None:
    sh = catalogue_clinic(db, "sh-clinic")
    own = add_question(db, "Is a translator included?")
    save_answer(db, sh.id, own.key, "Yes")
    save_answer(db, sh.id, "builtin:certifications", "None stated")
    assert answers_for(db, [sh.id])[sh.id][own.key] == "Yes"
    delete_question(db, own.key)
    assert own not in list_questions(db)
    assert answers_for(db, [sh.id]) == {sh.id: {"builtin:certifications": "None stated"}}
    with pytest.raises(ValidationError):
        save_answer(db, sh.id, own.key, "Yes")
    with pytest.raises(ValidationError):
        delete_question(db, "builtin:certifications")
    assert len(list_questions(db)) == 21


# --- Quotes ----------------------------------------------------------------------------------


def test_a_saved_quote_reads_back_with_its_total_and_deposit(db: Database) -> None:
    plan = make_plan(db)
    sh = catalogue_clinic(db, "sh-clinic")
    saved = save_quote(db, plan.id, quote_draft(sh.id, valid_until=date(2027, 2, 10)))
    assert saved.clinic_name == "SH Clinic"
    assert [(ln.category_id, ln.label, ln.amount) for ln in saved.lines] == [
        ("surgeon", "Surgeon’s Fees", Decimal("3000")),
        (None, "Hotel", Decimal("450.50")),
    ]
    assert saved.total == Decimal("3450.50")
    assert saved.deposit_percent == Decimal("10")
    assert saved.deposit_amount == Decimal("345.05")
    assert not saved.accepted
    assert list_quotes(db, plan.id) == [saved]


def test_won_quotes_keep_whole_won(db: Database) -> None:
    plan = make_plan(db)
    sh = catalogue_clinic(db, "sh-clinic")
    saved = save_quote(
        db, plan.id, quote_draft(sh.id, QuoteLineDraft(None, "All in", "12,500,000"), currency="krw")
    )
    [again] = list_quotes(db, plan.id)
    assert again == saved
    assert (again.currency, again.total, again.deposit_amount) == (
        "KRW",
        Decimal(12_500_000),
        Decimal(1_250_000),
    )


def test_quotes_are_listed_newest_first_and_by_clinic(db: Database) -> None:
    plan = make_plan(db)
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    old = save_quote(db, plan.id, quote_draft(sh.id, received_on=date(2027, 1, 1)))
    new = save_quote(db, plan.id, quote_draft(lydian.id, received_on=date(2027, 1, 20)))
    middle = save_quote(db, plan.id, quote_draft(sh.id, received_on=date(2027, 1, 5)))
    assert [q.id for q in list_quotes(db, plan.id)] == [new.id, middle.id, old.id]
    assert [q.id for q in list_quotes(db, plan.id, sh.id)] == [middle.id, old.id]
    assert list_quotes(db, make_plan(db, "Other").id) == []


def test_editing_a_quote_replaces_its_lines(db: Database) -> None:
    plan = make_plan(db)
    sh = catalogue_clinic(db, "sh-clinic")
    first = save_quote(db, plan.id, quote_draft(sh.id))
    edited = save_quote(
        db,
        plan.id,
        quote_draft(sh.id, QuoteLineDraft("facility", "", "1,500"), deposit="", note="Revised"),
        quote_id=first.id,
    )
    assert edited.id == first.id
    assert [(ln.label, ln.amount) for ln in edited.lines] == [("Facility Fees", Decimal("1500"))]
    assert (edited.deposit_percent, edited.deposit_amount, edited.note) == (None, None, "Revised")
    assert list_quotes(db, plan.id) == [edited]
    assert count(db, QuoteLineRow) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"currency": "XYZ"},
        {"deposit": "150"},
        {"valid_until": date(2026, 12, 31)},
        {"lines": (QuoteLineDraft(None, "Hotel", "-5"),)},
        {"lines": (QuoteLineDraft(None, "", ""),)},
    ],
)
def test_a_bad_quote_writes_nothing(db: Database, changes: dict[str, object]) -> None:
    plan = make_plan(db)
    sh = catalogue_clinic(db, "sh-clinic")
    existing = save_quote(db, plan.id, quote_draft(sh.id))
    before = (count(db, QuoteRow), count(db, QuoteLineRow))
    with pytest.raises(ValidationError):
        save_quote(db, plan.id, quote_draft(sh.id, **changes))
    with pytest.raises(ValidationError):
        save_quote(db, plan.id, quote_draft(sh.id, **changes), quote_id=existing.id)
    assert (count(db, QuoteRow), count(db, QuoteLineRow)) == before
    assert list_quotes(db, plan.id) == [existing]


def test_accepting_a_quote_leaves_one_accepted_and_chooses_its_clinic(db: Database) -> None:
    plan = make_plan(db)
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    from_sh = save_quote(db, plan.id, quote_draft(sh.id))
    from_lydian = save_quote(db, plan.id, quote_draft(lydian.id))

    accept_quote(db, plan.id, from_sh.id)
    accept_quote(db, plan.id, from_lydian.id)

    accepted = [q.id for q in list_quotes(db, plan.id) if q.accepted]
    assert accepted == [from_lydian.id]
    chosen = get_plan(db, plan.id)
    assert chosen is not None and chosen.clinic_name == "Lydian Plastic Surgery Clinic"
    assert lydian.id in shortlisted_ids(db, plan.id)

    accept_quote(db, plan.id, None)
    assert not any(q.accepted for q in list_quotes(db, plan.id))


def test_a_quote_of_another_plan_cannot_be_accepted(db: Database) -> None:
    plan, other = make_plan(db), make_plan(db, "Other")
    sh = catalogue_clinic(db, "sh-clinic")
    mine = save_quote(db, plan.id, quote_draft(sh.id))
    accept_quote(db, plan.id, mine.id)
    theirs = save_quote(db, other.id, quote_draft(sh.id))
    with pytest.raises(ValueError, match="another plan"):
        accept_quote(db, plan.id, theirs.id)
    assert [q.accepted for q in list_quotes(db, plan.id)] == [True]  # rolled back whole


def test_moving_the_accepted_quote_to_another_clinic_moves_the_choice(db: Database) -> None:
    plan, other = make_plan(db), make_plan(db, "Other")
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    quote = save_quote(db, plan.id, quote_draft(sh.id))
    accept_quote(db, plan.id, quote.id)
    save_quote(db, plan.id, quote_draft(lydian.id), quote.id)
    chosen = get_plan(db, plan.id)
    assert chosen is not None and chosen.clinic_id == lydian.id
    with pytest.raises(ValueError, match="another plan"):
        save_quote(db, other.id, quote_draft(sh.id), quote.id)
    assert list_quotes(db, other.id) == []


def test_the_comparison_uses_the_accepted_quote_before_a_newer_one(db: Database) -> None:
    plan = make_plan(db)
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    accepted = save_quote(db, plan.id, quote_draft(sh.id, received_on=date(2027, 1, 1)))
    save_quote(db, plan.id, quote_draft(sh.id, received_on=date(2027, 1, 15)))
    save_quote(db, plan.id, quote_draft(lydian.id, received_on=date(2027, 1, 2)))
    newest_lydian = save_quote(db, plan.id, quote_draft(lydian.id, received_on=date(2027, 1, 9)))
    accept_quote(db, plan.id, accepted.id)

    best = latest_quotes_by_clinic(list_quotes(db, plan.id))
    assert {clinic: q.id for clinic, q in best.items()} == {sh.id: accepted.id, lydian.id: newest_lydian.id}


def test_deleting_a_quote(db: Database) -> None:
    plan = make_plan(db)
    sh = catalogue_clinic(db, "sh-clinic")
    saved = save_quote(db, plan.id, quote_draft(sh.id))
    delete_quote(db, saved.id)
    delete_quote(db, saved.id)  # already gone: nothing happens
    assert list_quotes(db, plan.id) == []
    assert count(db, QuoteLineRow) == 0


def test_fee_categories_come_from_the_articles(db: Database) -> None:
    names = [c.name for c in fee_categories(db)]
    assert names[:3] == ["Surgeon’s Fees", "Anesthesia", "Facility Fees"]
    assert len(names) == len(load_catalogue(catalogue_dir()).fees) == 7


# --- Plans that hold clinic data -------------------------------------------------------------


def test_duplicating_a_plan_copies_its_shortlist_choice_and_quotes(db: Database) -> None:
    plan = make_plan(db)
    sh, lydian = catalogue_clinic(db, "sh-clinic"), catalogue_clinic(db, "lydian")
    set_shortlisted(db, plan.id, sh.id, True)
    save_quote(db, plan.id, quote_draft(sh.id, received_on=date(2027, 1, 3)))
    accepted = save_quote(db, plan.id, quote_draft(lydian.id, received_on=date(2027, 1, 4)))
    accept_quote(db, plan.id, accepted.id)

    copy = duplicate_plan(db, plan.id)

    assert (copy.clinic_id, copy.clinic_name) == (lydian.id, "Lydian Plastic Surgery Clinic")
    assert shortlisted_ids(db, copy.id) == {sh.id, lydian.id}

    def summary(plan_id: int) -> list[tuple[object, ...]]:
        return [
            (q.clinic_id, q.received_on, q.accepted, q.total, q.deposit_percent, q.refund_terms, q.lines)
            for q in list_quotes(db, plan_id)
        ]

    assert summary(copy.id) == summary(plan.id)
    assert len(summary(copy.id)) == 2
    assert {q.id for q in list_quotes(db, copy.id)}.isdisjoint(q.id for q in list_quotes(db, plan.id))
    # The copy is independent: changing it leaves the original as it was.
    accept_quote(db, copy.id, None)
    set_shortlisted(db, copy.id, sh.id, False)
    assert [q.accepted for q in list_quotes(db, plan.id)] == [True, False]
    assert shortlisted_ids(db, plan.id) == {sh.id, lydian.id}


def test_deleting_a_plan_removes_its_quotes_and_shortlist(db: Database) -> None:
    plan, kept = make_plan(db), make_plan(db, "Kept")
    sh = catalogue_clinic(db, "sh-clinic")
    for target in (plan, kept):
        choose_clinic(db, target.id, sh.id)
        save_quote(db, target.id, quote_draft(sh.id))

    delete_plan(db, plan.id)

    assert count(db, QuoteRow) == 1 and count(db, QuoteLineRow) == 2 and count(db, ShortlistRow) == 1
    assert len(list_quotes(db, kept.id)) == 1
    assert shortlisted_ids(db, kept.id) == {sh.id}
    assert get_clinic(db, sh.id).name == "SH Clinic"  # the clinic itself stays


def test_the_database_refuses_two_accepted_quotes_in_one_plan(db: Database) -> None:
    plan, other = make_plan(db), make_plan(db, "Other")
    sh = catalogue_clinic(db, "sh-clinic")
    now = datetime(2027, 1, 1)

    def row(plan_id: int, accepted: bool) -> QuoteRow:
        return QuoteRow(
            plan_id=plan_id,
            clinic_id=sh.id,
            currency="USD",
            received_on=date(2027, 1, 1),
            accepted=accepted,
            created_at=now,
            updated_at=now,
        )

    with db.transaction() as session:
        session.add_all([row(plan.id, True), row(plan.id, False), row(plan.id, False)])
        session.add(row(other.id, True))  # another plan may have its own accepted quote
    with pytest.raises(IntegrityError, match="UNIQUE"), db.transaction() as session:
        session.add(row(plan.id, True))
    assert count(db, QuoteRow) == 4
    assert [q.accepted for q in list_quotes(db, plan.id)].count(True) == 1

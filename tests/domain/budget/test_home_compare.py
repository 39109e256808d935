"""What the treatment costs at home, from the articles' country tables, and what Korea saves."""

from __future__ import annotations

from decimal import Decimal

from planner.budget.home_compare import HomeFigure, home_figures, savings
from planner.catalogue.prices import PricePoint

KNEE_TABLE = "Knee stem-cell treatment by country"
SOFT_TABLE = "Stem-cell treatment of soft-tissue injuries by country"


def country(
    id_: str, group: str, label: str, code: str, low: str | None, high: str | None, text: str
) -> PricePoint:
    return PricePoint(
        id=id_,
        kind="country",
        name=code,
        group=group,
        label=label,
        country_code=code,
        currency="USD",
        low=Decimal(low) if low else None,
        high=Decimal(high) if high else None,
        average=None,
        qualifier="open-high" if low and not high else "",
        unit="",
        text=text,
        notes="",
        source="soft-tissue" if group.startswith("soft") else "knee-cartilage",
    )


SOFT = "soft-tissue-country-costs"
KNEE = "knee-country-costs"
POINTS = [
    country("country/soft-tissue-usa/1", SOFT, "Knee", "US", "3000", "12000", "$3,000–$12,000"),
    country("country/soft-tissue-usa/2", SOFT, "Gen.", "US", "20000", None, "$20,000+"),
    country("country/soft-tissue-uk/1", SOFT, "Knee", "GB", "6810", "10890", "$6,810–$10,890"),
    country("country/soft-tissue-uk/2", SOFT, "", "GB", "15000", "25000", "$15,000–$25,000"),
    country("country/knee-usa/1", KNEE, "", "US", "5000", "50000", "$5,000–$50,000"),
    country("country/soft-tissue-spain/1", SOFT, "", "ES", "10922", "10922", "~$10,922"),
    PricePoint(
        "package/knee-single", "package", "Knee package", "", "", "US", "USD",
        Decimal(7000), Decimal(9000), None, "", "", "$7,000–$9,000", "", "knee-cartilage",
    ),
]  # fmt: skip


def test_a_knee_plan_sees_the_knee_table_first_then_rows_marked_knee() -> None:
    figures = home_figures(POINTS, "US", knee=True)
    assert [(f.table, f.label, f.low, f.high) for f in figures] == [
        (KNEE_TABLE, "", Decimal(5000), Decimal(50000)),
        (SOFT_TABLE, "Knee", Decimal(3000), Decimal(12000)),
        (SOFT_TABLE, "Gen.", Decimal(20000), None),
    ]
    assert figures[0].text == "$5,000–$50,000" and figures[0].currency == "USD"


def test_a_knee_plan_without_a_knee_table_row_gets_the_knee_row_first() -> None:
    assert [f.label for f in home_figures(POINTS, "GB", knee=True)] == ["Knee", ""]


def test_a_soft_tissue_plan_sees_the_general_row_first() -> None:
    figures = home_figures(POINTS, "US", knee=False)
    assert (figures[0].table, figures[0].label, figures[0].text) == (SOFT_TABLE, "Gen.", "$20,000+")
    assert [f.label for f in home_figures(POINTS, "GB", knee=False)] == ["", "Knee"]


def test_a_country_the_articles_do_not_list_has_no_figures() -> None:
    assert home_figures(POINTS, "FR", knee=True) == []
    assert home_figures(POINTS, "FR", knee=False) == []


def test_an_open_ended_home_price_has_no_best_case() -> None:
    general = home_figures(POINTS, "US", knee=False)[0]
    result = savings(general, Decimal(8000), Decimal(14000))
    assert (result.currency, result.worst, result.worst_percent) == ("USD", Decimal(6000), Decimal(30))
    assert (result.best, result.best_percent) == (None, None)


def figure(low: str, high: str | None) -> HomeFigure:
    return HomeFigure(
        SOFT_TABLE,
        "Knee",
        Decimal(low),
        Decimal(high) if high else None,
        "USD",
        f"{low}-{high}",
        "soft-tissue",
    )


def test_savings_run_from_the_worst_case_to_the_best() -> None:
    # UK knee $6,810–$10,890 against a Korean trip of $4,000–$6,000.
    result = savings(figure("6810", "10890"), Decimal(4000), Decimal(6000))
    assert (result.worst, result.best) == (Decimal(810), Decimal(6890))  # 6,810 − 6,000; 10,890 − 4,000
    assert (result.worst_percent, result.best_percent) == (Decimal(12), Decimal(63))  # 11.9%, 63.3%


def test_korea_costing_more_is_a_negative_saving() -> None:
    result = savings(figure("5000", "50000"), Decimal(9000), Decimal(13500))
    assert (result.worst, result.worst_percent) == (Decimal(-8500), Decimal(-170))
    assert (result.best, result.best_percent) == (Decimal(41000), Decimal(82))


def test_a_single_figure_home_price_compares_both_ways_against_it() -> None:
    spain = home_figures(POINTS, "ES", knee=False)[0]
    result = savings(spain, Decimal("9000.50"), Decimal("11000.00"))
    assert (result.worst, result.best) == (Decimal("-78.00"), Decimal("1921.50"))
    assert (result.worst_percent, result.best_percent) == (Decimal(-1), Decimal(18))

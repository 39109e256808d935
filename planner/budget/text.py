"""The budget's figures in words: rates, ranges, savings, and the home comparison as HTML.
Every piece of user or catalogue text is escaped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from html import escape

import babel.numbers

from planner.budget.home_compare import HomeFigure, Savings
from planner.core.dates import day_month_year
from planner.core.money import format_money, number_locale

RATE_DIGITS = 6


def _significant(value: Decimal, locale: str | None) -> str:
    rounded = Decimal(f"{value:.{RATE_DIGITS}g}")
    return str(
        babel.numbers.format_decimal(rounded, locale=number_locale(locale), decimal_quantization=False)
    )


def describe_factor(source: str, target: str, value: Decimal, on: date, locale: str | None = None) -> str:
    """ "1 GBP = 1,752.6 KRW on 1 Nov 2026", written the way round that reads best."""
    if value >= 1:
        text = f"1 {source} = {_significant(value, locale)} {target}"
    else:
        text = f"1 {target} = {_significant(1 / value, locale)} {source}"
    return f"{text} on {day_month_year(on)}"


def describe_factors(
    target: str, used: Iterable[tuple[str, Decimal, date]], locale: str | None = None
) -> str:
    """The distinct rates a total in `target` was converted with, newest first, as one sentence."""
    seen = sorted(set(used), key=lambda u: (u[2], u[0]), reverse=True)
    if not seen:
        return ""
    parts = [describe_factor(source, target, value, on, locale) for source, value, on in seen[:4]]
    more = f" and {len(seen) - 4} older rates" if len(seen) > 4 else ""
    return "; ".join(parts) + more


def money_range(low: Decimal, high: Decimal | None, currency: str, locale: str | None = None) -> str:
    if high is None:
        return f"{format_money(low, currency, locale)} or more"
    if low == high:
        return format_money(low, currency, locale)
    return f"{format_money(low, currency, locale)} – {format_money(high, currency, locale)}"


def _saving_words(amount: Decimal, percent: Decimal | None, currency: str, locale: str | None) -> str:
    share = f" ({abs(percent)}%)" if percent is not None else ""
    if amount >= 0:
        return f"save {format_money(amount, currency, locale)}{share}"
    return f"pay {format_money(-amount, currency, locale)} more{share}"


def savings_sentence(saving: Savings, locale: str | None = None) -> str:
    worst = _saving_words(saving.worst, saving.worst_percent, saving.currency, locale)
    if saving.best is None:
        return (
            f"At worst you {worst}; at best you save more than that, since the home figure has no upper end."
        )
    best = _saving_words(saving.best, saving.best_percent, saving.currency, locale)
    if saving.worst >= 0:
        return f"Going to Korea should save you money: at worst you {worst}, at best you {best}."
    if saving.best < 0:
        return (
            f"Going to Korea looks dearer than treatment at home: at best you {best}, at worst you {worst}."
        )
    return f"It depends on the clinic and the trip: at best you {best}, at worst you {worst}."


def home_comparison_html(
    country: str,
    figures: list[HomeFigure],
    saving: Savings | None,
    korea: str,
    korea_note: str,
    locale: str | None = None,
    originals: list[HomeFigure] | None = None,
) -> str:
    """The home country's figures from the articles, the Korean trip's range and the saving.
    `originals` are the articles' own figures when `figures` are them converted: each is shown
    beside its conversion."""
    if not figures:
        return (
            f"<h2>Treatment at home: {escape(country)}</h2>"
            f"<p>The articles give no cost for this treatment in {escape(country)}. Ask a clinic at home "
            "for a price and compare it with the Korean estimate yourself; the countries the articles "
            "do cover are listed on the Learn page.</p>"
            f"<h3>The Korean trip</h3><p>{escape(korea)}</p>"
        )

    def cost(index: int, figure: HomeFigure) -> str:
        text = money_range(figure.low, figure.high, figure.currency, locale)
        if originals is not None:
            original = originals[index]
            text += f" ({money_range(original.low, original.high, original.currency, locale)})"
        return text

    rows = "".join(
        f"<tr><td>{escape(f.table)}{' (' + escape(f.label) + ')' if f.label else ''}</td>"
        f'<td align="right">{escape(cost(i, f))}</td>'
        f'<td class="source">{escape(f.source)}</td></tr>'
        for i, f in enumerate(figures)
    )
    first = figures[0]
    verdict = f"<p><b>{escape(savings_sentence(saving, locale))}</b></p>" if saving else ""
    return (
        f"<h2>Treatment at home: {escape(country)}</h2>"
        '<table cellspacing="0" cellpadding="6" width="100%">'
        "<tr><th align='left'>What the articles list</th><th align='right'>Cost</th>"
        f"<th align='left'>Article</th></tr>{rows}</table>"
        f"<h3>Against the whole Korean trip</h3><p>{escape(korea)}</p>"
        f"<p class='hint'>{escape(korea_note)}</p>"
        f"<p>Compared with {escape(cost(0, first))} at home "
        f"(the first row above):</p>{verdict}"
        "<p class='hint'>The articles' home prices are for the treatment alone; the Korean figure "
        "includes travel and the stay, so the saving is what you would really keep.</p>"
    )

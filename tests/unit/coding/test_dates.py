"""Date windows resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from orchestration.coding.dates import (
    DateWindow,
    date_from_url,
    find_date_expressions,
    gap_days,
    intersect,
    parse_date_string,
    resolve,
)

FRIDAY_2025_04_04 = dt.date(2025, 4, 4)


def window(text: str, published: dt.date | None, direction: str = "past") -> DateWindow:
    expressions = find_date_expressions(text)
    assert len(expressions) == 1, [expression.text for expression in expressions]
    return resolve(expressions[0], published, direction)


def span(text: str, published: dt.date | None, direction: str = "past") -> tuple[dt.date | None, dt.date | None, str]:
    resolved = window(text, published, direction)
    return resolved.date_from, resolved.date_to, resolved.precision


def test_a_weekday_is_the_last_such_day_up_to_publication() -> None:
    assert span("The phone conversation on Tuesday was the first", FRIDAY_2025_04_04) == (
        dt.date(2025, 4, 1),
        dt.date(2025, 4, 1),
        "day",
    )
    assert span("On Monday, the two leaders held a phone call", dt.date(2025, 4, 1)) == (
        dt.date(2025, 3, 31),
        dt.date(2025, 3, 31),
        "day",
    )
    assert span("said on Friday", FRIDAY_2025_04_04)[:2] == (FRIDAY_2025_04_04, FRIDAY_2025_04_04)


def test_a_weekday_of_a_plan_is_the_next_such_day() -> None:
    assert span("the meeting planned for Saturday", dt.date(2025, 5, 12), "future")[:2] == (
        dt.date(2025, 5, 17),
        dt.date(2025, 5, 17),
    )


def test_last_month_is_the_whole_previous_month() -> None:
    assert span("Last month, the minister made his first visit", FRIDAY_2025_04_04) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 31),
        "month",
    )
    assert span("last month", dt.date(2025, 1, 15)) == (dt.date(2024, 12, 1), dt.date(2024, 12, 31), "month")


def test_late_december_2024_is_the_21st_to_the_31st() -> None:
    assert span("in late December 2024", None) == (dt.date(2024, 12, 21), dt.date(2024, 12, 31), "month_part")


def test_early_february_is_days_1_to_10_of_the_february_before_publication() -> None:
    assert span("to Ankara in early February", dt.date(2025, 2, 22)) == (
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 10),
        "month_part",
    )
    assert span("in late December", dt.date(2025, 2, 13)) == (
        dt.date(2024, 12, 21),
        dt.date(2024, 12, 31),
        "month_part",
    )
    assert span("in mid -January", dt.date(2025, 2, 22)) == (dt.date(2025, 1, 11), dt.date(2025, 1, 20), "month_part")


def test_earlier_this_week_runs_from_monday_to_the_day_before() -> None:
    assert span("met earlier this week", FRIDAY_2025_04_04) == (dt.date(2025, 3, 31), dt.date(2025, 4, 3), "week")
    assert span("This week's phone call", FRIDAY_2025_04_04) == (dt.date(2025, 3, 31), FRIDAY_2025_04_04, "week")


def test_this_month_stops_at_publication() -> None:
    assert span("this month held talks", dt.date(2025, 4, 26)) == (dt.date(2025, 4, 1), dt.date(2025, 4, 26), "month")


def test_recent_months_are_the_six_months_up_to_publication() -> None:
    assert span("visits to Damascus in latest months", dt.date(2025, 10, 27)) == (
        dt.date(2025, 5, 1),
        dt.date(2025, 10, 27),
        "range",
    )


def test_a_month_without_a_year_takes_the_side_the_report_points_to() -> None:
    assert span("the summit in Baghdad in May", dt.date(2025, 4, 1), "future")[:2] == (
        dt.date(2025, 5, 1),
        dt.date(2025, 5, 31),
    )
    assert span("the summit in Baghdad in May", dt.date(2025, 4, 1), "past")[:2] == (
        dt.date(2024, 5, 1),
        dt.date(2024, 5, 31),
    )
    assert span("on May 17", dt.date(2025, 5, 12), "future")[:2] == (dt.date(2025, 5, 17), dt.date(2025, 5, 17))


def test_full_dates_need_no_publication_date() -> None:
    assert span("On Thursday, Dec. 26, 2024, an Iraqi delegation", None)[:2] == (
        dt.date(2024, 12, 26),
        dt.date(2024, 12, 26),
    )
    assert span("his second visit to Syria on 25 April 2025", None)[:2] == (dt.date(2025, 4, 25), dt.date(2025, 4, 25))
    assert span("in early 2025, starting with", None) == (dt.date(2025, 1, 1), dt.date(2025, 4, 30), "year_part")
    assert span("in December last year", dt.date(2025, 2, 13))[:2] == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))


def test_relative_dates_without_a_publication_date_stay_empty_but_keep_the_month() -> None:
    resolved = window("arrived in Damascus in late December", None)
    assert resolved.is_empty and resolved.month_hint == 12
    assert window("on Friday", None).is_empty


def test_since_and_until_bound_something_else() -> None:
    expressions = find_date_expressions("anticipated since January and closed since December 2024")
    assert [expression.bounds_something_else for expression in expressions] == [True, True]


def test_may_and_march_as_verbs_are_not_months() -> None:
    assert find_date_expressions("The talks may resume, and protesters march on.") == []


def test_publication_dates_from_headers_and_page_addresses() -> None:
    assert parse_date_string("Sat. Feb 22nd, 2025") == dt.date(2025, 2, 22)
    assert parse_date_string("📅 October 27, 2025") == dt.date(2025, 10, 27)
    assert parse_date_string("Saturday, 08 Mar 2025") == dt.date(2025, 3, 8)
    assert parse_date_string("2026-01-22 05:03:15") == dt.date(2026, 1, 22)
    assert parse_date_string("5 godzin temu") is None
    assert date_from_url("https://manage.rudaw.net/english/middleeast/31122024-amp") == dt.date(2024, 12, 31)
    assert date_from_url("https://www.middleeastmonitor.com/20250213-iraq-unaware-of-proposed-visit/") == dt.date(
        2025, 2, 13
    )
    assert date_from_url("https://example.com/news/mena/2025/04/26/syrias-al-shara-meets") == dt.date(2025, 4, 26)
    assert date_from_url("https://thenewregion.com/posts/1789") is None


def test_windows_intersect_and_measure_their_gap() -> None:
    tuesday = DateWindow(dt.date(2025, 4, 1), dt.date(2025, 4, 1), "day")
    this_week = DateWindow(dt.date(2025, 3, 31), dt.date(2025, 4, 4), "week")
    monday = DateWindow(dt.date(2025, 3, 31), dt.date(2025, 3, 31), "day")
    assert intersect(tuesday, this_week) == tuesday
    assert intersect(tuesday, monday) is None
    assert gap_days(tuesday, monday) == 1
    assert intersect(DateWindow(None, None, "none"), monday) == monday


@pytest.mark.parametrize("text", ["yesterday", "two days ago", "a week ago"])
def test_short_relative_dates_resolve_to_days_before_publication(text: str) -> None:
    date_from, date_to, _ = span(text, FRIDAY_2025_04_04)
    assert date_from <= date_to < FRIDAY_2025_04_04


def test_a_window_inferred_from_publication_dates_stays_marked_as_inferred() -> None:
    first = DateWindow(dt.date(2025, 10, 20), dt.date(2025, 10, 27), "publication")
    second = DateWindow(dt.date(2025, 10, 21), dt.date(2025, 10, 28), "publication")
    assert intersect(first, second) == DateWindow(dt.date(2025, 10, 21), dt.date(2025, 10, 27), "publication")
    stated = DateWindow(dt.date(2025, 10, 22), dt.date(2025, 10, 22), "day")
    assert intersect(first, stated).precision == "day"

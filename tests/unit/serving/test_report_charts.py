"""The report's charts say what they draw: rolling means over calendar days, drawn as lines;
legends naming only what is drawn; years on every time axis; a tone axis with its scale."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest
from matplotlib.figure import Figure

from orchestration.serving.report.charts import contacts_by_month_figure, interactions_by_quad_class_figure
from orchestration.serving.report.figures import Pair
from orchestration.serving.report.time_axis import activity_periods
from orchestration.serving.report.tone import calendar_rolling_means, daily_readings, tone_over_time_figure
from tests.mart_frames import contacts_monthly, interactions_daily

PAIR = Pair("SYR", "IRQ")
JAN = dt.date(2025, 1, 1)


def _day(n: int) -> dt.date:
    return JAN + dt.timedelta(days=n - 1)


def _tone(
    days_and_tones: list[tuple[int, float]], source: str = "gdelt_v2_events", weight: float = 1.0
) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "country_a": ["IRQ"] * len(days_and_tones),
            "country_b": ["SYR"] * len(days_and_tones),
            "day": [_day(day) for day, _ in days_and_tones],
            "tone_source": [source] * len(days_and_tones),
            "mean_tone": [tone for _, tone in days_and_tones],
            "total_weight": [weight] * len(days_and_tones),
        }
    )


def _legend(figure: Figure) -> list[str]:
    return [text.get_text() for legend in figure.legends for text in legend.get_texts()]


def _x_tick_labels(figure: Figure) -> list[str]:
    figure.canvas.draw()
    return [label.get_text() for axes in figure.axes for label in axes.get_xticklabels() if label.get_text()]


def test_rolling_means_run_over_calendar_days_not_over_the_rows_there_are() -> None:
    tone = pl.concat([_tone([(1, 2.0)], weight=1.0), _tone([(10, -4.0)], weight=3.0)])
    readings = daily_readings(tone, PAIR)

    means = {row["day"]: row for row in calendar_rolling_means(readings, last_day=_day(60)).iter_rows(named=True)}

    # A day without a reading still has the mean of its window.
    assert means[_day(5)]["mean_7d"] == 2.0
    # Day 8's week (days 2–8) holds no reading: a gap, not the last value carried on.
    assert means[_day(8)]["mean_7d"] is None
    assert means[_day(8)]["mean_30d"] == 2.0
    # Over rows, day 10's 7-day mean would take in day 1; over days it is day 10 alone.
    assert means[_day(10)]["mean_7d"] == -4.0
    assert means[_day(10)]["mean_30d"] == pytest.approx((2.0 * 1 + -4.0 * 3) / 4)
    # Past the 30 days after the last reading the window is empty: no row at all.
    assert max(means) == _day(39)


def test_rolling_means_stop_at_the_last_day_of_the_mart() -> None:
    readings = daily_readings(_tone([(1, 1.0)]), PAIR)

    assert calendar_rolling_means(readings, last_day=_day(3)).get_column("day").to_list() == [_day(1), _day(2), _day(3)]


def test_activity_periods_break_the_axis_at_long_empty_stretches_only() -> None:
    days = [dt.date(2015, 2, 18), dt.date(2018, 1, 1), dt.date(2018, 3, 26), dt.date(2025, 3, 22), dt.date(2025, 4, 4)]

    periods = activity_periods(days, reach_days=30, last_day=dt.date(2025, 4, 20))

    assert periods == [
        (dt.date(2015, 2, 18), dt.date(2015, 3, 19)),
        (dt.date(2018, 1, 1), dt.date(2018, 4, 24)),
        (dt.date(2025, 3, 22), dt.date(2025, 4, 20)),
    ]
    assert activity_periods(days, reach_days=30, last_day=dt.date(2025, 5, 1), max_periods=2) == [
        (dt.date(2015, 2, 18), dt.date(2018, 4, 24)),
        (dt.date(2025, 3, 22), dt.date(2025, 5, 1)),
    ]


def test_the_tone_chart_draws_its_rolling_means_as_lines_and_names_only_what_it_draws() -> None:
    tone = pl.concat([_tone([(1, -3.0), (3, -1.0), (20, 2.0)]), _tone([(2, 4.0)], source="articles")])

    figure = tone_over_time_figure(tone, PAIR)

    assert _legend(figure) == [
        "GDELT 2.0 events",
        "coded articles",
        "daily mean",
        "7-day mean",
        "30-day mean",
    ]
    (axes,) = figure.axes
    thin = [line for line in axes.get_lines() if line.get_linewidth() == 1.0 and len(line.get_xdata()) > 2]
    gdelt_week = thin[0]
    drawn = [(x, y) for x, y in zip(gdelt_week.get_xdata(), gdelt_week.get_ydata(), strict=True) if not math.isnan(y)]
    # Days 1–9 and 20 on: a line through the days between readings, broken where the week is empty.
    assert (_day(2), -3.0) in drawn and (_day(3), -2.0) in drawn and (_day(9), -1.0) in drawn
    assert not any(_day(10) <= x < _day(20) for x, _ in drawn)
    assert axes.get_ylim() == (-10.0, 10.0)
    assert "GDELT" in axes.get_ylabel()
    assert [text.get_text() for text in axes.texts] == ["very positive", "very negative"]
    assert all("2025" in label for label in _x_tick_labels(figure))


def test_the_monthly_tone_chart_promises_no_rolling_mean() -> None:
    tone = _tone([(1, -2.0)]).rename({"day": "month"})

    figure = tone_over_time_figure(tone, PAIR)

    assert _legend(figure) == ["GDELT 2.0 events", "monthly mean"]


def test_tone_beyond_ten_widens_the_scale_instead_of_leaving_the_frame() -> None:
    (axes,) = tone_over_time_figure(_tone([(1, -12.4)]), PAIR).axes

    assert axes.get_ylim() == (-15.0, 15.0)
    assert list(axes.get_yticks()) == [-15, -10, -5, 0, 5, 10, 15]


def test_bar_charts_name_the_year_of_every_month_and_only_the_directions_drawn() -> None:
    contacts = contacts_monthly(
        [("IRQ", "SYR", dt.date(2024, 12, 1), "visit", 1, 1, 0), ("IRQ", "SYR", dt.date(2025, 3, 1), "visit", 1, 1, 0)]
    )
    events = interactions_daily(
        [("gdelt_v2", "SYR", "IRQ", dt.date(2018, 1, 5), 1, 2), ("gdelt_v2", "IRQ", "SYR", dt.date(2025, 3, 9), 4, 5)]
    )

    contacts_figure = contacts_by_month_figure(contacts, PAIR)
    events_figure = interactions_by_quad_class_figure(events, PAIR)

    assert _legend(contacts_figure) == ["IRQ → SYR"]
    assert "Dec\n2024" in _x_tick_labels(contacts_figure)
    assert _legend(events_figure) == ["4 Material conflict", "1 Verbal cooperation"]
    labels = _x_tick_labels(events_figure)
    assert any("2018" in label for label in labels) and any("2025" in label for label in labels)
    assert all(any(str(year) in label for year in range(2017, 2027)) for label in labels)

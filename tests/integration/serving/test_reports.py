"""The chart report on the small serving warehouse: valid PNG files per watched pair, all on
one page, only the charts a pair has rows for, and one note for a chart no pair can have."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl

from orchestration.serving.report.charts import contacts_by_month_png, interactions_by_quad_class_png
from orchestration.serving.report.figures import PNG_SIGNATURE, Pair, pair_rows
from orchestration.serving.report.report import build_report, watched_pairs, write_report
from orchestration.serving.report.sources import mart_names, read_marts
from orchestration.serving.report.tone import tone_over_time_png
from orchestration.serving.snapshot import publish_snapshot
from tests.integration.serving.small_warehouse import PAIRS, WATCHED
from tests.mart_frames import contacts_monthly, interactions_daily

MIN_PNG_BYTES = 2_000


def _is_png(data: bytes) -> bool:
    return data.startswith(PNG_SIGNATURE) and len(data) > MIN_PNG_BYTES


def _image_sources(page: Path) -> set[str]:
    return set(re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8")))


def test_every_watched_pair_gets_its_charts_on_one_page(small_warehouse: Path, tmp_path: Path) -> None:
    snapshot = publish_snapshot(small_warehouse, tmp_path / "snapshot.duckdb").snapshot
    folder = tmp_path / "report"

    result = write_report(snapshot, folder, WATCHED)

    assert sorted(result.pairs) == sorted(Pair(a, b) for a, b in PAIRS)
    assert len(result.pairs) + len(result.empty_pairs) == len(WATCHED) * (len(WATCHED) - 1) // 2
    assert result.page == folder / "index.html"
    for image in result.images:
        assert _is_png(image.read_bytes()), image
    assert _image_sources(result.page) == {f"charts/{image.name}" for image in result.images}
    assert sorted(path.name for path in (folder / "charts").iterdir()) == sorted(image.name for image in result.images)
    drawn = {image.name for image in result.images}
    # Every pair has contacts; tone and interactions exist for some pairs only.
    assert {f"{Pair(a, b).slug}_contacts.png" for a, b in PAIRS} <= drawn
    assert {"ISR-USA_tone.png", "RUS-TUR_tone.png", "ISR-USA_quad_class.png"} <= drawn
    assert (
        "IRN–SAU: Average tone of the coverage, daily and over 7 and 30 days: no rows for IRN–SAU in marts.dyad_tone_daily"
        in result.skipped
    )
    page = result.page.read_text(encoding="utf-8")
    irn_sau = page[page.index('id="IRN-SAU"') : page.index("</details>", page.index('id="IRN-SAU"'))]
    assert (
        "No rows of this pair for: tone (marts.dyad_tone_daily), QuadClass (marts.dyad_interactions_daily)." in irn_sau
    )
    assert "<img" in irn_sau and "IRN-SAU_tone.png" not in irn_sau
    not_drawn = [line for line in result.skipped if ": no rows for " in line]
    assert len(result.images) + len(not_drawn) == 3 * len(PAIRS)
    # This warehouse's fct_contacts is not the contacts mart dbt builds: no timeline, said once.
    assert page.count("marts.fct_contacts lacks column(s) status, actor_country") == 1


def test_absent_and_empty_marts_are_explained_on_the_page(small_warehouse: Path, tmp_path: Path) -> None:
    marts = read_marts(small_warehouse, mart_names())
    marts.pop("dyad_contacts_monthly")
    marts["dyad_tone_daily"] = marts["dyad_tone_daily"].clear()
    marts.pop("fct_contacts")
    pairs = watched_pairs(WATCHED)

    result = build_report(marts, pairs, tmp_path / "report", source="test")

    page = result.page.read_text(encoding="utf-8")
    assert page.count("marts.dyad_contacts_monthly is not in the warehouse yet") == 1
    assert page.count("marts.dyad_tone_daily is empty") == 1
    assert [image.name for image in result.images] == ["ISR-USA_quad_class.png"]
    assert _image_sources(result.page) == {"charts/ISR-USA_quad_class.png"}
    assert result.pairs == (Pair("ISR", "USA"),)


def test_a_new_report_removes_the_charts_of_the_previous_one(small_warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "report"
    write_report(small_warehouse, folder, WATCHED)

    result = write_report(small_warehouse, folder, ["ISR", "USA"])

    assert result.pairs == (Pair("ISR", "USA"),)
    assert sorted(path.name for path in (folder / "charts").iterdir()) == [
        "ISR-USA_contacts.png",
        "ISR-USA_quad_class.png",
        "ISR-USA_tone.png",
    ]


def test_no_watched_pair_gives_a_page_that_says_so(small_warehouse: Path, tmp_path: Path) -> None:
    result = write_report(small_warehouse, tmp_path / "report", ["FRA"])

    assert result.images == ()
    assert result.pairs == result.empty_pairs == ()
    assert "No watched pair has rows in the marts." in result.page.read_text(encoding="utf-8")


def test_rows_stored_the_other_way_round_are_turned_with_their_directions() -> None:
    contacts = contacts_monthly(
        [("USA", "ISR", dt.date(2024, 1, 1), "visit", 3, 2, 1), ("ISR", "USA", dt.date(2024, 2, 1), "visit", 1, 1, 0)]
    )

    rows = pair_rows(contacts, Pair("USA", "ISR"), swapped_columns=("n_a_to_b", "n_b_to_a")).sort("month")

    assert rows.select("country_a", "country_b", "n_a_to_b", "n_b_to_a").rows() == [
        ("ISR", "USA", 1, 2),
        ("ISR", "USA", 1, 0),
    ]


def test_each_chart_is_a_png_and_none_without_rows_of_the_pair() -> None:
    contacts = contacts_monthly(
        [
            ("ISR", "USA", dt.date(2024, 1, 1), "visit", 3, 2, 1),
            ("ISR", "USA", dt.date(2024, 2, 1), "call", 2, None, None),
            ("ISR", "USA", dt.date(2024, 3, 1), "visit", None, 1, 0),
        ]
    )
    tone = pl.DataFrame(
        {
            "country_a": ["ISR"] * 4,
            "country_b": ["USA"] * 4,
            "month": [dt.date(2024, month, 1) for month in (1, 2, 3, 4)],
            "source": ["gdelt"] * 4,
            "mean_tone": [-1.5, None, 0.5, 2.0],
            "n_items": [3, 0, 4, 5],
            "rolling_7d": [-1.5, -1.5, -0.5, 0.3],
            "rolling_30d": [None, None, None, None],
        },
        schema_overrides={"rolling_30d": pl.Float64},
    )
    interactions = interactions_daily(
        [
            ("ISR", "USA", dt.date(2024, 1, 3), 1, 5),
            ("USA", "ISR", dt.date(2024, 1, 9), 4, 2),
            ("ISR", "USA", dt.date(2024, 2, 1), 3, 1),
        ],
        with_source_system=False,
    )
    pair = Pair("USA", "ISR")

    for png in (
        contacts_by_month_png(contacts, pair),
        tone_over_time_png(tone, pair),
        interactions_by_quad_class_png(interactions, pair),
    ):
        assert png is not None and _is_png(png)
    other = Pair("RUS", "TUR")
    assert contacts_by_month_png(contacts, other) is None
    assert tone_over_time_png(tone, other) is None
    assert interactions_by_quad_class_png(interactions, other) is None


def test_the_quad_class_chart_draws_one_source_and_never_adds_sources_up() -> None:
    interactions = interactions_daily(
        [
            ("acled", "TUR", "SYR", dt.date(2025, 1, 3), 4, 3),
            ("acled", "SYR", "TUR", dt.date(2025, 1, 9), 4, 1),
            ("polecat", "TUR", "SYR", dt.date(2025, 1, 9), 4, 2),
        ]
    )
    pair = Pair("TUR", "SYR")
    assert interactions_by_quad_class_png(interactions, pair) is None
    assert _is_png(interactions_by_quad_class_png(interactions, pair, source_system="acled"))


def test_tone_is_drawn_from_the_marts_column_names_as_well() -> None:
    tone = pl.DataFrame(
        {
            "country_a": ["ISR", "ISR"],
            "country_b": ["USA", "USA"],
            "day": [dt.date(2024, 1, 1), dt.date(2024, 1, 2)],
            "tone_source": ["gdelt_v2_events", "gdelt_v2_events"],
            "mean_tone": [-2.5, 1.0],
            "rolling_mean_7d": [-2.5, -0.75],
            "rolling_mean_30d": [-2.5, -0.75],
        }
    )

    png = tone_over_time_png(tone, Pair("ISR", "USA"))

    assert png is not None and _is_png(png)

"""The chart report the main build draws from the bundled sample: Iraq–Syria first, with the
December 2024 visit of Iraq's intelligence chief to Damascus quoted in its timeline; every
image the page shows is there, and the pairs it lists as without data have no row in the marts."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from orchestration.serving.report.figures import Pair
from orchestration.serving.report.report import build_report
from orchestration.serving.report.sources import mart_names, read_marts
from tests.conftest import BuiltWarehouse

SHATRI_QUOTED = (
    "“During <mark>Al -Shatri’s visit to Damascus in late December 2024, in which he met Syrian President Ahmed"
    " Al -Shara</mark>, the discussion focused on the issue of border security"
)


def test_the_sample_report_opens_on_iraq_syria_with_its_contacts_quoted(built_warehouse: BuiltWarehouse) -> None:
    folder = built_warehouse.path.parent / "reports"
    page = (folder / "index.html").read_text(encoding="utf-8")

    pair_ids = re.findall(r'<(?:section|details) class="pair[^"]*" id="([^"]+)"', page)
    assert pair_ids[0] == "IRQ-SYR"
    assert re.findall(r'<section class="pair focus" id="([^"]+)"', page) == ["IRQ-SYR"]
    images = re.findall(r'<img src="([^"]+)"', page)
    assert images and all((folder / image).is_file() for image in images)
    assert {"charts/IRQ-SYR_contacts.png", "charts/IRQ-SYR_tone.png"} <= set(images)

    irq_syr = page[page.index('id="IRQ-SYR"') : page.index("</section>")]
    visit = next(row for row in re.findall(r"<tr class=.*?</tr>", irq_syr) if '<td class="when">2024-12-26<' in row)
    assert re.findall(r"<td[^>]*>(.*?)</td>", visit)[:6] == [
        "2024-12-26",
        "visit",
        "occurred",
        "IRQ → SYR",
        "Damascus",
        "3",
    ]
    # The earliest article's sentence, then where the other two reports come from.
    assert SHATRI_QUOTED in visit
    assert (
        "What is the future of relations between Iraq and Syria? (2025-02-22, file 001_f4b4218f1c84bb36.txt)" in visit
    )
    assert "also: 004_c01afbc7048889ef.txt (2025-04-04); Iraq-Syria Relations in the Post-Assad Era" in visit

    listed = re.search(r'<p class="empty-pairs" id="empty-pairs">No data for \d+ pairs: ([^<]*)\.</p>', page)
    assert listed is not None
    empty = [Pair(*label.split("–")) for label in listed.group(1).split(", ")]
    assert not {pair.slug for pair in empty} & set(pair_ids)
    for pair in empty:
        rows = built_warehouse.query(
            """
            select (select count(*) from marts.dyad_tone_daily where country_a = $1 and country_b = $2)
                + (select count(*) from marts.dyad_contacts_monthly where country_a = $1 and country_b = $2)
                + (select count(*) from marts.dyad_interactions_daily
                   where source_system = 'gdelt_v2' and list_sort([actor1_country, actor2_country]) = [$1, $2])
                + (select count(*) from marts.fct_contacts where list_has_all(participant_countries, [$1, $2]))
            """,
            [pair.a, pair.b],
        )
        assert rows == [(0,)], pair.label


def test_a_chart_is_drawn_again_only_when_its_rows_change(built_warehouse: BuiltWarehouse, tmp_path: Path) -> None:
    marts = read_marts(built_warehouse.snapshot, mart_names())
    pairs = [Pair("IRQ", "SYR"), Pair("IRN", "IRQ")]
    first = build_report(marts, pairs, tmp_path, source="the sample")
    drawn_at = {image.name: image.stat().st_mtime_ns for image in first.images}
    assert {"IRQ-SYR_tone.png", "IRN-IRQ_tone.png", "IRQ-SYR_contacts.png"} <= set(drawn_at)

    again = build_report(marts, pairs, tmp_path, source="the sample")
    assert {image.name: image.stat().st_mtime_ns for image in again.images} == drawn_at

    tone = marts["dyad_tone_daily"]
    is_irq_syr = ((pl.col("country_a") == "IRQ") & (pl.col("country_b") == "SYR")) | (
        (pl.col("country_a") == "SYR") & (pl.col("country_b") == "IRQ")
    )
    changed = {
        **marts,
        "dyad_tone_daily": tone.with_columns(mean_tone=pl.when(is_irq_syr).then(-9.5).otherwise("mean_tone")),
    }
    redrawn = build_report(changed, pairs, tmp_path, source="the sample")
    touched = {image.name for image in redrawn.images if image.stat().st_mtime_ns != drawn_at[image.name]}
    assert touched == {"IRQ-SYR_tone.png"}

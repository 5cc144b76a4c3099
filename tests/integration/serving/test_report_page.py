"""The report page an analyst opens first: the focus pairs first, only what pairs have, the
pairs without data on one line, and each pair's contacts with the sentences behind them;
drawn from every mart empty, or from articles or GDELT alone."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import duckdb
import pytest

from orchestration import settings
from orchestration.serving.report.figures import Pair
from orchestration.serving.report.report import main, write_report
from tests.integration.serving.report_warehouse import (
    SHATRI_QUOTE,
    SHATRI_URL,
    SUMMIT_SENTENCE,
    WATCHED,
    build_report_warehouse,
)

PAIRS_WITHOUT_DATA = "IRQ–JOR, IRQ–ISR, JOR–SYR, ISR–SYR, JOR–TUR, ISR–JOR"


def _pair_ids(page: str) -> list[str]:
    return re.findall(r'<(?:section|details) class="pair[^"]*" id="([^"]+)"', page)


def _pair_html(page: str, slug: str) -> str:
    start = page.index(f'id="{slug}"')
    return page[start : re.search(r"</(?:section|details)>", page[start:]).end() + start]


def _timeline_row(section: str, when: str) -> str:
    rows = [row for row in re.findall(r"<tr class=.*?</tr>", section) if f'<td class="when">{when}' in row]
    assert len(rows) == 1, f"{len(rows)} rows dated {when}"
    return rows[0]


def _images(page: str) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', page)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return build_report_warehouse(tmp_path / "warehouse.duckdb")


def test_the_page_opens_on_the_focus_pair_and_shows_only_what_pairs_have(warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "report"

    result = write_report(warehouse, folder, WATCHED, [("SYR", "IRQ")])

    page = result.page.read_text(encoding="utf-8")
    assert _pair_ids(page) == ["IRQ-SYR", "IRQ-TUR", "SYR-TUR", "ISR-TUR"]
    assert '<section class="pair focus" id="IRQ-SYR">' in page
    assert '<details class="pair" id="ISR-TUR">' in page
    assert "<h2>Iraq – Syria" in page
    assert f'<p class="empty-pairs" id="empty-pairs">No data for 6 pairs: {PAIRS_WITHOUT_DATA}.</p>' in page
    assert ", ".join(pair.label for pair in result.empty_pairs) == PAIRS_WITHOUT_DATA
    assert 'class="note"' not in page, "every mart is there with rows: nothing to warn about"
    assert sorted(_images(page)) == sorted(
        f"charts/{name}"
        for name in ("IRQ-SYR_contacts.png", "IRQ-SYR_tone.png", "ISR-TUR_tone.png", "ISR-TUR_quad_class.png")
    )
    assert sorted(path.name for path in (folder / "charts").iterdir()) == sorted(
        Path(src).name for src in _images(page)
    )
    # Contacts only: a timeline and no figure, and a line naming the charts without rows.
    irq_tur = _pair_html(page, "IRQ-TUR")
    assert "<img" not in irq_tur and '<table class="timeline">' in irq_tur
    assert "No rows of this pair for: contacts per month (marts.dyad_contacts_monthly), tone" in irq_tur


def test_the_contacts_timeline_quotes_each_contact_linked_to_its_article(warehouse: Path, tmp_path: Path) -> None:
    page = write_report(warehouse, tmp_path / "report", WATCHED, [("IRQ", "SYR")]).page.read_text(encoding="utf-8")
    irq_syr = _pair_html(page, "IRQ-SYR")

    visit = _timeline_row(irq_syr, "2024-12-26")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", visit)
    assert cells[:6] == ["2024-12-26", "visit", "occurred", "IRQ → SYR", "Damascus", "2"]
    assert (
        f'<a href="{escape(SHATRI_URL)}">“Iraqi Intelligence Chief <mark>{SHATRI_QUOTE}</mark> on December 26, 2024.”</a>'
        in visit
    )
    assert "&amp;day=26" in visit
    # The second report's article has no address: its landed file names it.
    assert "also: 004_border.txt (2025-01-05)" in visit
    # Undated contacts come last.
    assert re.findall(r'<td class="when">([^<]*)', irq_syr) == ["2024-12-26", "2025-05-17", "no date"]
    declined = _timeline_row(irq_syr, "no date")
    assert re.findall(r"<td[^>]*>(.*?)</td>", declined)[1:4] == ["phone call", "declined", "SYR → IRQ"]

    summit = _timeline_row(_pair_html(page, "IRQ-TUR"), "2025-05-17")
    assert re.findall(r"<td[^>]*>(.*?)</td>", summit)[1:4] == [
        "multilateral meeting",
        "planned",
        "IRQ, SYR, TUR together",
    ]
    # Text from the data is escaped, and only web addresses become links.
    marked = escape(SUMMIT_SENTENCE).replace("invited al-Sharaa", "<mark>invited al-Sharaa</mark>")
    assert f"“{marked}”<br>" in summit
    assert "Summit &lt;b&gt;invitation&lt;/b&gt; (2025-04-02, file 007_summit.txt)" in summit
    assert "<script>alert" not in page and "<b>invitation" not in page and 'href="javascript' not in page


def test_focus_pairs_are_a_setting_and_lead_the_page(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.WATCH_LIST_ENV, ",".join(WATCHED))
    monkeypatch.delenv(settings.REPORT_FOCUS_PAIRS_ENV, raising=False)
    assert settings.report_focus_pairs() == [("IRQ", "SYR")]
    monkeypatch.setenv(settings.REPORT_FOCUS_PAIRS_ENV, "TUR-ISR, syr–tur")
    assert settings.report_focus_pairs() == [("TUR", "ISR"), ("SYR", "TUR")]

    assert main([str(tmp_path / "report"), "--source", str(warehouse)]) == 0

    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert _pair_ids(page) == ["ISR-TUR", "SYR-TUR", "IRQ-SYR", "IRQ-TUR"]
    assert re.findall(r'<section class="pair focus" id="([^"]+)"', page) == ["ISR-TUR", "SYR-TUR"]
    for wrong in ("IRQ", "IRQ-IRQ", "IRQ-SYR-TUR", "IR1-SYR"):
        monkeypatch.setenv(settings.REPORT_FOCUS_PAIRS_ENV, wrong)
        with pytest.raises(ValueError, match=settings.REPORT_FOCUS_PAIRS_ENV):
            settings.report_focus_pairs()


def test_a_warehouse_of_empty_marts_gives_a_page_that_says_so(tmp_path: Path) -> None:
    warehouse = build_report_warehouse(tmp_path / "warehouse.duckdb", sources=())
    folder = tmp_path / "report"

    result = write_report(warehouse, folder, WATCHED, [("IRQ", "SYR")])

    page = result.page.read_text(encoding="utf-8")
    assert result.images == () and result.pairs == ()
    assert list((folder / "charts").iterdir()) == []
    assert _pair_ids(page) == [] and _images(page) == []
    assert "No watched pair has rows in the marts." in page
    assert "No data yet for the focus pair IRQ–SYR." in page
    for mart in ("dyad_contacts_monthly", "dyad_tone_daily", "dyad_interactions_daily"):
        assert page.count(f"marts.{mart} is empty") == 1, mart
    assert len(result.empty_pairs) == 10
    assert f"No data for 10 pairs: IRQ–SYR, IRQ–TUR, {PAIRS_WITHOUT_DATA[:15]}" in page


@pytest.mark.parametrize(
    ("sources", "pairs", "images", "empty_mart"),
    [
        (
            ("articles",),
            ["IRQ-SYR", "IRQ-TUR", "SYR-TUR"],
            ["IRQ-SYR_contacts.png", "IRQ-SYR_tone.png"],
            "dyad_interactions_daily",
        ),
        (
            ("gdelt",),
            ["IRQ-SYR", "ISR-TUR"],
            ["IRQ-SYR_tone.png", "ISR-TUR_quad_class.png", "ISR-TUR_tone.png"],
            "fct_contacts",
        ),
    ],
)
def test_a_warehouse_of_one_kind_of_source_draws_what_it_has(
    tmp_path: Path, sources: tuple[str, ...], pairs: list[str], images: list[str], empty_mart: str
) -> None:
    warehouse = build_report_warehouse(tmp_path / "warehouse.duckdb", sources=sources)

    result = write_report(warehouse, tmp_path / "report", WATCHED, [("IRQ", "SYR")])

    page = result.page.read_text(encoding="utf-8")
    assert _pair_ids(page) == pairs
    assert sorted(image.name for image in result.images) == images
    assert all((tmp_path / "report" / src).is_file() for src in _images(page))
    if empty_mart == "fct_contacts":
        assert '<table class="timeline">' not in page and "marts.dyad_contacts_monthly is empty" in page
    else:
        assert f"marts.{empty_mart} is empty" in page


def test_a_mart_without_a_column_it_needs_is_named_once_at_the_top(warehouse: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("alter table marts.dyad_tone_daily drop column mean_tone")
        connection.execute("alter table marts.fct_contacts drop column participant_countries")

    result = write_report(warehouse, tmp_path / "report", WATCHED, [("IRQ", "SYR")])

    page = result.page.read_text(encoding="utf-8")
    assert page.count("marts.dyad_tone_daily lacks what it needs: tone over time needs column(s) mean_tone") == 1
    assert page.count("marts.fct_contacts lacks column(s) participant_countries: no contacts timeline.") == 1
    assert _pair_ids(page) == ["IRQ-SYR", "ISR-TUR"]
    assert sorted(image.name for image in result.images) == ["IRQ-SYR_contacts.png", "ISR-TUR_quad_class.png"]
    assert Pair("IRQ", "TUR") in result.empty_pairs

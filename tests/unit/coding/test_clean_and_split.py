"""Landed files into articles: splitting, furniture, text repair and metadata."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from orchestration.coding.clean import clean_documents
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.language import detect_language
from orchestration.coding.repair import repair_text
from orchestration.coding.split import DOCUMENT_SCHEMA, split_record, split_text
from orchestration.ingest.articles import read_article_file

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES, FIXTURES, raw_articles, raw_texts


def split_files(raw_articles: pl.DataFrame) -> pl.DataFrame:
    """The documents (one per article) of the landed article records of `raw_articles`."""
    documents = [document for record in raw_articles.iter_rows(named=True) for document in split_record(record)]
    return pl.DataFrame(documents, schema=DOCUMENT_SCHEMA)


def cleaned(gazetteer: Gazetteer, raw: pl.DataFrame) -> pl.DataFrame:
    return clean_documents(split_files(raw), gazetteer)


def one(frame: pl.DataFrame, source_file: str, index: int = 0) -> dict:
    return frame.filter((pl.col("source_file") == source_file) & (pl.col("article_index_in_file") == index)).row(
        0, named=True
    )


@pytest.fixture(scope="module")
def sample(gazetteer: Gazetteer) -> pl.DataFrame:
    paths = sorted(BUNDLED_ARTICLES.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt"))
    names = [path.name if path.parent == BUNDLED_ARTICLES else f"dev/{path.name}" for path in paths]
    return cleaned(gazetteer, raw_articles(paths, names))


def body(article: dict) -> str:
    """The text after the title, which the text opens with as its first paragraph."""
    title, separator, rest = article["text"].partition("\n\n")
    assert article["title"] is None or (title == article["title"] and separator)
    return rest if article["title"] else article["text"]


def test_an_appended_article_becomes_a_second_article(gazetteer: Gazetteer) -> None:
    path = FIXTURES / "articles" / "appended" / "002_with_004_appended.txt"
    articles = cleaned(gazetteer, raw_articles([path]))
    assert articles["article_index_in_file"].to_list() == [0, 1]
    first, second = articles.row(0, named=True), articles.row(1, named=True)
    assert first["title"] == "Syria and Iraq are building a “security framework” after Assad"
    assert first["text"].endswith("according to a study by the Harmoon Center for Studies.")
    assert body(second).startswith("This week's phone call between Iraqi Prime Minister Mohammed Shia Al Sudani")
    assert second["published_date"] == dt.date(2025, 4, 4)


def test_the_bundled_files_hold_one_article_each() -> None:
    for path in sorted(BUNDLED_ARTICLES.glob("*.txt")):
        assert len(split_text(path.read_text(encoding="utf-8"))) == 1, path.name


def test_a_footer_above_the_title_does_not_end_the_article() -> None:
    text = "Related Post\nTitle of the story\nThe minister arrived in Baghdad on Friday for talks with officials there, the ministry said."
    assert split_text(text) == [text]


def test_furniture_is_removed_and_article_text_kept(sample: pl.DataFrame) -> None:
    north_press = body(one(sample, "000_fb962030f17fa4db.txt"))
    for furniture in ("Ad Space", "Views", "External Source", "Breaking News", "11:43"):
        assert furniture not in north_press
    assert north_press.startswith("QAMISHLI, syria (North Press) – Iraq has stepped up diplomatic efforts")
    assert 'class="auto-internal-link"' not in north_press and "former syrian leader Bashar al-Assad" in north_press
    aggregator = one(sample, "002_e325c7cb020f6965.txt")["text"]
    for furniture in ("Read More Details", "PressBee", "Apple Store", "Most viewed", "Enab Baladi."):
        assert furniture not in aggregator
    standard = one(sample, "dev/21.txt")["text"]
    assert "macadamia" not in standard and "READ MORE" not in standard
    assert "IS captured nearly a third of Iraq" in standard
    star = one(sample, "dev/26.txt")["text"]
    assert "Witkoff meets Putin" not in star and "REUTERS/" not in star and "WhatsApp" not in star
    paywalled = one(sample, "dev/24.txt")["text"]
    assert "€" not in paywalled and "PRO PASS" not in paywalled
    assert "The Iraqi and Syrian energy ministers formalized on August 11" in paywalled
    spam = body(one(sample, "dev/27.txt"))
    assert "一区" not in spam and spam.startswith("BAGHDAD, Jan. 21 (Xinhua) -- Iraq has received")


def test_inline_html_and_mojibake_are_repaired(sample: pl.DataFrame) -> None:
    national = one(sample, "004_c01afbc7048889ef.txt")["text"]
    assert "<a href" not in national and "</a>" not in national
    assert "between Iraqi Prime Minister Mohammed Shia Al Sudani and Syria’s President" in national
    daily_miner = one(sample, "dev/15.txt")["text"]
    assert "Syriaโs" not in daily_miner and "Ahmed al-Sharaa, Syria’s interim president" in daily_miner
    assert repair_text("Iraqâ€™s foreign minister") == "Iraq’s foreign minister"


@pytest.mark.parametrize(
    ("source_file", "published", "outlet", "dateline"),
    [
        ("000_fb962030f17fa4db.txt", dt.date(2025, 10, 27), "North Press", "Qamishli"),
        ("001_f4b4218f1c84bb36.txt", dt.date(2025, 2, 22), None, None),
        ("003_3a4f3107fe4dcffa.txt", None, None, None),
        ("004_c01afbc7048889ef.txt", dt.date(2025, 4, 4), None, None),
        ("dev/02.txt", dt.date(2024, 12, 30), "Kurdistan24", None),
        ("dev/07.txt", dt.date(2025, 2, 13), "Middle East Monitor", None),
        ("dev/13.txt", dt.date(2025, 5, 12), "Shafaq News", None),
        ("dev/14.txt", dt.date(2025, 5, 12), "SpaceWar", "Damascus"),
        ("dev/18.txt", dt.date(2025, 4, 26), "The National", None),
        ("dev/21.txt", dt.date(2025, 3, 13), "The Standard", None),
        ("dev/26.txt", dt.date(2025, 3, 8), "The Star", "Ankara"),
        ("dev/27.txt", dt.date(2026, 1, 22), "heyi99.com", "Baghdad"),
        ("dev/29.txt", None, "The New Region", "Erbil"),
        ("dev/30.txt", dt.date(2024, 12, 31), "Rudaw", "Erbil"),
    ],
)
def test_metadata_from_headers_bylines_and_addresses(
    sample: pl.DataFrame, source_file: str, published, outlet, dateline
) -> None:
    article = one(sample, source_file)
    assert (article["published_date"], article["outlet"], article["dateline_city"], article["language"]) == (
        published,
        outlet,
        dateline,
        "en",
    )


def test_titles_are_taken_from_the_header_and_not_repeated(sample: pl.DataFrame) -> None:
    daily8 = one(sample, "dev/23.txt")
    assert daily8["title"] == "Iraq and Syria discuss revival of Kirkuk–Baniyas oil pipeline"
    assert daily8["text"].startswith(
        "Iraq and Syria discuss revival of Kirkuk–Baniyas oil pipeline\n\nIraq and Syria on Tuesday discussed ways"
    )
    assert one(sample, "001_f4b4218f1c84bb36.txt")["title"] == "What is the future of relations between Iraq and Syria?"


def test_jsonl_lines_are_articles_and_bad_lines_are_rejected(gazetteer: Gazetteer) -> None:
    read = read_article_file(FIXTURES / "articles" / "formats" / "two_articles.jsonl")
    rejects = read.rejects
    assert (read.rows_read, read.rows.height) == (4, 2)
    assert rejects.select("line_number", "reason").rows() == [(3, rejects["reason"][0]), (4, "neither text nor html")]
    assert rejects["reason"][0].startswith("not JSON")
    articles = clean_documents(
        split_files(raw_articles([FIXTURES / "articles" / "formats" / "two_articles.jsonl"])), gazetteer
    )
    first, second = articles.row(0, named=True), articles.row(1, named=True)
    assert (first["title"], first["published_date"], first["outlet"]) == (
        "Syria's foreign minister in Baghdad",
        dt.date(2025, 3, 14),
        "example-news.com",
    )
    assert "Share:" not in first["text"] and first["dateline_city"] == "Baghdad"
    assert second["published_date"] == dt.date(2025, 5, 12)
    assert body(second) == (
        "Syrian President Ahmed al-Sharaa will not attend the Arab League summit in Baghdad on May 17, his office said on Monday.\n\n"
        "Foreign Minister Asaad al-Shaibani will represent Syria at the summit."
    )


def test_an_html_page_is_reduced_to_its_article(gazetteer: Gazetteer) -> None:
    article = cleaned(gazetteer, raw_articles([FIXTURES / "articles" / "formats" / "phone_call.html"])).row(
        0, named=True
    )
    assert article["url"] == "https://www.example-news.com/2025/04/01/iraq-syria-call"
    assert article["title"] == "Iraq and Syria leaders speak by phone"
    assert article["published_date"] == dt.date(2025, 4, 1)
    assert body(article).startswith(
        "Iraqi Prime Minister Mohammed Shia al-Sudani and Syrian President Ahmed al-Sharaa held a phone call on Monday"
    )
    for furniture in ("Subscribe", "Most read", "Markets rally", "All rights reserved"):
        assert furniture not in article["text"]


def test_language_is_told_by_script_and_function_words() -> None:
    assert detect_language("The minister arrived in Baghdad on Friday for talks with the prime minister.") == "en"
    assert detect_language("وصل وزير الخارجية السوري أسعد الشيباني إلى بغداد يوم الجمعة في أول زيارة") == "ar"
    assert (
        detect_language("Le ministre est arrivé à Bagdad pour des entretiens avec le président de la République.")
        == "fr"
    )


def test_a_file_of_only_furniture_gives_an_empty_article(gazetteer: Gazetteer) -> None:
    article = cleaned(gazetteer, raw_texts({"ads.txt": "Ad Space 728×90\nShare:\n10 Views\n"})).row(0, named=True)
    assert article["text"] == "" and article["language"] == "und"


def test_a_byline_date_with_a_reading_time_is_the_publication_date(gazetteer: Gazetteer) -> None:
    text = (
        "https://www.example-news.com/posts/4411\n"
        "News\n\n"
        "Omani foreign minister to visit Tehran\n\n"
        "Example News\n\n"
        "Mar. 14, 2025 • 3 min read\n"
        "Omani Foreign Minister Badr Albusaidi will visit Tehran on Sunday, his ministry said.\n"
    )
    article = cleaned(gazetteer, raw_texts({"byline.txt": text})).row(0, named=True)
    assert article["published_date"] == dt.date(2025, 3, 14)
    assert "min read" not in article["text"]

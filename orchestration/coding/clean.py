"""Articles as landed into article text without furniture, with their metadata.

Source: the documents of `split.split_record` (one per article: text or HTML, plus any
metadata a JSON line carried). Grain of the result: one row per article with `article_id`,
`url`, `title`, `outlet`, `published_date`, `dateline_city`, `language` and `text` (the
paragraphs of the article, one blank line between two).

Steps:

1. text repair (`repair.py`), per article: HTML pages through trafilatura (selectolax when it finds
   nothing); inline tags in text files through selectolax; mojibake through ftfy, only
   when ftfy's own detector says the text is bad; Thai-codepage curly quotes ("Syriaโs");
   broken tag fragments ('syrian/" class="...">'); photo credits inside captions.
2. line filters (here), for all articles at once in Polars: page addresses, date lines, header
   tokens ("date 2025-04-04", "Shafaq News/"), furniture lines, link lists after "READ
   MORE", footers and everything after them, paywall blocks, aggregator boilerplate and
   lines in another script (spam headers).
3. metadata (`metadata.py`, `language.py`), per article: the title (the first short header line, or the one given), the
   publication date (given, else header line or header token, else dateline, else page
   address), the dateline city and agency, the outlet (page host through
   `gazetteer_outlets.csv`, else the site's name or domain, else the credit or agency
   of the dateline) and the language by script.
"""

from __future__ import annotations

import polars as pl

from orchestration.coding import furniture
from orchestration.coding.frames import ARTICLE_METADATA_SCHEMA
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.metadata import article_row
from orchestration.coding.repair import extract_html, repair_text

CLEAN_SCHEMA = {**ARTICLE_METADATA_SCHEMA, "text": pl.String}


def _line_frame(texts: list[str]) -> pl.DataFrame:
    """One row per line of every article, with the flags that decide what is kept."""
    frame = pl.DataFrame({"doc": list(range(len(texts))), "line": texts}, schema={"doc": pl.Int64, "line": pl.String})
    line = pl.col("line")
    lines = (
        frame.with_columns(line.str.split("\n"))
        .explode("line")
        .with_columns(pl.int_range(pl.len()).over("doc").alias("line_no"))
        .with_columns(
            line.str.replace_all(furniture.LEADING_SYMBOLS, "").str.replace_all(r" {2,}", " ").str.strip_chars()
        )
        .with_columns(
            line.str.contains(furniture.URL_LINE).alias("is_url"),
            line.str.contains(furniture.FURNITURE_LINE).alias("is_furniture"),
            line.str.contains(furniture.FOOTER_LINE).alias("is_footer"),
            line.str.contains(furniture.LINK_LIST_HEADING).alias("is_link_heading"),
            line.str.contains(furniture.REPUBLISHER_BOILERPLATE).alias("is_boilerplate"),
            line.str.contains(furniture.PAYWALL_CUE).alias("is_paywall"),
        )
        .with_columns(
            line.str.extract(furniture.DATE_HEADER_PREFIX, 1).alias("header_date"),
            line.str.extract(r"^([A-Z][A-Za-z0-9 .&'’-]{1,40}?)/\s", 1).alias("credit"),
            line.str.extract(r"^\(([A-Z][A-Za-z0-9 .&'’-]{1,30})\)\s", 1).alias("bracket_credit"),
        )
        .with_columns(
            line.str.replace(furniture.DATE_HEADER_PREFIX, "")
            .str.replace(r"^[A-Z][A-Za-z0-9 .&'’-]{1,40}?/\s+", "")
            .str.replace(r"^\([A-Z][A-Za-z0-9 .&'’-]{1,30}\)\s+", "")
            .str.strip_chars()
        )
    )
    n_words = line.str.count_matches(r"\w+")
    lines = lines.with_columns(
        n_words.alias("n_words"),
        line.str.contains(r"[.!?…:\"”’)\]]$").alias("ends_sentence"),
        (line == "").alias("is_blank"),
        line.str.contains(furniture.DATE_LINE).alias("is_date_line"),
        (line.str.count_matches(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]") * 3 > line.str.len_chars()).alias(
            "is_foreign_script"
        ),
    )
    headline_like = ~pl.col("ends_sentence") & (pl.col("n_words") <= 20)
    paywall_first = pl.when(pl.col("is_paywall")).then(pl.col("line_no")).min().over("doc")
    paywall_last = pl.when(pl.col("is_paywall")).then(pl.col("line_no")).max().over("doc")
    # A footer ends the article only after some of it: "Related Post" above the title is navigation.
    looks_like_prose = ((pl.col("n_words") >= 12) & pl.col("ends_sentence")) | (pl.col("n_words") >= 25)
    prose_above = looks_like_prose.cast(pl.Int32).cum_sum().over("doc") - looks_like_prose.cast(pl.Int32) > 0
    lines = lines.with_columns(
        (~headline_like & ~pl.col("is_blank")).cast(pl.Int32).cum_sum().over("doc").alias("run"),
        (pl.col("is_footer") & prose_above).cum_max().over("doc").alias("after_footer"),
        (
            pl.col("is_paywall")
            | (
                (pl.col("line_no") >= paywall_first)
                & (pl.col("line_no") <= paywall_last)
                & (paywall_last - paywall_first <= 40)
                & (pl.col("n_words") < 25)
            ).fill_null(False)
        ).alias("in_paywall"),
    ).with_columns(pl.col("is_link_heading").cum_max().over("doc", "run").alias("in_link_list"))
    dropped = (
        pl.col("is_blank")
        | pl.col("is_url")
        | pl.col("is_date_line")
        | pl.col("is_furniture")
        | pl.col("after_footer")
        | pl.col("in_link_list")
        | pl.col("in_paywall")
        | pl.col("is_boilerplate")
        | pl.col("is_foreign_script")
    )
    is_prose = ~dropped & (((pl.col("n_words") >= 12) & pl.col("ends_sentence")) | (pl.col("n_words") >= 25))
    return lines.with_columns(dropped.alias("dropped"), is_prose.cum_max().over("doc").alias("body_started"))


def clean_documents(documents: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Clean text and metadata of every document of `split.split_record` (see module doc)."""
    rows = documents.to_dicts()
    prepared: list[str] = []
    html_metadata: list[dict[str, str | None]] = []
    for row in rows:
        content = row["content"] or ""
        metadata: dict[str, str | None] = {}
        if row["content_is_html"]:
            content, metadata = extract_html(content)
        html_metadata.append(metadata)
        prepared.append(repair_text(content))
    if not rows:
        return pl.DataFrame(schema=CLEAN_SCHEMA)
    lines = _line_frame(prepared)
    per_doc = (
        lines.group_by("doc", maintain_order=True)
        .agg(
            pl.col("line").filter(pl.col("is_url")).first().alias("url_line"),
            pl.col("header_date").drop_nulls().first().alias("header_date"),
            pl.col("line").filter(pl.col("is_date_line") & (pl.col("line_no") < 25)).first().alias("date_line"),
            pl.col("credit").filter(~pl.col("dropped")).drop_nulls().first().alias("credit"),
            pl.col("bracket_credit").filter(~pl.col("dropped")).drop_nulls().first().alias("bracket_credit"),
            pl.col("line").filter(~pl.col("dropped")).alias("kept"),
            pl.col("body_started").filter(~pl.col("dropped")).alias("kept_in_body"),
            pl.col("n_words").filter(~pl.col("dropped")).alias("kept_words"),
        )
        .sort("doc")
    )
    cleaned = [
        article_row(row, metadata, summary, gazetteer)
        for row, metadata, summary in zip(rows, html_metadata, per_doc.iter_rows(named=True), strict=True)
    ]
    return pl.DataFrame(cleaned, schema=CLEAN_SCHEMA)

"""The frames the article pipeline returns and their fixed schemas (also the tables' columns
in DuckDB). Every frame keeps its columns and dtypes when it is empty; their checks are
in `frame_checks.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

# What cleaning gives an article, before its text (`clean.CLEAN_SCHEMA` adds only the text).
ARTICLE_METADATA_SCHEMA = {
    "article_id": pl.String,
    "source_file": pl.String,
    "article_index_in_file": pl.Int32,
    "url": pl.String,
    "title": pl.String,
    "outlet": pl.String,
    "published_date": pl.Date,
    "dateline_city": pl.String,
    "language": pl.String,
}
ARTICLES_SCHEMA = {
    **ARTICLE_METADATA_SCHEMA,
    "canonical_article_id": pl.String,
    "is_duplicate": pl.Boolean,
    "n_chars": pl.Int32,
    "text": pl.String,
}
SENTENCES_SCHEMA = {
    "article_id": pl.String,
    "sentence_number": pl.Int32,
    "paragraph_number": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "text": pl.String,
    "is_repeated_paragraph": pl.Boolean,
}
ACTOR_MENTIONS_SCHEMA = {
    "article_id": pl.String,
    "sentence_number": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "matched_text": pl.String,
    "actor_id": pl.String,
    "actor_kind": pl.String,
    "country": pl.String,
    "role": pl.String,
    "role_level": pl.String,
    "city": pl.String,
}
# The columns a contact and each report of it share, in the same order in both tables.
_COUNTERPART_PLACE_AND_WINDOW = {
    "counterpart_country": pl.String,
    "participant_countries": pl.List(pl.String),
    "location_city": pl.String,
    "location_country": pl.String,
    "date_from": pl.Date,
    "date_to": pl.Date,
    "date_precision": pl.String,
}
CONTACT_REPORTS_SCHEMA = {
    "report_id": pl.String,
    "contact_id": pl.String,
    "article_id": pl.String,
    "canonical_article_id": pl.String,
    "source_file": pl.String,
    "outlet": pl.String,
    "sentence_number": pl.Int32,
    "n_mentions": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "sentence": pl.String,
    "quote": pl.String,
    "kind": pl.String,
    "status": pl.String,
    "actor_id": pl.String,
    "actor_name": pl.String,
    "actor_country": pl.String,
    "counterpart_name": pl.String,
    **_COUNTERPART_PLACE_AND_WINDOW,
    "cameo_code": pl.String,
    "plover_type": pl.String,
    "plover_mode": pl.String,
    "confidence": pl.Float64,
}
CONTACTS_SCHEMA = {
    "contact_id": pl.String,
    "kind": pl.String,
    "status": pl.String,
    "actor_country": pl.String,
    **_COUNTERPART_PLACE_AND_WINDOW,
    "n_reports": pl.Int32,
    "n_outlets": pl.Int32,
    "date_conflict": pl.Boolean,
    "first_reported": pl.Date,
}
ARTICLE_TONE_SCHEMA = {
    "article_id": pl.String,
    "vader_compound": pl.Float64,
    "gdelt_tone": pl.Float64,
    "positive_pct": pl.Float64,
    "negative_pct": pl.Float64,
    "n_words": pl.Int32,
    "tone_missing_reason": pl.String,
}
SENTENCE_TONE_SCHEMA = {
    "article_id": pl.String,
    "sentence_number": pl.Int32,
    "country_a": pl.String,
    "country_b": pl.String,
    "vader_compound": pl.Float64,
    "gdelt_tone": pl.Float64,
}
REPORT_INPUTS_SCHEMA = {"report_id": pl.String, "article_id": pl.String, "resolution_input": pl.String}
"""What contact resolution reads of a report (`resolve/stored.py`), kept so that the contacts of a
corpus can be resolved again without coding its articles again."""
REJECTS_SCHEMA = {"source_file": pl.String, "line_number": pl.Int64, "reason": pl.String, "raw_line": pl.String}


@dataclass(frozen=True)
class ArticleFrames:
    """What `process_articles` returns: one Polars frame per table."""

    articles: pl.DataFrame
    sentences: pl.DataFrame
    actor_mentions: pl.DataFrame
    contact_reports: pl.DataFrame
    contacts: pl.DataFrame
    article_tone: pl.DataFrame
    sentence_tone: pl.DataFrame
    report_inputs: pl.DataFrame
    rejects: pl.DataFrame

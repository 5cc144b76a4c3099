"""The checks of the article pipeline's frames: one pandera model per frame stating what its
rows must satisfy (`MODEL_OF_FRAME`); `process_articles` leaves out every article with a
row that fails one (`failing_articles`), so what it returns passes them all.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

import pandera.polars as pa
import polars as pl

from orchestration.coding.contacts import KINDS, STATUSES
from orchestration.coding.dates import PRECISIONS
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import ACTOR_KINDS

ISO3 = r"^[A-Z]{3}$"


class _FrameModel(pa.DataFrameModel):
    """A frame's model: it checks the columns it names, and a frame may carry more."""

    class Config:
        strict = False


class ArticleModel(_FrameModel):
    """One article (grain of `articles`)."""

    article_id: str = pa.Field(unique=True)
    source_file: str
    article_index_in_file: pl.Int32 = pa.Field(ge=0)
    published_date: dt.date = pa.Field(nullable=True)
    language: str
    canonical_article_id: str
    is_duplicate: bool
    n_chars: pl.Int32 = pa.Field(ge=0)
    text: str

    @pa.dataframe_check(error="n_chars is not the length of the text")
    def counted(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("n_chars") == pl.col("text").str.len_chars())


class SentenceModel(_FrameModel):
    """One sentence of an article (grain of `sentences`)."""

    article_id: str
    sentence_number: pl.Int32 = pa.Field(ge=1)
    paragraph_number: pl.Int32 = pa.Field(ge=1)
    char_start: pl.Int32 = pa.Field(ge=0)
    char_end: pl.Int32 = pa.Field(ge=1)
    text: str
    is_repeated_paragraph: bool

    class Config:
        unique: ClassVar[list[str]] = ["article_id", "sentence_number"]

    @pa.dataframe_check(error="the sentence ends before it starts")
    def span_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_start") < pl.col("char_end"))


MENTION_KINDS = (*sorted(ACTOR_KINDS), "role", "country", "place", "demonym")


class ActorMentionModel(_FrameModel):
    """One gazetteer match in a sentence (grain of `actor_mentions`)."""

    article_id: str
    sentence_number: pl.Int32 = pa.Field(ge=1)
    char_start: pl.Int32 = pa.Field(ge=0)
    char_end: pl.Int32 = pa.Field(ge=1)
    matched_text: str
    actor_kind: str = pa.Field(isin=list(MENTION_KINDS))
    country: str = pa.Field(nullable=True, str_matches=ISO3)

    @pa.dataframe_check(error="the match ends before it starts")
    def span_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_start") < pl.col("char_end"))


class ArticleToneModel(_FrameModel):
    """One article's tone (grain of `article_tone`); null where the article's language has no lexicon."""

    article_id: str = pa.Field(unique=True)
    vader_compound: float = pa.Field(nullable=True, in_range={"min_value": -1.0, "max_value": 1.0})
    gdelt_tone: float = pa.Field(nullable=True, in_range={"min_value": -100.0, "max_value": 100.0})
    positive_pct: float = pa.Field(nullable=True, in_range={"min_value": 0.0, "max_value": 100.0})
    negative_pct: float = pa.Field(nullable=True, in_range={"min_value": 0.0, "max_value": 100.0})
    n_words: pl.Int32 = pa.Field(ge=0)
    tone_missing_reason: str = pa.Field(nullable=True)

    @pa.dataframe_check(error="tone is missing without a reason, or has one it does not need")
    def a_reason_where_tone_is_missing(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("vader_compound").is_null() == pl.col("tone_missing_reason").is_not_null())


class SentenceToneModel(_FrameModel):
    """One sentence's tone for one pair of countries it names (grain of `sentence_tone`)."""

    article_id: str
    sentence_number: pl.Int32 = pa.Field(ge=1)
    country_a: str = pa.Field(str_matches=ISO3)
    country_b: str = pa.Field(str_matches=ISO3)
    vader_compound: float = pa.Field(in_range={"min_value": -1.0, "max_value": 1.0})
    gdelt_tone: float = pa.Field(in_range={"min_value": -100.0, "max_value": 100.0})

    class Config:
        unique: ClassVar[list[str]] = ["article_id", "sentence_number", "country_a", "country_b"]

    @pa.dataframe_check(error="the pair is not in order (country_a < country_b)")
    def pair_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("country_a") < pl.col("country_b"))


class _ContactColumns(_FrameModel):
    """The columns a contact and each report of it share: kind, status, states, place and window."""

    kind: str = pa.Field(isin=list(KINDS))
    status: str = pa.Field(isin=list(STATUSES))
    actor_country: str = pa.Field(str_matches=ISO3)
    counterpart_country: str = pa.Field(nullable=True, str_matches=ISO3)
    participant_countries: Annotated[pl.List, pl.Utf8]
    location_country: str = pa.Field(nullable=True, str_matches=ISO3)
    date_from: dt.date = pa.Field(nullable=True)
    date_to: dt.date = pa.Field(nullable=True)
    date_precision: str = pa.Field(isin=list(PRECISIONS))

    @pa.dataframe_check(error="date_from is after date_to")
    def window_in_order(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            pl.col("date_from").is_null() | pl.col("date_to").is_null() | (pl.col("date_from") <= pl.col("date_to"))
        )


class ContactReportModel(_ContactColumns):
    """A contact as one article reports it (grain of `contact_reports`)."""

    report_id: str = pa.Field(unique=True)
    contact_id: str
    article_id: str
    sentence_number: pl.Int32 = pa.Field(ge=1)
    n_mentions: pl.Int32 = pa.Field(ge=1)
    char_start: pl.Int32 = pa.Field(ge=0)
    char_end: pl.Int32 = pa.Field(ge=1)
    cameo_code: str = pa.Field(str_matches=r"^04[0-6]$")
    plover_type: str = pa.Field(isin=["CONSULT"])
    confidence: float = pa.Field(in_range={"min_value": 0.0, "max_value": 1.0})

    @pa.dataframe_check(error="the quote does not lie inside the article")
    def quote_span(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("char_start") < pl.col("char_end"))

    @pa.dataframe_check(error="a contact between states needs at least two countries")
    def two_countries(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (pl.col("participant_countries").list.len() >= 2) | pl.col("kind").is_in(["multilateral_meeting"])
        )


class ContactModel(_ContactColumns):
    """One real contact (grain of `contacts`)."""

    contact_id: str = pa.Field(unique=True)
    n_reports: pl.Int32 = pa.Field(ge=1)
    n_outlets: pl.Int32 = pa.Field(ge=1)
    date_conflict: bool

    @pa.dataframe_check(error="more outlets than reports")
    def outlets_within_reports(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("n_outlets") <= pl.col("n_reports"))


class RejectModel(_FrameModel):
    """One article record left out of the coding, with the reason (grain of `rejects`)."""

    source_file: str
    line_number: pl.Int64 = pa.Field(ge=1)
    reason: str = pa.Field(str_length={"min_value": 1})


MODEL_OF_FRAME: dict[str, type[pa.DataFrameModel]] = {
    "articles": ArticleModel,
    "sentences": SentenceModel,
    "actor_mentions": ActorMentionModel,
    "contact_reports": ContactReportModel,
    "contacts": ContactModel,
    "article_tone": ArticleToneModel,
    "sentence_tone": SentenceToneModel,
    "rejects": RejectModel,
}


def failing_articles(frames: ArticleFrames, articles_of_contact: dict[str, set[str]]) -> dict[str, str]:
    """Article id → the first check one of its rows fails, over every frame but `rejects`.

    A contact's row belongs to every article that reports it. A failure that names no row
    (a column of the wrong type) is no article's: it is raised.
    """
    failing: dict[str, str] = {}
    for name, model in MODEL_OF_FRAME.items():
        if name == "rejects":
            continue
        frame = getattr(frames, name)
        try:
            model.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
            if cases["index"].null_count():
                raise
            for index, column, check, value in cases.select("index", "column", "check", "failure_case").iter_rows():
                reason = f"{name}: {column or 'row'} failed {check} (value {value})"
                if name == "contacts":
                    owners = articles_of_contact.get(frame["contact_id"][index], set())
                else:
                    owners = {frame["article_id"][index]}
                for article in owners:
                    failing.setdefault(article, reason)
    return failing

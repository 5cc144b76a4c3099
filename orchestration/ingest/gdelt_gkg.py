"""GDELT Global Knowledge Graph 2.1, English (`YYYYMMDDHHMMSS.gkg.csv[.zip]`) and
translingual (`YYYYMMDDHHMMSS.translation.gkg.csv[.zip]`).

Source: the GDELT Project's 15-minute GKG files, 27 tab-separated columns, no header,
no quoting; each field packs lists with its own delimiters (`;` between items, `#` or
`,` inside one). Grain: one row per GKG record, that is one document (an article, or a
citation-only source) GDELT processed in that slot; GKGRECORDID is unique.

A row keeps the document's identity (GKGRECORDID, DATE, source collection, source name,
document identifier, translation info) and what the warehouse uses of its content:
V2Tone split into its seven measures, the distinct countries (FIPS 10-4 codes) of
V2Locations (read from each location's ADM1 code, see `_location_country`), and the
distinct themes of V1Themes (which, unlike V2Themes, also lists the taxonomy themes).
The other fields are split and counted (a line must have all 27) but not kept.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from orchestration.ingest.clock import not_in_the_future
from orchestration.ingest.headerless import HeaderlessLayout
from orchestration.ingest.parses import Parse
from orchestration.ingest.validation import LandedRowModel

SOURCE_SYSTEM = "gdelt_v2_gkg"
TRANSLINGUAL_SOURCE_SYSTEM = "gdelt_v2_gkg_translingual"


COLUMNS: list[str] = [
    "gkg_record_id",
    "date",
    "source_collection_id",
    "source_common_name",
    "document_identifier",
    "v1_counts",
    "v21_counts",
    "v1_themes",
    "v2_enhanced_themes",
    "v1_locations",
    "v2_enhanced_locations",
    "v1_persons",
    "v2_enhanced_persons",
    "v1_organizations",
    "v2_enhanced_organizations",
    "v2_tone",
    "v21_enhanced_dates",
    "v2_gcam",
    "v21_sharing_image",
    "v21_related_images",
    "v21_social_image_embeds",
    "v21_social_video_embeds",
    "v21_quotations",
    "v21_all_names",
    "v21_amounts",
    "v21_translation_info",
    "v2_extras_xml",
]
assert len(COLUMNS) == 27

TONE_MEASURES: dict[str, pl.DataType] = {
    "tone": pl.Float64(),
    "positive_score": pl.Float64(),
    "negative_score": pl.Float64(),
    "polarity": pl.Float64(),
    "activity_reference_density": pl.Float64(),
    "self_group_reference_density": pl.Float64(),
    "word_count": pl.Int32(),
}
"""V2Tone's seven comma-separated measures, in the codebook's order."""

_TONE_PARTS = pl.col("v2_tone").str.split(",")


def _tone_measure(position: int, dtype: pl.DataType) -> Parse:
    return Parse(
        pl.when(_TONE_PARTS.list.len() == len(TONE_MEASURES)).then(
            _TONE_PARTS.list.get(position).cast(dtype, strict=False)
        ),
        "seven comma-separated numbers (V2Tone)",
        source="v2_tone",
    )


SOURCE_COLLECTIONS = {1: "web", 2: "citation-only", 3: "core", 4: "dtic", 5: "jstor", 6: "non-textual"}

PARSES: dict[str, Parse] = {
    "date": Parse(pl.col("date").str.to_datetime("%Y%m%d%H%M%S", strict=False), "a YYYYMMDDHHMMSS timestamp"),
    "source_collection_id": Parse(pl.col("source_collection_id").cast(pl.Int8, strict=False), "a whole number"),
    **{name: _tone_measure(position, dtype) for position, (name, dtype) in enumerate(TONE_MEASURES.items())},
}

# A V2Locations block is `type#full name#country#ADM1#ADM2#lat#long#feature id#offset`.
_LOCATION_COUNTRY, _LOCATION_ADM1 = 2, 3


def _location_country(block: pl.Expr) -> pl.Expr:
    """A location's FIPS country: the first two letters of its ADM1 code, else its country field.

    ADM1 codes begin with their country's code (HU05, USDC, IR). The country field is
    not to be trusted alone: in real GKG records it can repeat one country for every
    location of a document ("Budapest, Hungary#RS#HU05" in the February 2015 sample).
    """
    parts = block.str.split("#")
    adm1 = parts.list.get(_LOCATION_ADM1, null_on_oob=True)
    return (
        pl.when(adm1.str.len_chars() >= 2)
        .then(adm1.str.slice(0, 2))
        .otherwise(parts.list.get(_LOCATION_COUNTRY, null_on_oob=True))
    )


def _distinct_items(items: pl.Expr) -> pl.Expr:
    """Non-empty items, each once, in order of first appearance; an empty list for a null field."""
    return (
        items.list.eval(pl.element().filter(pl.element().is_not_null() & (pl.element() != "")))
        .list.unique(maintain_order=True)
        .fill_null(pl.lit([], dtype=pl.List(pl.String)))
    )


DERIVED: dict[str, pl.Expr] = {
    "location_country_codes": _distinct_items(
        pl.col("v2_enhanced_locations").str.split(";").list.eval(_location_country(pl.element()))
    ),
    "themes": _distinct_items(pl.col("v1_themes").str.split(";")),
}

FIRST_GKG_V2_FILE = dt.datetime(2015, 2, 18)


class GdeltGkgModel(LandedRowModel):
    """A typed GKG 2.1 record (the codebook's ranges: tone and scores are percentages of words)."""

    gkg_record_id: str = pa.Field(str_matches=r"^\d{14}-T?\d+$")
    date: dt.datetime = pa.Field(ge=FIRST_GKG_V2_FILE)
    source_collection_id: pl.Int8 = pa.Field(isin=list(SOURCE_COLLECTIONS))
    document_identifier: str
    tone: float = pa.Field(ge=-100.0, le=100.0, nullable=True)
    positive_score: float = pa.Field(ge=0.0, le=100.0, nullable=True)
    negative_score: float = pa.Field(ge=0.0, le=100.0, nullable=True)
    polarity: float = pa.Field(ge=0.0, nullable=True)
    activity_reference_density: float = pa.Field(ge=0.0, nullable=True)
    self_group_reference_density: float = pa.Field(ge=0.0, nullable=True)
    word_count: pl.Int32 = pa.Field(ge=0, nullable=True)
    location_country_codes: pl.List(pl.String)
    themes: pl.List(pl.String)

    published_by_now = not_in_the_future("date", "DATE")

    @pa.check("location_country_codes", error="a V2Locations country is not a two-letter FIPS code")
    def fips_countries(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key).list.eval(pl.element().str.contains(r"^[A-Z]{2}$")).list.all())


OUTPUT = [
    "line_number",
    "gkg_record_id",
    "date",
    "source_collection_id",
    "source_common_name",
    "document_identifier",
    *TONE_MEASURES,
    "location_country_codes",
    "themes",
    "v21_translation_info",
]

LAYOUT = HeaderlessLayout(
    columns=COLUMNS,
    first_column_names=frozenset({"GKGRECORDID", "gkg_record_id"}),
    parses=PARSES,
    model=GdeltGkgModel,
    derived=DERIVED,
    output=OUTPUT,
    unique_key="gkg_record_id",
    unique_key_label="GKGRECORDID",
)

parse_gdelt_gkg = LAYOUT.read_bytes
iter_gdelt_gkg_batches = LAYOUT.iter_file_batches
read_gdelt_gkg = LAYOUT.read_file

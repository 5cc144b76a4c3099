"""POLECAT weekly event files (`*.txt`, `*.tsv`, `*.csv`, plain or zipped).

Source: POLECAT (Political Event Classification, Attributes and Types), the global
event dataset coded with the PLOVER ontology and published as weekly files on
Harvard Dataverse. A file is tab-separated (the published weekly files) or
comma-separated (re-exports), with a header row; header names are matched without
regard to case, spaces or underscores ("Event Type", "event_type" and "EVENT TYPE"
are one column). Grain: one row per coded event (`event_id` is unique).

Accepted columns, in output order, with the header names each goes by (`COLUMNS`):

- event: `event_id` (Event ID), `story_date` (Story Date, or Event Date),
  `publication_date` (Publication Date), `event_type` (Event Type: PLOVER's 16 types),
  `event_mode` (Event Mode), `event_intensity` (Event Intensity, −10 … 10),
  `quad_code` (Quad Code), `contexts` (Contexts: `;`- or `,`-separated labels);
- actor and recipient: `actor_name`, `actor_country` (ISO 3166-1 alpha-3),
  `actor_cow` (Correlates of War country code), `actor_primary_sector`,
  `actor_sectors`, `actor_title`, and the same six for `recipient_…`;
- place: `place_name` (Placename, Place Name), `city`, `state`, `country`,
  `latitude`, `longitude`, `geonames_id` (GeoNames ID), `feature_type`;
- provenance: `source`, `story_id`, `language`, `version`.

Required: `event_id`, `story_date`, `event_type`, `actor_country`,
`recipient_country` (the least that makes an event a dated, typed dyad). Any other
accepted column may be absent and is then null; other columns are not read. Dates may
carry a time (`2023-01-02 13:45:00`); the day is kept. Event types are stored in
upper case, as PLOVER writes them; every code (countries, COW codes, GeoNames IDs,
quad codes) stays a string. `contexts` becomes a list of distinct labels.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from orchestration.ingest.clock import not_in_the_future
from orchestration.ingest.headed import HeadedLayout
from orchestration.ingest.parses import Parse, decimal_number
from orchestration.ingest.validation import LandedRowModel

SOURCE_SYSTEM = "polecat"
FILE_SUFFIXES = (".txt", ".tsv", ".csv", ".txt.zip", ".tsv.zip", ".csv.zip")

COLUMNS: dict[str, tuple[str, ...]] = {
    "event_id": ("Event ID",),
    "story_date": ("Story Date", "Event Date"),
    "publication_date": ("Publication Date",),
    "event_type": ("Event Type",),
    "event_mode": ("Event Mode",),
    "event_intensity": ("Event Intensity",),
    "quad_code": ("Quad Code",),
    "contexts": ("Contexts", "Context"),
    "actor_name": ("Actor Name",),
    "actor_country": ("Actor Country",),
    "actor_cow": ("Actor COW", "Actor COW Code"),
    "actor_primary_sector": ("Primary Actor Sector", "Actor Primary Sector"),
    "actor_sectors": ("Actor Sectors",),
    "actor_title": ("Actor Title",),
    "recipient_name": ("Recipient Name",),
    "recipient_country": ("Recipient Country",),
    "recipient_cow": ("Recipient COW", "Recipient COW Code"),
    "recipient_primary_sector": ("Primary Recipient Sector", "Recipient Primary Sector"),
    "recipient_sectors": ("Recipient Sectors",),
    "recipient_title": ("Recipient Title",),
    "place_name": ("Placename", "Place Name"),
    "city": ("City",),
    "state": ("State",),
    "country": ("Country",),
    "latitude": ("Latitude",),
    "longitude": ("Longitude",),
    "geonames_id": ("GeoNames ID",),
    "feature_type": ("Feature Type",),
    "source": ("Source",),
    "story_id": ("Story ID",),
    "language": ("Language",),
    "version": ("Version",),
}

REQUIRED_COLUMNS = ("event_id", "story_date", "event_type", "actor_country", "recipient_country")

PLOVER_EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

FIRST_POLECAT_DATE = dt.date(2010, 1, 1)

_ISO_DAY = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"


def _day(name: str) -> Parse:
    """The day of an ISO date or date and time (`2023-01-02`, `2023-01-02 13:45:00`, `2023-01-02T13:45:00Z`)."""
    return Parse(
        pl.when(pl.col(name).str.contains(_ISO_DAY)).then(
            pl.col(name).str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
        ),
        "a date like 2023-01-02 (a time may follow)",
    )


def _labels(name: str) -> Parse:
    """A `;`-, `,`- or `|`-separated field as a list of distinct, trimmed labels (empty when null)."""
    items = pl.col(name).str.replace_all(r"[,|]", ";").str.split(";")
    return Parse(
        items.list.eval(pl.element().str.strip_chars().filter(pl.element().str.strip_chars() != ""))
        .list.unique(maintain_order=True)
        .fill_null(pl.lit([], dtype=pl.List(pl.String))),
        "a list of labels",
    )


PARSES: dict[str, Parse] = {
    "story_date": _day("story_date"),
    "publication_date": _day("publication_date"),
    # Upper case, as PLOVER writes its types; never fails, the model checks the type.
    "event_type": Parse(pl.col("event_type").str.to_uppercase(), "a PLOVER event type"),
    "event_intensity": decimal_number("event_intensity"),
    "contexts": _labels("contexts"),
    "latitude": decimal_number("latitude"),
    "longitude": decimal_number("longitude"),
}


_ALPHA3 = r"^[A-Z]{3}$"
_COW_CODE = r"^\d{1,4}$"


class PolecatEventModel(LandedRowModel):
    """A typed POLECAT event (PLOVER's event types, code shapes, ranges)."""

    event_id: str
    story_date: dt.date = pa.Field(ge=FIRST_POLECAT_DATE)
    publication_date: dt.date = pa.Field(ge=FIRST_POLECAT_DATE, nullable=True)
    event_type: str = pa.Field(isin=list(PLOVER_EVENT_TYPES))
    event_intensity: float = pa.Field(ge=-10.0, le=10.0, nullable=True)
    contexts: pl.List(pl.String)
    actor_country: str = pa.Field(str_matches=_ALPHA3, nullable=True)
    actor_cow: str = pa.Field(str_matches=_COW_CODE, nullable=True)
    recipient_country: str = pa.Field(str_matches=_ALPHA3, nullable=True)
    recipient_cow: str = pa.Field(str_matches=_COW_CODE, nullable=True)
    latitude: float = pa.Field(ge=-90.0, le=90.0, nullable=True)
    longitude: float = pa.Field(ge=-180.0, le=180.0, nullable=True)

    told_by_now = not_in_the_future("story_date")
    published_by_now = not_in_the_future("publication_date")


LAYOUT = HeadedLayout(
    columns=COLUMNS,
    required=REQUIRED_COLUMNS,
    parses=PARSES,
    model=PolecatEventModel,
    unique_key="event_id",
    unique_key_label="Event ID",
)

parse_polecat = LAYOUT.read_bytes
iter_polecat_batches = LAYOUT.iter_file_batches
read_polecat = LAYOUT.read_file

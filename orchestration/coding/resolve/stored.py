"""A report of one article, merged from its mentions, as the coded tables keep it between runs.

Resolving contacts again reads every field of the `ResolvedReport` (the people and their
kinds, the month a vague date names, the merged window), more than a row of
`contact_reports` says. So the report is kept whole, as JSON, in
`coded.article_report_inputs`, and read back into the same object: resolving it again
then gives what coding its article again would. The article it belongs to is not in
the JSON: its canonical article changes as articles arrive and leave, so the
`ArticleInfo` is built from the article's row when the report is read back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json

from orchestration.coding.contacts import ContactReport, Party
from orchestration.coding.dates import DateWindow
from orchestration.coding.resolve.records import ArticleInfo, ResolvedReport


def stored_report(report: ResolvedReport) -> str:
    """The report as JSON, without its article and its contact (both are set when it is resolved)."""
    return json.dumps(
        {
            "report": _plain(report.report),
            "status": report.status,
            "window": _plain(report.window),
            "participants": sorted(report.participants),
            "location_city": report.location_city,
            "location_country": report.location_country,
            "sentence_numbers": report.sentence_numbers,
            "report_id": report.report_id,
        },
        default=_iso_date,
        ensure_ascii=False,
        sort_keys=True,
    )


def read_stored_report(text: str, article: ArticleInfo) -> ResolvedReport:
    """The report of `stored_report`, of `article`, not yet in a contact."""
    data = json.loads(text)
    report = data["report"]
    return ResolvedReport(
        report=ContactReport(
            **{
                **report,
                "actor": _party(report["actor"]),
                "counterpart": _party(report["counterpart"]),
                "participant_countries": tuple(report["participant_countries"]),
                "window": _window(report["window"]),
            }
        ),
        status=data["status"],
        window=_window(data["window"]),
        participants=frozenset(data["participants"]),
        location_city=data["location_city"],
        location_country=data["location_country"],
        sentence_numbers=data["sentence_numbers"],
        article=article,
        report_id=data["report_id"],
    )


# Most values of a record are these: kept as they are, without asking whether they are records.
_SCALARS = frozenset({str, int, float, bool, type(None), dt.date})


def _plain(value: object) -> object:
    """A record as JSON holds it: its fields by name, tuples as lists (`dataclasses.asdict` without its deep copies)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _field_names(kind)
    if names:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else ()


def _iso_date(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not kept in a stored report")


def _party(data: dict | None) -> Party | None:
    return None if data is None else Party(**data)


def _window(data: dict) -> DateWindow:
    return DateWindow(
        date_from=_date(data["date_from"]),
        date_to=_date(data["date_to"]),
        precision=data["precision"],
        month_hint=data["month_hint"],
    )


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)

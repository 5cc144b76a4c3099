"""The records of resolution: an article as resolution sees it, one contact as one article
reports it (`ResolvedReport`), and one real contact (`Contact`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from orchestration.coding.contacts import ContactReport
from orchestration.coding.dates import DateWindow


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    article_id: str
    canonical_article_id: str
    source_file: str
    outlet: str | None
    published_date: dt.date | None


@dataclass(slots=True)
class ResolvedReport:
    """One contact as one article reports it: the article's mentions of it, merged."""

    report: ContactReport  # the clearest mention (highest confidence, then first)
    status: str
    window: DateWindow
    participants: frozenset[str]
    location_city: str | None
    location_country: str | None
    sentence_numbers: list[int]
    article: ArticleInfo
    report_id: str = ""
    contact_id: str = ""

    @property
    def kind(self) -> str:
        return self.report.kind

    @property
    def content_key(self) -> str:
        """What the report says, where: its article, kind, status, states, people and the span of its sentence."""
        report = self.report
        return "|".join(
            [
                self.article.article_id,
                self.kind,
                self.status,
                ",".join(sorted(self.participants)),
                report.actor.actor_id or report.actor.country,
                (report.counterpart.actor_id or report.counterpart.country) if report.counterpart else "",
                str(report.sentence_number),
                f"{report.char_start}-{report.char_end}",
            ]
        )


@dataclass(slots=True)
class Contact:
    contact_id: str
    kind: str
    status: str
    actor_country: str
    counterpart_country: str | None
    participant_countries: tuple[str, ...]
    location_city: str | None
    location_country: str | None
    window: DateWindow
    n_reports: int
    n_outlets: int
    date_conflict: bool
    first_reported: dt.date | None
    members: list[ResolvedReport] = field(default_factory=list)

"""Reports of one real contact joined into one contact, within an article and across many.

Source: the `ContactReport`s of `contacts.code_article` for every article, with each
article's canonical article (`dedupe.py`), outlet and publication date. Grain: one
`ResolvedReport` per contact as one article reports it (the mentions of one article are
merged first) and one `Contact` per real contact.

Two reports are of the same contact when they are of the same kind, between the same
states (the same traveller and host for a visit; for multilateral meetings and mediation
the same host or mediator, and participant sets that share at least half their members
or, for a meeting, the same host city), not at different places, not by different named
people on the same side of a bilateral contact, with statuses that can describe
one event (a plan can become a visit that occurred or a refusal; a visit that occurred
is never one that was declined), and with date windows that overlap. A report without a
window joins the best-supported contact it fits; windows a few days apart (one outlet
says Tuesday, another Monday) still join, and the contact is flagged `date_conflict`.

A contact counts its reports once per canonical article and its outlets once per outlet
of those canonical articles, so syndicated copies and reposts never count twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace

from orchestration.coding.contacts import MULTI_PARTY_KINDS, ContactReport
from orchestration.coding.dates import EMPTY, DateWindow, gap_days, intersect, precision_of

CONFLICT_TOLERANCE_DAYS = 3
NARROW_WINDOW_DAYS = 7
MIN_PARTICIPANT_OVERLAP = 0.5
_STATUS_STRENGTH = {"occurred": 2, "declined": 2, "planned": 0}


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


def _statuses_compatible(first: str, second: str) -> bool:
    return first == second or "planned" in (first, second)


def _participants_compatible(kind: str, first: frozenset[str], second: frozenset[str]) -> bool:
    if kind not in MULTI_PARTY_KINDS:
        return first == second
    if first <= second or second <= first:
        return True
    return len(first & second) / len(first | second) >= MIN_PARTICIPANT_OVERLAP


def _named_people(report: ContactReport) -> dict[str, str]:
    people = {}
    for party in (report.actor, report.counterpart):
        if party is not None and party.actor_id and party.kind == "person":
            people[party.country] = party.actor_id
    return people


def _people_compatible(first: ContactReport, second: ContactReport) -> bool:
    """Different named people on one side make different contacts (a visit by Shaibani is
    not a visit by al-Bashir); for a visit only the traveller counts."""
    if first.kind == "visit":
        a, b = first.actor, second.actor
        if a.country != b.country:
            return False
        return not (a.actor_id and b.actor_id and a.kind == b.kind == "person" and a.actor_id != b.actor_id)
    people_a, people_b = _named_people(first), _named_people(second)
    return all(people_b.get(country) in (None, person) for country, person in people_a.items())


def _places_compatible(first_country, first_city, second_country, second_city) -> bool:
    if first_country and second_country and first_country != second_country:
        return False
    return not (first_city and second_city and first_country == second_country and first_city != second_city)


def _windows_compatible(first: DateWindow, second: DateWindow) -> tuple[bool, bool]:
    """(compatible, conflicting): overlap; or a few days apart for two narrow windows."""
    if first.is_empty or second.is_empty:
        hint, other = (first.month_hint, second) if first.is_empty else (second.month_hint, first)
        if hint and not other.is_empty and not _month_touches(hint, other):
            return False, False
        return True, False
    if intersect(first, second) is not None:
        return True, False
    narrow = first.days <= NARROW_WINDOW_DAYS and second.days <= NARROW_WINDOW_DAYS
    if narrow and gap_days(first, second) <= CONFLICT_TOLERANCE_DAYS:
        return True, True
    return False, False


def _month_touches(month: int, window: DateWindow) -> bool:
    day = window.date_from
    while day <= window.date_to:
        if day.month == month:
            return True
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return False


def _combined_window(windows: list[DateWindow]) -> tuple[DateWindow, bool]:
    """The intersection of the non-empty windows; their hull, flagged, when they disagree."""
    dated = [window for window in windows if not window.is_empty]
    if not dated:
        hints = {window.month_hint for window in windows if window.month_hint}
        return (DateWindow(None, None, "none", month_hint=next(iter(hints))) if len(hints) == 1 else EMPTY), False
    combined = dated[0]
    for window in dated[1:]:
        meet = intersect(combined, window)
        if meet is None:
            date_from = min(window.date_from for window in dated)
            date_to = max(window.date_to for window in dated)
            return DateWindow(date_from, date_to, precision_of(date_from, date_to, "range")), True
        combined = meet
    return combined, False


class _Cluster:
    """The reports of one contact so far, summarised for fast compatibility checks."""

    def __init__(self, member: ResolvedReport):
        self.members = [member]
        self.kind = member.kind
        self.statuses = {member.status}
        self.participants = set(member.participants)
        self.location_country = member.location_country
        self.location_city = member.location_city
        self.window = member.window
        self.conflict = False

    def accepts(self, candidate: ResolvedReport) -> tuple[bool, bool]:
        if candidate.kind != self.kind:
            return False, False
        # One mediator per mediation; one host per summit or meeting.
        if self.kind in MULTI_PARTY_KINDS and candidate.report.actor.country != self.members[0].report.actor.country:
            return False, False
        if not all(_statuses_compatible(status, candidate.status) for status in self.statuses):
            return False, False
        same_city = self.kind == "multilateral_meeting" and bool(self.location_city) and self.location_city == candidate.location_city
        if not same_city and not _participants_compatible(self.kind, frozenset(self.participants), candidate.participants):
            return False, False
        if not _places_compatible(self.location_country, self.location_city, candidate.location_country, candidate.location_city):
            return False, False
        if self.kind not in MULTI_PARTY_KINDS and not all(_people_compatible(member.report, candidate.report) for member in self.members[:8]):
            return False, False
        return _windows_compatible(self.window, candidate.window)

    def add(self, candidate: ResolvedReport, conflict: bool) -> None:
        self.members.append(candidate)
        self.statuses.add(candidate.status)
        self.participants |= candidate.participants
        self.location_country = self.location_country or candidate.location_country
        self.location_city = self.location_city or candidate.location_city
        if conflict:
            self.conflict = True
            hull_from = min(self.window.date_from, candidate.window.date_from)
            hull_to = max(self.window.date_to, candidate.window.date_to)
            self.window = DateWindow(hull_from, hull_to, precision_of(hull_from, hull_to, "range"))
        else:
            self.window = intersect(self.window, candidate.window) or self.window


def _order(report: ResolvedReport) -> tuple:
    """Dated, narrow, definite reports first, so that vaguer ones join them."""
    days = report.window.days if not report.window.is_empty else 10**6
    return (report.window.is_empty, days, -_STATUS_STRENGTH[report.status], report.article.article_id, report.report.sentence_number)


def _cluster(reports: list[ResolvedReport]) -> list[_Cluster]:
    buckets: dict[tuple, list[_Cluster]] = {}
    for report in sorted(reports, key=_order):
        bucket_key = (report.kind, None if report.kind in MULTI_PARTY_KINDS else report.participants)
        clusters = buckets.setdefault(bucket_key, [])
        fits = []
        for cluster in clusters:
            accepted, conflict = cluster.accepts(report)
            if accepted:
                fits.append((cluster, conflict))
        if not fits:
            clusters.append(_Cluster(report))
            continue
        # The best-supported fit without a conflict; a conflicting one only if nothing else fits.
        fits.sort(key=lambda fit: (fit[1], -len(fit[0].members)))
        cluster, conflict = fits[0]
        cluster.add(report, conflict)
    return [cluster for clusters in buckets.values() for cluster in clusters]


def merge_article_reports(reports: list[ContactReport], article: ArticleInfo) -> list[ResolvedReport]:
    """The mentions of one article merged into one report per contact it reports."""
    mentions = [
        ResolvedReport(
            report=report,
            status=report.status,
            window=report.window,
            participants=report.country_set,
            location_city=report.location_city,
            location_country=report.location_country,
            sentence_numbers=[report.sentence_number],
            article=article,
        )
        for report in reports
    ]
    merged: list[ResolvedReport] = []
    for cluster in _cluster(mentions):
        members = cluster.members
        status = "occurred" if "occurred" in cluster.statuses else "declined" if "declined" in cluster.statuses else "planned"
        best = max(members, key=lambda member: (member.status == status, member.report.confidence, -member.report.sentence_number))
        same_status = [member.window for member in members if member.status == status]
        window, _ = _combined_window(same_status if any(not w.is_empty for w in same_status) else [member.window for member in members])
        merged.append(
            ResolvedReport(
                report=best.report,
                status=status,
                window=window,
                participants=_participants(members, status),
                location_city=best.location_city or cluster.location_city,
                location_country=best.location_country or cluster.location_country,
                sentence_numbers=sorted({number for member in members for number in member.sentence_numbers}),
                article=article,
            )
        )
    return _with_report_ids(_with_summit_arrivals(merged))


def _with_report_ids(reports: list[ResolvedReport]) -> list[ResolvedReport]:
    """Each report of one article with its id: a hash of its content key, numbered when two share one.

    Unique by construction: the article id (a hash of the file and the article's place in
    it) is part of every key, and within the article equal keys are told apart by their
    order, so no two reports of a corpus share an id (short of a 64-bit hash collision).
    """
    seen: Counter[str] = Counter()
    for report in sorted(reports, key=lambda item: (item.content_key, item.sentence_numbers)):
        key = report.content_key
        seen[key] += 1
        report.report_id = _short_hash(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return reports


def _short_hash(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _with_summit_arrivals(reports: list[ResolvedReport]) -> list[ResolvedReport]:
    """Leaders an article reports arriving in a summit's host country take part in it."""
    arrivals = [
        report for report in reports if report.kind == "visit" and report.status == "occurred" and report.report.counterpart_country
    ]
    completed = []
    for report in reports:
        if report.kind == "multilateral_meeting" and report.status == "occurred" and report.location_country:
            guests = {
                arrival.report.actor.country
                for arrival in arrivals
                if arrival.report.counterpart_country == report.location_country and _windows_compatible(arrival.window, report.window)[0]
            }
            if guests - report.participants:
                report = replace(report, participants=report.participants | guests)
        completed.append(report)
    return completed


def _participants(members: list[ResolvedReport], status: str) -> frozenset[str]:
    """The states of a contact: those of its reports with the contact's own status (a state
    invited to a summit that took place is not thereby one that attended it)."""
    same_status = [member.participants for member in members if member.status == status]
    return frozenset().union(*(same_status or [member.participants for member in members]))


def _contact_key(cluster: _Cluster, status: str, window: DateWindow, location_country: str | None) -> str:
    """What a contact is: kind, status, states, place and date window (for an undated one, its first report)."""
    first = min(cluster.members, key=lambda member: (member.article.article_id, member.report.sentence_number))
    return "|".join(
        [
            cluster.kind,
            status,
            ",".join(sorted(_participants(cluster.members, status))),
            location_country or "",
            str(window.date_from or ""),
            str(window.date_to or ""),
            "" if not window.is_empty else first.report_id,
        ]
    )


def _contact_ids(keys: list[str], clusters: list[_Cluster]) -> list[str]:
    """A contact's id is the hash of its key, so it stays the same as reports are added. Two contacts
    may share a key (the same kind, states, place and days, kept apart by the people in them):
    each of those is keyed by its own smallest report id as well. Report ids are unique and a
    report belongs to one contact, so no two contacts share an id."""
    shared = {key for key, count in Counter(keys).items() if count > 1}
    return [
        _short_hash(key if key not in shared else f"{key}|{min(member.report_id for member in cluster.members)}")
        for key, cluster in zip(keys, clusters)
    ]


def _most_common(values: list) -> object:
    present = [value for value in values if value]
    return Counter(present).most_common(1)[0][0] if present else None


def resolve_contacts(article_reports: list[ResolvedReport], outlet_by_article: dict[str, str | None]) -> list[Contact]:
    """Real contacts from the reports of all articles; sets each report's `contact_id`.

    `outlet_by_article` gives the outlet of every article (canonical ones included).
    """
    contacts: list[Contact] = []
    keys: list[str] = []
    clusters = _cluster(article_reports)
    for cluster in clusters:
        members = cluster.members
        status = "occurred" if "occurred" in cluster.statuses else "declined" if "declined" in cluster.statuses else "planned"
        same_status = [member.window for member in members if member.status == status]
        window, conflict = _combined_window(same_status if any(not w.is_empty for w in same_status) else [member.window for member in members])
        location_country = _most_common([member.location_country for member in members])
        location_city = _most_common([member.location_city for member in members if member.location_country == location_country])
        actor_country = _most_common([member.report.actor.country for member in members if member.status == status])
        participants = tuple(sorted(_participants(members, status)))
        counterpart_country = next((country for country in participants if country != actor_country), None)
        canonical = {member.article.canonical_article_id for member in members}
        outlets = {(outlet_by_article.get(article_id) or f"article:{article_id}").casefold() for article_id in canonical}
        dates = [member.article.published_date for member in members if member.article.published_date]
        keys.append(_contact_key(cluster, status, window, location_country))
        contacts.append(
            Contact(
                contact_id="",
                kind=cluster.kind,
                status=status,
                actor_country=actor_country,
                counterpart_country=counterpart_country,
                participant_countries=participants,
                location_city=location_city,
                location_country=location_country,
                window=window,
                n_reports=len(canonical),
                n_outlets=len(outlets),
                date_conflict=conflict or cluster.conflict,
                first_reported=min(dates) if dates else None,
                members=members,
            )
        )
    for contact, contact_id in zip(contacts, _contact_ids(keys, clusters)):
        contact.contact_id = contact_id
        for member in contact.members:
            member.contact_id = contact_id
    return contacts

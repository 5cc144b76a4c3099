"""When two reports are of one contact (kind, states, people, places, statuses, windows),
and the clustering of reports into contacts, dated and definite reports first."""

from __future__ import annotations

import datetime as dt

from orchestration.coding.contacts import MULTI_PARTY_KINDS, ContactReport, Party
from orchestration.coding.dates import EMPTY, DateWindow, gap_days, intersect, precision_of
from orchestration.coding.resolve.records import ResolvedReport

CONFLICT_TOLERANCE_DAYS = 3
NARROW_WINDOW_DAYS = 7
MIN_PARTICIPANT_OVERLAP = 0.5
_STATUS_STRENGTH = {"occurred": 2, "declined": 2, "planned": 0}


def _statuses_compatible(first: str, second: str) -> bool:
    return first == second or "planned" in (first, second)


def _participants_compatible(kind: str, first: frozenset[str], second: frozenset[str]) -> bool:
    if kind not in MULTI_PARTY_KINDS:
        return first == second
    if first <= second or second <= first:
        return True
    return len(first & second) / len(first | second) >= MIN_PARTICIPANT_OVERLAP


def _person(party: Party | None) -> str | None:
    """The person a party is: one named, or the one holder of a role phrase on the article's
    date ("Syria's foreign minister" in 2025 is al-Shaibani); none for a state or a delegation."""
    if party is not None and party.actor_id and party.kind in ("person", "role"):
        return party.actor_id
    return None


def _named_people(report: ContactReport) -> dict[str, str]:
    people = {}
    for party in (report.actor, report.counterpart):
        person = _person(party)
        if person:
            people[party.country] = person
    return people


def _people_compatible(first: ContactReport, second: ContactReport) -> bool:
    """Different people on one side make different contacts (a visit by Shaibani is not a
    visit by al-Bashir, nor by Syria's defence minister); for a visit only the traveller counts."""
    if first.kind == "visit":
        a, b = first.actor, second.actor
        if a.country != b.country:
            return False
        person_a, person_b = _person(a), _person(b)
        return not (person_a and person_b and person_a != person_b)
    people_a, people_b = _named_people(first), _named_people(second)
    return all(people_b.get(country) in (None, person) for country, person in people_a.items())


def _places_compatible(first_country, first_city, second_country, second_city) -> bool:
    if first_country and second_country and first_country != second_country:
        return False
    return not (first_city and second_city and first_country == second_country and first_city != second_city)


def windows_compatible(first: DateWindow, second: DateWindow) -> tuple[bool, bool]:
    """(compatible, conflicting): overlap; or a few days apart for two narrow windows, or for a
    window inferred from a publication date (news may run a few days late), which never conflicts."""
    if first.is_empty or second.is_empty:
        hint, other = (first.month_hint, second) if first.is_empty else (second.month_hint, first)
        if hint and not other.is_empty and not _month_touches(hint, other):
            return False, False
        return True, False
    if intersect(first, second) is not None:
        return True, False
    inferred = "publication" in (first.precision, second.precision)
    if inferred and gap_days(first, second) <= CONFLICT_TOLERANCE_DAYS:
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


def combined_window(windows: list[DateWindow]) -> tuple[DateWindow, bool]:
    """The intersection of the non-empty windows; their hull, flagged, when they disagree.

    A window inferred from the publication date counts only when no report states a date.
    """
    dated = [window for window in windows if not window.is_empty and window.precision != "publication"] or [
        window for window in windows if not window.is_empty
    ]
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


class Cluster:
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
        same_city = (
            self.kind == "multilateral_meeting"
            and bool(self.location_city)
            and self.location_city == candidate.location_city
        )
        if not same_city and not _participants_compatible(
            self.kind, frozenset(self.participants), candidate.participants
        ):
            return False, False
        if not _places_compatible(
            self.location_country, self.location_city, candidate.location_country, candidate.location_city
        ):
            return False, False
        if self.kind not in MULTI_PARTY_KINDS and not all(
            _people_compatible(member.report, candidate.report) for member in self.members[:8]
        ):
            return False, False
        return windows_compatible(self.window, candidate.window)

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
    return (
        report.window.is_empty,
        days,
        -_STATUS_STRENGTH[report.status],
        report.article.article_id,
        report.report.sentence_number,
    )


def resolution_bucket(report: ResolvedReport) -> tuple:
    """Reports of two buckets are never of one contact: the kind, and for a contact of two states those states."""
    return (report.kind, None if report.kind in MULTI_PARTY_KINDS else report.participants)


def cluster_reports(reports: list[ResolvedReport]) -> list[Cluster]:
    """The reports grouped into contacts: each joins the best-supported cluster it fits, else starts one."""
    buckets: dict[tuple, list[Cluster]] = {}
    for report in sorted(reports, key=_order):
        clusters = buckets.setdefault(resolution_bucket(report), [])
        fits = []
        for cluster in clusters:
            accepted, conflict = cluster.accepts(report)
            if accepted:
                fits.append((cluster, conflict))
        if not fits:
            clusters.append(Cluster(report))
            continue
        # The best-supported fit without a conflict; a conflicting one only if nothing else fits.
        fits.sort(key=lambda fit: (fit[1], -len(fit[0].members)))
        cluster, conflict = fits[0]
        cluster.add(report, conflict)
    return [cluster for clusters in buckets.values() for cluster in clusters]


def resolution_groups(reports: list[ResolvedReport]) -> list[int]:
    """A group number for each report: `cluster_reports` of the reports of any set of whole groups
    gives, for each of those groups, the clusters it gives for that group within all the reports.

    Two reports are joined when one could ever take part in a decision about the other:
    - they are of one bucket (`resolution_bucket`: clusters never mix buckets);
    - both dated, their windows each stretched by `CONFLICT_TOLERANCE_DAYS` at the end overlap;
    - both undated;
    - one undated, the other dated, and the undated one names no month or the dated one's
      stretched window touches that month.

    Why this is enough: dated reports are clustered before every undated one (`_order`), so
    a dated cluster only ever holds reports of one run of overlapping stretched windows;
    its window (an intersection of its members' windows, or the hull of two that conflict)
    lies inside that run's span, so a dated report it accepts (an overlap, or a gap of at
    most `CONFLICT_TOLERANCE_DAYS`) has a stretched window meeting the run: it is joined to
    it. An undated report leaves a cluster's window as it is, and a cluster accepts it only
    when that window touches the month it names, or it names none: joined again. So a
    report is never accepted by a cluster of another group; the order of the reports within
    a group, and the order in which its clusters were started, are those of the whole.
    A contact's id hashes its kind, states, place and window, and for an undated contact
    one of its report ids: two contacts of different groups never share that key (their
    windows lie in disjoint spans), so their ids are those the whole corpus gives them.
    """
    parent = list(range(len(reports)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    def join(first: int, second: int) -> None:
        parent[root(first)] = root(second)

    by_bucket: dict[tuple, list[int]] = {}
    for position, report in enumerate(reports):
        by_bucket.setdefault(resolution_bucket(report), []).append(position)
    stretch = dt.timedelta(days=CONFLICT_TOLERANCE_DAYS)
    for positions in by_bucket.values():
        dated = sorted(
            (position for position in positions if not reports[position].window.is_empty),
            key=lambda position: reports[position].window.date_from,
        )
        runs: list[tuple[DateWindow, int]] = []
        for position in dated:
            window = reports[position].window
            if runs and window.date_from <= runs[-1][0].date_to:
                span, first = runs[-1]
                runs[-1] = (DateWindow(span.date_from, max(span.date_to, window.date_to + stretch), "range"), first)
                join(position, first)
            else:
                runs.append((DateWindow(window.date_from, window.date_to + stretch, "range"), position))
        undated = [position for position in positions if reports[position].window.is_empty]
        for position in undated:
            join(position, undated[0])
            month = reports[position].window.month_hint
            for span, first in runs:
                if month is None or _month_touches(month, span):
                    join(position, first)
    return [root(position) for position in range(len(reports))]

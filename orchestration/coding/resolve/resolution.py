"""Merging the mentions of one article into its reports, and the reports of all articles
into contacts, with their ids, windows, places and counts of articles and outlets."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import replace

from orchestration.coding.contacts import ContactReport
from orchestration.coding.dates import DateWindow
from orchestration.coding.resolve.clusters import Cluster, cluster_reports, combined_window, windows_compatible
from orchestration.coding.resolve.records import ArticleInfo, Contact, ResolvedReport

# A news story opens with its news: a contact its headline or first sentences (the text's
# first three, the headline being the first) report as done, without a date, happened in the
# week before publication (the dating convention of event coders). A week, not a day: a later
# article's lede still joins the report of the same contact that states its date, whose window
# then wins (`combined_window`).
LEDE_SENTENCES = 3
LEDE_DAYS_BEFORE_PUBLICATION = 7


def _dated_by_publication(report: ContactReport, published: dt.date | None) -> ContactReport:
    """`report` with the lede's window when it is an undated report of a done contact in the lede."""
    if (
        published is None
        or report.sentence_number > LEDE_SENTENCES
        or report.status != "occurred"
        or not report.window.is_empty
    ):
        return report
    window = DateWindow(published - dt.timedelta(days=LEDE_DAYS_BEFORE_PUBLICATION), published, "publication")
    return replace(report, window=window)


def merge_article_reports(reports: list[ContactReport], article: ArticleInfo) -> list[ResolvedReport]:
    """The mentions of one article merged into one report per contact it reports."""
    reports = [_dated_by_publication(report, article.published_date) for report in reports]
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
    for cluster in cluster_reports(mentions):
        members = cluster.members
        status = _leading_status(cluster)
        best = max(
            members,
            key=lambda member: (member.status == status, member.report.confidence, -member.report.sentence_number),
        )
        window, _ = _status_window(members, status)
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
        report
        for report in reports
        if report.kind == "visit" and report.status == "occurred" and report.report.counterpart_country
    ]
    completed = []
    for report in reports:
        if report.kind == "multilateral_meeting" and report.status == "occurred" and report.location_country:
            guests = {
                arrival.report.actor.country
                for arrival in arrivals
                if arrival.report.counterpart_country == report.location_country
                and windows_compatible(arrival.window, report.window)[0]
            }
            if guests - report.participants:
                report = replace(report, participants=report.participants | guests)
        completed.append(report)
    return completed


def _leading_status(cluster: Cluster) -> str:
    """The status of a cluster's contact: occurred over declined over planned."""
    return next((status for status in ("occurred", "declined") if status in cluster.statuses), "planned")


def _status_window(members: list[ResolvedReport], status: str) -> tuple[DateWindow, bool]:
    """The combined window of the reports with the contact's own status (of all its reports when
    none of those is dated), and whether their dates conflict."""
    same_status = [member.window for member in members if member.status == status]
    return combined_window(
        same_status if any(not w.is_empty for w in same_status) else [member.window for member in members]
    )


def _participants(members: list[ResolvedReport], status: str) -> frozenset[str]:
    """The states of a contact: those of its reports with the contact's own status (a state
    invited to a summit that took place is not thereby one that attended it)."""
    same_status = [member.participants for member in members if member.status == status]
    return frozenset().union(*(same_status or [member.participants for member in members]))


def _contact_key(cluster: Cluster, status: str, window: DateWindow, location_country: str | None) -> str:
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


def _contact_ids(keys: list[str], clusters: list[Cluster]) -> list[str]:
    """A contact's id is the hash of its key, so it stays the same as reports are added. Two contacts
    may share a key (the same kind, states, place and days, kept apart by the people in them):
    each of those is keyed by its own smallest report id as well. Report ids are unique and a
    report belongs to one contact, so no two contacts share an id."""
    shared = {key for key, count in Counter(keys).items() if count > 1}
    return [
        _short_hash(key if key not in shared else f"{key}|{min(member.report_id for member in cluster.members)}")
        for key, cluster in zip(keys, clusters, strict=True)
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
    clusters = cluster_reports(article_reports)
    for cluster in clusters:
        members = cluster.members
        status = _leading_status(cluster)
        window, conflict = _status_window(members, status)
        location_country = _most_common([member.location_country for member in members])
        location_city = _most_common(
            [member.location_city for member in members if member.location_country == location_country]
        )
        actor_country = _most_common([member.report.actor.country for member in members if member.status == status])
        participants = tuple(sorted(_participants(members, status)))
        counterpart_country = next((country for country in participants if country != actor_country), None)
        canonical = {member.article.canonical_article_id for member in members}
        outlets = {
            (outlet_by_article.get(article_id) or f"article:{article_id}").casefold() for article_id in canonical
        }
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
    for contact, contact_id in zip(contacts, _contact_ids(keys, clusters), strict=True):
        contact.contact_id = contact_id
        for member in contact.members:
            member.contact_id = contact_id
    return contacts

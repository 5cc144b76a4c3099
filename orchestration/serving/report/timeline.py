"""The contacts timeline of a country pair: every contact coded from articles between the two,
whatever its status, with its date window, kind, status, who acted toward whom, where, how many
articles reported it, and the sentence that reports it, linked to its article.

Pure functions: mart frames in (`marts.fct_contacts`, `marts.fct_contact_reports` and, for
the articles' addresses when the reports lack them, `marts.dim_article`), `TimelineContact`
rows and HTML text out. A contact puts countries in contact as `marts.dyad_contacts_monthly`
does: a visit, call or meeting joins the actor to the counterpart, a mediation the mediator to
each party, a multilateral meeting every two participants (without a direction).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

import polars as pl

from orchestration import settings
from orchestration.serving.report.figures import Pair, missing_columns

CONTACT_COLUMNS = (
    "contact_id",
    "kind",
    "status",
    "actor_country",
    "counterpart_country",
    "participant_countries",
    "date_from",
    "date_to",
    "n_reports",
)
REPORT_COLUMNS = ("contact_id", "sentence")
ARTICLE_COLUMNS = ("url", "title", "source_file", "outlet", "published_date")
"""What a citation shows of its article, taken from the report row or else from `dim_article`."""
_OPTIONAL_CONTACT_COLUMNS = ("location_city", "date_precision", "official_level")
_UNDIRECTED_KINDS = ("multilateral_meeting",)
_LINKABLE_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Citation:
    """One article's report of a contact."""

    sentence: str
    quote: str | None = None
    url: str | None = None
    title: str | None = None
    source_file: str | None = None
    outlet: str | None = None
    published_date: dt.date | None = None


@dataclass(frozen=True)
class TimelineContact:
    contact_id: str
    kind: str
    status: str
    date_from: dt.date | None
    date_to: dt.date | None
    from_country: str | None
    """The acting country (the traveller, the caller, the mediator); None for a multilateral meeting."""
    participants: tuple[str, ...]
    n_reports: int
    location: str | None = None
    date_precision: str | None = None
    official_level: str | None = None
    citations: tuple[Citation, ...] = ()


def missing_contact_columns(contacts: pl.DataFrame) -> list[str]:
    return missing_columns(contacts, CONTACT_COLUMNS)


def contact_pairs(contacts: pl.DataFrame) -> pl.DataFrame:
    """`contact_id`, `country_a` < `country_b` and the acting country (`from_country`, null
    when the contact has no direction): one row per pair a contact puts in contact."""
    participants = pl.col("participant_countries").fill_null(pl.lit([], dtype=pl.List(pl.String)))
    bilateral = contacts.filter(
        ~pl.col("kind").is_in(list(settings.MULTI_PARTY_KINDS)),
        pl.col("counterpart_country").is_not_null(),
        pl.col("actor_country") != pl.col("counterpart_country"),
    ).select("contact_id", pl.col("actor_country").alias("from_country"), pl.col("counterpart_country").alias("other"))
    mediated = (
        contacts.filter(pl.col("kind") == "mediation")
        .select("contact_id", pl.col("actor_country").alias("from_country"), participants.alias("other"))
        .explode("other")
        .filter(pl.col("other").is_not_null(), pl.col("other") != pl.col("from_country"))
    )
    together = (
        contacts.filter(pl.col("kind").is_in(_UNDIRECTED_KINDS))
        .select("contact_id", participants.alias("first"))
        .with_columns(pl.col("first").alias("other"))
        .explode("first")
        .explode("other")
        .filter(pl.col("first") < pl.col("other"))
    )
    directed = pl.concat([bilateral, mediated]).select(
        "contact_id",
        pl.min_horizontal("from_country", "other").alias("country_a"),
        pl.max_horizontal("from_country", "other").alias("country_b"),
        "from_country",
    )
    undirected = together.select(
        "contact_id",
        pl.col("first").alias("country_a"),
        pl.col("other").alias("country_b"),
        pl.lit(None, dtype=pl.String).alias("from_country"),
    )
    return pl.concat([directed.cast({"from_country": pl.String}), undirected]).unique(maintain_order=True)


def reports_with_articles(reports: pl.DataFrame, articles: pl.DataFrame | None) -> pl.DataFrame:
    """The reports with each of `ARTICLE_COLUMNS` they lack taken from `articles` by `article_id`."""
    lacking = [column for column in ARTICLE_COLUMNS if column not in reports.columns]
    if articles is None or not lacking or "article_id" not in reports.columns or "article_id" not in articles.columns:
        return reports
    found = [column for column in lacking if column in articles.columns]
    return reports.join(articles.select("article_id", *found).unique("article_id"), on="article_id", how="left")


def _citations(reports: pl.DataFrame | None, contact_ids: list[str]) -> dict[str, tuple[Citation, ...]]:
    if reports is None or missing_columns(reports, REPORT_COLUMNS):
        return {}
    wanted = [column for column in ("quote", *ARTICLE_COLUMNS) if column in reports.columns]
    order = [column for column in ("published_date", "report_id") if column in reports.columns]
    rows = reports.filter(pl.col("contact_id").is_in(contact_ids), pl.col("sentence").is_not_null())
    if order:
        rows = rows.sort(order, nulls_last=True)
    citations: dict[str, list[Citation]] = {}
    for row in rows.select("contact_id", "sentence", *wanted).iter_rows(named=True):
        contact_id = row.pop("contact_id")
        citations.setdefault(contact_id, []).append(Citation(**row))
    return {contact_id: tuple(found) for contact_id, found in citations.items()}


def pair_timeline(
    contacts: pl.DataFrame, reports: pl.DataFrame | None, pair: Pair, linked: pl.DataFrame | None = None
) -> list[TimelineContact]:
    """The contacts between the two countries of `pair`, by date (undated last), each with its
    reports' sentences, earliest article first; `linked` is `contact_pairs(contacts)` when the
    caller has it already."""
    linked = contact_pairs(contacts) if linked is None else linked
    of_pair = linked.filter(pl.col("country_a") == pair.a, pl.col("country_b") == pair.b)
    if of_pair.is_empty():
        return []
    optional = [column for column in _OPTIONAL_CONTACT_COLUMNS if column in contacts.columns]
    rows = (
        contacts.select(*CONTACT_COLUMNS, *optional)
        .join(of_pair.select("contact_id", "from_country"), on="contact_id", how="inner")
        .sort("date_from", "date_to", "kind", "contact_id", nulls_last=True)
    )
    citations = _citations(reports, rows.get_column("contact_id").to_list())
    timeline = []
    for row in rows.iter_rows(named=True):
        participants = row["participant_countries"] or [row["actor_country"], row["counterpart_country"]]
        timeline.append(
            TimelineContact(
                contact_id=row["contact_id"],
                kind=row["kind"] or "unspecified",
                status=row["status"] or "unspecified",
                date_from=row["date_from"],
                date_to=row["date_to"],
                from_country=row["from_country"],
                participants=tuple(sorted(country for country in set(participants) if country)),
                n_reports=row["n_reports"] or 0,
                location=row.get("location_city"),
                date_precision=row.get("date_precision"),
                official_level=row.get("official_level"),
                citations=citations.get(row["contact_id"], ()),
            )
        )
    return timeline


def date_window(contact: TimelineContact) -> str:
    """`2024-12-26`, `2025-03-01 – 2025-03-31`, or `no date`."""
    if contact.date_from is None:
        return "no date"
    if contact.date_to is None or contact.date_to == contact.date_from:
        return contact.date_from.isoformat()
    return f"{contact.date_from.isoformat()} – {contact.date_to.isoformat()}"


def _who(contact: TimelineContact, pair: Pair) -> str:
    if contact.from_country is None:
        return f"{', '.join(contact.participants)} together"
    other = pair.b if contact.from_country == pair.a else pair.a
    if contact.kind == "mediation":
        return f"{contact.from_country} mediating with {other}"
    return f"{contact.from_country} → {other}"


def _sentence_html(citation: Citation) -> str:
    """The sentence in quotation marks, its quote marked, linked to the article when it has a web address."""
    sentence, quote = citation.sentence, citation.quote
    at = sentence.find(quote) if quote else -1
    if at >= 0:
        text = f"{escape(sentence[:at])}<mark>{escape(quote)}</mark>{escape(sentence[at + len(quote) :])}"
    else:
        text = escape(sentence)
    quoted = f"“{text}”"
    if _linkable(citation.url):
        return f'<a href="{escape(citation.url)}">{quoted}</a>'
    return quoted


def _linkable(url: str | None) -> bool:
    return bool(url) and url.strip().lower().startswith(_LINKABLE_SCHEMES)


def _source_html(citation: Citation) -> str:
    """Where the sentence comes from: the article's title (linked), outlet and date, else its landed file."""
    name = citation.title or citation.source_file or "article without title"
    named = f'<a href="{escape(citation.url)}">{escape(name)}</a>' if _linkable(citation.url) else escape(name)
    details = [escape(part) for part in (citation.outlet, str(citation.published_date or "")) if part]
    if citation.title and citation.source_file:
        details.append(f"file {escape(citation.source_file)}")
    return named + (f" ({', '.join(details)})" if details else "")


def timeline_html(timeline: list[TimelineContact], pair: Pair) -> str:
    """A table of the pair's contacts, one row each, every value from the data escaped."""
    rows = []
    for contact in timeline:
        precision = (
            f'<br><span class="precision">{escape(contact.date_precision)}</span>'
            if contact.date_precision and contact.date_precision != "day" and contact.date_from is not None
            else ""
        )
        if contact.citations:
            first, others = contact.citations[0], contact.citations[1:]
            said = f'{_sentence_html(first)}<br><span class="source">{_source_html(first)}</span>'
            if others:
                said += (
                    '<br><span class="source">also: ' + "; ".join(_source_html(other) for other in others) + "</span>"
                )
        else:
            said = '<span class="source">no sentence in the warehouse</span>'
        rows.append(
            f'<tr class="status-{escape(contact.status)}">'
            f'<td class="when">{escape(date_window(contact))}{precision}</td>'
            f"<td>{escape(contact.kind.replace('_', ' '))}</td>"
            f'<td class="status">{escape(contact.status)}</td>'
            f"<td>{escape(_who(contact, pair))}</td>"
            f"<td>{escape(contact.location or '')}</td>"
            f'<td class="number">{contact.n_reports}</td>'
            f"<td>{said}</td>"
            "</tr>"
        )
    header = "<tr><th>when</th><th>kind</th><th>status</th><th>who</th><th>where</th><th>reports</th><th>what an article says</th></tr>"
    return f'<table class="timeline"><thead>{header}</thead><tbody>{"".join(rows)}</tbody></table>'

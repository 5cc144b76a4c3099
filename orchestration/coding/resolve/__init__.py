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

Resolution splits into groups that never affect each other (`resolution_groups`), so that
when articles arrive or leave only the groups their reports fall in are resolved again,
from the reports kept as `stored.py` writes them.
"""

from orchestration.coding.resolve.clusters import resolution_bucket, resolution_groups
from orchestration.coding.resolve.records import ArticleInfo, Contact, ResolvedReport
from orchestration.coding.resolve.resolution import merge_article_reports, resolve_contacts
from orchestration.coding.resolve.stored import read_stored_report, stored_report

__all__ = [
    "ArticleInfo",
    "Contact",
    "ResolvedReport",
    "merge_article_reports",
    "read_stored_report",
    "resolution_bucket",
    "resolution_groups",
    "resolve_contacts",
    "stored_report",
]

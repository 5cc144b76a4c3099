"""Articles that arrive, change or leave, coded into a coded corpus: the same tables as coding
the whole corpus again (`pipeline.process_articles`), for the cost of coding the new articles.

Source: what the coded tables hold (`CodedCorpus`), the landed records of the new or changed
files, and which files those are and which left (`file_changes.FileChanges`). Grain: one
`CodingIncrement` per run, the rows that leave and the rows that enter each coded table.

What each step needs, and why the increment equals the full re-code:

- Splitting, cleaning, matching, coding contacts, tone and mentions depend on one article
  alone: only the articles of new or changed files are analysed; the rows of the others
  are kept as they are, and those of changed or removed files leave.
- Deduplication depends on the order of publication across the corpus: an arrival dated
  before an article may take its place as canonical, and every later decision can shift.
  So `dedupe.canonical_articles` runs again over the whole corpus, from the sentences the
  coded tables keep (no article is analysed again for it); it is linear in the sentences.
  A kept article whose canonical article changes has its `articles` row written again and
  its reports resolved again (the counts of reports and outlets follow the canonical).
- Resolution: `resolve.resolution_groups` splits the reports into groups (one kind of contact
  between one pair of states, or one kind for contacts of more parties, and windows that
  overlap) that never affect each other's clustering or contact ids. The
  groups are taken over the kept, arriving and leaving reports together; a group holding
  an arriving or leaving report, or a report whose canonical article changed, is resolved
  again from its kept and arriving reports (kept reports are read back whole from
  `coded.article_report_inputs`). Every other group is a group of the corpus before and
  after alike, with the same reports, so its contacts and their ids stay as they are.
- Checks: every check of a frame is on one row (or a uniqueness that ids by construction
  keep), so only the rows written now are checked. An arriving article that fails is left
  out and the increment computed again without it, as the full re-code does.

When a kept article fails now (a resolution or check failure that involves it), only a full
re-code says what the corpus becomes: `code_increment` returns None and the caller codes
everything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import polars as pl

from orchestration.coding.collection import without_cycle_collection
from orchestration.coding.contacts import MULTI_PARTY_KINDS
from orchestration.coding.corpus_steps import (
    article_info,
    articles_frame,
    canonical_of,
    coded_frames,
    dedupe_input,
    failing_rows,
    merged_reports,
    resolved_contacts,
)
from orchestration.coding.file_changes import FileChanges
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.landed import analyse_landed, rejects_frame
from orchestration.coding.resolve import (
    ArticleInfo,
    Contact,
    ResolvedReport,
    read_stored_report,
    resolution_bucket,
    resolution_groups,
)
from orchestration.coding.sentences import Sentence


@dataclass(frozen=True)
class CodedCorpus:
    """What coding more articles reads of the coded tables."""

    articles: pl.DataFrame
    """Every `articles` row."""
    sentences: pl.DataFrame
    """Every `sentences` row (deduplication reads their text)."""
    report_contacts: pl.DataFrame
    """`report_id` and `contact_id` of every `contact_reports` row."""
    report_inputs: pl.DataFrame
    """Every `report_inputs` row."""


@dataclass(frozen=True)
class CodingIncrement:
    frames: ArticleFrames
    """The rows that enter each table, and the rejects of the files coded now."""
    articles_leaving: frozenset[str]
    """Articles whose rows leave every table: those of the changed and removed files."""
    articles_rewritten: frozenset[str]
    """Kept articles whose `articles` row is written again (their canonical article changed)."""
    reports_leaving: frozenset[str]
    """Reports whose `contact_reports` rows leave (they left, or were resolved again); `report_inputs`
    rows leave with their article."""
    contacts_leaving: frozenset[str]
    articles_coded: int
    pairs_resolved_again: int
    """Resolution buckets (a kind of contact and its states) whose contacts were resolved again."""


@dataclass(frozen=True)
class _Resolution:
    contacts: list[Contact]
    failures: dict[str, str]
    texts: dict[str, str]
    reports_leaving: frozenset[str]
    contacts_leaving: frozenset[str]
    buckets: int


@without_cycle_collection
def code_increment(
    corpus: CodedCorpus, landed: pl.DataFrame, changes: FileChanges, gazetteer: Gazetteer, watch_list: list[str]
) -> CodingIncrement | None:
    """The increment that codes `landed` (the records of `changes.to_code`) into `corpus` and removes
    the articles of `changes.gone`; None when a kept article fails now (see the module doc)."""
    analysed = analyse_landed(landed, gazetteer, watch_list)
    failures = analysed.failures
    replaced = pl.col("source_file").is_in(changes.replaced)
    kept_rows = corpus.articles.filter(~replaced).to_dicts()
    leaving = frozenset(corpus.articles.filter(replaced)["article_id"])
    sentences_of = _sentences_by_article(corpus.sentences)
    while True:
        new_rows = [row for row in analysed.rows if row["article_id"] not in failures]
        canonical = canonical_of(
            [dedupe_input(row, sentences_of.get(row["article_id"], [])) for row in kept_rows]
            + [dedupe_input(row, analysed.analysis(row["article_id"]).sentences) for row in new_rows],
            failures,
        )
        if any(row["article_id"] in failures for row in kept_rows):
            return None
        merged = merged_reports(new_rows, canonical, analysed, failures)
        new_rows = [row for row in new_rows if row["article_id"] not in failures]
        rewritten = [row for row in kept_rows if canonical[row["article_id"]] != row["canonical_article_id"]]
        resolution = _resolve_again(corpus, kept_rows, new_rows, canonical, merged)
        frames = coded_frames(
            articles_frame(new_rows + rewritten, canonical),
            analysed,
            new_rows,
            resolution.contacts,
            resolution.texts,
            gazetteer,
        )
        new_failures = {**resolution.failures, **failing_rows(frames, resolution.contacts)}
        if any(row["article_id"] in new_failures for row in kept_rows):
            return None
        if not new_failures:
            return CodingIncrement(
                frames=replace(frames, rejects=rejects_frame(failures, analysed.records)),
                articles_leaving=leaving,
                articles_rewritten=frozenset(row["article_id"] for row in rewritten),
                reports_leaving=resolution.reports_leaving,
                contacts_leaving=resolution.contacts_leaving,
                articles_coded=len(new_rows),
                pairs_resolved_again=resolution.buckets,
            )
        failures.update(new_failures)


def _resolve_again(
    corpus: CodedCorpus,
    kept_rows: list[dict],
    new_rows: list[dict],
    canonical: dict[str, str],
    merged: dict[str, list[ResolvedReport]],
) -> _Resolution:
    """The contacts of the groups that arriving, leaving or re-linked reports touch, resolved again."""
    kept = {row["article_id"]: row for row in kept_rows}
    reports: list[ResolvedReport] = []
    stays: list[bool] = []
    touched: list[bool] = []
    for _, article, text in corpus.report_inputs.iter_rows():
        row = kept.get(article)
        # A leaving report only marks its group: the row of its article may be gone already.
        info = ArticleInfo(article, article, "", None, None) if row is None else article_info(row, canonical)
        reports.append(read_stored_report(text, info))
        stays.append(row is not None)
        touched.append(row is None or canonical[article] != row["canonical_article_id"])
    n_stored = len(reports)
    for row in new_rows:
        reports.extend(merged[row["article_id"]])
    stays.extend([True] * (len(reports) - n_stored))
    touched.extend([True] * (len(reports) - n_stored))
    groups = resolution_groups(reports)
    dirty = {group for group, is_touched in zip(groups, touched, strict=True) if is_touched}
    again = [position for position, group in enumerate(groups) if group in dirty]
    reports_of_article: dict[str, list[ResolvedReport]] = {row["article_id"]: [] for row in new_rows}
    for position in again:
        if stays[position]:
            reports_of_article.setdefault(reports[position].article.article_id, []).append(reports[position])
    outlets = {row["article_id"]: row["outlet"] for row in [*kept_rows, *new_rows]}
    contacts, failures = resolved_contacts(reports_of_article, outlets)
    old_contact = dict(corpus.report_contacts.select("report_id", "contact_id").iter_rows())
    reports_leaving = frozenset(reports[position].report_id for position in again if position < n_stored)
    return _Resolution(
        contacts=contacts,
        failures=failures,
        texts={
            row["article_id"]: row["text"] for row in [*kept_rows, *new_rows] if row["article_id"] in reports_of_article
        },
        reports_leaving=reports_leaving,
        contacts_leaving=frozenset(old_contact[report_id] for report_id in reports_leaving),
        buckets=len({resolution_bucket(reports[position]) for position in again}),
    )


def _sentences_by_article(sentences: pl.DataFrame) -> dict[str, list[Sentence]]:
    by_article: dict[str, list[Sentence]] = {}
    columns = ("article_id", "sentence_number", "char_start", "char_end", "text", "paragraph_number")
    for article, number, start, end, text, paragraph, repeated in sentences.select(
        *columns, "is_repeated_paragraph"
    ).iter_rows():
        by_article.setdefault(article, []).append(Sentence(number, start, end, text, paragraph, repeated))
    return by_article


def resolution_bucket_count(contact_reports: pl.DataFrame) -> int:
    """How many resolution buckets (a kind, and for a contact of two states those states) the reports fall in."""
    multi_party = pl.col("kind").is_in(sorted(MULTI_PARTY_KINDS))
    return contact_reports.select(
        "kind", pl.when(~multi_party).then(pl.col("participant_countries")).alias("states")
    ).n_unique()

"""Contacts coded from the five bundled articles, as analysts read them in the marts."""

from __future__ import annotations

import datetime as dt

from tests.conftest import BuiltWarehouse

IRAQ_SYRIA = "(actor_country, counterpart_country) in (('IRQ', 'SYR'), ('SYR', 'IRQ'))"


def test_each_iraq_syria_contact_stands_once(built_warehouse: BuiltWarehouse) -> None:
    rows = built_warehouse.query(
        f"""
        select kind, status, actor_country, counterpart_country, location_city, date_from, date_to, n_reports
        from marts.fct_contacts
        where {IRAQ_SYRIA}
        order by date_from nulls last, kind
        """
    )
    occurred = [row for row in rows if row[1] == "occurred"]

    shatri = [row for row in occurred if row[0] == "visit" and row[5] == dt.date(2024, 12, 26)]
    assert shatri == [("visit", "occurred", "IRQ", "SYR", "Damascus", dt.date(2024, 12, 26), dt.date(2024, 12, 26), 3)]

    shaibani = [row for row in occurred if row[0] == "visit" and row[2] == "SYR" and row[5] and row[5].month == 3]
    assert len(shaibani) == 1 and shaibani[0][4] == "Baghdad" and shaibani[0][5].year == 2025

    calls = [row for row in occurred if row[0] == "phone_call"]
    assert [(row[5], row[6]) for row in calls] == [(dt.date(2025, 4, 1), dt.date(2025, 4, 1))]

    doha = [row for row in occurred if row[0] == "third_location_meeting"]
    assert [row[4] for row in doha] == ["Doha"]

    summit_visits = [row for row in rows if row[0] == "visit" and row[2] == "SYR" and row[5] == dt.date(2025, 5, 17)]
    assert [row[1] for row in summit_visits] == ["declined"]


def test_every_report_of_the_shatri_visit_cites_its_sentence(built_warehouse: BuiltWarehouse) -> None:
    reports = built_warehouse.query(
        """
        select reports.source_file, reports.sentence, reports.quote, sentences.sentence
        from marts.fct_contact_reports as reports
        inner join marts.fct_contacts as contacts on reports.contact_id = contacts.contact_id
        inner join marts.fct_article_sentences as sentences
            on reports.article_id = sentences.article_id and reports.sentence_number = sentences.sentence_number
        where contacts.kind = 'visit' and contacts.date_from = date '2024-12-26' and contacts.actor_country = 'IRQ'
        order by reports.source_file
        """
    )
    assert [row[0] for row in reports] == [
        "001_f4b4218f1c84bb36.txt",
        "003_3a4f3107fe4dcffa.txt",
        "004_c01afbc7048889ef.txt",
    ]
    for _, sentence, quote, article_sentence in reports:
        assert sentence == article_sentence
        assert quote and quote in sentence
        assert "Damascus" in sentence or "Shatri" in sentence


def test_iraq_syria_visit_frequencies_by_month_and_direction(built_warehouse: BuiltWarehouse) -> None:
    rows = {
        (month.isoformat()[:7], kind): (n_contacts, n_a_to_b, n_b_to_a)
        for month, kind, n_contacts, n_a_to_b, n_b_to_a in built_warehouse.query(
            """
            select month, kind, n_contacts, n_a_to_b, n_b_to_a
            from marts.dyad_contacts_monthly
            where country_a = 'IRQ' and country_b = 'SYR'
            """
        )
    }
    assert rows[("2024-12", "visit")] == (1, 1, 0)
    assert rows[("2025-03", "visit")] == (1, 0, 1)
    assert rows[("2025-04", "phone_call")] == (1, 1, 0)
    assert rows[("2025-01", "visit")] == (0, 0, 0), "months between contacts are filled with zeros"


def test_every_bundled_article_is_one_canonical_article(built_warehouse: BuiltWarehouse) -> None:
    articles = built_warehouse.query(
        "select source_file, article_index_in_file, is_duplicate, canonical_article_id = article_id from marts.dim_article order by source_file"
    )
    files = sorted(path.name for path in (built_warehouse.raw_dir / "articles").glob("*.txt"))
    assert [row[0] for row in articles] == files
    assert all(row[1:] == (0, False, True) for row in articles)


def test_only_occurred_contacts_reach_the_visit_frequencies(built_warehouse: BuiltWarehouse) -> None:
    occurred = built_warehouse.query(
        """
        select count(*)
        from marts.fct_contacts
        where
            status = 'occurred' and kind = 'visit' and date_from is not null
            and (actor_country, counterpart_country) in (('IRQ', 'SYR'), ('SYR', 'IRQ'))
        """
    )[0][0]
    counted = built_warehouse.query(
        "select sum(n_contacts) from marts.dyad_contacts_monthly where country_a = 'IRQ' and country_b = 'SYR' and kind = 'visit'"
    )[0][0]
    assert counted == occurred >= 3

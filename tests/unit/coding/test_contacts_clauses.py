"""The contact coder across the clauses of one sentence: a clause opened by "where" or "when"
happens where its antecedent does, "he" stands for a role phrase too, what follows a
participle or a second predicate is not the contact's party or date. The sentences are
written for the tests, with other people and places than the labelled articles."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.coding.pipeline import process_articles

from .conftest import raw_texts
from .test_contacts import summary

D = dt.date
PUBLISHED = D(2025, 3, 14)  # a Friday


def test_a_clause_opened_by_where_happens_at_the_state_before_it(code) -> None:
    reports = code(
        "The Qatari prime minister will arrive in Amman this evening, flying in from Oman, where he made a short visit.",
        PUBLISHED,
    )
    assert sorted((report.actor.country, report.counterpart_country, report.status) for report in reports) == [
        ("QAT", "JOR", "planned"),
        ("QAT", "OMN", "occurred"),
    ]


def test_he_after_where_is_the_role_phrase_before_it(code) -> None:
    reports = code("A senior Chinese envoy travelled to Tehran on Monday, where he met Iranian officials.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "CHN", "IRN", "Tehran", D(2025, 3, 10), D(2025, 3, 10))
    ]


def test_a_clause_opened_by_when_meets_at_the_place_and_date_before_it(code) -> None:
    reports = code(
        "Egyptian Foreign Minister Badr Abdelatty thanked his hosts. "
        "He was last in Ankara in March 2024, when he met Erdogan.",
        PUBLISHED,
    )
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "EGY", "TUR", "Ankara", D(2024, 3, 1), D(2024, 3, 31))
    ]


def test_a_state_named_in_a_participle_clause_did_not_take_part(code) -> None:
    assert code("The Kuwaiti emir joined by phone, praising Erdogan for his efforts.", PUBLISHED) == []
    reports = code(
        "The Omani sultan met the Jordanian king in Muscat on Tuesday, stressing the role of Iran in the region.",
        PUBLISHED,
    )
    assert [report.country_set for report in reports] == [frozenset({"OMN", "JOR"})]


def test_a_date_after_a_second_predicate_does_not_date_the_first(code) -> None:
    reports = code(
        "The Egyptian foreign minister has already been to Jordan on his current tour and will return to Amman on Sunday.",
        PUBLISHED,
    )
    occurred = [report for report in reports if report.status == "occurred"]
    assert [(report.actor.country, report.counterpart_country, report.window.date_from) for report in occurred] == [
        ("EGY", "JOR", None)
    ]


def test_talks_a_third_state_hosts_are_its_mediation(code) -> None:
    reports = code("Saudi Arabia hosted talks between Russian and Ukrainian officials in Jeddah.")
    assert sorted(
        (report.kind, report.actor.country, report.country_set, report.location_city) for report in reports
    ) == [
        ("mediation", "SAU", frozenset({"SAU", "RUS", "UKR"}), "Jeddah"),
        ("third_location_meeting", "RUS", frozenset({"RUS", "UKR"}), "Jeddah"),
    ]
    reports = code(
        "The Iranian foreign minister met his Egyptian counterpart in Muscat on Tuesday, hosted by the Omani sultan.",
        PUBLISHED,
    )
    assert sorted((report.kind, report.actor.country, report.country_set) for report in reports) == [
        ("mediation", "OMN", frozenset({"OMN", "IRN", "EGY"})),
        ("third_location_meeting", "IRN", frozenset({"IRN", "EGY"})),
    ]


def test_a_summit_a_state_hosts_is_not_its_mediation(code) -> None:
    reports = code("Kuwait hosted the Gulf summit with the Omani sultan and the Qatari emir on Tuesday.", PUBLISHED)
    assert [report.kind for report in reports if report.kind == "mediation"] == []


def test_a_guest_hosted_by_a_head_of_state_is_a_visit_not_a_mediation(code) -> None:
    reports = code("The Iraqi prime minister was hosted by the Omani sultan in Muscat on Tuesday.", PUBLISHED)
    assert [(report.kind, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "IRQ", "OMN")
    ]


def test_a_party_followed_by_to_and_the_verb_is_a_plan(code) -> None:
    reports = code("Kuwaiti emir to visit Muscat", PUBLISHED)
    assert [(report.actor.country, report.counterpart_country, report.status) for report in reports] == [
        ("KWT", "OMN", "planned")
    ]
    reports = code("The Kuwaiti emir travelled to Muscat to meet the Omani sultan on Monday.", PUBLISHED)
    assert [(report.actor.country, report.counterpart_country, report.status) for report in reports] == [
        ("KWT", "OMN", "occurred")
    ]
    assert [report.status for report in code("Bahrain to take part in the Arab summit in Cairo", PUBLISHED)] == [
        "planned"
    ]
    reports = code("Omani sultan to meet the Kuwaiti emir in Kuwait City", PUBLISHED)
    assert [(report.actor.country, report.counterpart_country, report.status) for report in reports] == [
        ("OMN", "KWT", "planned")
    ]


def test_the_role_named_again_with_the_is_the_same_party(code) -> None:
    reports = code(
        "The Chinese president spoke of the region on Monday. The president met the Egyptian foreign minister in Moscow.",
        PUBLISHED,
    )
    assert [(report.kind, report.country_set, report.location_city) for report in reports] == [
        ("third_location_meeting", frozenset({"CHN", "EGY"}), "Moscow")
    ]
    reports = code("The president met the Egyptian foreign minister in Moscow.", PUBLISHED)
    assert [(report.kind, report.country_set) for report in reports] == [("visit", frozenset({"EGY", "RUS"}))]


def _article(lede: str, later: str, published: str = "2025-03-14") -> str:
    return (
        f"Gulf ministers meet\n\n{published}\n\n{lede}\n\nOfficials gave no further details of the talks.\n\n{later}\n"
    )


def test_an_undated_contact_in_the_lede_is_dated_by_the_days_before_publication(gazetteer) -> None:
    text = _article(
        "The Kuwaiti foreign minister received his Omani counterpart in Kuwait City.",
        "The Omani foreign minister had also visited Bahrain, a spokesman said.",
    )
    frames = process_articles(raw_texts({"lede.txt": text}), gazetteer, ["KWT", "OMN", "BHR"])
    reports = frames.contact_reports.sort("sentence_number").select(
        "sentence_number", "counterpart_country", "date_from", "date_to", "date_precision"
    )
    assert reports.rows() == [
        (2, "KWT", D(2025, 3, 7), D(2025, 3, 14), "publication"),
        (4, "BHR", None, None, "none"),
    ]
    assert frames.contacts.filter(pl.col("counterpart_country") == "KWT")["date_precision"].to_list() == ["publication"]


def test_the_headline_is_coded_as_the_first_sentence(gazetteer) -> None:
    texts = {
        "met.txt": "Omani sultan meets Kuwaiti emir in Kuwait City\n\n2025-03-14\n\n"
        "The two leaders discussed trade and the situation in Yemen, officials said.\n",
        "to_visit.txt": "Bahraini king to visit Muscat\n\n2025-03-14\n\n"
        "The visit will focus on trade and the situation in Yemen, officials said.\n",
    }
    frames = process_articles(raw_texts(texts), gazetteer, ["OMN", "KWT", "BHR"])
    reports = frames.contact_reports.sort("source_file").select(
        "source_file", "sentence_number", "actor_country", "counterpart_country", "status", "date_precision"
    )
    assert reports.rows() == [
        ("met.txt", 1, "OMN", "KWT", "occurred", "publication"),
        ("to_visit.txt", 1, "BHR", "OMN", "planned", "none"),
    ]
    assert sorted(frames.sentences.filter(pl.col("sentence_number") == 1)["text"]) == [
        "Bahraini king to visit Muscat",
        "Omani sultan meets Kuwaiti emir in Kuwait City",
    ]


def test_a_later_ledes_undated_report_joins_the_stated_date_of_the_same_contact(gazetteer) -> None:
    texts = {
        "stated.txt": "Omani minister in Kuwait\n\n2025-03-12\n\n"
        "The Omani foreign minister visited Kuwait City on Tuesday, officials said.\n",
        "later.txt": "Gulf diplomacy\n\n2025-03-20\n\n"
        "The Omani foreign minister visited Kuwait City, where he discussed trade with officials.\n",
    }
    frames = process_articles(raw_texts(texts), gazetteer, ["OMN", "KWT"])
    assert frames.contacts.select("date_from", "date_to", "date_precision", "date_conflict", "n_reports").rows() == [
        (D(2025, 3, 11), D(2025, 3, 11), "day", False, 2)
    ]

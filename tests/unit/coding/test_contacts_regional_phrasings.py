"""The contact coder on phrasings that recur across the region's news whatever the pair: asides
between dashes, lists of destinations, regions as destinations, "the visiting president",
meetings "during a visit", stopovers, and dates of other events. The sentences are written
for the tests, with other people and places than the labelled articles."""

from __future__ import annotations

import datetime as dt

from .test_contacts import summary

D = dt.date
PUBLISHED = D(2025, 3, 14)  # a Friday


def test_an_aside_between_dashes_does_not_cut_the_meeting_from_its_place(code) -> None:
    reports = code(
        "Qatari Prime Minister Mohammed bin Abdulrahman Al Thani met Lebanese President Joseph Aoun - a former army "
        "commander - in Beirut on Thursday.",
        PUBLISHED,
    )
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "QAT", "LBN", "Beirut", D(2025, 3, 13), D(2025, 3, 13))
    ]


def test_a_list_of_destinations_is_one_visit_each(code) -> None:
    reports = code("Jordanian Foreign Minister Ayman Safadi has already been to Qatar, Oman and Kuwait this week.")
    assert sorted((report.actor.country, report.counterpart_country, report.status) for report in reports) == [
        ("JOR", "KWT", "occurred"),
        ("JOR", "OMN", "occurred"),
        ("JOR", "QAT", "occurred"),
    ]


def test_a_region_is_not_a_destination_and_a_state_after_it_is_not_either(code) -> None:
    reports = code(
        "Russian Foreign Minister Sergei Lavrov began a tour of the Gulf region aimed at easing tensions in Yemen."
    )
    assert reports == []


def test_a_stopover_is_a_visit(code) -> None:
    report = code("US envoy Tom Barrack made a brief stopover in Beirut on Friday.", PUBLISHED)
    assert [summary(item) for item in report] == [
        ("visit", "occurred", "USA", "LBN", "Beirut", D(2025, 3, 14), D(2025, 3, 14))
    ]


def test_the_visiting_guest_is_the_traveller(code) -> None:
    reports = code("Egyptian President Abdel Fattah el-Sisi welcomed the visiting Jordanian King Abdullah II in Cairo.")
    assert [(report.kind, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "JOR", "EGY")
    ]


def test_a_meeting_during_an_official_visit_is_a_visit_of_its_subject(code) -> None:
    reports = code(
        "Iranian Foreign Minister Abbas Araghchi met Omani Sultan Haitham bin Tariq during an official visit on Sunday.",
        PUBLISHED,
    )
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "IRN", "OMN", None, D(2025, 3, 9), D(2025, 3, 9))
    ]


def test_a_visit_noun_does_not_take_the_place_of_another_clause(code) -> None:
    reports = code(
        "Kuwait's emir arrived in Riyadh on Tuesday. The visit is part of Kuwait's efforts to calm tensions in Iraq.",
        PUBLISHED,
    )
    # The second sentence's "visit" is the first one told again, not a visit to Iraq.
    assert {(report.actor.country, report.counterpart_country) for report in reports} == {("KWT", "SAU")}


def test_the_date_of_another_event_is_not_the_contacts(code) -> None:
    reports = code(
        "Turkish Foreign Minister Hakan Fidan met in Amman with Jordanian officials, his first trip since the weekend "
        "ouster of the government.",
        PUBLISHED,
    )
    assert [(report.actor.country, report.counterpart_country, report.window.date_from) for report in reports] == [
        ("TUR", "JOR", None)
    ]


def test_a_place_that_closes_a_long_list_of_parties_is_the_meetings(code) -> None:
    reports = code(
        "Iraqi Foreign Minister Fuad Hussein, together with Iraqi National Security Adviser Qasim al-Araji, met with "
        "Iranian Foreign Minister Abbas Araghchi, Iranian President Masoud Pezeshkian, and other officials of the "
        "Iranian government and parliament, in Tehran."
    )
    assert {(report.kind, report.actor.country, report.counterpart_country) for report in reports} == {
        ("visit", "IRQ", "IRN")
    }


def test_talks_that_commenced_are_a_meeting(code) -> None:
    reports = code(
        "Emirati President Mohamed bin Zayed and Egyptian President Abdel Fattah el-Sisi have commenced their talks "
        "at the presidential palace in Abu Dhabi.",
        PUBLISHED,
    )
    assert [(report.kind, report.status, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "occurred", "EGY", "ARE")
    ]


def test_a_relative_clause_between_subject_and_verb_does_not_hide_the_subject(code) -> None:
    reports = code(
        "Egypt, which borders Libya to the west, hosted a summit in Cairo last week where Gulf diplomats discussed Gaza.",
        PUBLISHED,
    )
    assert [(report.kind, report.actor.country) for report in reports] == [("multilateral_meeting", "EGY")]
    assert "LBY" not in reports[0].country_set


def test_who_is_named_during_the_call_told_before_is_its_talk_not_a_new_call(code) -> None:
    reports = code(
        "Qatari Emir Tamim bin Hamad Al Thani held a phone call with Egyptian President Abdel Fattah el-Sisi on "
        "Monday. During the call, the emir condemned Israel's strikes on Lebanon.",
        PUBLISHED,
    )
    assert {report.country_set for report in reports} == {frozenset({"QAT", "EGY"})}

"""The contact coder on real sentences of the sample and on the usual phrasings of news."""

from __future__ import annotations

import datetime as dt

import pytest

from orchestration.coding.contacts import ContactReport
from orchestration.coding.contacts.handlers import HANDLERS
from orchestration.coding.tokens import tokenize
from orchestration.coding.triggers import find_triggers
from orchestration.coding.triggers_arabic import find_arabic_triggers

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES

D = dt.date


def summary(report: ContactReport) -> tuple:
    return (
        report.kind,
        report.status,
        report.actor.country,
        report.counterpart_country,
        report.location_city,
        report.window.date_from,
        report.window.date_to,
    )


def only(reports: list[ContactReport]) -> ContactReport:
    assert len(reports) == 1, [summary(report) for report in reports]
    return reports[0]


def test_the_intelligence_chief_arrived_in_damascus(code) -> None:
    text = (
        "In a surprising development, Iraqi Intelligence Chief Hamid al-Shatri arrived in Damascus on December 26, 2024, "
        "marking a pivotal moment in Iraqi-Syrian relations."
    )
    report = only(code(text))
    assert summary(report) == ("visit", "occurred", "IRQ", "SYR", "Damascus", D(2024, 12, 26), D(2024, 12, 26))
    assert report.actor.actor_id == "irq_shatri"
    assert text[report.char_start : report.char_end] == report.sentence[report.char_start : report.char_end]
    assert text[report.char_start : report.char_end] == "Iraqi Intelligence Chief Hamid al-Shatri arrived in Damascus"


DELEGATION_AND_VISIT = [
    (
        "In what was seen as a desire by Baghdad to keep relations between the two nations strictly to security matters, in late December it sent "
        "a senior delegation led by Hamid Al Shatri, the head of the Intelligence Service, to Damascus to meet Mr Al Shara to discuss issues including "
        "the border between the two nations."
    ),
    "Last month, Syria’s Foreign Minister Asaad Al Shaibani made his first visit to the Iraqi capital to discuss ways to increase co-operating and to strengthen ties.",
]


def test_the_delegation_and_the_visit_are_sentences_of_the_sample() -> None:
    text = (BUNDLED_ARTICLES / "004_c01afbc7048889ef.txt").read_text(encoding="utf-8")
    assert all(sentence in text for sentence in DELEGATION_AND_VISIT)


@pytest.mark.parametrize(
    ("text", "published", "expected", "named"),
    [
        pytest.param(
            " ".join(DELEGATION_AND_VISIT),
            D(2025, 4, 4),
            [
                ("visit", "occurred", "IRQ", "SYR", "Damascus", D(2024, 12, 21), D(2024, 12, 31)),
                ("visit", "occurred", "SYR", "IRQ", "Baghdad", D(2025, 3, 1), D(2025, 3, 31)),
            ],
            {1: ("syr_shaibani", None)},
            id="a delegation sent in late December and a visit last month",
        ),
        pytest.param(
            "The Iraqi and Syrian foreign ministers on Monday discussed issues of common interest in a phone call. "
            "Foreign Minister Fuad Hussein called his Syrian counterpart Asaad Hassan al-Shaibani to congratulate him on his role.",
            D(2024, 12, 31),
            [
                ("phone_call", "occurred", "IRQ", "SYR", None, D(2024, 12, 30), D(2024, 12, 30)),
                ("phone_call", "occurred", "IRQ", "SYR", None, None, None),
            ],
            {1: ("irq_fuad_hussein", "syr_shaibani")},
            id="two ministers on the phone and one calling the other",
        ),
        pytest.param(
            "Last month, Iraq formally invited Syria’s transitional president to attend the 34th Arab League summit in Baghdad in May.",
            D(2025, 4, 1),
            [
                ("visit", "planned", "SYR", "IRQ", "Baghdad", D(2025, 5, 1), D(2025, 5, 31)),
                ("multilateral_meeting", "planned", "IRQ", "SYR", "Baghdad", D(2025, 5, 1), D(2025, 5, 31)),
            ],
            {0: ("syr_sharaa", None)},
            id="an invitation to a summit is a planned visit and meeting",
        ),
    ],
)
def test_two_contacts_of_one_text(
    code, text: str, published: dt.date, expected: list[tuple], named: dict[int, tuple[str, str | None]]
) -> None:
    """`named`: report number -> the actor id of its actor and, where given, of its counterpart."""
    reports = code(text, published)
    assert [summary(report) for report in reports] == expected
    for number, (actor_id, counterpart_id) in named.items():
        assert reports[number].actor.actor_id == actor_id
        if counterpart_id is not None:
            assert reports[number].counterpart.actor_id == counterpart_id


def test_a_phone_call_this_week_then_on_tuesday(code) -> None:
    text = (
        "This week's phone call between Iraqi Prime Minister Mohammed Shia Al Sudani and Syria’s President Ahmad Al Shara represented "
        "a new push in relations between the neighbouring countries. The phone conversation on Tuesday – which was framed around Eid Al Fitr "
        "greetings – was the first between the two leaders."
    )
    first, second = code(text, D(2025, 4, 4))
    assert summary(first) == ("phone_call", "occurred", "IRQ", "SYR", None, D(2025, 3, 31), D(2025, 4, 4))
    assert summary(second)[:5] == ("phone_call", "occurred", "IRQ", "SYR", None)
    assert (second.window.date_from, second.window.date_to, second.inherited) == (D(2025, 4, 1), D(2025, 4, 1), True)


def test_a_meeting_in_the_qatari_capital_is_at_a_third_location(code) -> None:
    text = (
        "Mohammed Shia al-Sudani and Ahmed al-Sharaa met before. Qatari mediation successfully brought together Prime Minister Sudani and "
        "President al-Sharaa in the Qatari capital, marking a significant breakthrough in Iraqi-Syrian relations."
    )
    kinds = {report.kind: report for report in code(text)}
    assert summary(kinds["third_location_meeting"]) == (
        "third_location_meeting",
        "occurred",
        "IRQ",
        "SYR",
        "Doha",
        None,
        None,
    )
    assert kinds["mediation"].participant_countries == ("IRQ", "QAT", "SYR")


def test_a_meeting_in_one_partys_capital_is_a_visit_by_the_other(code) -> None:
    report = only(
        code(
            "Syrian President Ahmad Al Shara met an Iraqi delegation in Damascus on Friday to discuss reviving an oil pipeline.",
            D(2025, 4, 26),
        )
    )
    assert summary(report) == ("visit", "occurred", "IRQ", "SYR", "Damascus", D(2025, 4, 25), D(2025, 4, 25))


def test_mediation_between_two_states(code) -> None:
    report = only(
        code(
            "QAMISHLI, syria (North Press) – Iraq has stepped up diplomatic efforts to mediate between Syria and Iran after relations soured."
        )
    )
    assert (report.kind, report.status, report.actor.country, report.participant_countries) == (
        "mediation",
        "occurred",
        "IRQ",
        ("IRN", "IRQ", "SYR"),
    )


def test_refusing_to_attend_is_declined_and_representing_is_planned(code) -> None:
    text = (DEV_ARTICLES / "14.txt").read_text(encoding="utf-8")
    sentence = (
        "Syria's interim President Ahmed al-Sharaa will not attend an upcoming Arab League summit in Baghdad, the Syrian presidency said on Monday, "
        "with Foreign Minister Asaad al-Shaibani to represent Damascus at the event."
    )
    assert sentence in text
    declined, represented = code(sentence, D(2025, 5, 12))
    assert summary(declined)[:5] == ("visit", "declined", "SYR", "IRQ", "Baghdad")
    assert declined.window.is_empty, "'said on Monday' dates the statement, not the summit"
    assert (represented.kind, represented.status, represented.actor.country, represented.participant_countries) == (
        "multilateral_meeting",
        "planned",
        "IRQ",
        ("IRQ", "SYR"),
    )


def test_did_not_participate_is_declined(code) -> None:
    text = (
        "This meeting coincided with Iraq’s official invitation for al-Sharaa to attend the Arab League Summit held in Baghdad on 17 May 2025. "
        "Although al-Sharaa did not participate in the summit, the very act of extending an invitation signalled a clear shift."
    )
    declined = [report for report in code(text) if report.status == "declined"]
    assert [summary(report) for report in declined] == [
        ("visit", "declined", "SYR", "IRQ", "Baghdad", D(2025, 5, 17), D(2025, 5, 17))
    ]


def test_five_states_meeting_in_a_capital_are_a_multilateral_meeting(code) -> None:
    report = only(
        code(
            "Representatives of Türkiye, Jordan, Iraq, Lebanon and Syria met in Jordan's capital Sunday, where they reaffirmed their support.",
            D(2025, 3, 10),
        )
    )
    assert summary(report) == ("multilateral_meeting", "occurred", "JOR", "IRQ", "Amman", D(2025, 3, 9), D(2025, 3, 9))
    assert report.participant_countries == ("IRQ", "JOR", "LBN", "SYR", "TUR")


def test_a_shipment_is_not_a_visiting_official(code) -> None:
    text = "Meanwhile, the first shipment of wheat provided by the Iraqi government arrived in Syria on Friday, through Al Bukamal border crossing."
    assert code(text, D(2025, 4, 26)) == []


def test_detainees_received_are_not_a_visit(code) -> None:
    assert (
        code(
            "BAGHDAD, Jan. 21 (Xinhua) -- Iraq has received the first 150 Islamic State (IS) detainees previously held in Syria's prisons.",
            D(2026, 1, 22),
        )
        == []
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister visited a refugee camp in Mafraq.",
        "Iraq's oil exports to Turkey resumed on Monday.",
        "Turkish troops arrived in northern Syria on Tuesday.",
        "Iranian drones were sent to Russia last year.",
        "Syrian refugees returned from Lebanon after the ceasefire.",
        "Egypt's foreign minister called for an end to the war in Gaza.",
        "President Joseph Aoun welcomed the decision of the Arab League.",
    ],
)
def test_travel_words_without_an_official_contact_are_not_coded(code, sentence: str) -> None:
    assert code(sentence, D(2025, 5, 14)) == []


def test_talk_of_relations_without_a_contact_is_not_coded(code) -> None:
    text = (
        "Syria and Iraq have agreed to reopen the Al-Bukamal–Al-Qaim border crossing after a four-month closure, a Syrian official said on Tuesday. "
        "Armed groups aligned with Tehran had also joined the call against Sharaa. "
        "The meeting also highlighted border security between Iraq and Syria."
    )
    assert code(text, D(2025, 4, 8)) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Turkish President Recep Tayyip Erdogan received Syrian President Ahmed al-Sharaa in Ankara on Tuesday.",
            ("visit", "occurred", "SYR", "TUR", "Ankara", D(2025, 5, 13), D(2025, 5, 13)),
        ),
        (
            "Iraqi Prime Minister Mohammed Shia al-Sudani spoke by phone with Iranian President Masoud Pezeshkian on Sunday.",
            ("phone_call", "occurred", "IRQ", "IRN", None, D(2025, 5, 11), D(2025, 5, 11)),
        ),
        (
            "Qatar's emir will travel to Tehran next week, the foreign ministry said.",
            ("visit", "planned", "QAT", "IRN", "Tehran", D(2025, 5, 19), D(2025, 5, 25)),
        ),
        (
            "Jordan's King Abdullah II met Donald Trump at the White House on February 11.",
            ("visit", "occurred", "JOR", "USA", "Washington", D(2025, 2, 11), D(2025, 2, 11)),
        ),
        (
            "The foreign ministers of Turkey, Iraq, Syria and Jordan are expected to meet in Amman next month.",
            ("multilateral_meeting", "planned", "JOR", "IRQ", "Amman", D(2025, 6, 1), D(2025, 6, 30)),
        ),
        (
            "Iraqi Foreign Minister Fuad Hussein declined an invitation to visit Damascus.",
            ("visit", "declined", "IRQ", "SYR", "Damascus", None, None),
        ),
        (
            "Lebanese Prime Minister Nawaf Salam held talks with Syrian President Ahmed al-Sharaa in Damascus on Monday.",
            ("visit", "occurred", "LBN", "SYR", "Damascus", D(2025, 5, 12), D(2025, 5, 12)),
        ),
        (
            "Russian President Vladimir Putin hosted Syrian leader Ahmed al-Sharaa at the Kremlin on Wednesday.",
            ("visit", "occurred", "SYR", "RUS", None, D(2025, 5, 14), D(2025, 5, 14)),
        ),
        (
            "Al-Sharaa is due to visit Baghdad later this month.",
            ("visit", "planned", "SYR", "IRQ", "Baghdad", D(2025, 5, 14), D(2025, 5, 31)),
        ),
        (
            "The Emir of Qatar did not attend the summit in Baghdad.",
            ("visit", "declined", "QAT", "IRQ", "Baghdad", None, None),
        ),
        (
            "Sudan's army chief Abdel Fattah al-Burhan met Egyptian President Abdel Fattah el-Sisi in Cairo on Monday.",
            ("visit", "occurred", "SDN", "EGY", "Cairo", D(2025, 5, 12), D(2025, 5, 12)),
        ),
        (
            "The Jordanian king received a phone call from the Syrian president on Tuesday.",
            ("phone_call", "occurred", "JOR", "SYR", None, D(2025, 5, 13), D(2025, 5, 13)),
        ),
        (
            "Syrian Foreign Minister Asaad al-Shaibani is expected to arrive in Amman on Sunday.",
            ("visit", "planned", "SYR", "JOR", "Amman", D(2025, 5, 18), D(2025, 5, 18)),
        ),
        (
            "Lavrov and Fidan discussed Syria by telephone on Friday.",
            ("phone_call", "occurred", "RUS", "TUR", None, D(2025, 5, 9), D(2025, 5, 9)),
        ),
        ("Erdogan's visit to Baghdad was postponed.", ("visit", "planned", "TUR", "IRQ", "Baghdad", None, None)),
    ],
)
def test_usual_phrasings_of_news(code, sentence: str, expected: tuple) -> None:
    assert summary(only(code(sentence, D(2025, 5, 14)))) == expected


def test_every_trigger_family_has_its_handler() -> None:
    text = (
        "After a phone call, Qatar offered to mediate and invited the minister, who was received in Doha; Iraq sent a delegation "
        "that visited Amman, will attend the summit and met the king."
    )
    tokens = tokenize(text)
    families = {trigger.family for trigger in find_triggers(text, tokens, 0, len(tokens.norms), 0)}
    arabic = "زار الوزير عمان واستقبل الملك الوفد ثم التقى نظيره وأجرى اتصالا هاتفيا"
    arabic_tokens = tokenize(arabic)
    families |= {trigger.family for trigger in find_arabic_triggers(arabic, arabic_tokens, 0, len(arabic_tokens), 0)}
    assert families == set(HANDLERS)

"""The contact coder on Arabic: verb-first order (the subject after the verb, the host of a
reception before its guest), clitics attached to the cue, nouns whose party is a genitive,
a pronoun suffix or the subject of a light verb, plans and negations, and dates with
Arabic-Indic digits and either series of month names; and no English tone for Arabic. The sentences are written for the
tests, with other people and places than the labelled articles."""

from __future__ import annotations

import datetime as dt

from orchestration.coding.analysis import analyse_text
from orchestration.coding.dates import find_date_expressions
from orchestration.coding.tokens import tokenize
from orchestration.coding.tone import VaderScorer
from orchestration.coding.triggers_arabic import find_arabic_triggers

from .test_contacts import summary

D = dt.date
PUBLISHED = D(2025, 6, 12)  # a Thursday


def test_a_visit_names_its_traveller_after_the_verb(code) -> None:
    reports = code("زار وزير الخارجية الأردني أيمن الصفدي بيروت أمس، وأجرى محادثات مع المسؤولين.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "JOR", "LBN", "Beirut", D(2025, 6, 11), D(2025, 6, 11))
    ]


def test_a_reception_names_the_host_first_and_the_guest_travels(code) -> None:
    reports = code(
        "استقبل الرئيس التركي رجب طيب أردوغان في أنقرة، الثلاثاء الماضي، رئيس الوزراء العراقي محمد شياع السوداني.",
        PUBLISHED,
    )
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "IRQ", "TUR", "Ankara", D(2025, 6, 10), D(2025, 6, 10))
    ]


def test_a_subject_before_the_verb_is_its_subject(code) -> None:
    reports = code("أردوغان يلتقي الرئيس المصري في واشنطن", PUBLISHED)
    assert [(report.kind, report.country_set, report.location_city) for report in reports] == [
        ("third_location_meeting", frozenset({"TUR", "EGY"}), "Washington")
    ]


def test_a_phone_call_received_from_a_counterpart(code) -> None:
    reports = code("وتلقى ولي العهد الأردني اتصالاً هاتفياً من الرئيس الإيراني، أمس.", PUBLISHED)
    assert [(report.kind, report.status, report.country_set, report.window.date_from) for report in reports] == [
        ("phone_call", "occurred", frozenset({"JOR", "IRN"}), D(2025, 6, 11))
    ]


def test_talks_with_a_counterpart_in_the_counterparts_capital_are_a_visit(code) -> None:
    reports = code("وبحث رئيس الوزراء اللبناني نواف سلام مع الرئيس الإماراتي في أبوظبي العلاقات الثنائية.", PUBLISHED)
    assert [summary(report) for report in reports] == [("visit", "occurred", "LBN", "ARE", "Abu Dhabi", None, None)]


def test_talks_held_by_the_subject_of_a_light_verb_in_a_third_state(code) -> None:
    reports = code(
        "أجرى وزير الخارجية التركي هاكان فيدان مباحثات مع رئيس الحكومة العراقي في القاهرة يوم الأحد.", PUBLISHED
    )
    assert [
        (
            report.kind,
            report.status,
            report.country_set,
            report.location_city,
            report.window.date_from,
            report.window.date_to,
        )
        for report in reports
    ] == [("third_location_meeting", "occurred", frozenset({"TUR", "IRQ"}), "Cairo", D(2025, 6, 8), D(2025, 6, 8))]


def test_a_visit_named_by_its_pronoun_belongs_to_the_subject_of_the_sentence(code) -> None:
    reports = code("وخلال زيارته إلى طهران، قال وزير الخارجية العراقي إن المحادثات كانت مثمرة.", PUBLISHED)
    assert [(report.kind, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "IRQ", "IRN")
    ]


def test_the_future_prefix_makes_a_visit_planned(code) -> None:
    reports = code("سيزور الرئيس العراقي طهران الأسبوع المقبل.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "planned", "IRQ", "IRN", "Tehran", D(2025, 6, 16), D(2025, 6, 22))
    ]


def test_a_scheduled_reception_is_planned(code) -> None:
    reports = code("ومن المقرر أن يستقبل أمير قطر الرئيس التركي في الدوحة.", PUBLISHED)
    assert [(report.kind, report.status, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "planned", "TUR", "QAT")
    ]


def test_a_negated_visit_is_declined(code) -> None:
    reports = code("لم يزر وزير الخارجية الإيراني القاهرة.", PUBLISHED)
    assert [(report.kind, report.status, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "declined", "IRN", "EGY")
    ]


def test_a_time_to_come_after_a_present_verb_makes_it_planned(code) -> None:
    reports = code("يزور وزير الخارجية المصري بغداد غدا.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "planned", "EGY", "IRQ", "Baghdad", D(2025, 6, 13), D(2025, 6, 13))
    ]


def test_a_subject_before_a_particle_and_its_verb(code) -> None:
    reports = code("وكان الرئيس الروسي قد زار طهران الشهر الماضي.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "RUS", "IRN", "Tehran", D(2025, 5, 1), D(2025, 5, 31))
    ]


def test_a_delegation_qualified_by_an_indefinite_demonym(code) -> None:
    reports = code("وصل وفد كويتي رفيع إلى بغداد اليوم.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "KWT", "IRQ", "Baghdad", PUBLISHED, PUBLISHED)
    ]


def test_a_name_after_the_place_of_a_meeting_is_still_a_party(code) -> None:
    reports = code("التقى الرئيس المصري في القاهرة المبعوث الأمريكي.", PUBLISHED)
    assert [(report.kind, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "USA", "EGY")
    ]


def test_talks_by_telephone_are_a_phone_call(code) -> None:
    reports = code("قالت الوزارة إن رئيس الوزراء الأردني بحث هاتفيا مع وزير الخارجية الروسي التطورات.", PUBLISHED)
    assert [(report.kind, report.status, report.country_set) for report in reports] == [
        ("phone_call", "occurred", frozenset({"JOR", "RUS"}))
    ]


def test_a_hope_to_visit_is_planned(code) -> None:
    reports = code("أعرب الرئيس الفلسطيني عن تطلعه لزيارة القاهرة.", PUBLISHED)
    assert [(report.kind, report.status, report.actor.country, report.counterpart_country) for report in reports] == [
        ("visit", "planned", "PSE", "EGY")
    ]


def test_a_visit_named_by_its_genitive_traveller(code) -> None:
    reports = code("زيارة الرئيس الإيراني إلى موسكو تفتح صفحة جديدة.", PUBLISHED)
    assert [
        (report.kind, report.actor.country, report.counterpart_country, report.location_city) for report in reports
    ] == [("visit", "IRN", "RUS", "Moscow")]


def test_a_counterpart_qualified_after_it_is_the_other_party(code) -> None:
    reports = code("التقى وزير الخارجية الكويتي نظيره البحريني في موسكو.", PUBLISHED)
    assert [(report.kind, report.country_set, report.location_city) for report in reports] == [
        ("third_location_meeting", frozenset({"KWT", "BHR"}), "Moscow")
    ]


def test_dates_with_arabic_indic_digits_and_levantine_months(code) -> None:
    reports = code("زار وزير الخارجية التركي بغداد في ٣ تشرين الثاني ٢٠٢٤.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "TUR", "IRQ", "Baghdad", D(2024, 11, 3), D(2024, 11, 3))
    ]


def test_dates_with_egyptian_month_names(code) -> None:
    reports = code("التقى الرئيس الإماراتي الرئيس المصري في القاهرة يوم ١٧ فبراير ٢٠٢٥.", PUBLISHED)
    assert [summary(report) for report in reports] == [
        ("visit", "occurred", "ARE", "EGY", "Cairo", D(2025, 2, 17), D(2025, 2, 17))
    ]


def test_both_month_series_read_the_same_month() -> None:
    levantine, egyptian = find_date_expressions("في ٥ آب ٢٠٢٤ وفي 5 أغسطس 2024")
    assert (
        (levantine.year, levantine.month, levantine.day)
        == (egyptian.year, egyptian.month, egyptian.day)
        == (
            2024,
            8,
            5,
        )
    )


def test_clitics_and_unwritten_or_written_short_vowels_do_not_hide_a_cue() -> None:
    text = "فالتقى الوزيران، ثم بحثا معاً، وبالزيارة، وللمباحثات، واجتمعَ الوفدان"
    tokens = tokenize(text)
    assert [trigger.family for trigger in find_arabic_triggers(text, tokens, 0, len(tokens), 0)] == [
        "ar_meet",
        "ar_visit",
        "ar_meet",
        "ar_meet",
    ]


def test_hamza_and_ta_marbuta_spellings_read_alike(code) -> None:
    written_with_hamza = code("التقى وزير الخارجية الأردني نظيره الإيراني في موسكو.", PUBLISHED)
    written_without = code("التقى وزير الخارجيه الاردني نظيره الايراني في موسكو.", PUBLISHED)
    assert [summary(report) for report in written_without] == [summary(report) for report in written_with_hamza]
    assert len(written_with_hamza) == 1


def test_a_verb_never_takes_the_article_or_a_preposition() -> None:
    text = "وأكد الوزير أهمية البحث العلمي وبالزيارات الميدانية"
    tokens = tokenize(text)
    assert [trigger.text for trigger in find_arabic_triggers(text, tokens, 0, len(tokens), 0)] == ["وبالزيارات"]


def test_a_cue_read_inside_a_name_is_not_a_contact(code) -> None:
    assert code("أعلن فيصل المقداد دعم بلاده للبنان.", D(2023, 5, 2)) == []


def test_congratulations_by_cable_are_not_a_contact(code) -> None:
    assert code("تلقى الرئيس اللبناني برقية تهنئة من العاهل الأردني بمناسبة العيد.", PUBLISHED) == []


def test_arabic_is_never_scored_with_the_english_tone_lexicon(gazetteer) -> None:
    english = "The Jordanian foreign minister praised the excellent and warm talks in Beirut."
    quotation = "وقال الوزير إن المباحثات كانت ممتازة ودافئة."
    alone = analyse_text(english, PUBLISHED, "en", gazetteer, VaderScorer(), frozenset())
    quoting = analyse_text(f"{english}\n\n{quotation}", PUBLISHED, "en", gazetteer, VaderScorer(), frozenset())
    assert quoting.tone_row == alone.tone_row
    in_arabic = analyse_text(quotation, PUBLISHED, "ar", gazetteer, VaderScorer(), frozenset())
    assert in_arabic.tone_row[:4] == (None, None, None, None)
    assert in_arabic.sentence_tone_rows == []

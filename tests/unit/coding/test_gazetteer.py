"""Names matched robustly, and never by accident."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from orchestration import settings
from orchestration.coding.gazetteer import Gazetteer, GazetteerError, Mention, find_mentions, load_gazetteer
from orchestration.coding.tokens import tokenize


def mentions(gazetteer: Gazetteer, text: str, published: dt.date | None = dt.date(2025, 4, 1)) -> list[Mention]:
    return find_mentions(text, tokenize(text), gazetteer, published)


def actors(
    gazetteer: Gazetteer, text: str, published: dt.date | None = dt.date(2025, 4, 1)
) -> list[tuple[str, str | None]]:
    return [(mention.text, mention.actor_id) for mention in mentions(gazetteer, text, published) if mention.actor_id]


@pytest.mark.parametrize(
    "written",
    [
        "Ahmed al-Sharaa",
        "Ahmed Al -Sharaa",
        "Ahmad Al Shara",
        "Ahmed Al-Shara",
        "al-Sharaa",
        "Abu Mohammed al-Jolani",
        "Abu Mohammed Al Jawlani",
    ],
)
def test_spellings_of_al_sharaa_are_one_actor(gazetteer: Gazetteer, written: str) -> None:
    assert actors(gazetteer, f"{written} met the delegation.") == [(written, "syr_sharaa")]


@pytest.mark.parametrize(
    "written", ["Asaad al-Shaibani", "Asaad Hassan al-Shibani", "Asaad Al -Shaibani", "Al-Shibani"]
)
def test_spellings_of_al_shaibani_are_one_actor(gazetteer: Gazetteer, written: str) -> None:
    assert [actor for _, actor in actors(gazetteer, f"{written} arrived.")] == ["syr_shaibani"]


def test_a_title_confirms_a_bare_surname(gazetteer: Gazetteer) -> None:
    assert actors(gazetteer, "Mr Al Shara has not yet confirmed plans to attend.") == [("Mr Al Shara", "syr_sharaa")]
    assert actors(gazetteer, "Prime Minister Sudani later travelled to Saudi Arabia.") == [
        ("Prime Minister Sudani", "irq_sudani")
    ]


def test_a_bare_surname_counts_only_when_the_article_names_the_actor(gazetteer: Gazetteer) -> None:
    assert actors(gazetteer, "Sudani later travelled to Saudi Arabia.") == []
    text = "Mohammed Shia al-Sudani took office in 2022. Sudani later travelled to Saudi Arabia."
    assert [actor for _, actor in actors(gazetteer, text)] == ["irq_sudani", "irq_sudani"]


def test_sudans_leaders_and_sudanese_are_never_iraqs_al_sudani(gazetteer: Gazetteer) -> None:
    found = mentions(gazetteer, "Sudan's army chief Abdel Fattah al-Burhan met Sudanese officials in Port Sudan.")
    assert [(mention.text, mention.actor_id, mention.countries) for mention in found if mention.kind != "place"] == [
        ("Sudan's army chief Abdel Fattah al-Burhan", "sdn_burhan", ("SDN",)),
        ("Sudanese officials", None, ("SDN",)),
    ]
    assert all(mention.actor_id != "irq_sudani" for mention in found)
    assert [mention.countries for mention in found if mention.kind == "place"] == [("SDN",)]


def test_a_machine_translated_name_matches_in_context_but_not_the_law(gazetteer: Gazetteer) -> None:
    text = (
        "Al -Shatri met Syrian President Ahmed Al -Shara. Al -Shatri also asked Sharia to cooperate under Sharia law."
    )
    found = [(mention.text, mention.actor_id) for mention in mentions(gazetteer, text) if mention.kind == "person"]
    assert found == [
        ("Al -Shatri", "irq_shatri"),
        ("Syrian President Ahmed Al -Shara", "syr_sharaa"),
        ("Al -Shatri", "irq_shatri"),
        ("Sharia", "syr_sharaa"),
    ]


def test_the_longest_name_wins(gazetteer: Gazetteer) -> None:
    text = "Fuad Hussein recalled the fall of Saddam Hussein; Hussein said so."
    assert [actor for _, actor in actors(gazetteer, text)] == ["irq_fuad_hussein", "irq_saddam", "irq_fuad_hussein"]


def test_short_capitals_only_match_capitals(gazetteer: Gazetteer) -> None:
    text = "It is up to us. The SDF and the Islamic State (IS) fought in the US-led war."
    found = [(mention.text, mention.actor_id, mention.countries) for mention in mentions(gazetteer, text)]
    assert found == [
        ("SDF", "syr_sdf", ("SYR",)),
        ("Islamic State", "grp_isis", ()),
        ("IS", "grp_isis", ()),
        ("US", None, ("USA",)),
    ]


def test_role_phrases_name_their_countries_and_the_holder_on_the_date(gazetteer: Gazetteer) -> None:
    found = mentions(
        gazetteer, "The Iraqi and Syrian foreign ministers spoke. Syria's transitional president was invited."
    )
    assert [(mention.text, mention.countries, mention.role) for mention in found] == [
        ("Iraqi and Syrian foreign ministers", ("IRQ", "SYR"), "foreign_minister"),
        ("Syria's transitional president", ("SYR",), "president"),
    ]
    assert found[1].actor_id == "syr_sharaa"
    before_the_fall = mentions(gazetteer, "Syria's president was in Moscow.", dt.date(2024, 11, 1))
    assert before_the_fall[0].actor_id == "syr_assad"


def test_capital_descriptions_and_crossings_are_places(gazetteer: Gazetteer) -> None:
    text = "He arrived in the Iraqi capital, then in Jordan's capital, and crossed at the Al-Bukamal–Al-Qaim crossing."
    places = [
        (mention.text, mention.city, mention.countries)
        for mention in mentions(gazetteer, text)
        if mention.kind == "place"
    ]
    assert places == [
        ("Iraqi capital", "Baghdad", ("IRQ",)),
        ("Jordan's capital", "Amman", ("JOR",)),
        ("Al-Bukamal", "Albukamal", ("SYR",)),
        ("Al-Qaim", "al-Qaim", ("IRQ",)),
    ]


def test_mentions_carry_offsets_into_the_text(gazetteer: Gazetteer) -> None:
    text = "Iraqi Foreign Minister Fuad Hussein on Monday held a phone call with his new Syrian counterpart Asaad Hassan al-Shibani."
    for mention in mentions(gazetteer, text):
        assert text[mention.start : mention.end] == mention.text


def test_arabic_names_match_with_their_clitics(gazetteer: Gazetteer) -> None:
    found = [
        (mention.actor_id or mention.city, mention.countries)
        for mention in mentions(gazetteer, "وصل الشيباني إلى بغداد والتقى السوداني")
    ]
    assert found == [("syr_shaibani", ("SYR",)), ("Baghdad", ("IRQ",)), ("irq_sudani", ("IRQ",))]


def seeds_with_row(tmp_path: Path, file_name: str, row: str) -> Path:
    """A copy of the project's seeds with one more row at the end of `file_name`."""
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.SEEDS_DIR, seeds)
    with open(seeds / file_name, "a", encoding="utf-8") as seed:
        seed.write(row)
    return seeds


@pytest.mark.parametrize(
    ("file_name", "row", "error"),
    [
        pytest.param(
            "gazetteer_places.csv",
            "Atlantis,Atlantis,ATLANTIS,city\n",
            "gazetteer_places.csv, place 'Atlantis': 'ATLANTIS' is not an ISO 3166 alpha-3 code",
            id="a place with a bad country code",
        ),
        pytest.param(
            "gazetteer_aliases.csv",
            "nobody_here,Nobody,false,,\n",
            "actor_id 'nobody_here' is not in gazetteer_actors.csv",
            id="an alias of an unknown actor",
        ),
    ],
)
def test_a_seed_row_that_breaks_a_rule_is_refused(tmp_path: Path, file_name: str, row: str, error: str) -> None:
    with pytest.raises(GazetteerError, match=error):
        load_gazetteer(seeds_with_row(tmp_path, file_name, row))


def test_an_analyst_row_extends_the_matcher_without_code(tmp_path: Path) -> None:
    extended = load_gazetteer(seeds_with_row(tmp_path, "gazetteer_places.csv", "Tal Kocher,Tal Kocher,SYR,crossing\n"))
    found = mentions(extended, "Trucks crossed at Tal Kocher on Monday.")
    assert [(mention.city, mention.countries) for mention in found] == [("Tal Kocher", ("SYR",))]

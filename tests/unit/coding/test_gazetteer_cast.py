"""The cast of the seeds: a name or a role phrase names the person who held the role on the
article's date, Arabic and Latin spellings are one actor, and people who share a surname
(in one country or two, in one year or another) never become one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from orchestration import settings
from orchestration.coding.gazetteer import Gazetteer, GazetteerError, Mention, find_mentions, load_gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.coding.tokens import tokenize

from .conftest import raw_texts


def mentions(gazetteer: Gazetteer, text: str, published: dt.date | None) -> list[Mention]:
    return find_mentions(text, tokenize(text), gazetteer, published)


def named(gazetteer: Gazetteer, text: str, published: dt.date | None) -> list[tuple[str, str | None, str | None]]:
    """(actor, role held, country) of every mention that names an actor."""
    return [
        (mention.actor_id, mention.role, mention.country)
        for mention in mentions(gazetteer, text, published)
        if mention.actor_id
    ]


@pytest.mark.parametrize(
    ("text", "published", "holder"),
    [
        pytest.param(
            "Syria's foreign minister arrived in Baghdad.", dt.date(2023, 5, 7), "syr_mekdad", id="Syria 2023"
        ),
        pytest.param(
            "Syria's foreign minister arrived in Baghdad.", dt.date(2025, 5, 7), "syr_shaibani", id="Syria 2025"
        ),
        pytest.param("The Turkish foreign minister arrived in Baghdad.", dt.date(2023, 3, 22), "tur_cavusoglu"),
        pytest.param("The Turkish foreign minister arrived in Baghdad.", dt.date(2023, 6, 4), "tur_fidan"),
        pytest.param("Türkiye's intelligence chief arrived in Baghdad.", dt.date(2023, 5, 1), "tur_fidan"),
        pytest.param("Türkiye's intelligence chief arrived in Baghdad.", dt.date(2024, 5, 1), "tur_kalin"),
        pytest.param("The Chinese premier arrived in Riyadh.", dt.date(2023, 1, 15), "chn_li_keqiang"),
        pytest.param("The Chinese premier arrived in Riyadh.", dt.date(2024, 1, 15), "chn_li_qiang"),
        pytest.param("The Israeli defence minister arrived in Washington.", dt.date(2024, 6, 1), "isr_gallant"),
        pytest.param("The Israeli defence minister arrived in Washington.", dt.date(2025, 6, 1), "isr_katz"),
        pytest.param("The Qatari prime minister arrived in Baghdad.", dt.date(2023, 1, 15), "qat_khalid_bin_khalifa"),
        pytest.param(
            "The Qatari prime minister arrived in Baghdad.", dt.date(2024, 1, 15), "qat_mohammed_bin_abdulrahman"
        ),
        pytest.param("وصل وزير الخارجية السوري إلى بغداد.", dt.date(2023, 5, 7), "syr_mekdad", id="Arabic 2023"),
        pytest.param("وصل وزير الخارجية السوري إلى بغداد.", dt.date(2025, 5, 7), "syr_shaibani", id="Arabic 2025"),
    ],
)
def test_a_role_phrase_names_the_holder_on_the_articles_date(
    gazetteer: Gazetteer, text: str, published: dt.date, holder: str
) -> None:
    roles = [mention for mention in mentions(gazetteer, text, published) if mention.kind == "role"]
    assert [mention.actor_id for mention in roles] == [holder]


def test_a_role_held_by_no_one_or_by_two_at_once_names_no_one(gazetteer: Gazetteer) -> None:
    # Lebanon had no president between Michel Aoun and Joseph Aoun; the UAE has two defence ministers.
    for text, published in [
        ("The Lebanese president arrived in Damascus.", dt.date(2024, 6, 1)),
        ("The Emirati defence minister arrived in Damascus.", dt.date(2024, 6, 1)),
    ]:
        roles = [mention for mention in mentions(gazetteer, text, published) if mention.kind == "role"]
        assert [mention.actor_id for mention in roles] == [None]


def test_a_named_person_holds_the_role_of_the_articles_date_under_one_actor_id(gazetteer: Gazetteer) -> None:
    text = "Hakan Fidan arrived in Baghdad."
    assert named(gazetteer, text, dt.date(2023, 5, 20)) == [("tur_fidan", "intelligence_chief", "TUR")]
    assert named(gazetteer, text, dt.date(2024, 3, 1)) == [("tur_fidan", "foreign_minister", "TUR")]
    katz = "Israel Katz arrived in Washington."
    assert named(gazetteer, katz, dt.date(2023, 6, 1)) == [("isr_katz", "energy_minister", "ISR")]
    assert named(gazetteer, katz, dt.date(2024, 6, 1)) == [("isr_katz", "foreign_minister", "ISR")]
    assert named(gazetteer, katz, dt.date(2025, 6, 1)) == [("isr_katz", "defence_minister", "ISR")]
    khattab = "Anas Khattab arrived in Baghdad."
    assert named(gazetteer, khattab, dt.date(2025, 1, 10)) == [("syr_khattab", "intelligence_chief", "SYR")]
    assert named(gazetteer, khattab, dt.date(2025, 6, 1)) == [("syr_khattab", "interior_minister", "SYR")]


def test_every_person_keeps_one_country_and_one_name_over_his_roles(gazetteer: Gazetteer) -> None:
    for actor_id, roles in gazetteer.actors.items():
        assert len({(role.name, role.country, role.kind) for role in roles}) == 1, actor_id


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Asaad al-Shaibani", "أسعد الشيباني"),
        ("Faisal Mekdad", "فيصل المقداد"),
        ("Murhaf Abu Qasra", "مرهف أبو قصرة"),
        ("Murhaf Abu Qasra", "مرهف ابو قصره"),
        ("Anas Khattab", "أنس خطاب"),
        ("Mohammed Shia al-Sudani", "محمد شياع السوداني"),
        ("Fuad Hussein", "فؤاد حسين"),
        ("Qassem al-Araji", "قاسم الأعرجي"),
        ("Qassem al-Araji", "قاسم الاعرجي"),
        ("Hakan Fidan", "هاكان فيدان"),
        ("Mevlut Cavusoglu", "مولود جاويش أوغلو"),
        ("Abbas Araghchi", "عباس عراقجي"),
        ("Hossein Amir-Abdollahian", "حسين أمير عبد اللهيان"),
        ("Ayman Safadi", "أيمن الصفدي"),
        ("Bisher al-Khasawneh", "بشر الخصاونة"),
        ("Bisher al-Khasawneh", "بشر الخصاونه"),
        ("Badr Abdelatty", "بدر عبد العاطي"),
        ("Mostafa Madbouly", "مصطفى مدبولي"),
        ("Mostafa Madbouly", "مصطفي مدبولي"),
        ("Mohammed bin Abdulrahman Al Thani", "محمد بن عبدالرحمن آل ثاني"),
        ("Abdullah bin Zayed", "عبد الله بن زايد"),
        ("Benjamin Netanyahu", "بنيامين نتنياهو"),
        ("Sergei Lavrov", "سيرغي لافروف"),
        ("Badr Albusaidi", "بدر البوسعيدي"),
        ("Emmanuel Macron", "إيمانويل ماكرون"),
        ("Emmanuel Macron", "ايمانويل ماكرون"),
        ("Ahmed Aboul Gheit", "أحمد أبو الغيط"),
    ],
)
def test_an_arabic_spelling_is_the_actor_of_the_latin_one(gazetteer: Gazetteer, latin: str, arabic: str) -> None:
    published = dt.date(2024, 6, 1)
    latin_actors = named(gazetteer, f"{latin} arrived in Baghdad.", published)
    arabic_actors = named(gazetteer, f"وصل {arabic} إلى بغداد.", published)
    assert len(latin_actors) == 1
    assert arabic_actors == latin_actors


def test_an_arabic_name_matches_with_its_clitic_and_without_its_article(gazetteer: Gazetteer) -> None:
    published = dt.date(2025, 5, 7)
    assert named(gazetteer, "والتقى بالشيباني في بغداد", published) == [("syr_shaibani", "foreign_minister", "SYR")]
    # Without the article the full name is a form that counts only when the article names him too.
    assert named(gazetteer, "وصل أسعد شيباني إلى بغداد", published) == []
    text = "وصل أسعد حسن الشيباني إلى بغداد. وقال أسعد شيباني إن الزيارة مهمة"
    assert [actor for actor, _, _ in named(gazetteer, text, published)] == ["syr_shaibani", "syr_shaibani"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param(
            "Mahmoud Abbas met Ali Mahmoud Abbas.",
            dt.date(2024, 6, 1),
            ["pse_abbas", "syr_ali_abbas"],
            id="Abbas in Palestine and Syria",
        ),
        pytest.param(
            "Li Keqiang met Li Qiang.", dt.date(2023, 1, 15), ["chn_li_keqiang", "chn_li_qiang"], id="two premiers Li"
        ),
        pytest.param(
            "Nawaf Salam met Nawaf al-Ahmad al-Sabah.",
            dt.date(2023, 6, 1),
            ["lbn_salam", "kwt_nawaf"],
            id="Nawaf in Lebanon and Kuwait",
        ),
        pytest.param(
            "Saddam Hussein and Fuad Hussein.", dt.date(2024, 6, 1), ["irq_saddam", "irq_fuad_hussein"], id="Hussein"
        ),
        pytest.param(
            "Mohammed bin Salman met Khalid bin Salman.",
            dt.date(2024, 6, 1),
            ["sau_mbs", "sau_khalid_bin_salman"],
            id="bin Salman",
        ),
        pytest.param(
            "Omar al-Bashir and Mohammad al-Bashir.",
            dt.date(2025, 1, 10),
            ["sdn_omar_bashir", "syr_bashir"],
            id="al-Bashir in Sudan and Syria",
        ),
        pytest.param(
            "التقى محمود عباس وعلي محمود عباس، وذكرا عمر البشير ومحمد البشير",
            dt.date(2024, 6, 1),
            ["pse_abbas", "syr_ali_abbas", "sdn_omar_bashir", "syr_bashir"],
            id="Abbas and al-Bashir in Arabic",
        ),
    ],
)
def test_people_who_share_a_name_stay_apart(
    gazetteer: Gazetteer, text: str, published: dt.date, expected: list[str]
) -> None:
    assert [actor for actor, _, _ in named(gazetteer, text, published)] == expected


@pytest.mark.parametrize(
    ("full_name", "actor_id"),
    [("Badr Albusaidi", "omn_busaidi"), ("Hamoud bin Faisal al-Busaidi", "omn_hamoud")],
)
def test_a_shared_surname_alone_is_the_person_the_article_names(
    gazetteer: Gazetteer, full_name: str, actor_id: str
) -> None:
    text = f"{full_name} arrived in Tehran on Sunday. Al-Busaidi held talks there."
    assert [actor for actor, _, _ in named(gazetteer, text, dt.date(2025, 2, 10))] == [actor_id, actor_id]
    assert named(gazetteer, "Al-Busaidi held talks in Tehran.", dt.date(2025, 2, 10)) == []


def test_two_articles_on_namesakes_give_two_contacts(gazetteer: Gazetteer, watch_list: list[str]) -> None:
    texts = {
        "foreign_minister.txt": (
            "date 2025-02-10\nOmani Foreign Minister Badr Albusaidi arrived in Tehran on Sunday for talks "
            "on the nuclear file.\nAl-Busaidi held talks with Abbas Araghchi in Tehran on Sunday.\n"
        ),
        "interior_minister.txt": (
            "date 2025-02-10\nOman's Interior Minister Hamoud bin Faisal al-Busaidi arrived in Tehran on Sunday "
            "for talks on border security.\nAl-Busaidi held talks with Eskandar Momeni in Tehran on Sunday.\n"
        ),
        "abbas.txt": (
            "date 2024-08-13\nPalestinian President Mahmoud Abbas arrived in Moscow on Monday for talks with "
            "Vladimir Putin.\n"
        ),
        "ali_abbas.txt": (
            "date 2024-08-13\nSyrian Defence Minister Ali Mahmoud Abbas arrived in Moscow on Monday for talks with "
            "Andrei Belousov.\n"
        ),
    }
    frames = process_articles(raw_texts(texts), gazetteer, watch_list)
    reports = frames.contact_reports.filter(pl.col("kind") == "visit")
    by_file = {row["source_file"]: row for row in reports.iter_rows(named=True)}
    assert {name: by_file[name]["actor_id"] for name in texts} == {
        "foreign_minister.txt": "omn_busaidi",
        "interior_minister.txt": "omn_hamoud",
        "abbas.txt": "pse_abbas",
        "ali_abbas.txt": "syr_ali_abbas",
    }
    omani = frames.contacts.filter((pl.col("kind") == "visit") & (pl.col("actor_country") == "OMN"))
    assert omani.select("counterpart_country", "location_city", "date_from").unique().rows() == [
        ("IRN", "Tehran", dt.date(2025, 2, 9))
    ]
    assert omani.height == 2
    in_moscow = frames.contacts.filter((pl.col("kind") == "visit") & (pl.col("location_city") == "Moscow"))
    assert sorted(in_moscow["actor_country"].to_list()) == ["PSE", "SYR"]


def seeds_with_rows(tmp_path: Path, rows: str) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.SEEDS_DIR, seeds)
    with open(seeds / "gazetteer_actors.csv", "a", encoding="utf-8") as actors:
        actors.write(rows)
    return seeds


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        pytest.param(
            "syr_example,Ahmad Example,person,SYR,interior_minister,minister,2026-06-01,2026-05-31,\n",
            "ends before it begins",
            id="a role that ends before it begins",
        ),
        pytest.param(
            "syr_example,Ahmad Example,person,SYR,interior_minister,minister,2026-06-01,,\n"
            "syr_example,Ahmad Example,person,SYR,energy_minister,minister,2026-06-01,,\n",
            "two roles of one actor begin on 2026-06-01",
            id="two rows of one actor beginning the same day",
        ),
    ],
)
def test_a_role_period_that_cannot_be_is_refused(tmp_path: Path, rows: str, error: str) -> None:
    with pytest.raises(GazetteerError, match=error):
        load_gazetteer(seeds_with_rows(tmp_path, rows))


@pytest.mark.parametrize(
    "names",
    [
        ("named.txt", "role.txt", "delegation.txt", "other_minister.txt"),
        ("shaibani.txt", "foreign_minister.txt", "delegation.txt", "abu_qasra.txt"),
    ],
    ids=["one order", "another order"],
)
def test_a_role_holder_joins_his_governments_visit_but_not_another_persons(
    gazetteer: Gazetteer, watch_list: list[str], names: tuple[str, str, str, str]
) -> None:
    day = "date 2025-02-11\n"
    named, role, delegation, other_minister = names
    texts = {
        named: day + "Syrian Foreign Minister Asaad al-Shaibani arrived in Baghdad on Monday for talks.\n",
        role: day + "Syria's foreign minister arrived in Baghdad on Monday for talks on border security.\n",
        delegation: day + "A Syrian delegation arrived in Baghdad on Monday for talks on trade.\n",
        other_minister: day + "Syrian Defence Minister Murhaf Abu Qasra arrived in Baghdad on Monday for talks.\n",
    }
    frames = process_articles(raw_texts(texts), gazetteer, watch_list)
    reports = frames.contact_reports.filter(pl.col("kind") == "visit")
    contact_of = dict(zip(reports["source_file"], reports["contact_id"], strict=True))
    assert contact_of[named] == contact_of[role] == contact_of[delegation]
    assert contact_of[other_minister] != contact_of[named]
    assert frames.contacts.filter(pl.col("kind") == "visit").height == 2

"""The article pipeline never raises and every frame it returns passes its model, on corpora
generated from the real articles: sentences shuffled and recombined across articles,
paragraphs repeated, texts cut mid-word, run together without breaks, Arabic and Latin
mixed, wrapped in HTML junk, a file of a megabyte, empty files.

Each generated file is landed and read as the loader reads it (a file the reader refuses,
an empty one say, is refused whole there), then the whole corpus is coded at once.
"""

from __future__ import annotations

import random
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.coding.frame_checks import MODEL_OF_FRAME
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.coding.sentences import split_sentences
from orchestration.ingest.articles import as_landed, read_article_file
from orchestration.ingest.landed import UnreadableFileError

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES, FIXTURES

ARTICLES = [
    path.read_text(encoding="utf-8")
    for folder in (BUNDLED_ARTICLES, DEV_ARTICLES, FIXTURES / "articles" / "regional")
    for path in sorted(folder.glob("*.txt"))
]
ARABIC = [text for text in ARTICLES if sum("\u0600" <= char <= "\u06ff" for char in text) > len(text) / 4]
SENTENCES = [sentence.text for text in ARTICLES for sentence in split_sentences(text)]
HTML_JUNK = (
    '<div class="ad">Ad Space 300×250</div>',
    "<script>var x = '</p>';</script>",
    "<p><b>Share:</b> <a href='#'>X</a></p>",
    "&nbsp;&amp;&lt;&gt;&#8217;",
    "</div></div></body>",
    "<!-- comment <p> -->",
    '<img src="x.jpg" alt="Syria’s minister">',
)


def shuffled_sentences(rng: random.Random) -> str:
    return " ".join(rng.sample(SENTENCES, k=rng.randint(1, 40)))


def recombined(rng: random.Random) -> str:
    first, second = rng.sample(ARTICLES, 2)
    return first[: rng.randint(0, len(first))] + "\n" + second[rng.randint(0, len(second)) :]


def repeated_paragraphs(rng: random.Random) -> str:
    paragraphs = rng.choice(ARTICLES).split("\n")
    return "\n".join(paragraph for paragraph in paragraphs for _ in range(rng.randint(1, 3)))


def cut_mid_word(rng: random.Random) -> str:
    text = rng.choice(ARTICLES)
    return text[: rng.randint(1, max(1, len(text) - 1))]


def without_breaks(rng: random.Random) -> str:
    return "".join(text.replace("\n", "") for text in rng.sample(ARTICLES, rng.randint(1, 4)))


def mixed_scripts(rng: random.Random) -> str:
    sources = (rng.choice(ARTICLES).split(" "), rng.choice(ARABIC).split(" "))
    return " ".join(rng.choice(rng.choice(sources)) for _ in range(300))


def html_junk(rng: random.Random) -> str:
    words = rng.choice(ARTICLES).split(" ")
    for _ in range(rng.randint(1, 30)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(HTML_JUNK))
    return " ".join(words)


def empty(rng: random.Random) -> str:
    return rng.choice(("", " ", "\n\n", "\ufeff"))


GENERATORS = (
    shuffled_sentences,
    recombined,
    repeated_paragraphs,
    cut_mid_word,
    without_breaks,
    mixed_scripts,
    html_junk,
    empty,
)
SUFFIXES = (".txt", ".txt", ".txt", ".html")


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, str]:
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    n_files = draw(st.integers(1, 8))
    return {
        f"{number:02d}_{generator.__name__}{rng.choice(SUFFIXES)}": generator(rng)
        for number, generator in enumerate(
            draw(st.lists(st.sampled_from(GENERATORS), min_size=n_files, max_size=n_files))
        )
    }


def landed(tmp_path: Path, files: dict[str, str]) -> pl.DataFrame:
    """The files' records as the loader would load them; files the reader refuses are left out."""
    frames = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        try:
            frames.append(as_landed(name, read_article_file(path).rows))
        except UnreadableFileError:
            continue
    return pl.concat(frames) if frames else as_landed("", read_article_file(Path(__file__)).rows).clear()


def assert_every_frame_valid(frames: ArticleFrames) -> None:
    for name, model in MODEL_OF_FRAME.items():
        model.validate(getattr(frames, name), lazy=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=corpora())
def test_generated_corpora_never_raise_and_pass_every_model(
    tmp_path_factory: pytest.TempPathFactory, gazetteer: Gazetteer, watch_list: list[str], files: dict[str, str]
) -> None:
    frames = process_articles(landed(tmp_path_factory.mktemp("corpus"), files), gazetteer, watch_list)

    assert_every_frame_valid(frames)
    assert frames.rejects.height == 0, frames.rejects.to_dicts()
    assert set(frames.articles["source_file"]) <= set(files)


def test_a_megabyte_file_beside_empty_ones(tmp_path: Path, gazetteer: Gazetteer, watch_list: list[str]) -> None:
    rng = random.Random(20251208)
    big = ""
    while len(big.encode()) < 2**20:
        big += recombined(rng) + "\n"
    files = {"big.txt": big, "empty.txt": "", "blank.html": "\n \n", "bom.txt": "\ufeff"}

    records = landed(tmp_path, files)
    frames = process_articles(records, gazetteer, watch_list)

    assert records["source_file"].to_list() == ["big.txt"]
    assert_every_frame_valid(frames)
    assert frames.articles.height > 100
    assert frames.contacts["contact_id"].n_unique() == frames.contacts.height

"""The report page: one static HTML file, the focus pairs first and open, the other pairs
after them folded, each pair showing only what it has: its charts and contacts timeline.

`render_page` is pure (sections in, HTML text out); every value from the data is escaped.
PNG files sit beside the page and are referenced by relative paths, so the folder can be
opened from disk or served as it is. Pairs without any data are named on one line; charts
that cannot be drawn for any pair (a mart absent, empty, or lacking a column) are named,
with the reason, once at the top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from orchestration.serving.report.figures import Pair

STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; }
h2 { margin: 0 0 .4rem; }
h2 .code, summary .code { color: #777; font-weight: normal; font-size: .85em; }
h3 { margin: 1.2rem 0 .4rem; font-size: 1rem; }
nav { line-height: 1.7; }
nav a { margin-right: .7rem; white-space: nowrap; }
nav a.focus { font-weight: bold; }
section.pair { border-top: 2px solid #bbb; margin-top: 1.5rem; padding-top: .8rem; }
details.pair { border-top: 1px solid #ddd; padding: .4rem 0; }
details.pair > summary { cursor: pointer; font-size: 1.1rem; }
details.pair > summary .contents { color: #666; font-size: .85rem; margin-left: .6rem; }
figure { margin: .8rem 0; }
figcaption { color: #555; font-size: .85rem; }
img { max-width: 100%; height: auto; }
.meta, .nothing, .empty-pairs, .how { color: #555; font-size: .9rem; }
.note { color: #8a6d3b; background: #fcf8e3; padding: .3rem .6rem; margin: .3rem 0; font-size: .9rem; }
table.timeline { border-collapse: collapse; font-size: .85rem; width: 100%; }
table.timeline th, table.timeline td { border-bottom: 1px solid #e3e3e3; padding: .3rem .4rem; text-align: left; vertical-align: top; }
table.timeline td.when { white-space: nowrap; }
table.timeline td.number { text-align: right; }
table.timeline .precision, table.timeline .source { color: #666; font-size: .8rem; }
table.timeline tr.status-planned td.status { color: #8a6d3b; }
table.timeline tr.status-declined td.status { color: #a94442; }
mark { background: #fff3b0; }
"""

OPEN_LINKED_PAIR = (
    "function openLinkedPair() { const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
    " if (target && target.tagName === 'DETAILS') target.open = true; }"
    " addEventListener('hashchange', openLinkedPair); openLinkedPair();"
)
"""A folded pair opens when a link (from the list at the top, or from elsewhere) leads to it."""

HOW_TO_READ = (
    "Tone is GDELT's average tone of the coverage: % positive minus % negative words per article "
    "(or event record), about −10 very negative … +10 very positive, 0 neutral. "
    "QuadClass: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict. "
    "Contacts are visits, calls and meetings coded from articles; the timeline also lists planned and declined ones."
)


@dataclass(frozen=True)
class Chart:
    """A drawn chart: the PNG's path relative to the page."""

    title: str
    image: str
    short: str = ""
    """A name of a few words for the list of what a folded pair holds."""


@dataclass(frozen=True)
class Timeline:
    """The pair's contacts timeline, as an HTML table already escaped."""

    n_contacts: int
    html: str


@dataclass(frozen=True)
class PairSection:
    pair: Pair
    name: str
    """The two countries' names, e.g. "Iraq – Syria"."""
    blocks: tuple[Chart | Timeline, ...]
    focus: bool = False
    nothing_to_draw: tuple[str, ...] = ()
    """The charts whose mart holds no row of the pair."""

    @property
    def contents(self) -> str:
        parts = [block.short or block.title for block in self.blocks if isinstance(block, Chart)]
        parts += [
            f"{block.n_contacts} contact{'s' if block.n_contacts != 1 else ''}"
            for block in self.blocks
            if isinstance(block, Timeline)
        ]
        return " · ".join(parts)


def _block(block: Chart | Timeline, pair: Pair) -> str:
    if isinstance(block, Timeline):
        return f"<h3>Contacts timeline</h3>{block.html}"
    return (
        f'<figure><img src="{escape(block.image)}" alt="{escape(pair.label)}: {escape(block.title)}" loading="lazy">'
        f"<figcaption>{escape(block.title)}</figcaption></figure>"
    )


def _section_body(section: PairSection) -> list[str]:
    parts = [_block(block, section.pair) for block in section.blocks]
    if section.nothing_to_draw:
        parts.append(f'<p class="nothing">No rows of this pair for: {escape(", ".join(section.nothing_to_draw))}.</p>')
    return parts


def _heading(section: PairSection) -> str:
    return f'{escape(section.name)} <span class="code">{escape(section.pair.label)}</span>'


def render_page(
    title: str,
    sections: Sequence[PairSection],
    *,
    generated_at: dt.datetime,
    source: str,
    notes: Sequence[str] = (),
    empty_pairs: Sequence[Pair] = (),
) -> str:
    """The whole page: title, source and time, how to read it, notes, links to every pair,
    the pairs without data on one line, then a section per pair in the order given."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">From {escape(source)}, drawn {generated_at:%Y-%m-%d %H:%M} UTC.</p>',
        f'<p class="how">{escape(HOW_TO_READ)}</p>',
    ]
    parts += [f'<p class="note">{escape(note)}</p>' for note in notes]
    if sections:
        links = " ".join(
            f'<a href="#{escape(section.pair.slug)}" class="{"focus" if section.focus else "other"}">{escape(section.pair.label)}</a>'
            for section in sections
        )
        parts.append(f"<nav>{links}</nav>")
    else:
        parts.append('<p class="note">No watched pair has rows in the marts.</p>')
    if empty_pairs:
        names = ", ".join(pair.label for pair in empty_pairs)
        parts.append(
            f'<p class="empty-pairs" id="empty-pairs">No data for {len(empty_pairs)} pairs: {escape(names)}.</p>'
        )
    for section in sections:
        if section.focus:
            parts.append(f'<section class="pair focus" id="{escape(section.pair.slug)}">')
            parts.append(f"<h2>{_heading(section)}</h2>")
            parts += _section_body(section)
            parts.append("</section>")
        else:
            parts.append(f'<details class="pair" id="{escape(section.pair.slug)}">')
            parts.append(
                f'<summary>{_heading(section)}<span class="contents">{escape(section.contents)}</span></summary>'
            )
            parts += _section_body(section)
            parts.append("</details>")
    parts += [f"<script>{OPEN_LINKED_PAIR}</script>", "</body>", "</html>", ""]
    return "\n".join(parts)

"""The report page: one static HTML file showing each watched pair's charts.

`render_page` is pure (sections in, HTML text out); PNG files sit beside the page and are
referenced by relative paths, so the folder can be opened from disk or served as it is.
A chart that could not be drawn shows why instead of an image.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from orchestration.reports.charts import Pair

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 980px; color: #222; }
nav a { margin-right: .8rem; }
section { border-top: 1px solid #ddd; margin-top: 2rem; }
figure { margin: 1rem 0; }
img { max-width: 100%; }
.skipped { color: #8a6d3b; background: #fcf8e3; padding: .5rem .8rem; }
.meta { color: #666; font-size: .9rem; }
"""


@dataclass(frozen=True)
class ChartEntry:
    """One chart of a pair: the PNG's path relative to the page, or why there is none."""

    title: str
    image: str | None = None
    skipped_because: str | None = None


@dataclass(frozen=True)
class PairSection:
    pair: Pair
    charts: tuple[ChartEntry, ...]


def render_page(
    title: str,
    sections: Sequence[PairSection],
    *,
    generated_at: dt.datetime,
    source: str,
    notes: Sequence[str] = (),
) -> str:
    """The whole page: a title, the source and time, general notes, a list of pairs, a section per pair."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">From {escape(source)}, drawn {generated_at:%Y-%m-%d %H:%M} UTC.</p>',
    ]
    parts += [f'<p class="skipped">{escape(note)}</p>' for note in notes]
    if not sections:
        parts.append('<p class="skipped">No watched pair has rows in the marts.</p>')
    else:
        links = " ".join(f'<a href="#{escape(section.pair.slug)}">{escape(section.pair.label)}</a>' for section in sections)
        parts.append(f"<nav>{links}</nav>")
    for section in sections:
        parts.append(f'<section id="{escape(section.pair.slug)}">')
        parts.append(f"<h2>{escape(section.pair.label)}</h2>")
        for chart in section.charts:
            if chart.image is not None:
                parts.append(
                    f'<figure><img src="{escape(chart.image)}" alt="{escape(section.pair.label)}: {escape(chart.title)}">'
                    f"<figcaption>{escape(chart.title)}</figcaption></figure>"
                )
            else:
                reason = escape(chart.skipped_because or "not drawn")
                parts.append(f'<p class="skipped"><strong>{escape(chart.title)}</strong>: {reason}</p>')
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)

"""What every chart of the report shares: the pair it is about, its rows of a mart, and a
matplotlib figure with fixed margins, a legend column and a caption, as PNG bytes.

Figures are plain `Figure` objects on the Agg canvas (no pyplot state), so charts run in any
thread. Margins are set in inches rather than by a layout engine: every chart has the same
frame, the legend column lines up from chart to chart, and drawing is cheaper.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURE_WIDTH_INCHES = 9.0
LEGEND_WIDTH_INCHES = 2.4
_MARGINS_INCHES = {"left": 0.75, "top": 0.5, "bottom": 0.55}
_DPI = 100


class MissingColumnsError(ValueError):
    """The frame is not the mart the chart expects."""


@dataclass(frozen=True, order=True)
class Pair:
    """Two countries (ISO3), in alphabetical order whatever order they were given in."""

    a: str
    b: str

    def __post_init__(self) -> None:
        first, second = sorted((self.a.upper(), self.b.upper()))
        object.__setattr__(self, "a", first)
        object.__setattr__(self, "b", second)

    @property
    def label(self) -> str:
        return f"{self.a}–{self.b}"

    @property
    def slug(self) -> str:
        return f"{self.a}-{self.b}"


def missing_columns(frame: pl.DataFrame, columns: Iterable[str]) -> list[str]:
    return [column for column in columns if column not in frame.columns]


def require(frame: pl.DataFrame, columns: Iterable[str], chart: str) -> None:
    missing = missing_columns(frame, columns)
    if missing:
        raise MissingColumnsError(
            f"{chart} needs column(s) {', '.join(missing)}; the frame has {', '.join(frame.columns)}"
        )


def time_column(frame: pl.DataFrame, chart: str) -> str:
    for column in ("day", "month"):
        if column in frame.columns:
            return column
    raise MissingColumnsError(f"{chart} needs a `day` or `month` column; the frame has {', '.join(frame.columns)}")


def pair_rows(
    frame: pl.DataFrame,
    pair: Pair,
    *,
    first: str = "country_a",
    second: str = "country_b",
    swapped_columns: tuple[str, str] | None = None,
) -> pl.DataFrame:
    """The rows of `pair`, turned so that `first` is `pair.a`; on turned rows the two
    `swapped_columns` (a → b and b → a counts) trade values."""
    forward = frame.filter((pl.col(first) == pair.a) & (pl.col(second) == pair.b))
    backward = frame.filter((pl.col(first) == pair.b) & (pl.col(second) == pair.a))
    if pair.a == pair.b or backward.is_empty():
        return forward
    renames = {first: second, second: first}
    if swapped_columns is not None:
        renames |= {swapped_columns[0]: swapped_columns[1], swapped_columns[1]: swapped_columns[0]}
    turned = backward.rename(renames).select(forward.columns)
    return pl.concat([forward, turned])


def new_figure(
    n_rows: int = 1,
    *,
    height_per_row: float = 2.2,
    width_ratios: Sequence[float] = (1.0,),
    caption_lines: int = 0,
    titled_panels: bool = False,
) -> tuple[Figure, list[list[Axes]]]:
    """A figure of `n_rows` × len(`width_ratios`) axes sharing their y-axis along a row, a
    legend column on the right, room for `caption_lines` lines of small print below and, with
    `titled_panels`, for a title above each row."""
    caption_inches = 0.17 * caption_lines
    top_inches = _MARGINS_INCHES["top"] + (0.25 if titled_panels else 0)
    gap_inches = 0.45 if titled_panels else 0.3
    height = (
        top_inches + _MARGINS_INCHES["bottom"] + caption_inches + height_per_row * n_rows + gap_inches * (n_rows - 1)
    )
    figure = Figure(figsize=(FIGURE_WIDTH_INCHES, height), dpi=_DPI)
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(
        n_rows,
        len(width_ratios),
        width_ratios=list(width_ratios),
        left=_MARGINS_INCHES["left"] / FIGURE_WIDTH_INCHES,
        right=1 - LEGEND_WIDTH_INCHES / FIGURE_WIDTH_INCHES,
        top=1 - top_inches / height,
        bottom=(_MARGINS_INCHES["bottom"] + caption_inches) / height,
        wspace=0.12 if len(width_ratios) > 1 else 0.2,
        hspace=gap_inches / height_per_row,
    )
    rows = []
    for row in range(n_rows):
        first = figure.add_subplot(grid[row, 0])
        rows.append(
            [first, *(figure.add_subplot(grid[row, column], sharey=first) for column in range(1, len(width_ratios)))]
        )
    return figure, rows


def legend_beside(figure: Figure, handles: list, labels: list[str]) -> None:
    """The figure's one legend, in the column right of the axes."""
    if handles:
        figure.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1 - (LEGEND_WIDTH_INCHES - 0.15) / FIGURE_WIDTH_INCHES, 1 - 0.45 / figure.get_figheight()),
            fontsize="small",
            frameon=False,
        )


def title_and_caption(figure: Figure, title: str, caption: Sequence[str] = ()) -> None:
    figure.suptitle(
        title, x=_MARGINS_INCHES["left"] / FIGURE_WIDTH_INCHES, ha="left", y=1 - 0.12 / figure.get_figheight()
    )
    if caption:
        figure.text(
            0.01, 0.06 / figure.get_figheight(), "\n".join(caption), fontsize="small", color="#555555", va="bottom"
        )


def png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No timestamp in the file: the same rows give the same bytes.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()

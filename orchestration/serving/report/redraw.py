"""Which charts need drawing again: a chart is redrawn only when the rows it is drawn from, or the
code that draws it, changed since it was drawn.

Drawing is what a report costs (a second or so a chart); a build that changes the marts of a
few pairs should not redraw a hundred. Each chart's digest covers its kind, its mart, the
pair, the mart's rows that name both countries of the pair (in any text column: more rows
than the chart reads, never fewer), and the drawing code with the versions of matplotlib
and Polars. The digests of the drawn charts are kept in the report's folder, beside the page
(`.charts_drawn.json`): the charts folder holds the charts alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

import polars as pl

from orchestration.serving.report.figures import Pair

DIGESTS_FILE = ".charts_drawn.json"


@cache
def _drawing_code_digest() -> str:
    digest = hashlib.sha256(f"matplotlib {version('matplotlib')} polars {pl.__version__}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def chart_digest(chart_key: str, mart: str, frame: pl.DataFrame, pair: Pair) -> str:
    """The digest of what the chart `chart_key` of `pair`, drawn from `frame` (the mart `mart`), shows."""
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    rows = (
        frame.filter(
            pl.any_horizontal([pl.col(name) == pair.a for name in texts])
            & pl.any_horizontal([pl.col(name) == pair.b for name in texts])
        )
        if texts
        else frame
    )
    digest = hashlib.sha256(f"{_drawing_code_digest()}\0{chart_key}\0{mart}\0{pair.slug}\0".encode())
    digest.update(rows.sort(rows.columns).write_csv().encode())
    return digest.hexdigest()


@dataclass
class DrawnCharts:
    """The digests of the charts in one folder, as drawn by the last report and by this one."""

    folder: Path
    before: dict[str, str] = field(default_factory=dict)
    now: dict[str, str] = field(default_factory=dict)

    @property
    def digests_path(self) -> Path:
        return self.folder.parent / DIGESTS_FILE

    @classmethod
    def of(cls, folder: Path) -> DrawnCharts:
        """The charts of `folder` (a report's charts folder) as the last report drew them."""
        try:
            before = json.loads((folder.parent / DIGESTS_FILE).read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            before = {}
        return cls(folder, before if isinstance(before, dict) else {})

    def is_current(self, path: Path, digest: str) -> bool:
        """Whether `path` exists and was drawn from what `digest` describes."""
        return path.exists() and self.before.get(path.name) == digest

    def record(self, path: Path, digest: str) -> None:
        """`path` is on the page, drawn from what `digest` describes."""
        self.now[path.name] = digest

    def save(self) -> None:
        partial = self.digests_path.with_name(f"{DIGESTS_FILE}.tmp-{uuid.uuid4().hex}")
        partial.write_text(json.dumps(self.now, indent=0, sort_keys=True))
        os.replace(partial, self.digests_path)

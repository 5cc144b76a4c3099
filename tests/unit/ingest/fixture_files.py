"""Where the reader tests find their fixtures, and the raw text they check readers against."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
GDELT = FIXTURES / "gdelt"
ACLED = FIXTURES / "acled"
POLECAT = FIXTURES / "polecat"


def raw_fields(path: Path, separator: str = "\t") -> list[list[str]]:
    """Each line of a fixture split on its separator: what the file says, read without the reader."""
    return [line.split(separator) for line in path.read_text(encoding="utf-8").splitlines()]


def zipped(content: bytes, member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, content)
    return buffer.getvalue()

"""The coder's fingerprint: a hash of everything besides an article's own record that decides
how it is coded. The coded tables keep it for each file they hold; coded rows are kept from
one run to the next only under the fingerprint they were coded with.

What it covers: the bytes of the seed files the gazetteer is compiled from (`SEED_FILES`),
the watch list (which pairs get a sentence tone row), the kinds of contact that have more
than two parties (from the dbt project's variables), the source of the coder (every module
of this package but the evaluation), and the versions of the libraries that repair, clean,
compare and score the text.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

from orchestration.coding.gazetteer import SEED_FILES
from orchestration.settings import MULTI_PARTY_KINDS

CODER_SOURCE = Path(__file__).resolve().parent
_NOT_THE_CODER = ("evaluation",)
CODER_LIBRARIES = ("ftfy", "selectolax", "trafilatura", "rapidfuzz", "vaderSentiment", "polars", "pandera")


def coder_fingerprint(seeds_dir: Path, watch_list: list[str]) -> str:
    """The fingerprint of the coder as it reads `seeds_dir` and watches `watch_list`."""
    digest = hashlib.sha256()

    def add(label: str, content: bytes) -> None:
        digest.update(f"{label}\0{len(content)}\0".encode())
        digest.update(content)

    for name in sorted(SEED_FILES.values()):
        path = seeds_dir / name
        add(f"seed {name}", path.read_bytes() if path.exists() else b"")
    add("watch list", ",".join(sorted(watch_list)).encode())
    add("multi-party kinds", ",".join(sorted(MULTI_PARTY_KINDS)).encode())
    for path in sorted(CODER_SOURCE.rglob("*.py")):
        relative = path.relative_to(CODER_SOURCE)
        if relative.parts[0] not in _NOT_THE_CODER:
            add(f"source {relative.as_posix()}", path.read_bytes())
    for library in CODER_LIBRARIES:
        add(f"library {library}", version(library).encode())
    return digest.hexdigest()[:32]

"""What an increment builds: every asset downstream of the tables the pending work changes, and no other.

The tables a load changes are its source's raw table and the loaders' own records
(`audit.file_manifest`, `file_loads`, `quarantine`), which every load, refusal and retirement
writes. Downstream of them lie the dbt models that read them (with their tests, which
dagster-dbt selects with the models), the article coding when articles changed, the GDELT
completeness audit when GDELT 2.0 events changed, and the snapshot, the PostgreSQL
publication and the charts whenever a mart is rebuilt. The seeds and the models that read
nothing landed stay as they are: a change of the dbt project or the code makes the build a
full one instead (`loading.builds.inputs_fingerprint`).
"""

from collections.abc import Sequence

import dagster as dg
from dagster._core.definitions.assets.graph.base_asset_graph import BaseAssetGraph

from orchestration.defs.assets.landing import LANDING_INVENTORY_KEY
from orchestration.defs.assets.loader_records import loader_records
from orchestration.defs.assets.loaders import loader_key
from orchestration.defs.jobs import WAREHOUSE_BUILD_SELECTION
from orchestration.landing.sources import LandingSource


def increment_selection(
    asset_graph: BaseAssetGraph, changed: Sequence[LandingSource], *, with_landing_audit: bool = False
) -> list[dg.AssetKey]:
    """The assets of `build_warehouse` downstream of the raw tables of `changed` and of the loaders'
    records; `with_landing_audit`: the landing audit too, for a run that has not audited the folder."""
    roots = [dg.AssetKey(loader_key(source)) for source in changed] + [spec.key for spec in loader_records]
    selected = (dg.AssetSelection.assets(*roots).downstream() & WAREHOUSE_BUILD_SELECTION).resolve(asset_graph)
    if with_landing_audit:
        selected |= {dg.AssetKey(LANDING_INVENTORY_KEY)}
    return sorted(key for key in selected if key in asset_graph.executable_asset_keys)

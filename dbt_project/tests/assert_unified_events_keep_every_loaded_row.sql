{{ config(meta={'dagster': {'ref': {'name': 'int_events_unified'}}}) }}
-- Per source: every record a loader wrote is one unified event record (overlapping files repeat
-- a record, which counts once), none lost to a join or doubled by one.
with gdelt_v2_rows as (
    select
        case when source_file ilike '%.translation.export.%' then 'gdelt_v2_translingual' else 'gdelt_v2' end
            as source_system,
        global_event_id
    from {{ source('raw', 'gdelt_events') }}
),

loaded as (
    select
        source_system,
        count(distinct global_event_id) as n_rows
    from gdelt_v2_rows
    group by source_system
    union all
    select
        'gdelt_v1' as source_system,
        count(distinct global_event_id) as n_rows
    from {{ source('raw', 'gdelt_v1_events') }}
    union all
    select
        'acled' as source_system,
        count(distinct event_key) as n_rows
    from {{ source('acled', 'acled_events') }}
    union all
    select
        'polecat' as source_system,
        count(distinct event_id) as n_rows
    from {{ source('polecat', 'polecat_events') }}
),

unified as (
    select
        source_system,
        count(*) as n_rows
    from {{ ref('int_events_unified') }}
    group by source_system
)

select
    coalesce(loaded.source_system, unified.source_system) as source_system,
    loaded.n_rows as loaded_rows,
    unified.n_rows as unified_rows
from loaded
full outer join unified on loaded.source_system = unified.source_system
where coalesce(loaded.n_rows, 0) is distinct from coalesce(unified.n_rows, 0)

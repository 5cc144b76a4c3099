{{ config(meta={'dagster': {'ref': {'name': 'int_events_unified'}}}) }}
-- Per source: every record a loader wrote is one unified event record (overlapping files repeat
-- a record, which counts once), none lost to a join or doubled by one.
with loaded as (
    select
        source_system,
        count(distinct global_event_id) as n_rows
    from {{ source('raw', 'gdelt_events') }}
    group by source_system
    union all
    select
        source_system,
        count(distinct global_event_id) as n_rows
    from {{ source('raw', 'gdelt_v1_events') }}
    group by source_system
    union all
    select
        source_system,
        count(distinct event_key) as n_rows
    from {{ source('acled', 'acled_events') }}
    group by source_system
    union all
    select
        source_system,
        count(distinct event_id) as n_rows
    from {{ source('polecat', 'polecat_events') }}
    group by source_system
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

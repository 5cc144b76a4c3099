{{ config(materialized='table') }}

with unified_events as (
    select
        source_system,
        event_date,
        event_key,
        loaded_at
    from {{ ref('int_events_unified') }}
),

daily_totals as (
    select
        source_system,
        event_date as day,
        count(*)::bigint as n_records,
        count(distinct event_key)::bigint as n_events,
        max(loaded_at) as last_loaded_at
    from unified_events
    group by source_system, event_date
)

select
    {{ surrogate_key(['source_system', 'day']) }} as source_day_key,
    *
from daily_totals

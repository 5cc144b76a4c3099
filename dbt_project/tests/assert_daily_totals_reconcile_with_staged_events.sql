{{ config(meta={'dagster': {'ref': {'name': 'int_source_daily_totals'}}}) }}
-- Per source: the per-day totals (the denominators of every share) add up to all unified records.
with unified as (
    select
        source_system,
        count(*) as n_records
    from {{ ref('int_events_unified') }}
    group by source_system
),

totals as (
    select
        source_system,
        sum(n_records) as n_records
    from {{ ref('int_source_daily_totals') }}
    group by source_system
)

select
    unified.source_system,
    unified.n_records as unified_records,
    totals.n_records as total_records
from unified
full outer join totals on unified.source_system = totals.source_system
where unified.n_records is distinct from totals.n_records

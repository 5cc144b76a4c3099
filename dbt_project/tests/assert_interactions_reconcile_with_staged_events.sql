{{ config(meta={'dagster': {'ref': {'name': 'dyad_interactions_daily'}}}) }}
-- Per source: the daily mart's records and events equal those of the unified events it is built
-- from (both countries known, one watched); the monthly mart's equal the daily mart's.
with expected as (
    select
        source_system,
        count(*) as n_records,
        count(distinct event_key) as n_events
    from {{ ref('int_events_unified') }}
    where
        actor1_country is not null
        and actor2_country is not null
        and (actor1_country in ({{ watched_countries() }}) or actor2_country in ({{ watched_countries() }}))
    group by source_system
),

daily as (
    select
        source_system,
        sum(n_records) as n_records,
        sum(n_events) as n_events
    from {{ ref('dyad_interactions_daily') }}
    group by source_system
),

monthly as (
    select
        source_system,
        sum(n_records) as n_records,
        sum(n_events) as n_events
    from {{ ref('dyad_interactions_monthly') }}
    group by source_system
)

select
    expected.source_system,
    expected.n_records as expected_records,
    daily.n_records as daily_records,
    monthly.n_records as monthly_records,
    expected.n_events as expected_events,
    daily.n_events as daily_events,
    monthly.n_events as monthly_events
from expected
full outer join daily on expected.source_system = daily.source_system
full outer join monthly on expected.source_system = monthly.source_system
where
    expected.n_records is distinct from daily.n_records
    or daily.n_records is distinct from monthly.n_records
    or expected.n_events is distinct from daily.n_events
    or daily.n_events is distinct from monthly.n_events

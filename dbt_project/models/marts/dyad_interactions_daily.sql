with staged_events as (
    select * from {{ ref('stg_gdelt__events') }}
),

watched_dyads as (
    select *
    from staged_events
    where
        actor1_country is not null
        and actor2_country is not null
        and (
            actor1_country in ({{ watched_countries() }})
            or actor2_country in ({{ watched_countries() }})
        )
),

daily_totals as (
    select
        source_system,
        event_date as day,
        actor1_country,
        actor2_country,
        quad_class,
        count(*)::bigint as n_records,
        sum(num_mentions)::bigint as n_mentions,
        avg(goldstein_scale) as avg_goldstein,
        avg(avg_tone) as avg_tone
    from watched_dyads
    group by source_system, event_date, actor1_country, actor2_country, quad_class
)

select
    md5(concat_ws('|', source_system, day, actor1_country, actor2_country, quad_class)) as dyad_day_key,
    *
from daily_totals

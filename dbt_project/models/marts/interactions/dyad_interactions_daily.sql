{#- Spark's Parquet tables take no `delete`, which the pre-hook needs to recompute a stale day:
    Spark builds the mart whole. -#}
{{
    config(
        materialized='incremental' if target.type != 'spark' else 'table',
        incremental_strategy='append',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_stale_source_days(computed_columns=['is_domestic']) }}"
    )
}}

with unified_events as (
    select * from {{ ref('int_events_unified') }}
),

source_days as (
    select * from {{ ref('int_source_daily_totals') }}
),

coding as (
    select coding_fingerprint from {{ ref('int_coding_fingerprint') }}
),

days_to_build as (
    select
        source_days.source_system,
        source_days.day
    from source_days
    {% if is_incremental() %}
        -- After the pre-hook a built day is current, so only absent days are built.
        where not exists (
            select 1 from {{ this }} as built
            where built.source_system = source_days.source_system and built.day = source_days.day
        )
    {% endif %}
),

watched_dyad_events as (
    select unified_events.*
    from unified_events
    inner join days_to_build
        on
            unified_events.source_system = days_to_build.source_system
            and unified_events.event_date = days_to_build.day
    where
        unified_events.actor1_country is not null
        and unified_events.actor2_country is not null
        and (
            unified_events.actor1_country in ({{ watched_countries() }})
            or unified_events.actor2_country in ({{ watched_countries() }})
        )
),

pair_day_quad_totals as (
    select
        source_system,
        event_date as day,
        actor1_country,
        actor2_country,
        actor1_country = actor2_country as is_domestic,
        quad_class,
        plover_type,
        count(distinct event_key)::bigint as n_events,
        count(*)::bigint as n_records,
        sum(n_mentions)::bigint as n_mentions,
        avg(goldstein) as avg_goldstein,
        avg(tone) as avg_tone
    from watched_dyad_events
    group by source_system, event_date, actor1_country, actor2_country, quad_class, plover_type
),

with_period_shares as (
    select
        pair_day_quad_totals.*,
        pair_day_quad_totals.n_events / source_days.n_events as share_of_period,
        {{ cooperation_balance('pair_day_quad_totals', 'pair_day') }} as pair_cooperation_balance,
        source_days.n_records as source_day_records,
        source_days.last_loaded_at as source_day_last_loaded_at,
        coding.coding_fingerprint
    from pair_day_quad_totals
    inner join source_days
        on
            pair_day_quad_totals.source_system = source_days.source_system
            and pair_day_quad_totals.day = source_days.day
    cross join coding
    window pair_day as (
        partition by
            pair_day_quad_totals.source_system,
            pair_day_quad_totals.day,
            pair_day_quad_totals.actor1_country,
            pair_day_quad_totals.actor2_country
    )
)

select
    {{ surrogate_key(['source_system', 'day', 'actor1_country', 'actor2_country', 'quad_class', 'plover_type']) }}
        as dyad_day_key,
    *
from with_period_shares

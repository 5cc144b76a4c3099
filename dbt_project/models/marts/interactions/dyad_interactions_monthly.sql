with daily_interactions as (
    select * from {{ ref('dyad_interactions_daily') }}
),

source_months as (
    select
        source_system,
        date_trunc('month', day)::date as month,
        sum(n_events) as n_events
    from {{ ref('int_source_daily_totals') }}
    group by source_system, date_trunc('month', day)
),

pair_month_quad_totals as (
    select
        source_system,
        date_trunc('month', day)::date as month,
        actor1_country,
        actor2_country,
        is_domestic,
        quad_class,
        plover_type,
        sum(n_events)::bigint as n_events,
        sum(n_records)::bigint as n_records,
        sum(n_mentions)::bigint as n_mentions,
        sum(avg_goldstein * n_records) / sum(n_records) as avg_goldstein,
        sum(avg_tone * n_records) / sum(n_records) as avg_tone
    from daily_interactions
    group by
        source_system, date_trunc('month', day), actor1_country, actor2_country, is_domestic, quad_class, plover_type
),

with_period_shares as (
    select
        pair_month_quad_totals.*,
        pair_month_quad_totals.n_events / source_months.n_events as share_of_period,
        {{ cooperation_balance('pair_month_quad_totals', 'pair_month') }} as pair_cooperation_balance
    from pair_month_quad_totals
    inner join source_months
        on
            pair_month_quad_totals.source_system = source_months.source_system
            and pair_month_quad_totals.month = source_months.month
    window pair_month as (
        partition by
            pair_month_quad_totals.source_system,
            pair_month_quad_totals.month,
            pair_month_quad_totals.actor1_country,
            pair_month_quad_totals.actor2_country
    )
)

select
    {{ surrogate_key(['source_system', 'month', 'actor1_country', 'actor2_country', 'quad_class', 'plover_type']) }}
        as dyad_month_key,
    *
from with_period_shares

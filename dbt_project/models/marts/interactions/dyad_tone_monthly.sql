with daily_tone as (
    select * from {{ ref('dyad_tone_daily') }}
),

pair_month_tone as (
    select
        country_a,
        country_b,
        date_trunc('month', day)::date as month,
        tone_source,
        sum(mean_tone * total_weight) / sum(total_weight) as mean_tone,
        sum(n_items)::bigint as n_items,
        sum(total_weight) as total_weight
    from daily_tone
    group by country_a, country_b, date_trunc('month', day), tone_source
)

select
    {{ surrogate_key(['country_a', 'country_b', 'month', 'tone_source']) }} as dyad_tone_month_key,
    *
from pair_month_tone

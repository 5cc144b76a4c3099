with tone_observations as (
    select * from {{ ref('int_tone_observations') }}
    where country_a in ({{ watched_countries() }}) or country_b in ({{ watched_countries() }})
),

pair_day_tone as (
    select
        country_a,
        country_b,
        day,
        tone_source,
        sum(tone * weight) as weighted_tone_sum,
        sum(weight) as total_weight,
        count(*)::bigint as n_items
    from tone_observations
    group by country_a, country_b, day, tone_source
),

with_rolling_means as (
    select
        country_a,
        country_b,
        day,
        tone_source,
        weighted_tone_sum / total_weight as mean_tone,
        n_items,
        total_weight,
        -- Calendar windows, not row windows: a quiet week must not stretch the mean over a month.
        sum(weighted_tone_sum) over last_7_days / sum(total_weight) over last_7_days as rolling_mean_7d,
        sum(weighted_tone_sum) over last_30_days / sum(total_weight) over last_30_days as rolling_mean_30d
    from pair_day_tone
    window
        last_7_days as (
            partition by country_a, country_b, tone_source
            order by day range between interval 6 days preceding and current row
        ),
        last_30_days as (
            partition by country_a, country_b, tone_source
            order by day range between interval 29 days preceding and current row
        )
)

select
    {{ surrogate_key(['country_a', 'country_b', 'day', 'tone_source']) }} as dyad_tone_day_key,
    *
from with_rolling_means

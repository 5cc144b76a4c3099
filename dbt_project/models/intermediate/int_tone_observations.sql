{#- Every tone reading that names two different countries, on one scale: GDELT's tone
    (positive % − negative % of words). Article sentences and GKG documents join this union. -#}
with unified_events as (
    select * from {{ ref('int_events_unified') }}
),

gdelt_event_tone as (
    select
        source_system || '_events' as tone_source,
        event_date as day,
        {{ country_a('actor1_country', 'actor2_country') }} as country_a,
        {{ country_b('actor1_country', 'actor2_country') }} as country_b,
        tone,
        -- A record's tone is its articles' average: weight it by the mentions it stands for.
        greatest(coalesce(n_mentions, 1), 1)::double as weight
    from unified_events
    where
        tone is not null
        and actor1_country is not null
        and actor2_country is not null
        and actor1_country <> actor2_country
)

select * from gdelt_event_tone

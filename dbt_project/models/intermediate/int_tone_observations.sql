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
),

-- Article sentences count once per canonical article: a syndicated copy adds no reading.
article_sentence_tone as (
    select
        'articles' as tone_source,
        articles.published_date as day,
        sentence_tone.country_a,
        sentence_tone.country_b,
        sentence_tone.gdelt_tone as tone,
        1.0 as weight
    from {{ ref('stg_articles__sentence_tone') }} as sentence_tone
    inner join {{ ref('stg_articles__articles') }} as articles on sentence_tone.article_id = articles.article_id
    where
        not articles.is_duplicate
        and articles.published_date is not null
        and sentence_tone.gdelt_tone is not null
        and sentence_tone.country_a <> sentence_tone.country_b
)

select * from gdelt_event_tone
union all
select * from article_sentence_tone

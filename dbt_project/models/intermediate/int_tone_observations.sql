{#- Every tone reading that names two different countries, on one scale: GDELT's tone
    (positive % − negative % of words). Spark builds from the lake, which holds the landed
    files and not the coded articles: there the readings are the GDELT sources' alone. -#}
{%- set reads_coded_articles = target.type != 'spark' -%}
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

{% if reads_coded_articles -%}
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
    ),

{% endif -%}
-- Each article mentioning a GDELT event, on the day it mentioned it: an event's coverage
-- can turn after the first fifteen minutes that the event's own AvgTone averages.
gdelt_mention_tone as (
    select
        mentions.source_system as tone_source,
        mentions.mentioned_at::date as day,
        {{ country_a('events.actor1_country', 'events.actor2_country') }} as country_a,
        {{ country_b('events.actor1_country', 'events.actor2_country') }} as country_b,
        mentions.mention_doc_tone as tone,
        1.0 as weight
    from {{ ref('stg_gdelt__mentions') }} as mentions
    inner join {{ ref('int_gdelt__events') }} as events on mentions.global_event_id = events.global_event_id
    where
        mentions.mention_doc_tone is not null
        and events.actor1_country is not null
        and events.actor2_country is not null
        and events.actor1_country <> events.actor2_country
),

fips_countries as (
    select
        iso3,
        fips
    from {{ ref('stg_reference__countries') }}
    where fips is not null
),

gkg_document_countries as (
    select distinct
        documents.source_system,
        documents.gkg_record_id,
        documents.published_date,
        documents.tone,
        fips_countries.iso3
    from {{ ref('int_gdelt__gkg') }} as documents,
        {{ unnested('documents.location_fips_countries', 'locations', 'fips') }}
    inner join fips_countries on locations.fips = fips_countries.fips
    where documents.tone is not null
),

-- A GKG document speaks of every pair of countries it places itself in; pairs without a
-- watched country are left out here, as a document with twenty places has 190 of them.
gkg_document_tone as (
    select
        first_country.source_system as tone_source,
        first_country.published_date as day,
        first_country.iso3 as country_a,
        second_country.iso3 as country_b,
        first_country.tone,
        1.0 as weight
    from gkg_document_countries as first_country
    inner join gkg_document_countries as second_country
        on
            first_country.gkg_record_id = second_country.gkg_record_id
            and first_country.iso3 < second_country.iso3
    where
        first_country.iso3 in ({{ watched_countries() }})
        or second_country.iso3 in ({{ watched_countries() }})
)

select * from gdelt_event_tone
{% if reads_coded_articles -%}
    union all
    select * from article_sentence_tone
{% endif -%}
union all
select * from gdelt_mention_tone
union all
select * from gkg_document_tone

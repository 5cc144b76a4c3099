with source_events as (
    select * from {{ source('acled', 'acled_events') }}
),

country_names as (
    select * from {{ ref('stg_reference__country_names') }}
),

countries as (
    select
        iso3,
        iso_numeric
    from {{ ref('stg_reference__countries') }}
),

-- ACLED names a state's forces "Military Forces of Syria (2000-2024)" and places other actors
-- in a country with a trailing "(Iraq)"; the state's name comes first when both are there.
actor_country_names as (
    select
        *,
        lower(coalesce(
            nullif(regexp_extract(actor1, '\bof (?:the )?([A-Z][^()]*?)\s*(\(|$)', 1), ''),
            nullif(regexp_extract(actor1, '\(([^()0-9]+)\)\s*$', 1), '')
        )) as actor1_country_name,
        lower(coalesce(
            nullif(regexp_extract(actor2, '\bof (?:the )?([A-Z][^()]*?)\s*(\(|$)', 1), ''),
            nullif(regexp_extract(actor2, '\(([^()0-9]+)\)\s*$', 1), '')
        )) as actor2_country_name
    from source_events
),

renamed as (
    select
        'acled' as source_system,
        events.event_id_cnty,
        events.event_date,
        events.event_type,
        events.sub_event_type,
        events.disorder_type,
        events.actor1,
        events.assoc_actor_1,
        actor1_countries.iso3 as actor1_country,
        events.actor2,
        events.assoc_actor_2,
        actor2_countries.iso3 as actor2_country,
        events.interaction,
        events.civilian_targeting,
        -- The numeric ISO code is exact; a trimmed export may carry only the country's name.
        coalesce(numeric_countries.iso3, named_countries.iso3) as country,
        events.admin1,
        events.admin2,
        events.location,
        events.latitude,
        events.longitude,
        events.geo_precision,
        events.time_precision,
        events.fatalities,
        events.source as news_sources,
        events.notes,
        events.timestamp as acled_updated_at,
        events.source_file,
        events.line_number,
        events.loaded_at
    from actor_country_names as events
    left join country_names as actor1_countries on events.actor1_country_name = actor1_countries.country_name
    left join country_names as actor2_countries on events.actor2_country_name = actor2_countries.country_name
    left join countries as numeric_countries on events.iso::integer = numeric_countries.iso_numeric
    left join country_names as named_countries on lower(events.country) = named_countries.country_name
)

select * from renamed

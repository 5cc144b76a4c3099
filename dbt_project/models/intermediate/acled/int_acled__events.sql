with events as (
    select * from {{ ref('int_acled__events_deduplicated') }}
),

country_names as (
    select * from {{ ref('int_reference__country_names') }}
),

countries as (
    select
        iso3,
        iso_numeric
    from {{ ref('stg_reference__countries') }}
),

-- ACLED names a state's forces "Military Forces of Syria (2000-2024)" and places other actors
-- in a country with a trailing "(Iraq)". Both readings are looked up, and the state's wins:
-- "Army of Islam (Syria)" names no country after "of", so its brackets place it.
actor_name_readings as (
    select
        *,
        lower(regexp_extract(actor1, {{ raw_regex() }}'\bof (?:the )?([A-Z][^()]*?)\s*(\(|$)', 1)) as actor1_state_name,
        lower(regexp_extract(actor1, {{ raw_regex() }}'\(([^()0-9]+)\)\s*$', 1)) as actor1_bracket_name,
        lower(regexp_extract(actor2, {{ raw_regex() }}'\bof (?:the )?([A-Z][^()]*?)\s*(\(|$)', 1)) as actor2_state_name,
        lower(regexp_extract(actor2, {{ raw_regex() }}'\(([^()0-9]+)\)\s*$', 1)) as actor2_bracket_name
    from events
),

placed as (
    select
        events.source_system,
        events.event_key,
        events.event_id_cnty,
        events.is_key_derived,
        events.event_date,
        events.event_type,
        events.sub_event_type,
        events.disorder_type,
        events.actor1,
        events.assoc_actor_1,
        coalesce(actor1_states.iso3, actor1_places.iso3) as actor1_country,
        events.actor2,
        events.assoc_actor_2,
        coalesce(actor2_states.iso3, actor2_places.iso3) as actor2_country,
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
        events.news_sources,
        events.notes,
        events.acled_updated_at,
        events.n_exports,
        events.source_file,
        events.line_number,
        events.loaded_at
    from actor_name_readings as events
    left join country_names as actor1_states on events.actor1_state_name = actor1_states.country_name
    left join country_names as actor1_places on events.actor1_bracket_name = actor1_places.country_name
    left join country_names as actor2_states on events.actor2_state_name = actor2_states.country_name
    left join country_names as actor2_places on events.actor2_bracket_name = actor2_places.country_name
    left join countries as numeric_countries on events.country_iso_numeric = numeric_countries.iso_numeric
    left join country_names as named_countries on lower(events.country_name) = named_countries.country_name
)

select * from placed

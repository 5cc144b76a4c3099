{#- One event model for every source. Each source contributes the same columns; GDELT's
    `event_key` collapses the many records of one reported event, other sources are events already. -#}
{%- set gdelt_record_columns = [
    'source_system', 'global_event_id', 'event_date', 'actor1_cameo_country', 'actor2_cameo_country',
    'actor1_country', 'actor2_country', 'actor1_name', 'actor2_name', 'event_code', 'event_root_code',
    'quad_class', 'goldstein_scale', 'avg_tone', 'num_mentions', 'action_fips_country', 'action_location',
    'action_feature_id', 'source_url', 'source_file', 'line_number', 'loaded_at'
] %}

with gdelt_records as (
    select {{ gdelt_record_columns | join(', ') }}
    from {{ ref('int_gdelt__events') }}
    union all
    select {{ gdelt_record_columns | join(', ') }}
    from {{ ref('int_gdelt__v1_events') }}
),

countries as (
    select
        iso3,
        fips
    from {{ ref('stg_reference__countries') }}
),

country_names as (
    select * from {{ ref('int_reference__country_names') }}
),

event_types as (
    select
        cameo_code,
        plover_type,
        plover_mode
    from {{ ref('int_reference__cameo_event_types') }}
),

plover_types as (
    select
        plover_type,
        quad_class
    from {{ ref('stg_reference__plover_event_types') }}
),

acled_types as (
    select
        sub_event_type,
        quad_class,
        plover_type
    from {{ ref('stg_reference__acled_event_types') }}
),

gdelt_events as (
    select
        records.source_system,
        records.global_event_id::{{ text_type() }} as source_event_id,
        -- Keyed on GDELT's own actor codes, so two regions (AFR, MEA) stay two actors.
        {{ surrogate_key([
            'records.source_system',
            'records.event_date',
            'records.actor1_cameo_country',
            'records.actor2_cameo_country',
            'records.event_code',
            'coalesce(records.action_feature_id, records.action_location)',
        ]) }} as event_key,
        records.event_date,
        records.actor1_country,
        records.actor2_country,
        records.actor1_name,
        records.actor2_name,
        records.event_code as source_event_type,
        records.event_code as cameo_code,
        records.event_root_code as cameo_root_code,
        records.quad_class,
        event_types.plover_type,
        event_types.plover_mode,
        records.goldstein_scale as goldstein,
        records.avg_tone as tone,
        records.num_mentions as n_mentions,
        action_countries.iso3 as location_country,
        records.action_location as location_name,
        records.source_url,
        records.source_file,
        records.line_number,
        records.loaded_at
    from gdelt_records as records
    left join countries as action_countries on records.action_fips_country = action_countries.fips
    left join event_types on records.event_code = event_types.cameo_code
),

acled_events as (
    select
        events.source_system,
        events.event_key as source_event_id,
        {{ surrogate_key(['events.source_system', 'events.event_key']) }} as event_key,
        events.event_date,
        events.actor1_country,
        events.actor2_country,
        events.actor1 as actor1_name,
        events.actor2 as actor2_name,
        events.event_type || ': ' || events.sub_event_type as source_event_type,
        null::{{ text_type() }} as cameo_code,
        null::{{ text_type() }} as cameo_root_code,
        acled_types.quad_class::tinyint as quad_class,
        acled_types.plover_type,
        null::{{ text_type() }} as plover_mode,
        null::double as goldstein,
        null::double as tone,
        null::integer as n_mentions,
        events.country as location_country,
        events.location as location_name,
        null::{{ text_type() }} as source_url,
        events.source_file,
        events.line_number,
        events.loaded_at
    from {{ ref('int_acled__events') }} as events
    left join acled_types on events.sub_event_type = acled_types.sub_event_type
),

polecat_events as (
    select
        events.source_system,
        events.event_id as source_event_id,
        {{ surrogate_key(['events.source_system', 'events.event_id']) }} as event_key,
        events.event_date,
        events.actor_country as actor1_country,
        events.recipient_country as actor2_country,
        events.actor_name as actor1_name,
        events.recipient_name as actor2_name,
        concat_ws('/', events.plover_type, events.plover_mode) as source_event_type,
        null::{{ text_type() }} as cameo_code,
        null::{{ text_type() }} as cameo_root_code,
        coalesce(events.source_quad_class, plover_types.quad_class)::tinyint as quad_class,
        events.plover_type,
        events.plover_mode,
        -- PLOVER intensity runs −10…+10 like the Goldstein scale.
        events.event_intensity as goldstein,
        null::double as tone,
        null::integer as n_mentions,
        coalesce(
            case when {{ matches_whole('events.place_country', "'[A-Z]{3}'") }} then events.place_country end,
            place_countries.iso3
        ) as location_country,
        events.place_name as location_name,
        null::{{ text_type() }} as source_url,
        events.source_file,
        events.line_number,
        events.loaded_at
    from {{ ref('int_polecat__events') }} as events
    left join plover_types on events.plover_type = plover_types.plover_type
    left join country_names as place_countries on lower(events.place_country) = place_countries.country_name
)

select * from gdelt_events
union all
select * from acled_events
union all
select * from polecat_events

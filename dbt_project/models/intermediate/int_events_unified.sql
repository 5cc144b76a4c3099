{#- One event model for every source. Each source contributes the same columns; GDELT's
    `event_key` collapses the many records of one reported event, other sources are events already. -#}
with gdelt_v2_records as (
    select * from {{ ref('stg_gdelt__events') }}
),

countries as (
    select
        iso3,
        fips
    from {{ ref('stg_reference__countries') }}
),

event_types as (
    select
        cameo_code,
        plover_type,
        plover_mode
    from {{ ref('stg_reference__cameo_event_types') }}
),

gdelt_v2_events as (
    select
        records.source_system,
        records.global_event_id::varchar as source_event_id,
        -- Keyed on GDELT's own actor codes, so two regions (AFR, MEA) stay two actors; nulls
        -- become '' because concat_ws skips nulls and would merge IRQ→(none) with (none)→IRQ.
        md5(concat_ws(
            '|',
            records.source_system,
            records.event_date,
            coalesce(records.actor1_cameo_country, ''),
            coalesce(records.actor2_cameo_country, ''),
            records.event_code,
            coalesce(records.action_feature_id, records.action_location, '')
        )) as event_key,
        records.event_date,
        records.actor1_country,
        records.actor2_country,
        records.actor1_name,
        records.actor2_name,
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
    from gdelt_v2_records as records
    left join countries as action_countries on records.action_fips_country = action_countries.fips
    left join event_types on records.event_code = event_types.cameo_code
)

select * from gdelt_v2_events

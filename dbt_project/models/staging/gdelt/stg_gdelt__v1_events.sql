-- Overlapping files (a backfile and the daily exports of the same days) repeat records: the copy
-- GDELT added last stands for each GlobalEventID, then the copy in the latest file.
with source_records as (
    select * from {{ source('raw', 'gdelt_v1_events') }}
    qualify row_number() over (
        partition by global_event_id order by date_added desc nulls last, source_file desc, line_number desc
    ) = 1
),

country_codes as (
    select
        cameo_code,
        iso3
    from {{ ref('stg_reference__cameo_countries') }}
),

renamed as (
    select
        source_records.source_system,
        source_records.global_event_id,
        source_records.sql_date as event_date,
        -- GDELT 1.0 stamps a record with the day it was added, not a 15-minute slot.
        source_records.date_added::timestamp as added_at,
        source_records.actor1_code,
        source_records.actor1_name,
        source_records.actor1_country_code as actor1_cameo_country,
        actor1_countries.iso3 as actor1_country,
        source_records.actor2_code,
        source_records.actor2_name,
        source_records.actor2_country_code as actor2_cameo_country,
        actor2_countries.iso3 as actor2_country,
        source_records.is_root_event = 1 as is_root_event,
        source_records.event_code,
        source_records.event_base_code,
        source_records.event_root_code,
        source_records.quad_class,
        source_records.goldstein_scale,
        source_records.num_mentions,
        source_records.num_sources,
        source_records.num_articles,
        source_records.avg_tone,
        source_records.action_geo_country_code as action_fips_country,
        source_records.action_geo_fullname as action_location,
        source_records.action_geo_feature_id as action_feature_id,
        -- Rows written before GDELT added SOURCEURL (57 fields) have none.
        source_records.source_url,
        source_records.field_count,
        source_records.source_file,
        source_records.line_number,
        source_records.loaded_at
    from source_records
    left join country_codes as actor1_countries
        on source_records.actor1_country_code = actor1_countries.cameo_code
    left join country_codes as actor2_countries
        on source_records.actor2_country_code = actor2_countries.cameo_code
)

select * from renamed

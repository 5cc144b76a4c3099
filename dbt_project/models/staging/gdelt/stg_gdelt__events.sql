with source_records as (
    select * from {{ source('raw', 'gdelt_events') }}
),

renamed as (
    select
        -- The translingual feed is its own source: GDELT normalises its counts apart.
        source_records.source_system,
        source_records.global_event_id,
        source_records.sql_date as event_date,
        source_records.date_added as added_at,
        {{ gdelt_event_record_columns('source_records') }},
        source_records.source_url,
        source_records.source_file,
        source_records.line_number,
        source_records.loaded_at
    from source_records
)

select * from renamed

with source_records as (
    select * from {{ source('raw', 'gdelt_v1_events') }}
),

renamed as (
    select
        source_records.source_system,
        source_records.global_event_id,
        source_records.sql_date as event_date,
        -- GDELT 1.0 stamps a record with the day it was added, not a 15-minute slot.
        source_records.date_added::timestamp as added_at,
        {{ gdelt_event_record_columns('source_records') }},
        -- Rows written before GDELT added SOURCEURL (57 fields) have none.
        source_records.source_url,
        source_records.field_count,
        source_records.source_file,
        source_records.line_number,
        source_records.loaded_at
    from source_records
)

select * from renamed

with source_mentions as (
    select * from {{ source('raw', 'gdelt_mentions') }}
),

renamed as (
    select
        source_system,
        {{ surrogate_key(['source_file', 'line_number']) }} as mention_key,
        global_event_id,
        event_time as event_added_at,
        mention_time as mentioned_at,
        mention_type,
        mention_source_name,
        mention_identifier,
        sentence_id,
        in_raw_text = 1 as is_in_raw_text,
        confidence,
        mention_doc_length,
        mention_doc_tone,
        mention_doc_translation_info,
        source_file,
        line_number,
        loaded_at
    from source_mentions
)

select * from renamed

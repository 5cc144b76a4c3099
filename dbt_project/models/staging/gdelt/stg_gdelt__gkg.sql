with source_documents as (
    select * from {{ source('raw', 'gdelt_gkg') }}
),

renamed as (
    select
        source_system,
        gkg_record_id,
        date as published_at,
        date::date as published_date,
        source_collection_id,
        source_common_name,
        document_identifier,
        tone,
        positive_score,
        negative_score,
        polarity,
        activity_reference_density,
        self_group_reference_density,
        word_count,
        location_country_codes as location_fips_countries,
        themes,
        v21_translation_info as translation_info,
        source_file,
        line_number,
        loaded_at
    from source_documents
)

select * from renamed

with source_rows as (
    select * from {{ source('polecat', 'polecat_events') }}
),

renamed as (
    select
        source_system,
        event_id,
        story_date as event_date,
        publication_date,
        event_type as plover_type,
        lower(event_mode) as plover_mode,
        event_intensity,
        -- POLECAT writes its quad category in words; the number is CAMEO's QuadClass.
        case upper(quad_code)
            when 'VERBAL COOPERATION' then 1
            when 'MATERIAL COOPERATION' then 2
            when 'VERBAL CONFLICT' then 3
            when 'MATERIAL CONFLICT' then 4
        end as source_quad_class,
        contexts,
        actor_name,
        actor_country,
        actor_title,
        recipient_name,
        recipient_country,
        recipient_title,
        coalesce(place_name, city, state) as place_name,
        country as place_country,
        latitude,
        longitude,
        source as news_source,
        story_id,
        language,
        source_file,
        line_number,
        loaded_at
    from source_rows
)

select * from renamed

{#- One row per GlobalEventID of the staged GDELT records `staged` (1.0 or 2.0): overlapping files
    repeat records, and the copy GDELT added last stands for each, then the copy in the latest
    file (`audit.superseded_records` lists the others). Actor countries are translated from CAMEO
    to ISO3; a region or an uncoded actor has none. -#}
{% macro gdelt_records_in_countries(staged) -%}
    with records as (
        {{ latest_copy_of_each(
            staged,
            key='global_event_id',
            newest_first='added_at desc nulls last, source_file desc, line_number desc',
        ) }}
    ),

    country_codes as (
        select
            cameo_code,
            iso3
        from {{ ref('int_reference__cameo_countries') }}
    ),

    in_countries as (
        select
            records.*,
            actor1_countries.iso3 as actor1_country,
            actor2_countries.iso3 as actor2_country
        from records
        left join country_codes as actor1_countries on records.actor1_cameo_country = actor1_countries.cameo_code
        left join country_codes as actor2_countries on records.actor2_cameo_country = actor2_countries.cameo_code
    )

    select * from in_countries
{%- endmacro %}

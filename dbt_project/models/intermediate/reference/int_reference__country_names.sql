{#- Every name a source may give a country, lower-cased: GeoNames' names and ACLED's spellings. -#}
with geonames_names as (
    select
        iso3,
        lower(country_name) as country_name
    from {{ ref('stg_reference__countries') }}
),

acled_names as (
    select
        iso3,
        lower(acled_country_name) as country_name
    from {{ ref('stg_reference__acled_country_names') }}
),

all_names as (
    select * from geonames_names
    union
    select * from acled_names
)

select * from all_names

with geonames as (
    select * from {{ ref('geonames_countries') }}
),

renamed as (
    select
        iso3,
        iso2,
        iso_numeric::integer as iso_numeric,
        fips,
        country_name,
        capital,
        continent
    from geonames
)

select * from renamed

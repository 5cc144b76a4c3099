with countries as (
    select * from {{ ref('stg_reference__countries') }}
),

cameo_codes as (
    select
        cameo_code,
        iso3
    from {{ ref('int_reference__cameo_countries') }}
    where iso3 is not null
),

-- A country's own code when CAMEO uses it (IRQ), else the CAMEO spelling (ROM for ROU).
primary_cameo_codes as (
    select
        iso3,
        coalesce(max(cameo_code) filter (where cameo_code = iso3), min(cameo_code)) as cameo_code,
        list_sort(list(cameo_code)) as cameo_codes
    from cameo_codes
    group by iso3
),

acled_names as (
    select
        iso3,
        acled_country_name
    from {{ ref('stg_reference__acled_country_names') }}
),

countries_with_codes as (
    select
        countries.iso3,
        countries.iso2,
        countries.iso_numeric,
        countries.fips,
        primary_cameo_codes.cameo_code,
        primary_cameo_codes.cameo_codes,
        countries.country_name,
        coalesce(acled_names.acled_country_name, countries.country_name) as acled_country_name,
        countries.capital,
        countries.continent,
        countries.iso3 in ({{ watched_countries() }}) as is_watched
    from countries
    left join primary_cameo_codes on countries.iso3 = primary_cameo_codes.iso3
    left join acled_names on countries.iso3 = acled_names.iso3
)

select * from countries_with_codes

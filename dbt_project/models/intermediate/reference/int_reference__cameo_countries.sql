with cameo_codes as (
    select
        cameo_code,
        cameo_label
    from {{ ref('stg_reference__cameo_country_codes') }}
),

iso3_countries as (
    select
        iso3,
        country_name
    from {{ ref('stg_reference__countries') }}
),

overrides as (
    select
        cameo_code,
        iso3
    from {{ ref('stg_reference__cameo_country_iso3_overrides') }}
),

published_codes as (
    select
        cameo_codes.cameo_code,
        cameo_codes.cameo_label,
        coalesce(overrides.iso3, iso3_countries.iso3) as iso3
    from cameo_codes
    left join overrides on cameo_codes.cameo_code = overrides.cameo_code
    left join iso3_countries on cameo_codes.cameo_code = iso3_countries.iso3
),

-- GDELT also codes countries newer than its published table (SSD, South Sudan) by their ISO3 code.
unpublished_iso3_codes as (
    select
        iso3 as cameo_code,
        country_name as cameo_label,
        iso3
    from iso3_countries
    where iso3 not in (select cameo_codes.cameo_code from cameo_codes as cameo_codes)
),

all_codes as (
    select * from published_codes
    union all
    select * from unpublished_iso3_codes
)

select
    cameo_code,
    cameo_label,
    iso3,
    iso3 is null as is_region
from all_codes

{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'stg_gdelt__events'}}}) }}
-- An actor country code that is neither a known CAMEO code nor an ISO3 code would silently
-- drop its records from every country-pair mart: list them so the override seed can learn it.
with actor_codes as (
    select actor1_cameo_country as cameo_code from {{ ref('stg_gdelt__events') }}
    union all
    select actor2_cameo_country from {{ ref('stg_gdelt__events') }}
)

select cameo_code, count(*) as n_records
from actor_codes
where
    cameo_code is not null
    and cameo_code not in (select cameo_code from {{ ref('stg_reference__cameo_countries') }})
group by cameo_code

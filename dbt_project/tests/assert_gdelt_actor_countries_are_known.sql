{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'int_gdelt__events'}}}) }}
-- An actor country code that is neither a known CAMEO code nor an ISO3 code would silently
-- drop its records from every country-pair mart: list them so the override seed can learn it.
with actor_codes as (
    select actor1_cameo_country as cameo_code from {{ ref('int_gdelt__events') }}
    union all
    select actor2_cameo_country as cameo_code from {{ ref('int_gdelt__events') }}
),

known_codes as (
    select cameo_code from {{ ref('int_reference__cameo_countries') }}
),

unknown_codes as (
    select actor_codes.cameo_code
    from actor_codes
    left join known_codes on actor_codes.cameo_code = known_codes.cameo_code
    where actor_codes.cameo_code is not null and known_codes.cameo_code is null
)

select
    cameo_code,
    count(*) as n_records
from unknown_codes
group by cameo_code

select
    cameo_code,
    iso3
from {{ ref('cameo_country_iso3_overrides') }}

select
    iso3,
    acled_country_name
from {{ ref('acled_country_names') }}

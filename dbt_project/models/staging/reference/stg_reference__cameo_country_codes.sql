select
    cameo_code,
    label as cameo_label
from {{ ref('cameo_countries') }}

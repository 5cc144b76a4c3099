select
    cameo_prefix,
    plover_type,
    plover_mode
from {{ ref('cameo_plover_map') }}

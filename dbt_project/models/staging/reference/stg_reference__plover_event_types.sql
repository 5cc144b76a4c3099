select
    plover_type,
    quad_class
from {{ ref('plover_event_types') }}

select
    event_type,
    sub_event_type,
    quad_class,
    plover_type
from {{ ref('acled_event_types') }}

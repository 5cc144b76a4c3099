select
    actor_id,
    name,
    kind,
    country,
    role,
    role_level,
    valid_from,
    valid_to,
    note
from {{ ref('gazetteer_actors') }}

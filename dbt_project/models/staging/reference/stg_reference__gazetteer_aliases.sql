select
    actor_id,
    alias
from {{ ref('gazetteer_aliases') }}

select
    load_id,
    source_system,
    source_file,
    line_number,
    reason,
    raw_line,
    quarantined_at
from {{ source('audit', 'quarantine') }}

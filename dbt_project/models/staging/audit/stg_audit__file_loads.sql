select
    load_id,
    source_system,
    source_file,
    status,
    rows_read,
    rows_loaded,
    rows_quarantined,
    detail,
    loaded_at
from {{ source('audit', 'file_loads') }}

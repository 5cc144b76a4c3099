select
    source_system,
    source_file,
    status,
    rows_loaded,
    rows_quarantined,
    n_bytes,
    content_hash,
    modified_ns,
    detail,
    loaded_at
from {{ source('audit', 'file_manifest') }}

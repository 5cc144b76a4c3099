-- One row per source system: the landed files the warehouse holds, by status, the rows they gave
-- and the lines set aside, from what the loaders record of every file.
with files as (
    select
        source_system,
        count(*) filter (where status = 'loaded') as files_loaded,
        count(*) filter (where status = 'duplicate') as files_duplicate,
        count(*) filter (where status in ('rejected', 'unreadable', 'refused')) as files_set_aside,
        count(*) filter (where status = 'retired') as files_retired,
        sum(rows_loaded) as rows_loaded
    from {{ ref('stg_audit__file_manifest') }}
    group by source_system
),

quarantined as (
    select
        source_system,
        count(*) filter (where line_number is not null) as lines_quarantined
    from {{ ref('stg_audit__quarantine') }}
    group by source_system
),

loads as (
    select
        source_system,
        max(loaded_at) as last_loaded_at
    from {{ ref('stg_audit__file_loads') }}
    group by source_system
),

systems as (
    select source_system from files
    union
    select source_system from quarantined
)

select
    systems.source_system,
    coalesce(files.files_loaded, 0)::bigint as files_loaded,
    coalesce(files.files_duplicate, 0)::bigint as files_duplicate,
    coalesce(files.files_set_aside, 0)::bigint as files_set_aside,
    coalesce(files.files_retired, 0)::bigint as files_retired,
    coalesce(files.rows_loaded, 0)::bigint as rows_loaded,
    coalesce(quarantined.lines_quarantined, 0)::bigint as lines_quarantined,
    loads.last_loaded_at
from systems
left join files on systems.source_system = files.source_system
left join quarantined on systems.source_system = quarantined.source_system
left join loads on systems.source_system = loads.source_system

-- Overlapping exports repeat an event, and ACLED revises events between exports: the
-- version ACLED stamped last stands for it, then the one in the latest file.
{{ latest_copy_of_each(
    ref('stg_acled__events'),
    key='event_key',
    newest_first='acled_updated_at desc nulls last, source_file desc, line_number desc',
    copies_column='n_exports',
) }}

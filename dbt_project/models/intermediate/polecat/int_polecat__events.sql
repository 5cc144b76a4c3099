-- A re-downloaded week repeats its events: the copy in the latest file stands for each.
{{ latest_copy_of_each(
    ref('stg_polecat__events'),
    key='event_id',
    newest_first='source_file desc, line_number desc',
    copies_column='n_files',
) }}

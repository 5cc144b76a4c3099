-- A re-issued or overlapping file repeats documents: the copy in the latest file stands for each record id.
{{ latest_copy_of_each(
    ref('stg_gdelt__gkg'),
    key='gkg_record_id',
    newest_first='source_file desc, line_number desc',
) }}

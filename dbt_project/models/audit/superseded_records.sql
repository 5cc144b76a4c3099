-- Every landed record that another copy of the same record outranks. Each intermediate model keeps one
-- copy per key (its own rule: the latest GDELT DATEADDED or ACLED timestamp, then the latest file);
-- a loaded row that it does not keep is listed here with the copy that stands for it.
{% set deduplicated = [
    ('gdelt_events', source('raw', 'gdelt_events'), ref('int_gdelt__events'), 'global_event_id'),
    ('gdelt_v1_events', source('raw', 'gdelt_v1_events'), ref('int_gdelt__v1_events'), 'global_event_id'),
    ('gdelt_gkg', source('raw', 'gdelt_gkg'), ref('int_gdelt__gkg'), 'gkg_record_id'),
    ('acled_events', source('acled', 'acled_events'), ref('int_acled__events_deduplicated'), 'event_key'),
    ('polecat_events', source('polecat', 'polecat_events'), ref('int_polecat__events'), 'event_id'),
] %}

{% for table_name, loaded, one_copy_each, key in deduplicated %}
    select
        '{{ table_name }}' as source_table,
        loaded.{{ key }}::varchar as record_key,
        loaded.source_file,
        loaded.line_number,
        kept.source_file as kept_source_file,
        kept.line_number as kept_line_number
    from {{ loaded }} as loaded
    inner join {{ one_copy_each }} as kept on loaded.{{ key }} = kept.{{ key }}
    where loaded.source_file <> kept.source_file or loaded.line_number <> kept.line_number
    {% if not loop.last %}union all{% endif %}
{% endfor %}

{#- Pre-hook of the incremental daily marts: delete every (source, day) whose records changed
    since it was built — late records, a re-loaded file, a file removed — or that was built under
    another watch list or code tables (`int_coding_fingerprint`), so the model's insert
    recomputes those days whole. A day's share of the period depends on all of its records, so
    a day is the unit of recomputation, never a single pair. A table built before one of the
    bookkeeping columns or of the model's `computed_columns` existed is emptied and rebuilt
    whole: adding the column alone would leave it null in every day already built. -#}
{% macro delete_stale_source_days(day_column='day', computed_columns=[]) %}
    {% if is_incremental() %}
        {%- set built_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- set built_columns_needed = [
            'source_day_records', 'source_day_last_loaded_at', 'coding_fingerprint'
        ] + computed_columns -%}
        {% if built_columns_needed | reject('in', built_columns) | list | length == 0 %}
            delete from {{ this }} as built
            where
                built.coding_fingerprint is distinct from (
                    select coding_fingerprint from {{ ref('int_coding_fingerprint') }}
                )
                or not exists (
                    select 1
                    from {{ ref('int_source_daily_totals') }} as totals
                    where
                        totals.source_system = built.source_system
                        and totals.day = built.{{ day_column }}
                        and totals.n_records = built.source_day_records
                        and totals.last_loaded_at = built.source_day_last_loaded_at
                )
        {% else %}
            delete from {{ this }}
        {% endif %}
    {% else %}
        select 1
    {% endif %}
{% endmacro %}

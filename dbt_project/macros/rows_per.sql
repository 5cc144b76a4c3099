{#- How many rows of `relation` each `key` has, as the bigint `count_column`: one row per key. -#}
{% macro rows_per(relation, key, count_column) -%}
    select
        {{ key }},
        count(*)::bigint as {{ count_column }}
    from {{ relation }}
    group by {{ key }}
{%- endmacro %}

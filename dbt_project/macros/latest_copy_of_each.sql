{#- One row per `key` of `relation`: the copy that sorts first by `newest_first` stands for the
    record its overlapping files repeat; `copies_column`, when given, counts the copies landed. -#}
{% macro latest_copy_of_each(relation, key, newest_first, copies_column=none) -%}
    select
        *{% if copies_column %},
        count(*) over (partition by {{ key }}) as {{ copies_column }}{% endif %}
    from {{ relation }}
    qualify row_number() over (partition by {{ key }} order by {{ newest_first }}) = 1
{%- endmacro %}

{#- A row's key: the md5 of its `columns` joined by '|', a null read as ''. concat_ws alone would
    skip a null and merge IRQ→(none) with (none)→IRQ; every key column is cast to text the same way
    so a key analysts stored keeps its value. -#}
{% macro surrogate_key(columns) -%}
    md5(concat_ws(
        '|'
        {%- for column in columns %},
        coalesce({{ column }}::{{ text_type() }}, '')
        {%- endfor %}
    ))
{%- endmacro %}

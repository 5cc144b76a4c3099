{#- `values` as a SQL list of string literals, for `in (...)`. -#}
{% macro quoted_list(values) -%}
    {%- for value in values -%}
        '{{ value }}'{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- The watch list as a SQL list of ISO3 literals: var('watch_list'). A build passes the list
    `orchestration.settings.watch_list()` reads (DYADWATCH_WATCH_LIST, else this project's default). -#}
{% macro watched_countries() -%}
    {{ quoted_list(var('watch_list')) }}
{%- endmacro %}

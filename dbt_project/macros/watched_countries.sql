{#- The watch list as a SQL list of ISO3 literals: DYADWATCH_WATCH_LIST when set, else var('watch_list'). -#}
{% macro watched_countries() -%}
    {%- set override = env_var('DYADWATCH_WATCH_LIST', '') | trim -%}
    {%- if override -%}
        {%- set codes = override.split(',') | map('trim') | reject('equalto', '') | map('upper') | list -%}
    {%- else -%}
        {%- set codes = var('watch_list') -%}
    {%- endif -%}
    {%- for code in codes -%}
        '{{ code }}'{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

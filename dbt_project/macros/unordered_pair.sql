{#- The two sides of an unordered pair, alphabetical: IRQ–SYR and SYR–IRQ are one pair (country_a < country_b). -#}
{% macro country_a(first, second) -%}
    least({{ first }}, {{ second }})
{%- endmacro %}

{% macro country_b(first, second) -%}
    greatest({{ first }}, {{ second }})
{%- endmacro %}

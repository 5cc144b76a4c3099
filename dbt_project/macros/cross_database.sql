{#- Where DuckDB and Spark SQL spell one thing differently. Each `default__` is the DuckDB
    spelling the models were written in, so the DuckDB target compiles to the same SQL. -#}

{#- The text type, for casts: Spark has no `varchar` without a length. -#}
{% macro text_type() -%}
    {{ return(adapter.dispatch('text_type', 'dyadwatch')()) }}
{%- endmacro %}

{% macro default__text_type() -%}
    varchar
{%- endmacro %}

{% macro spark__text_type() -%}
    string
{%- endmacro %}

{#- Whether `text` begins with `prefix`. -#}
{% macro starts_with(text, prefix) -%}
    {{ return(adapter.dispatch('starts_with', 'dyadwatch')(text, prefix)) }}
{%- endmacro %}

{% macro default__starts_with(text, prefix) -%}
    starts_with({{ text }}, {{ prefix }})
{%- endmacro %}

{% macro spark__starts_with(text, prefix) -%}
    startswith({{ text }}, {{ prefix }})
{%- endmacro %}

{#- Whether the regular expression `pattern` (a SQL string literal) matches the whole of `text`. -#}
{% macro matches_whole(text, pattern) -%}
    {{ return(adapter.dispatch('matches_whole', 'dyadwatch')(text, pattern)) }}
{%- endmacro %}

{% macro default__matches_whole(text, pattern) -%}
    regexp_full_match({{ text }}, {{ pattern }})
{%- endmacro %}

{% macro spark__matches_whole(text, pattern) -%}
    regexp_like({{ text }}, concat('^(?:', {{ pattern }}, ')$'))
{%- endmacro %}

{#- The `texts` of a group joined by `delimiter` in the order of `order_by`. -#}
{% macro ordered_string_agg(texts, delimiter, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'dyadwatch')(texts, delimiter, order_by)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(texts, delimiter, order_by) -%}
    string_agg({{ texts }}, {{ delimiter }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__ordered_string_agg(texts, delimiter, order_by) -%}
    string_agg({{ texts }}, {{ delimiter }}) within group (order by {{ order_by }})
{%- endmacro %}

{#- The SQL `values` (a comma-separated list) as a sorted array: cast to text, both engines write `[A, B]`. -#}
{% macro sorted_array(values) -%}
    {{ return(adapter.dispatch('sorted_array', 'dyadwatch')(values)) }}
{%- endmacro %}

{% macro default__sorted_array(values) -%}
    list_sort(list_value({{ values }}))
{%- endmacro %}

{% macro spark__sorted_array(values) -%}
    array_sort(array({{ values }}))
{%- endmacro %}

{#- A from-clause item joining each row to every element of its array `array`, as `alias (column)`. -#}
{% macro unnested(array, alias, column) -%}
    {{ return(adapter.dispatch('unnested', 'dyadwatch')(array, alias, column)) }}
{%- endmacro %}

{% macro default__unnested(array, alias, column) -%}
    unnest({{ array }}) as {{ alias }} ({{ column }})
{%- endmacro %}

{% macro spark__unnested(array, alias, column) -%}
    lateral explode({{ array }}) as {{ alias }} ({{ column }})
{%- endmacro %}

{#- Written just before a string literal whose backslashes belong to a regular expression
    (`{{ raw_regex() }}'\bof'`): Spark reads backslashes in a literal as escapes
    unless it is raw (r'…'), DuckDB never does. -#}
{% macro raw_regex() -%}
    {{ return(adapter.dispatch('raw_regex', 'dyadwatch')()) }}
{%- endmacro %}

{% macro default__raw_regex() -%}
{%- endmacro %}

{% macro spark__raw_regex() -%}
    r
{%- endmacro %}

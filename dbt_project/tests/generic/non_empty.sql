{#- The column holds text in every row: neither null nor only white space. -#}
{% test non_empty(model, column_name) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} is null or trim({{ column_name }}) = ''
{% endtest %}

{#- Every row pairs two different countries, never a country with itself; `ordered`: `first`
    before `second` alphabetically, so an unordered-pair mart holds IRQ–SYR once, never SYR–IRQ.
    A row whose `second` is null (no counterpart) is no pair and passes. -#}
{% test pair_of_two_countries(model, first='country_a', second='country_b', ordered=true) %}
    select
        {{ first }},
        {{ second }}
    from {{ model }}
    where {{ first }} {{ '>=' if ordered else '=' }} {{ second }}
{% endtest %}

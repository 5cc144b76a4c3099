{#- Every line or record a load read was loaded or quarantined. -#}
{% test rows_read_are_loaded_or_quarantined(model) %}
    select *
    from {{ model }}
    where rows_read <> rows_loaded + rows_quarantined
{% endtest %}

{#- (cooperative − conflictual events) / events with a QuadClass, over `window` of the `totals`
    relation's rows: −1 all conflict … +1 all cooperation; null when no event has a QuadClass
    (ACLED's uncategorised strategic developments count in neither). -#}
{% macro cooperation_balance(totals, window) -%}
    sum(
        case
            when {{ totals }}.quad_class in (1, 2) then {{ totals }}.n_events
            when {{ totals }}.quad_class in (3, 4) then -{{ totals }}.n_events
            else 0
        end
    ) over {{ window }} / nullif(
        sum({{ totals }}.n_events) filter (where {{ totals }}.quad_class is not null) over {{ window }},
        0
    )
{%- endmacro %}

with event_types as (
    select * from {{ ref('int_reference__cameo_event_types') }}
),

gdelt_records as (
    select
        event_code,
        goldstein_scale
    from {{ ref('int_gdelt__events') }}
),

-- GDELT assigns each CAMEO code one Goldstein value; the most frequent one recorded is it.
observed_goldstein as (
    select
        event_code as cameo_code,
        mode(goldstein_scale) as goldstein_scale
    from gdelt_records
    group by event_code
),

described as (
    select
        event_types.cameo_code,
        event_types.cameo_label,
        event_types.cameo_root_code,
        roots.cameo_label as cameo_root_label,
        event_types.is_root,
        event_types.quad_class,
        case event_types.quad_class
            when 1 then 'verbal cooperation'
            when 2 then 'material cooperation'
            when 3 then 'verbal conflict'
            else 'material conflict'
        end as quad_class_label,
        event_types.plover_type,
        event_types.plover_mode,
        observed_goldstein.goldstein_scale
    from event_types
    left join event_types as roots on event_types.cameo_root_code = roots.cameo_code
    left join observed_goldstein on event_types.cameo_code = observed_goldstein.cameo_code
)

select * from described

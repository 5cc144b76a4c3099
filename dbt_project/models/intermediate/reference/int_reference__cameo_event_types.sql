with event_codes as (
    select
        cameo_code,
        cameo_label
    from {{ ref('stg_reference__cameo_event_codes') }}
),

plover_map as (
    select
        cameo_prefix,
        plover_type,
        plover_mode
    from {{ ref('stg_reference__cameo_plover_map') }}
),

-- The most specific PLOVER mapping wins: "042" (visit) over "04" (consult).
plover_matches as (
    select
        event_codes.cameo_code,
        plover_map.plover_type,
        plover_map.plover_mode,
        row_number() over (
            partition by event_codes.cameo_code order by length(plover_map.cameo_prefix) desc
        ) as match_rank
    from event_codes
    inner join plover_map on {{ starts_with('event_codes.cameo_code', 'plover_map.cameo_prefix') }}
),

typed as (
    select
        event_codes.cameo_code,
        event_codes.cameo_label,
        left(event_codes.cameo_code, 2) as cameo_root_code,
        length(event_codes.cameo_code) = 2 as is_root,
        case
            when left(event_codes.cameo_code, 2) between '01' and '05' then 1
            when left(event_codes.cameo_code, 2) between '06' and '09' then 2
            when left(event_codes.cameo_code, 2) between '10' and '14' then 3
            else 4
        end as quad_class,
        plover_matches.plover_type,
        plover_matches.plover_mode
    from event_codes
    left join plover_matches
        on event_codes.cameo_code = plover_matches.cameo_code and plover_matches.match_rank = 1
)

select * from typed

with actors as (
    select * from {{ ref('stg_reference__gazetteer_actors') }}
),

aliases as (
    select
        actor_id,
        list_sort(list(alias)) as aliases
    from {{ ref('stg_reference__gazetteer_aliases') }}
    group by actor_id
),

described as (
    select
        actors.actor_id || ':' || coalesce(actors.valid_from::varchar, '') as actor_role_key,
        actors.actor_id,
        actors.name,
        actors.kind as actor_kind,
        actors.country,
        actors.role,
        actors.role_level,
        actors.valid_from,
        actors.valid_to,
        coalesce(aliases.aliases, []) as aliases,
        actors.note
    from actors
    left join aliases on actors.actor_id = aliases.actor_id
)

select * from described

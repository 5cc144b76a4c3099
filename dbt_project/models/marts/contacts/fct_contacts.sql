with contacts as (
    select * from {{ ref('stg_articles__contacts') }}
),

reports as (
    select * from {{ ref('stg_articles__contact_reports') }}
),

actors as (
    select
        actor_id,
        role_level
    from {{ ref('dim_actor') }}
),

-- The most senior official any report names: a visit "led by the intelligence chief" is an
-- intelligence-level contact even where another outlet only says "a delegation".
report_levels as (
    select
        reports.contact_id,
        min(
            case actors.role_level
                when 'head_of_state' then 1
                when 'head_of_government' then 1
                when 'minister' then 2
                when 'intelligence_security' then 3
                when 'military' then 3
                else 4
            end
        ) as level_rank
    from reports
    left join actors on reports.actor_id = actors.actor_id
    group by reports.contact_id
),

described as (
    select
        contacts.contact_id,
        contacts.kind,
        contacts.status,
        contacts.status = 'occurred' as counts_as_contact,
        contacts.actor_country,
        contacts.counterpart_country,
        contacts.participant_countries,
        contacts.location_city,
        contacts.location_country,
        contacts.date_from,
        contacts.date_to,
        contacts.date_precision,
        contacts.n_reports::bigint as n_reports,
        contacts.n_outlets::bigint as n_outlets,
        contacts.date_conflict,
        contacts.first_reported,
        case report_levels.level_rank
            when 1 then 'head_of_state_or_government'
            when 2 then 'minister'
            when 3 then 'intelligence_security'
            else 'delegation'
        end as official_level
    from contacts
    left join report_levels on contacts.contact_id = report_levels.contact_id
)

select * from described

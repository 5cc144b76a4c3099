with occurred_contacts as (
    select * from {{ ref('fct_contacts') }}
    where counts_as_contact and date_from is not null
),

-- Bilateral kinds join the actor to the counterpart, in that direction (the traveller visits the host).
bilateral_pairs as (
    select
        contact_id,
        actor_country as from_country,
        counterpart_country as to_country,
        true as is_directed
    from occurred_contacts
    where
        kind not in ({{ quoted_list(var('multi_party_kinds')) }})
        and counterpart_country is not null
        and actor_country <> counterpart_country
),

-- A mediator is in contact with each party; the parties themselves are not (that is the point of mediating).
mediation_pairs as (
    select
        occurred_contacts.contact_id,
        occurred_contacts.actor_country as from_country,
        parties.party as to_country,
        true as is_directed
    from occurred_contacts
    cross join unnest(occurred_contacts.participant_countries) as parties (party)
    where occurred_contacts.kind = 'mediation' and parties.party <> occurred_contacts.actor_country
),

-- Everyone at a summit met everyone else there; nobody travelled to anybody in particular.
multilateral_pairs as (
    select
        occurred_contacts.contact_id,
        first_side.country as from_country,
        second_side.country as to_country,
        false as is_directed
    from occurred_contacts
    cross join unnest(occurred_contacts.participant_countries) as first_side (country)
    cross join unnest(occurred_contacts.participant_countries) as second_side (country)
    where occurred_contacts.kind = 'multilateral_meeting' and first_side.country < second_side.country
),

pairs as (
    select * from bilateral_pairs
    union all
    select * from mediation_pairs
    union all
    select * from multilateral_pairs
),

contact_pairs as (
    select
        pairs.from_country,
        pairs.to_country,
        pairs.is_directed,
        occurred_contacts.kind,
        occurred_contacts.official_level,
        occurred_contacts.date_from,
        occurred_contacts.date_to
    from pairs
    inner join occurred_contacts on pairs.contact_id = occurred_contacts.contact_id
),

unordered_pairs as (
    select
        {{ country_a('from_country', 'to_country') }} as country_a,
        {{ country_b('from_country', 'to_country') }} as country_b,
        kind,
        official_level,
        date_trunc('month', date_from)::date as month,
        date_from,
        date_trunc('month', date_from) <> date_trunc('month', date_to) as spans_months,
        is_directed and from_country < to_country as is_a_to_b,
        is_directed and from_country > to_country as is_b_to_a
    from contact_pairs
    where
        from_country in ({{ watched_countries() }})
        or to_country in ({{ watched_countries() }})
),

pair_month_kind_totals as (
    select
        country_a,
        country_b,
        month,
        kind,
        count(*) as n_contacts,
        count(*) filter (where is_a_to_b) as n_a_to_b,
        count(*) filter (where is_b_to_a) as n_b_to_a,
        count(*) filter (where official_level = 'head_of_state_or_government') as n_head_of_state_or_government,
        count(*) filter (where official_level = 'minister') as n_minister,
        count(*) filter (where official_level = 'intelligence_security') as n_intelligence_security,
        count(*) filter (where official_level = 'delegation') as n_delegation,
        count(*) filter (where spans_months) as n_month_uncertain,
        min(date_from) as first_contact_date,
        max(date_from) as last_contact_date
    from unordered_pairs
    group by country_a, country_b, month, kind
),

pair_spans as (
    select
        country_a,
        country_b,
        min(month) as first_month,
        max(month) as last_month
    from pair_month_kind_totals
    group by country_a, country_b
),

pair_kinds as (
    select distinct
        country_a,
        country_b,
        kind
    from pair_month_kind_totals
),

-- Every month from a pair's first contact to its last, for each kind the pair has had, so a chart has no holes.
month_spine as (
    select
        pair_kinds.country_a,
        pair_kinds.country_b,
        pair_kinds.kind,
        unnest(generate_series(pair_spans.first_month, pair_spans.last_month, interval 1 month))::date as month
    from pair_kinds
    inner join pair_spans
        on pair_kinds.country_a = pair_spans.country_a and pair_kinds.country_b = pair_spans.country_b
),

zero_filled as (
    select
        month_spine.country_a,
        month_spine.country_b,
        month_spine.month,
        month_spine.kind,
        coalesce(totals.n_contacts, 0) as n_contacts,
        coalesce(totals.n_a_to_b, 0) as n_a_to_b,
        coalesce(totals.n_b_to_a, 0) as n_b_to_a,
        coalesce(totals.n_head_of_state_or_government, 0) as n_head_of_state_or_government,
        coalesce(totals.n_minister, 0) as n_minister,
        coalesce(totals.n_intelligence_security, 0) as n_intelligence_security,
        coalesce(totals.n_delegation, 0) as n_delegation,
        coalesce(totals.n_month_uncertain, 0) as n_month_uncertain,
        totals.first_contact_date,
        totals.last_contact_date
    from month_spine
    left join pair_month_kind_totals as totals
        on
            month_spine.country_a = totals.country_a
            and month_spine.country_b = totals.country_b
            and month_spine.kind = totals.kind
            and month_spine.month = totals.month
),

with_history as (
    select
        *,
        sum(n_contacts) over last_12_months as contacts_12m,
        max(last_contact_date) over earlier_months as previous_contact_date
    from zero_filled
    window
        last_12_months as (
            partition by country_a, country_b, kind
            order by month range between interval 11 month preceding and current row
        ),
        earlier_months as (
            partition by country_a, country_b, kind
            order by month rows between unbounded preceding and 1 preceding
        )
)

select
    {{ surrogate_key(['country_a', 'country_b', 'month', 'kind']) }} as dyad_contact_month_key,
    country_a,
    country_b,
    month,
    kind,
    n_contacts::bigint as n_contacts,
    n_a_to_b::bigint as n_a_to_b,
    n_b_to_a::bigint as n_b_to_a,
    contacts_12m::bigint as contacts_12m,
    case when n_contacts > 0 then first_contact_date - previous_contact_date end as days_since_previous,
    n_head_of_state_or_government::bigint as n_head_of_state_or_government,
    n_minister::bigint as n_minister,
    n_intelligence_security::bigint as n_intelligence_security,
    n_delegation::bigint as n_delegation,
    n_month_uncertain::bigint as n_month_uncertain
from with_history

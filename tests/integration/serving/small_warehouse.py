"""A small warehouse with a `marts` schema shaped like dyadwatch's, built from SQL in a few
milliseconds, with values of every type the publishers must carry: dates and timestamps,
lists, structs and maps, NULLs, huge and unsigned integers, decimals, awkward text.

`version` changes the rows: version v holds `contact_count(v)` contacts, every row of
`fct_contacts` and `dyad_contacts_monthly` carries `build_version = v`, and
`sum(n_contacts)` of the monthly mart equals the count of the fact table, so a reader can
tell a complete build from a mix of two.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

WATCHED = ["IRN", "ISR", "RUS", "SAU", "SYR", "TUR", "USA"]
PAIRS = [("ISR", "USA"), ("IRN", "SAU"), ("RUS", "TUR"), ("SYR", "TUR")]
PUBLISHED_OBJECTS = [
    "dim_country",
    "dyad_contacts_monthly",
    "dyad_interactions_daily",
    "dyad_tone_daily",
    "fct_contacts",
    "v_contacts_by_kind",
]

SCHEMA_SQL = """
create schema if not exists marts;
create schema if not exists staging;
create or replace table staging.stg_not_published as select range as id from range(3);
"""

FACTS_SQL = """
create or replace table marts.fct_contacts as
with numbered as (select range as i from range($n_contacts))
select
    i::bigint as contact_id,
    ([['ISR', 'USA'], ['IRN', 'SAU'], ['RUS', 'TUR'], ['SYR', 'TUR']])[1 + i % 4][1] as country_a,
    ([['ISR', 'USA'], ['IRN', 'SAU'], ['RUS', 'TUR'], ['SYR', 'TUR']])[1 + i % 4][2] as country_b,
    (date '2023-11-01' + to_days(((i * 37 + $version * 11) % 540)::integer))::date as contact_date,
    (['visit', 'call', 'meeting'])[1 + (i // 4) % 3] as kind,
    case i % 5 when 0 then null when 1 then 'b_to_a' else 'a_to_b' end as direction,
    case i % 7 when 0 then null when 1 then []::bigint[] else [i * 10, i * 10 + 1, null] end as article_ids,
    case i % 9
        when 0 then null
        when 1 then ''
        when 2 then 'Talks on "border" issues; it''s ' || chr(9) || 'tabbed'
        when 3 then 'Line one' || chr(10) || 'line two, back\\slash and \\N'
        when 4 then 'Zürich – «quoted» ✓ 北京'
        else 'Contact ' || i::varchar
    end as headline,
    case when i % 6 = 0 then null else round(((i * 7919) % 1000) / 1000.0, 3)::double end as confidence,
    (timestamp '2024-01-01 08:30:00.123456' + to_seconds(i * 3601 + $version))::timestamp as reported_at,
    $version::integer as build_version
from numbered;
"""

MONTHLY_SQL = """
create or replace table marts.dyad_contacts_monthly as
with monthly as (
    select
        country_a,
        country_b,
        date_trunc('month', contact_date)::date as month,
        kind,
        count(*)::bigint as n_contacts,
        count(*) filter (where direction = 'a_to_b')::bigint as n_a_to_b,
        count(*) filter (where direction = 'b_to_a')::bigint as n_b_to_a
    from marts.fct_contacts
    group by all
)
select
    *,
    sum(n_contacts) over (
        partition by country_a, country_b, kind order by month
        range between interval 11 months preceding and current row
    )::bigint as contacts_12m,
    date_diff('day', lag(month) over (partition by country_a, country_b, kind order by month), month)::integer
        as days_since_previous,
    $version::integer as build_version
from monthly
order by country_a, country_b, month, kind;
"""

OTHER_MARTS_SQL = """
create or replace type tier as enum ('core', 'neighbour', 'other');
create or replace table marts.dim_country as
select * from (values
    ('ISR', 'Israel', ['Israël', 'State of Israel'], true, 9_800_000::hugeint, 22145.50::decimal(12, 2),
        {'capital': 'Jerusalem', 'un_member_since': 1949}, map {'fips': 'IS', 'cameo': 'ISR'},
        18446744073709551615::ubigint, 'core'::tier, '6f1c2a0e-2d4b-4c43-9f4e-0a1b2c3d4e5f'::uuid,
        timestamptz '2024-05-01 12:00:00+00'),
    ('USA', 'United States', [], true, -12345678901234567890123456789012345678::hugeint, 9833520.00::decimal(12, 2),
        {'capital': 'Washington', 'un_member_since': 1945}, map {'fips': 'US'},
        0::ubigint, 'core'::tier, null::uuid, null::timestamptz),
    ('TUR', 'Türkiye', ['Turkey', null], false, null::hugeint, null::decimal(12, 2),
        null, null, null::ubigint, 'neighbour'::tier, 'a0000000-0000-0000-0000-000000000001'::uuid,
        timestamptz '1999-12-31 23:59:59.999999+00'),
    ('SYR', 'Syria', null, true, -5::hugeint, 0.01::decimal(12, 2),
        {'capital': null, 'un_member_since': 1945}, map {}, 1::ubigint, null::tier, null::uuid,
        timestamptz '2024-02-29 00:00:00+00')
) as countries(
    iso3, country_name, aliases, is_watched, population, area_km2, profile, codes, gdp_usd, tier, country_uuid, updated_at
);

create or replace table marts.dyad_interactions_daily as
select
    'gdelt_v2' as source_system,
    (date '2024-01-01' + to_days(((i * 13) % 200)::integer))::date as day,
    case when i % 2 = 0 then 'ISR' else 'USA' end as actor1_country,
    case when i % 2 = 0 then 'USA' else 'ISR' end as actor2_country,
    (1 + i % 4)::tinyint as quad_class,
    (1 + i % 5)::bigint as n_records,
    (3 + i % 11)::bigint as n_mentions,
    case when i % 10 = 0 then null else ((i % 21) - 10) / 2.0 end as avg_goldstein,
    ((i % 17) - 8) / 3.0 as avg_tone,
    md5(i::varchar) as dyad_day_key
from range(60) as numbers(i);

create or replace table marts.dyad_tone_daily as
with days as (
    select
        pair[1] as country_a, pair[2] as country_b, source,
        (date '2024-01-01' + to_days(d::integer))::date as day,
        sin(d / 9.0 + length(source)) * 3 - 1 as mean_tone,
        (5 + d % 7)::bigint as n_items
    from (values (['ISR', 'USA']), (['RUS', 'TUR'])) as pairs(pair),
        (values ('gdelt'), ('articles')) as sources(source),
        range(90) as numbers(d)
)
select
    *,
    avg(mean_tone) over (partition by country_a, country_b, source order by day rows between 6 preceding and current row)
        as rolling_7d,
    avg(mean_tone) over (partition by country_a, country_b, source order by day rows between 29 preceding and current row)
        as rolling_30d
from days;

create or replace view marts.v_contacts_by_kind as
select kind, count(*) as n_contacts, list(distinct country_a order by country_a) as countries_a
from marts.fct_contacts
group by kind;
"""


def contact_count(version: int) -> int:
    return 40 + 13 * version


def build_small_warehouse(path: Path, version: int = 1) -> Path:
    """Create (or rebuild to `version`) the warehouse at `path`, and close it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    parameters = {"n_contacts": contact_count(version), "version": version}
    with duckdb.connect(str(path)) as connection:
        connection.execute(SCHEMA_SQL)
        connection.execute(FACTS_SQL, parameters)
        connection.execute(MONTHLY_SQL, {"version": version})
        connection.execute(OTHER_MARTS_SQL)
    return path


def set_contact_version(path: Path, version: int) -> None:
    """Rebuild only the two contact marts, as a new build of them would."""
    with duckdb.connect(str(path)) as connection:
        connection.execute(FACTS_SQL, {"n_contacts": contact_count(version), "version": version})
        connection.execute(MONTHLY_SQL, {"version": version})

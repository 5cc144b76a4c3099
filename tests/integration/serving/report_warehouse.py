"""A DuckDB file with the marts the chart report reads, shaped as dbt builds them, holding a
few rows a test can name: Iraq–Syria contacts with the sentences behind them, ten days of
Iraq–Syria tone, and Israel–Türkiye tone and events. `sources` drops rows as a landing
folder without articles (or without GDELT) would leave them: every mart there, some empty.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

WATCHED = ["IRQ", "SYR", "TUR", "JOR", "ISR"]
SHATRI_SENTENCE = "Iraqi Intelligence Chief Hamid al-Shatri arrived in Damascus on December 26, 2024."
SHATRI_QUOTE = "Hamid al-Shatri arrived in Damascus"
SHATRI_URL = "https://news.example/iraq-syria?visit=shatri&day=26"
SUMMIT_SENTENCE = "Baghdad invited al-Sharaa <script>alert('summit')</script> to the Arab summit."

SCHEMA_SQL = """
create schema marts;
create table marts.dim_country (iso3 varchar, country_name varchar, is_watched boolean);
insert into marts.dim_country values
    ('IRQ', 'Iraq', true), ('SYR', 'Syria', true), ('TUR', 'Türkiye', true),
    ('JOR', 'Jordan', true), ('ISR', 'Israel', true);

create table marts.fct_contacts (
    contact_id varchar, kind varchar, status varchar, counts_as_contact boolean,
    actor_country varchar, counterpart_country varchar, participant_countries varchar[],
    location_city varchar, location_country varchar, date_from date, date_to date,
    date_precision varchar, n_reports integer, n_outlets integer, date_conflict boolean,
    first_reported date, official_level varchar
);
insert into marts.fct_contacts values
    ('shatri', 'visit', 'occurred', true, 'IRQ', 'SYR', ['IRQ', 'SYR'], 'Damascus', 'SYR',
        date '2024-12-26', date '2024-12-26', 'day', 2, 2, false, date '2025-01-02', 'intelligence_security'),
    ('summit', 'multilateral_meeting', 'planned', false, 'IRQ', 'SYR', ['IRQ', 'SYR', 'TUR'], 'Baghdad', 'IRQ',
        date '2025-05-17', date '2025-05-17', 'day', 1, 1, false, date '2025-04-02', 'delegation'),
    ('call', 'phone_call', 'declined', false, 'SYR', 'IRQ', ['IRQ', 'SYR'], null, null,
        null, null, 'none', 1, 1, false, null, 'head_of_state_or_government');

create table marts.dim_article (
    article_id varchar, source_file varchar, url varchar, title varchar, outlet varchar,
    published_date date, text varchar
);
insert into marts.dim_article values
    ('a1', '001_shatri.txt', 'https://news.example/iraq-syria?visit=shatri&day=26', 'Shatri in Damascus', 'Example News',
        date '2025-01-02', 'long text'),
    ('a2', '004_border.txt', null, null, null, date '2025-01-05', 'long text'),
    ('a3', '007_summit.txt', 'javascript:alert(1)', 'Summit <b>invitation</b>', null, date '2025-04-02', 'long text');

create table marts.fct_contact_reports as
select
    report_id, contact_id, articles.article_id, articles.article_id as canonical_article_id,
    articles.source_file, articles.outlet, articles.url, articles.title, articles.published_date,
    sentence, quote
from (values
    ('r1', 'shatri', 'a1', 'Iraqi Intelligence Chief Hamid al-Shatri arrived in Damascus on December 26, 2024.',
        'Hamid al-Shatri arrived in Damascus'),
    ('r2', 'shatri', 'a2', 'In late December Baghdad sent Hamid al-Shatri to Damascus.', 'sent Hamid al-Shatri to Damascus'),
    ('r3', 'summit', 'a3', 'Baghdad invited al-Sharaa <script>alert(''summit'')</script> to the Arab summit.',
        'invited al-Sharaa'),
    ('r4', 'call', 'a2', 'Al-Sharaa declined a call from Baghdad.', 'declined a call')
) as reports(report_id, contact_id, article_id, sentence, quote)
inner join marts.dim_article as articles on reports.article_id = articles.article_id;

create table marts.dyad_contacts_monthly as
select * from (values
    ('IRQ', 'SYR', date '2024-12-01', 'visit', 1::bigint, 1::bigint, 0::bigint, 1::bigint)
) as monthly(country_a, country_b, month, kind, n_contacts, n_a_to_b, n_b_to_a, contacts_12m);

create table marts.dyad_tone_daily as
select
    'IRQ' as country_a, 'SYR' as country_b, date '2025-01-01' + to_days(d::integer) as day,
    'gdelt_v2_events' as tone_source, -3.0 + d / 3.0 as mean_tone, 4::bigint as n_items, 10.0 as total_weight
from range(10) as days(d)
union all
select 'IRQ', 'SYR', date '2025-01-02', 'articles', 2.5, 1, 1.0
union all
select 'ISR', 'TUR', date '2025-01-05', 'gdelt_v2_gkg', -6.5, 2, 2.0;

create table marts.dyad_tone_monthly as
select country_a, country_b, date_trunc('month', day)::date as month, tone_source,
    avg(mean_tone) as mean_tone, sum(n_items)::bigint as n_items, sum(total_weight) as total_weight
from marts.dyad_tone_daily group by all;

create table marts.dyad_interactions_daily as
select * from (values
    ('gdelt_v2', date '2025-01-05', 'ISR', 'TUR', 4::tinyint, 3::bigint),
    ('gdelt_v2', date '2025-01-06', 'TUR', 'ISR', 1::tinyint, 2::bigint)
) as events(source_system, day, actor1_country, actor2_country, quad_class, n_records);
"""

ARTICLE_MARTS = ("fct_contacts", "fct_contact_reports", "dim_article", "dyad_contacts_monthly")
GDELT_MARTS = ("dyad_interactions_daily",)
TONE_MARTS = ("dyad_tone_daily", "dyad_tone_monthly")


def build_report_warehouse(path: Path, sources: tuple[str, ...] = ("articles", "gdelt")) -> Path:
    """The marts, with only the rows of `sources` (`articles`, `gdelt`); every mart exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as connection:
        connection.execute(SCHEMA_SQL)
        if "articles" not in sources:
            for mart in ARTICLE_MARTS:
                connection.execute(f"delete from marts.{mart}")
            for mart in TONE_MARTS:
                connection.execute(f"delete from marts.{mart} where tone_source = 'articles'")
        if "gdelt" not in sources:
            for mart in GDELT_MARTS:
                connection.execute(f"delete from marts.{mart}")
            for mart in TONE_MARTS:
                connection.execute(f"delete from marts.{mart} where tone_source like 'gdelt%'")
    return path

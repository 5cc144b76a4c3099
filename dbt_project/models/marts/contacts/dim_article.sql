with articles as (
    select * from {{ ref('stg_articles__articles') }}
),

article_tone as (
    select * from {{ ref('stg_articles__article_tone') }}
),

sentences as (
    {{ rows_per(ref('stg_articles__sentences'), 'article_id', 'n_sentences') }}
),

reports as (
    {{ rows_per(ref('stg_articles__contact_reports'), 'article_id', 'n_contact_reports') }}
),

described as (
    select
        articles.article_id,
        articles.source_file,
        articles.article_index_in_file,
        articles.url,
        articles.title,
        articles.outlet,
        articles.published_date,
        articles.dateline_city,
        articles.language,
        articles.canonical_article_id,
        articles.is_duplicate,
        articles.n_chars::bigint as n_chars,
        article_tone.n_words::bigint as n_words,
        article_tone.vader_compound,
        article_tone.gdelt_tone,
        article_tone.tone_missing_reason,
        coalesce(sentences.n_sentences, 0) as n_sentences,
        coalesce(reports.n_contact_reports, 0) as n_contact_reports,
        articles.text
    from articles
    left join article_tone on articles.article_id = article_tone.article_id
    left join sentences on articles.article_id = sentences.article_id
    left join reports on articles.article_id = reports.article_id
)

select * from described

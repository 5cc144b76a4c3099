with article_texts as (
    select * from {{ source('articles', 'article_texts') }}
),

article_tone as (
    select * from {{ source('articles', 'article_tone') }}
),

described as (
    select
        article_texts.article_id,
        article_texts.source_file,
        article_texts.article_index_in_file,
        article_texts.url,
        article_texts.title,
        article_texts.outlet,
        article_texts.published_date,
        article_texts.dateline_city,
        article_texts.language,
        article_texts.canonical_article_id,
        article_texts.is_duplicate,
        article_texts.n_chars,
        article_tone.vader_compound,
        article_tone.gdelt_tone,
        article_tone.n_words,
        article_texts.text
    from article_texts
    left join article_tone on article_texts.article_id = article_tone.article_id
)

select * from described

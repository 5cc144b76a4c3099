with sentences as (
    select * from {{ ref('stg_articles__sentences') }}
),

mentions as (
    select * from {{ ref('stg_articles__actor_mentions') }}
),

named_in_sentence as (
    select
        article_id,
        sentence_number,
        list_sort(list(distinct actor_id) filter (where actor_id is not null)) as actor_ids,
        list_sort(list(distinct country) filter (where country is not null)) as countries
    from mentions
    group by article_id, sentence_number
),

described as (
    select
        sentences.sentence_key,
        sentences.article_id,
        sentences.sentence_number,
        sentences.paragraph_number,
        sentences.char_start,
        sentences.char_end,
        sentences.sentence,
        sentences.is_repeated_paragraph,
        coalesce(named_in_sentence.actor_ids, []) as actor_ids,
        coalesce(named_in_sentence.countries, []) as countries
    from sentences
    left join named_in_sentence
        on
            sentences.article_id = named_in_sentence.article_id
            and sentences.sentence_number = named_in_sentence.sentence_number
)

select * from described

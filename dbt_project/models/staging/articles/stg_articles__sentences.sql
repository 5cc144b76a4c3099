select
    article_id,
    sentence_number,
    paragraph_number,
    char_start,
    char_end,
    text as sentence,
    is_repeated_paragraph,
    article_id || ':' || sentence_number as sentence_key
from {{ source('articles', 'article_sentences') }}

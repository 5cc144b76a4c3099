select
    article_id,
    sentence_number,
    country_a,
    country_b,
    vader_compound,
    gdelt_tone
from {{ source('articles', 'article_sentence_tone') }}

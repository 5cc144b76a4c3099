select
    article_id,
    vader_compound,
    gdelt_tone,
    n_words
from {{ source('articles', 'article_tone') }}

select * from {{ source('articles', 'article_contacts') }}

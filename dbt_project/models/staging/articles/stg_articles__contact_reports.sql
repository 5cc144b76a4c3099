select * from {{ source('articles', 'article_contact_reports') }}

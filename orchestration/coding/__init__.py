"""The article pipeline: raw article files in, articles, sentences, actor mentions, coded
contacts and tone out. Every module here is pure (text and frames in, records and frames
out); the only files read are the gazetteer seeds in `dbt_project/seeds/`.

`pipeline.process_articles` is the single entry point.
"""

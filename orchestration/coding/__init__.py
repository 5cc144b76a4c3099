"""The article pipeline: raw article files in, articles, sentences, actor mentions, coded
contacts and tone out. Every module here is pure (text and frames in, records and frames
out); the only files read are the gazetteer seeds in `dbt_project/seeds/`, and the
package's own source, which `fingerprint.py` hashes.

`pipeline.process_articles` codes a whole corpus; `increments.code_increment` codes the
articles of new or changed files into a coded corpus (`file_changes.py` says which), with
the same result.
"""

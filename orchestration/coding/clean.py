"""Articles as landed into article text without furniture, with their metadata.

Source: the documents of `split.split_files` (one per article: text or HTML, plus any
metadata a JSON line carried). Grain of the result: one row per article with `article_id`,
`url`, `title`, `outlet`, `published_date`, `dateline_city`, `language` and `text` (the
paragraphs of the article, one blank line between two).

Steps:

1. text repair, per article: HTML pages through trafilatura (selectolax when it finds
   nothing); inline tags in text files through selectolax; mojibake through ftfy, only
   when ftfy's own detector says the text is bad; Thai-codepage curly quotes ("Syriaโs");
   broken tag fragments ('syrian/" class="...">'); photo credits inside captions.
2. line filters, for all articles at once in Polars: page addresses, date lines, header
   tokens ("date 2025-04-04", "Shafaq News/"), furniture lines, link lists after "READ
   MORE", footers and everything after them, paywall blocks, aggregator boilerplate and
   lines in another script (spam headers).
3. metadata, per article: the title (the first short header line, or the one given), the
   publication date (given, else header line or header token, else dateline, else page
   address), the dateline city and agency, the outlet (page host through
   `gazetteer_outlets.csv`, else the site's name or domain, else the credit or agency
   of the dateline) and the language by script.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from urllib.parse import urlparse

import ftfy
import polars as pl
from ftfy.badness import is_bad
from selectolax.lexbor import LexborHTMLParser

from orchestration.coding import furniture
from orchestration.coding.dates import date_from_url, parse_date_string
from orchestration.coding.gazetteer import Gazetteer

CLEAN_SCHEMA = {
    "article_id": pl.String,
    "source_file": pl.String,
    "article_index_in_file": pl.Int32,
    "url": pl.String,
    "title": pl.String,
    "outlet": pl.String,
    "published_date": pl.Date,
    "dateline_city": pl.String,
    "language": pl.String,
    "text": pl.String,
}

_INLINE_TAG = re.compile(r"<(?:a|i|b|em|strong|p|br|span|div|u|sup|sub|h[1-6]|li|ul|ol|blockquote)\b[^>]*>|</(?:a|i|b|em|strong|p|span|div|u|sup|sub|h[1-6]|li|ul|ol|blockquote)>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|br|div|h[1-6]|li|blockquote)\b[^>]*>|</(?:p|div|h[1-6]|li|blockquote)>", re.IGNORECASE)
_BROKEN_TAG = re.compile(r'[^\s"]*"\s+(?:class|href|target|rel|id|style|title|data-[\w-]+)="[^"]*"(?:\s+[\w-]+="[^"]*")*\s*/?>')
_THAI_QUOTE = re.compile(r"(?<=[A-Za-z])[\u0e00-\u0e7f]{1,3}(?=[A-Za-z\s])")
_THAI_LETTER = re.compile(r"[\u0e00-\u0e7f]")
_INVISIBLE = (("\u200b", ""), ("\u200c", ""), ("\u200e", ""), ("\u200f", ""), ("\ufeff", ""), ("\u00ad", ""), ("\u00a0", " "), ("\t", " "))
_TITLE_SUFFIX = re.compile(r"\s*(?:\|\s*[^|]{1,40}|\s\.{3}\s*\S.{0,30}|…\s*\S.{0,30}|\.{3}\S.{0,30})$")
_NOT_ALNUM = re.compile(r"[^\w]+")

# "QAMISHLI, syria (North Press) –", "ERBIL (Kurdistan24) -", "BAGHDAD, Jan. 21 (Xinhua) --",
# "Damascus (AFP) May 12, 2025": the city is in capitals or followed by an agency in brackets.
_DATELINE_CAPITALS = re.compile(
    r"^(?P<city>[A-Z][A-Z'’.\- ]{2,30}?)(?:,\s*(?P<detail>[^()\n]{2,50}?))?\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:[-–—]{1,2}|:)\s+(?=[A-Z\"“‘'])"
)
_DATELINE_AGENCY = re.compile(
    r"^(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:,\s*(?P<detail>[^()\n]{2,40}?))?\s*\((?P<agency>[^)]{2,40})\)\s*(?:[-–—]{1,2}\s|(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\s*$)"
)

_SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "han": re.compile(r"[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]"),
}
_FUNCTION_WORDS = {
    "en": re.compile(r"\b(?:the|and|of|to|in|is|that|for|on|with|was|has|said)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:le|la|les|des|et|est|une|du|dans|pour|qui)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:el|los|las|y|que|del|una|por|con|para)\b", re.IGNORECASE),
    "de": re.compile(r"\b(?:der|die|das|und|ist|nicht|mit|den|dem|ein)\b", re.IGNORECASE),
    "tr": re.compile(r"\b(?:ve|bir|bu|ile|için|olarak|da|de)\b", re.IGNORECASE),
}
_WORD = re.compile(r"\w+")
_LANGUAGE_SAMPLE = 3000
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Characters that mojibake (UTF-8 read as Latin-1 or Windows-1252) is made of; ftfy's
# detector only runs on a text that has one of them.
_MOJIBAKE_HINTS = ("Ã", "Â", "â€", "Ð", "Ø", "Ù", "Ú", "Ã©", "�", "ï»¿", "Å", "Ä")


def article_id(source_file: str, index_in_file: int) -> str:
    """Stable id of an article: a hash of its file name and its place in the file."""
    return hashlib.sha1(f"{source_file}#{index_in_file}".encode()).hexdigest()[:16]


def extract_html(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page: trafilatura, else selectolax."""
    import trafilatura

    metadata: dict[str, str | None] = {"url": None, "title": None, "published_at": None, "sitename": None}
    extracted = None
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError):
        extracted = None
    if extracted is not None:
        metadata.update(
            url=getattr(extracted, "url", None),
            title=getattr(extracted, "title", None),
            published_at=getattr(extracted, "date", None),
            sitename=getattr(extracted, "sitename", None),
        )
    text = getattr(extracted, "text", None) if extracted is not None else None
    tree = LexborHTMLParser(html)
    if not metadata["title"]:
        node = tree.css_first("meta[property='og:title']") or tree.css_first("title")
        metadata["title"] = (node.attributes.get("content") if node.tag == "meta" else node.text()) if node else None
    if not metadata["url"]:
        node = tree.css_first("link[rel='canonical']") or tree.css_first("meta[property='og:url']")
        metadata["url"] = (node.attributes.get("href") or node.attributes.get("content")) if node else None
    if not metadata["published_at"]:
        node = tree.css_first("meta[property='article:published_time']") or tree.css_first("meta[name='date']") or tree.css_first("time[datetime]")
        metadata["published_at"] = (node.attributes.get("content") or node.attributes.get("datetime")) if node else None
    if not text or not text.strip():
        for selector in ("script", "style", "nav", "header", "footer", "aside", "form", "noscript"):
            for node in tree.css(selector):
                node.decompose()
        blocks = [node.text(separator=" ").strip() for node in tree.css("h1, h2, h3, p, li")]
        text = "\n".join(block for block in blocks if block) or (tree.body.text(separator="\n") if tree.body else "")
    return text, metadata


def repair_text(text: str) -> str:
    """Text as its author wrote it: tags, mojibake and invisible characters taken out."""
    for character, replacement in _INVISIBLE:
        if character in text:
            text = text.replace(character, replacement)
    if "<" in text and _INLINE_TAG.search(text):
        text = _BLOCK_TAG.sub("\n", text)
        text = LexborHTMLParser(f"<body>{text}</body>").body.text(separator="")
    if not text.isascii():
        if any(hint in text for hint in _MOJIBAKE_HINTS) and is_bad(text):
            text = ftfy.fix_text(text, uncurl_quotes=False, unescape_html=False)
        if _THAI_LETTER.search(text) and _THAI_QUOTE.search(text) and len(_SCRIPTS["latin"].findall(text)) > 20 * len(_THAI_LETTER.findall(text)):
            text = _THAI_QUOTE.sub("’", text)
    if '="' in text:
        text = _BROKEN_TAG.sub("", text)
    return furniture.strip_caption_credits(text)


def detect_language(text: str) -> str:
    """ISO 639-1 code by script; among Latin-script texts by function words; 'und' if unclear.

    The first 3,000 characters decide: enough for the script and the function words.
    """
    sample = text[:_LANGUAGE_SAMPLE]
    if not sample.strip():
        return "und"
    if not sample.isascii():
        special = _NON_ASCII.findall(sample)
        counts = {
            "arabic": sum(1 for character in special if "\u0600" <= character <= "\u06ff"),
            "cyrillic": sum(1 for character in special if "\u0400" <= character <= "\u04ff"),
            "hebrew": sum(1 for character in special if "\u0590" <= character <= "\u05ff"),
            "han": sum(1 for character in special if "\u3040" <= character <= "\u9fff" or "\uac00" <= character <= "\ud7af"),
        }
        script = max(counts, key=counts.get)
        if counts[script] > (len(sample) - len(special)) // 2:
            if script == "arabic":
                persian = sum(1 for character in special if character in "پچژگکی")
                return "fa" if persian > counts["arabic"] * 0.02 else "ar"
            return {"cyrillic": "ru", "hebrew": "he", "han": "zh"}[script]
    words = max(1, len(_WORD.findall(sample)))
    english = len(_FUNCTION_WORDS["en"].findall(sample)) / words
    if english >= 0.05:
        return "en"
    ratios = {language: len(pattern.findall(sample)) / words for language, pattern in _FUNCTION_WORDS.items()}
    language = max(ratios, key=ratios.get)
    return language if ratios[language] >= 0.05 else "und"


def _line_frame(texts: list[str]) -> pl.DataFrame:
    """One row per line of every article, with the flags that decide what is kept."""
    frame = pl.DataFrame({"doc": list(range(len(texts))), "line": texts}, schema={"doc": pl.Int64, "line": pl.String})
    line = pl.col("line")
    lines = (
        frame.with_columns(line.str.split("\n"))
        .explode("line")
        .with_columns(pl.int_range(pl.len()).over("doc").alias("line_no"))
        .with_columns(line.str.replace_all(furniture.LEADING_SYMBOLS, "").str.replace_all(r" {2,}", " ").str.strip_chars())
        .with_columns(
            line.str.contains(furniture.URL_LINE).alias("is_url"),
            line.str.contains(furniture.FURNITURE_LINE).alias("is_furniture"),
            line.str.contains(furniture.FOOTER_LINE).alias("is_footer"),
            line.str.contains(furniture.LINK_LIST_HEADING).alias("is_link_heading"),
            line.str.contains(furniture.REPUBLISHER_BOILERPLATE).alias("is_boilerplate"),
            line.str.contains(furniture.PAYWALL_CUE).alias("is_paywall"),
        )
        .with_columns(
            line.str.extract(furniture.DATE_HEADER_PREFIX, 1).alias("header_date"),
            line.str.extract(r"^([A-Z][A-Za-z0-9 .&'’-]{1,40}?)/\s", 1).alias("credit"),
            line.str.extract(r"^\(([A-Z][A-Za-z0-9 .&'’-]{1,30})\)\s", 1).alias("bracket_credit"),
        )
        .with_columns(
            line.str.replace(furniture.DATE_HEADER_PREFIX, "")
            .str.replace(r"^[A-Z][A-Za-z0-9 .&'’-]{1,40}?/\s+", "")
            .str.replace(r"^\([A-Z][A-Za-z0-9 .&'’-]{1,30}\)\s+", "")
            .str.strip_chars()
        )
    )
    n_words = line.str.count_matches(r"\w+")
    lines = lines.with_columns(
        n_words.alias("n_words"),
        line.str.contains(r"[.!?…:\"”’)\]]$").alias("ends_sentence"),
        (line == "").alias("is_blank"),
        line.str.contains(furniture.DATE_LINE).alias("is_date_line"),
        (line.str.count_matches(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]") * 3 > line.str.len_chars()).alias("is_foreign_script"),
    )
    headline_like = ~pl.col("ends_sentence") & (pl.col("n_words") <= 20)
    paywall_first = pl.when(pl.col("is_paywall")).then(pl.col("line_no")).min().over("doc")
    paywall_last = pl.when(pl.col("is_paywall")).then(pl.col("line_no")).max().over("doc")
    # A footer ends the article only after some of it: "Related Post" above the title is navigation.
    looks_like_prose = ((pl.col("n_words") >= 12) & pl.col("ends_sentence")) | (pl.col("n_words") >= 25)
    prose_above = looks_like_prose.cast(pl.Int32).cum_sum().over("doc") - looks_like_prose.cast(pl.Int32) > 0
    lines = lines.with_columns(
        (~headline_like & ~pl.col("is_blank")).cast(pl.Int32).cum_sum().over("doc").alias("run"),
        (pl.col("is_footer") & prose_above).cum_max().over("doc").alias("after_footer"),
        (
            pl.col("is_paywall")
            | (
                (pl.col("line_no") >= paywall_first)
                & (pl.col("line_no") <= paywall_last)
                & (paywall_last - paywall_first <= 40)
                & (pl.col("n_words") < 25)
            ).fill_null(False)
        ).alias("in_paywall"),
    ).with_columns(pl.col("is_link_heading").cum_max().over("doc", "run").alias("in_link_list"))
    dropped = (
        pl.col("is_blank") | pl.col("is_url") | pl.col("is_date_line") | pl.col("is_furniture") | pl.col("after_footer")
        | pl.col("in_link_list") | pl.col("in_paywall") | pl.col("is_boilerplate") | pl.col("is_foreign_script")
    )
    is_prose = ~dropped & (((pl.col("n_words") >= 12) & pl.col("ends_sentence")) | (pl.col("n_words") >= 25))
    return lines.with_columns(dropped.alias("dropped"), is_prose.cum_max().over("doc").alias("body_started"))


def _normalised(value: str) -> str:
    return _NOT_ALNUM.sub(" ", value.lower()).strip()


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url if "://" in url else f"http://{url}").hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = _TITLE_SUFFIX.sub("", " ".join(title.split())).strip(" -–—|")
    return title or None


def clean_documents(documents: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Clean text and metadata of every document of `split.split_files` (see module doc)."""
    rows = documents.to_dicts()
    prepared: list[str] = []
    html_metadata: list[dict[str, str | None]] = []
    for row in rows:
        content = row["content"] or ""
        metadata: dict[str, str | None] = {}
        if row["content_is_html"]:
            content, metadata = extract_html(content)
        html_metadata.append(metadata)
        prepared.append(repair_text(content))
    if not rows:
        return pl.DataFrame(schema=CLEAN_SCHEMA)
    lines = _line_frame(prepared)
    per_doc = (
        lines.group_by("doc", maintain_order=True)
        .agg(
            pl.col("line").filter(pl.col("is_url")).first().alias("url_line"),
            pl.col("header_date").drop_nulls().first().alias("header_date"),
            pl.col("line").filter(pl.col("is_date_line") & (pl.col("line_no") < 25)).first().alias("date_line"),
            pl.col("credit").filter(~pl.col("dropped")).drop_nulls().first().alias("credit"),
            pl.col("bracket_credit").filter(~pl.col("dropped")).drop_nulls().first().alias("bracket_credit"),
            pl.col("line").filter(~pl.col("dropped")).alias("kept"),
            pl.col("body_started").filter(~pl.col("dropped")).alias("kept_in_body"),
            pl.col("n_words").filter(~pl.col("dropped")).alias("kept_words"),
        )
        .sort("doc")
    )
    cleaned = [
        _finish(row, metadata, summary, gazetteer)
        for row, metadata, summary in zip(rows, html_metadata, per_doc.iter_rows(named=True))
    ]
    return pl.DataFrame(cleaned, schema=CLEAN_SCHEMA)


def _finish(row: dict, metadata: dict, summary: dict, gazetteer: Gazetteer) -> dict:
    lines = list(zip(summary["kept"], summary["kept_in_body"], summary["kept_words"]))
    url = row["url"] or metadata.get("url") or summary["url_line"]

    title = _clean_title(row["title"] or metadata.get("title"))
    if title is None:
        for position, (line, in_body, n_words) in enumerate(lines):
            if in_body:
                break
            if 2 <= n_words <= 30 and not _DATELINE_AGENCY.match(line):
                title = _clean_title(line)
                del lines[position]
                break
    if title:
        # Sites repeat the title (and follow it with their name): drop those lines.
        key = _normalised(title)
        title_words = len(key.split())

        def repeats_title(line: str) -> bool:
            normalised = _normalised(line)
            return normalised == key or (normalised.startswith(key) and len(normalised.split()) <= title_words + 4)

        lines = [entry for entry in lines if not repeats_title(entry[0])]

    dateline_city = agency = dateline_date = None
    first_body = next((position for position, entry in enumerate(lines) if entry[1]), len(lines))
    for line, _, _ in lines[: first_body + 3]:
        match = _DATELINE_CAPITALS.match(line) or _DATELINE_AGENCY.match(line)
        if match:
            dateline_city = match.group("city").strip(" -").title()
            agency = (match.group("agency") or "").strip() or None
            dateline_date = match.groupdict().get("date")
            break
    # Short lines before the first paragraph of prose are the page's header (site name,
    # section, byline, dateline line): the article starts with its first paragraph.
    kept = [line for line, _, _ in lines[first_body:]] if first_body < len(lines) else [line for line, _, _ in lines]

    published = (
        parse_date_string(row["published_at"])
        or parse_date_string(metadata.get("published_at"))
        or parse_date_string(summary["header_date"])
        or parse_date_string(summary["date_line"])
        or parse_date_string(dateline_date)
        or date_from_url(url)
    )
    host = _host(url)
    # The site that published the page first; an agency credit only when no page address is known.
    outlet = (
        (gazetteer.outlet_for_host(host) if host else None)
        or metadata.get("sitename")
        or summary["credit"]
        or (_registrable_domain(host) if host else None)
        or summary["bracket_credit"]
        or agency
    )
    text = "\n\n".join(kept)
    return {
        "article_id": article_id(row["source_file"], row["article_index_in_file"]),
        "source_file": row["source_file"],
        "article_index_in_file": row["article_index_in_file"],
        "url": url,
        "title": title,
        "outlet": outlet,
        "published_date": published if isinstance(published, dt.date) else None,
        "dateline_city": dateline_city,
        "language": detect_language(text),
        "text": text,
    }


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "news"})


def _registrable_domain(host: str) -> str:
    """The name a site is registered under ("www.dailyminer.org" -> "dailyminer.org")."""
    parts = host.removeprefix("www.").split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])

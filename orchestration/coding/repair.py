"""Text repair, one article at a time: the main text of an HTML page, and a text as its author
wrote it (inline tags, mojibake, Thai-codepage quotes, broken tag fragments, invisible
characters and photo credits taken out).
"""

import re

import ftfy
from ftfy.badness import is_bad
from selectolax.lexbor import LexborHTMLParser

from orchestration.coding import furniture

_INLINE_TAG = re.compile(
    r"<(?:a|i|b|em|strong|p|br|span|div|u|sup|sub|h[1-6]|li|ul|ol|blockquote)\b[^>]*>|</(?:a|i|b|em|strong|p|span|div|u|sup|sub|h[1-6]|li|ul|ol|blockquote)>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"<(?:p|br|div|h[1-6]|li|blockquote)\b[^>]*>|</(?:p|div|h[1-6]|li|blockquote)>", re.IGNORECASE)
_BROKEN_TAG = re.compile(
    r'[^\s"]*"\s+(?:class|href|target|rel|id|style|title|data-[\w-]+)="[^"]*"(?:\s+[\w-]+="[^"]*")*\s*/?>'
)
_THAI_QUOTE = re.compile(r"(?<=[A-Za-z])[\u0e00-\u0e7f]{1,3}(?=[A-Za-z\s])")
_THAI_LETTER = re.compile(r"[\u0e00-\u0e7f]")
_INVISIBLE = (
    ("\u200b", ""),
    ("\u200c", ""),
    ("\u200e", ""),
    ("\u200f", ""),
    ("\ufeff", ""),
    ("\u00ad", ""),
    ("\u00a0", " "),
    ("\t", " "),
)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Characters that mojibake (UTF-8 read as Latin-1 or Windows-1252) is made of; ftfy's
# detector only runs on a text that has one of them.
_MOJIBAKE_HINTS = ("Ã", "Â", "â€", "Ð", "Ø", "Ù", "Ú", "Ã©", "�", "ï»¿", "Å", "Ä")


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
        node = (
            tree.css_first("meta[property='article:published_time']")
            or tree.css_first("meta[name='date']")
            or tree.css_first("time[datetime]")
        )
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
        if (
            _THAI_LETTER.search(text)
            and _THAI_QUOTE.search(text)
            and len(_LATIN_LETTER.findall(text)) > 20 * len(_THAI_LETTER.findall(text))
        ):
            text = _THAI_QUOTE.sub("’", text)
    if '="' in text:
        text = _BROKEN_TAG.sub("", text)
    return furniture.strip_caption_credits(text)

"""What a news page wraps around an article, as line patterns.

Source: the page furniture seen in landed articles (ad slots, view counters, share and
store buttons, "READ MORE" link lists, paywall offers, aggregator boilerplate, spam
header lines) and the conventions of news sites in general. Grain: one pattern per kind
of line; each pattern is matched against a whole line with its leading bullets, emoji
and symbols taken off (see `LEADING_SYMBOLS`).

The patterns use the syntax common to Python's `re` and Rust's `regex` (no look-around),
so the same strings serve the per-file splitter (Python) and the vectorised line
filters in `clean.py` (Polars).
"""

from __future__ import annotations

import re

# Bullets, emoji and symbols that sites put before header lines ("📅 October 27, 2025").
LEADING_SYMBOLS = r"^[\s\p{So}\p{Sk}\p{Sm}\p{Cf}•·▪►▶|*#>]+"
LEADING_SYMBOLS_PYTHON = r"^[\s•·▪►▶|*#>\u200d\ufe0f\u2600-\u27bf\U0001f000-\U0001faff]+"

_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_WORD = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"

DATE_LINE = (
    r"(?i)^(?:" + _WEEKDAY_WORD + r",?\s+)?(?:"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r",?\s+\d{4}"
    r"|" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[ t]\d{2}:\d{2}(?::\d{2})?)?"
    r")(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?"
    # A reading time after the date ("Feb. 04, 2025 • 2 min read").
    r"(?:\s*[•·|]\s*\d{1,3}\s*min(?:ute)?s?\s+read)?\s*$"
)

# A header token some aggregators put before the text: " date 2025-04-04 403 ...".
DATE_HEADER_PREFIX = r"^date (\d{4}-\d{2}-\d{2})(?: \d+)?(?:\s+|$)"

URL_LINE = r"^https?://\S+$"

FURNITURE_LINE = (
    r"(?i)^(?:"
    r"ad space.*|advertisement\s*\d*|sponsored(?: content)?|share:?|share this(?: article| story)?|logo|updated|news|world"
    r"|print|e-?mail|comments?|listen(?: to this article)?|copy link|tags?:.*|topics?:.*|\(tagstotranslate\).*"
    r"|external source|breaking news:.*|source:\s*\S.{0,40}|editor:\s*\S.{0,40}|by|via\s[^.,;:]{1,60}|by\s[^.,;:]{1,50}"
    r"|reporting by .*|editing by .*|\(reporting by .*|\d[\d,.]*k?\s+views?|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?"
    r"|.{0,40}\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|godzin[ay]?|minut|saat|heures?|horas?|stunden)\s+(?:ago|temu|önce|avant)"
    r"|(?:afp|reuters|ap|xinhua|anadolu|ina|sana|irna|dpa)"
    r"|read:.*|read also:?.*|also read:?.*|see also:?.*|watch:.*"
    r"|apple store\s*google play|apple storegoogle play|download (?:our|the) app.*|get the app.*"
    r"|follow us .*|join our .* channel.*|subscribe .*|sign up .*|newsletter.*"
    r"|note|the views and opinions expressed .*|.*do not necessarily reflect the views.*"
    r"|photo:.*|\(photo:.*\)|file photo.*|image:.*|credit:.*"
    r")$"
)

# Credits inside a photo caption, which itself is kept: "(Photo: Kurdistan24)", "REUTERS/Name/File Photo".
CAPTION_CREDIT_BRACKETED = r"(?i) ?\((?:photos?|images?|credits?|source) ?:[^)\n]*\)"
CAPTION_CREDIT_AGENCY = r" ?\b(?:REUTERS|AFP|AP|GETTY IMAGES|EPA)/[^\n]*$"

# A heading after which a site lists links to other stories, one headline a line.
LINK_LIST_HEADING = (
    r"(?i)^(?:read more|more from .{1,30}|next in .{1,30}|related(?: news| articles?| stories| posts?)?|most read|most popular"
    r"|trending(?: now)?|you may also like|you might also like|recommended(?: for you)?|latest news|top stories|more stories|read next)\s*:?$"
)

# A line after which nothing of the article follows (site footer).
FOOTER_LINE = (
    r"(?i)^(?:back to top(?: button)?|related posts?|most viewed.*|also on site\s*:?|last updated\s*:?.*|read more details"
    r"|all rights reserved.*|©.*|copyright .*|\(tagstotranslate\).*)$"
)

# Sentences with which aggregators that republish an article describe themselves.
REPUBLISHER_BOILERPLATE = (
    r"(?i)(?:editorial team at \S+ has edited|was published today|available on .{1,40} \(|from its original source"
    r"|we wish \S+ provided you|you can read and follow the updates|this article was originally published"
    r"|originally appeared on|is republished from)"
)

# Lines of a paywall offer: prices per period, subscription words.
PAYWALL_CUE = (
    r"(?i)(?:[€$£]\s?\d[\d.,]*\s*(?:/|per)\s*(?:month|year|week)|\d[\d.,]*\s?[€$£]\s*(?:/|per)\s*(?:month|year|week)"
    r"|\d[\d.,]*\s?[€$£]/(?:month|year)|(?:/|per )(?:month|year)\*?$|subscri(?:be|ption)|no commitment|cancel anytime"
    r"|full (?:professional |annual )?access|digital (?:pro )?pass|free trial|already a subscriber|log in to (?:read|continue)"
    r"|unlock (?:this|full) (?:article|access)|premium (?:content|access)|introductory (?:annual |monthly )?price|special launch offer)"
)

FURNITURE_LINE_RE = re.compile(FURNITURE_LINE)
_CAPTION_CREDIT_BRACKETED_RE = re.compile(CAPTION_CREDIT_BRACKETED)
_CAPTION_CREDIT_AGENCY_RE = re.compile(CAPTION_CREDIT_AGENCY, re.MULTILINE)
_CAPTION_CREDIT_BRACKETED_START = re.compile(r"(?i)\((?:photos?|images?|credits?|source) ?:")
_CAPTION_CREDIT_AGENCY_START = re.compile(r"(?:REUTERS|AFP|AP|GETTY IMAGES|EPA)/")
FOOTER_LINE_RE = re.compile(FOOTER_LINE)
LINK_LIST_HEADING_RE = re.compile(LINK_LIST_HEADING)
REPUBLISHER_BOILERPLATE_RE = re.compile(REPUBLISHER_BOILERPLATE)
URL_LINE_RE = re.compile(URL_LINE)
DATE_HEADER_PREFIX_RE = re.compile(DATE_HEADER_PREFIX)
LEADING_SYMBOLS_RE = re.compile(LEADING_SYMBOLS_PYTHON)


def strip_leading_symbols(line: str) -> str:
    return LEADING_SYMBOLS_RE.sub("", line).strip()


def strip_caption_credits(text: str) -> str:
    """The text without photo credits ("(Photo: Kurdistan24)", "REUTERS/Name/File Photo")."""
    # The credit patterns start with an optional space, which keeps the engine from skipping
    # ahead to where one may start: a search for their first words finds that quicker.
    if "(" in text and ":" in text and _CAPTION_CREDIT_BRACKETED_START.search(text):
        text = _CAPTION_CREDIT_BRACKETED_RE.sub("", text)
    if "/" in text and _CAPTION_CREDIT_AGENCY_START.search(text):
        text = _CAPTION_CREDIT_AGENCY_RE.sub("", text)
    return text


def is_furniture_line(line: str) -> bool:
    """A whole line of page furniture, a footer marker or aggregator boilerplate."""
    stripped = strip_leading_symbols(line)
    return bool(
        FURNITURE_LINE_RE.match(stripped)
        or FOOTER_LINE_RE.match(stripped)
        or LINK_LIST_HEADING_RE.match(stripped)
        or REPUBLISHER_BOILERPLATE_RE.search(stripped)
    )

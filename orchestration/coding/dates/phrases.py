"""Where the dating phrases of a sentence are: one precompiled pattern with a named group for
every form of phrase (`expressions.py` reads the fields from those groups), tried only a few
words before an anchor word. Grain: one match per phrase, left to right, none overlapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from orchestration.coding.start_test import with_start_test

# Month and weekday names must be capitalised: "may" and "march" are also verbs.
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_MONTH_UPPER = _MONTH + r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b"
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PART = r"(?i:early|mid|late|the\s+(?:beginning|start|end|middle)\s+of|the\s+(?:first|second)\s+half\s+of)"

_EXPRESSION = re.compile(
    r"(?P<iso>\b(?P<iso_y>" + _YEAR + r")-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})\b)"
    r"|(?P<mdy>\b(?:(?P<mdy_wd>"
    + _WEEKDAY
    + r"),?\s+)?(?P<mdy_m>"
    + _MONTH_UPPER
    + r")\s+(?P<mdy_d>"
    + _DAY
    + r")\b(?:,?\s+(?P<mdy_y>"
    + _YEAR
    + r")\b)?)"
    r"|(?P<dmy>\b(?:(?P<dmy_wd>"
    + _WEEKDAY
    + r"),?\s+)?(?P<dmy_d>"
    + _DAY
    + r")\s+(?:of\s+)?(?P<dmy_m>"
    + _MONTH_UPPER
    + r")(?:,?\s+(?P<dmy_y>"
    + _YEAR
    + r"))?\b)"
    r"|(?P<pm>\b(?P<pm_part>" + _PART + r")[\s-]*(?P<pm_m>" + _MONTH + r")(?:,?\s+(?P<pm_y>" + _YEAR + r"))?\b)"
    r"|(?P<py>\b(?P<py_part>" + _PART + r")[\s-]*(?P<py_y>" + _YEAR + r")\b)"
    r"|(?P<my>\b(?P<my_m>" + _MONTH + r"),?\s+(?P<my_y>" + _YEAR + r")\b)"
    r"|(?P<mly>\b(?:(?i:in|during)\s+)?(?P<mly_m>" + _MONTH + r")\s+(?P<mly_rel>(?i:last|this|next))\s+(?i:year)\b)"
    r"|(?P<m>\b(?P<m_prep>(?i:in|during|since|until|till|by|from|of|last|this|next))\s+(?P<m_m>"
    + _MONTH
    + r")(?!,?\s*\d))"
    r"|(?P<y>\b(?P<y_prep>(?i:in|during|since|until|till|by|of|from))\s+(?P<y_y>" + _YEAR + r")\b(?!-))"
    r"|(?P<wd>\b(?P<wd_rel>(?i:on|last|this|next|this\s+past)\s+)?(?P<wd_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<rel>\b(?i:(?P<rel_text>today|tonight|yesterday|tomorrow|earlier\s+today"
    r"|(?:earlier|later)\s+(?:this|in\s+the)\s+(?:week|month|year)"
    r"|(?:last|this|next|past|previous|coming)\s+(?:week|weekend|month|year)"
    r"|the\s+(?:previous|following|past)\s+(?:week|month|year)"
    r"|(?:in\s+)?(?:the\s+)?(?:recent|latest|past\s+few|last\s+few)\s+(?:days|weeks|months)"
    r"|(?:a\s+few|several|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago"
    r"|recently|(?:the\s+)?end\s+of\s+last\s+year|recent(?=\s+(?:visit|visits|trip|trips|talks|meeting|meetings|call|calls|phone|telephone|contacts?)\b)))\b)"
)

# The word every dating phrase contains: a month, a weekday, a number or a relative word.
# Phrases are matched only at the few words before such an anchor: scanning whole
# sentences with `_EXPRESSION` costs ten times more.
_ANCHOR = with_start_test(
    re.compile(
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
        r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b"
        r"|\d+|(?i:\b(?:today|tonight|yesterday|tomorrow|weekend|week|weeks|month|months|year|years|days|day|recent|recently|latest)\b)"
    )
)
_WORD_START = re.compile(r"\b\w")
_WORDS_BEFORE_ANCHOR = 5


def dating_phrases(text: str) -> Iterator[re.Match[str]]:
    """The matches of `_EXPRESSION` in `text`, tried only where an anchor word is near."""
    covered_until = -1
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < covered_until:
            continue
        starts = [word.start() for word in _WORD_START.finditer(text, max(0, anchor.start() - 50), anchor.start())]
        best = None
        for start in [*starts[-_WORDS_BEFORE_ANCHOR:], anchor.start()]:
            if start < covered_until:
                continue
            match = _EXPRESSION.match(text, start)
            # The longest phrase through the anchor: "Thursday, Dec. 26, 2024" over "On Thursday".
            if match and match.end() > anchor.start() and (best is None or match.end() > best.end()):
                best = match
        if best is not None:
            covered_until = best.end()
            yield best

"""Dating phrases of Arabic text, read into the same `DateExpression` fields as English ones.

Source: the month names of both series in use (يناير ... ديسمبر, and the Levantine
كانون الثاني ... كانون الأول), the weekdays, the words for yesterday, today and tomorrow,
and "الماضي" / "المقبل" (last / next). Digits may be Arabic-Indic (٢٩ مارس ٢٠٢٥).

The text is matched in a form of the same length (digits as ASCII, hamza forms as ا, ة as
ه, ى as ي), so that offsets stay those of the sentence.
"""

from __future__ import annotations

import re

from orchestration.coding.dates.expression import DateExpression

_SAME_LENGTH_FOLD = str.maketrans(
    {
        **{digit: str(value) for value, digit in enumerate("٠١٢٣٤٥٦٧٨٩")},
        **{digit: str(value) for value, digit in enumerate("۰۱۲۳۴۵۶۷۸۹")},
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ة": "ه",
        "ى": "ي",
    }
)


def _folded(word: str) -> str:
    return word.translate(_SAME_LENGTH_FOLD)


_MONTHS = {
    _folded(name): number
    for names, number in (
        (("يناير", "كانون الثاني"), 1),
        (("فبراير", "شباط"), 2),
        (("مارس", "آذار"), 3),
        (("أبريل", "نيسان"), 4),
        (("مايو", "أيار"), 5),
        (("يونيو", "يونية", "حزيران"), 6),
        (("يوليو", "يولية", "تموز"), 7),
        (("أغسطس", "آب"), 8),
        (("سبتمبر", "أيلول"), 9),
        (("أكتوبر", "تشرين الأول"), 10),
        (("نوفمبر", "تشرين الثاني"), 11),
        (("ديسمبر", "كانون الأول"), 12),
    )
    for name in names
}
_WEEKDAYS = {
    _folded(name): number
    for name, number in (
        ("الاثنين", 0),
        ("الإثنين", 0),
        ("الثلاثاء", 1),
        ("الأربعاء", 2),
        ("الخميس", 3),
        ("الجمعة", 4),
        ("السبت", 5),
        ("الأحد", 6),
    )
}
_RELATIVE_DAYS = {_folded("أمس"): "yesterday", _folded("الأمس"): "yesterday", "اليوم": "today", "غدا": "tomorrow"}
_RELATIVE_PERIODS = {
    _folded(unit): unit_key for unit, unit_key in (("الأسبوع", "week"), ("الشهر", "month"), ("العام", "year"))
}
_PAST = frozenset({"الماضي", "الماضيه", "المنصرم", "الفائت"})
_NEXT = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})
_BOUNDING = frozenset({"منذ", "حتي"})


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


_CLITIC = r"(?:[وف]?ب?)"
_RELATION = r"(?:\s+(?P<rel>" + _alternation(_PAST | _NEXT) + r"))?"
_EXPRESSION = re.compile(
    r"(?<!\w)(?:"
    r"(?P<dm>(?:(?P<dm_wd>" + _alternation(_WEEKDAYS) + r")[\s،,]+)?"
    r"(?P<dm_d>[0-9]{1,2})\s+(?:من\s+)?(?P<dm_m>" + _alternation(_MONTHS) + r")"
    r"(?:[\s،,]+(?:عام\s+|سنه\s+)?(?P<dm_y>(?:19|20)[0-9]{2}))?)"
    r"|(?P<my>(?P<my_m>" + _alternation(_MONTHS) + r")\s+(?:عام\s+)?(?P<my_y>(?:19|20)[0-9]{2}))"
    r"|(?P<wd>" + _CLITIC + r"(?:يوم\s+)?(?P<wd_d>" + _alternation(_WEEKDAYS) + r"))"
    r"|(?P<day>" + _CLITIC + r"(?P<day_w>" + _alternation(_RELATIVE_DAYS) + r"))"
    r"|(?P<period>"
    + _CLITIC
    + r"(?P<period_u>"
    + _alternation(_RELATIVE_PERIODS)
    + r")(?=\s+(?:"
    + _alternation(_PAST | _NEXT)
    + r")))"
    r")" + _RELATION + r"(?!\w)"
)


def _relation(word: str | None) -> str | None:
    if word in _PAST:
        return "last"
    if word in _NEXT:
        return "next"
    return None


def find_arabic_date_expressions(text: str) -> list[DateExpression]:
    """Every Arabic dating phrase in `text`, left to right."""
    folded = _folded(text)
    found: list[DateExpression] = []
    for match in _EXPRESSION.finditer(folded):
        start, end = match.span()
        preceding = folded[max(0, start - 8) : start].split()
        common = {
            "start": start,
            "end": end,
            "text": text[start:end],
            "bounds_something_else": bool(preceding) and preceding[-1] in _BOUNDING,
        }
        relation = _relation(match.group("rel"))
        if match.group("dm"):
            year = int(match.group("dm_y")) if match.group("dm_y") else None
            found.append(
                DateExpression(
                    **common,
                    form="full" if year else "month_day",
                    year=year,
                    month=_MONTHS[match.group("dm_m")],
                    day=int(match.group("dm_d")),
                    weekday=_WEEKDAYS.get(match.group("dm_wd") or ""),
                )
            )
        elif match.group("my"):
            found.append(
                DateExpression(
                    **common, form="month_year", year=int(match.group("my_y")), month=_MONTHS[match.group("my_m")]
                )
            )
        elif match.group("wd"):
            found.append(
                DateExpression(**common, form="weekday", weekday=_WEEKDAYS[match.group("wd_d")], relative=relation)
            )
        elif match.group("day"):
            found.append(DateExpression(**common, form="relative", relative=_RELATIVE_DAYS[match.group("day_w")]))
        elif match.group("period") and relation:
            unit = _RELATIVE_PERIODS[match.group("period_u")]
            found.append(DateExpression(**common, form="relative", relative=f"{relation}_{unit}"))
    return found

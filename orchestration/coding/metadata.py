"""The metadata of one cleaned article: its id, title, publication date, dateline city, outlet
and language, from the given metadata, the page's and the lines the filters kept.
"""

import datetime as dt
import hashlib
import re
from urllib.parse import urlparse

from orchestration.coding.dates import date_from_url, parse_date_string
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.language import detect_language

_TITLE_SUFFIX = re.compile(r"\s*(?:\|\s*[^|]{1,40}|\s\.{3}\s*\S.{0,30}|…\s*\S.{0,30}|\.{3}\S.{0,30})$")
_NOT_ALNUM = re.compile(r"[^\w]+")
_WORD = re.compile(r"\w+")
_CHARACTERS_PER_WORD = 16

# A dateline's city is in capitals or followed by an agency in brackets, as in the datelines
# QAMISHLI, syria (North Press) – / ERBIL (Kurdistan24) - / BAGHDAD, Jan. 21 (Xinhua) -- / Damascus (AFP) May 12, 2025
_DATELINE_CAPITALS = re.compile(
    r"^(?P<city>[A-Z][A-Z'’.\- ]{2,30}?)(?:,\s*(?P<detail>[^()\n]{2,50}?))?\s*(?:\((?P<agency>[^)]{2,40})\))?\s*(?:[-–—]{1,2}|:)\s+(?=[A-Z\"“‘'])"
)
_DATELINE_AGENCY = re.compile(
    r"^(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:,\s*(?P<detail>[^()\n]{2,40}?))?\s*\((?P<agency>[^)]{2,40})\)\s*(?:[-–—]{1,2}\s|(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\s*$)"
)


def article_id(source_file: str, index_in_file: int) -> str:
    """Stable id of an article: a hash of its file name and its place in the file."""
    return hashlib.sha1(f"{source_file}#{index_in_file}".encode()).hexdigest()[:16]


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


def article_row(row: dict, metadata: dict, summary: dict, gazetteer: Gazetteer) -> dict:
    """The `clean` row of one article from its document `row`, the page's `metadata` and the `summary` of its kept lines."""
    lines = list(zip(summary["kept"], summary["kept_in_body"], summary["kept_words"], strict=True))
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
            # A line of more words than the title and a site name is not a repeat: the words of
            # its first characters tell, without normalising a whole paragraph.
            most_words = title_words + 4
            if len(_WORD.findall(line[: _CHARACTERS_PER_WORD * (most_words + 1)].lower())) > most_words:
                return False
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
    # The headline opens the text as its first paragraph: it is coded like a sentence, since a
    # headline is often the only words that name both parties of the contact.
    text = "\n\n".join([title, *kept] if title else kept)
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

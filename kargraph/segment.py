"""Paragraphs, sentences and marked boilerplate of one text, as spans of that text.

``segment(raw)`` returns the paragraphs (one per non-empty line) and sentences of ``raw``
with character offsets into it, and marks each paragraph with a kind:

========== ==============================================================================
headline   the first article line when it reads as a title (no closing full stop)
subheading a short title-like line inside the text ("What did Putin say?"); crossheads
           can carry claims, so they stay article text
body       article prose
caption    photo and video captions ("... /AP", "(Photo by Reuters)", "In this image ...",
           "REUTERS/Name", "Photograph: ...", "Image caption")
furniture  site navigation, share buttons, mirror addresses, "follow us" lines, links to
           other stories ("READ MORE: ..."), tags, time stamps, copyright notices
credit     "(With input from agencies)", "Reporting by ...", bylines ("By Jane Doe")
========== ==============================================================================

Written by hand because no library does this on plain text: trafilatura removes
boilerplate from HTML, where markup tells navigation from prose, and drops what it
removes, while kargraph must keep every line with its offsets and say why it was marked.
Sentence splitting is hand-written too: spaCy's rule-based ``sentencizer`` attaches an
opening quotation mark to the sentence before it, and its statistical splitter costs a
parse of every sentence, which kargraph avoids (only claim candidates are parsed).
"""
from __future__ import annotations

import re

from .document import Paragraph, Sentence

# a paragraph is a line; lines end at \n, \r\n, a lone \r (old Mac files) or U+2028/9
_LINE = re.compile(r"[^\r\n\u2028\u2029]+")
# stripped from span edges besides whitespace: a byte order mark kept from the file and
# zero-width spaces, which scraped text carries and which are invisible to a reader
_INVISIBLE = "\ufeff\u200b"

# --- sentence boundaries ---------------------------------------------------------------
# a boundary is terminal punctuation, optional closing quotes/brackets and footnote markers
# ("240.[2] The"), whitespace, then something that can open a sentence (capital, digit,
# opening quote or bracket)
_BOUNDARY = re.compile(
    r"(?P<end>[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?:\[\d{1,3}\])*|[\"\u201d][.!?])"
    r"(?P<gap>\s+)"
    r"(?=[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9\u00c0-\u024f\u0400-\u04ff])"
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col sgt capt cpt maj adm brig cpl pvt rev hon jr sr st gov sen
    rep pres amb vs etc inc ltd co corp approx est dept univ ft mt ave blvd""".split()
)
# abbreviations that only abbreviate before a number ("Sept. 27", "No. 1"): "he said no."
# ends a sentence
_ABBREVIATIONS_BEFORE_NUMBER = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec no nos fig".split())
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")
# after initials ("U.S."), a new sentence is only assumed before these words, which rarely
# follow a name inside a sentence ("in the U.S. The ministry" vs "the U.S. Secretary")
_SENTENCE_OPENERS = frozenset(
    """the he she it they we i but this these those there his her their its however meanwhile
    in on at a an""".split()
)

# --- line kinds ---------------------------------------------------------------------------
_NAME = r"[A-Z][\w'\-]*"
_CAPTION_PATTERNS = [
    (re.compile(r"\s/\s?[A-Z][\w.&'\-]*(?:\s[A-Z][\w.&'\-]*){0,3}\.?\s*$"), "ends with a photo credit ('/AP')"),
    (re.compile(r"\((?:[\w.&'\-]+\s+){0,3}(?:photo|photograph|image|picture|file photo|video grab|screenshot)s?"
                r"\b[^)]*\)\s*$", re.I),
     "ends with a photo credit ('(Photo by ...)')"),
    (re.compile(rf"(?:^|\s)[A-Z]{{2,}}(?:\s[A-Z]{{2,}})?\s?/\s?{_NAME}(?:\s{_NAME}){{0,3}}\s*$"),
     "ends with a photo credit ('REUTERS/Name')"),
    (re.compile(r"\b(?:Photo|Photograph|Picture|Image)s?\s*:\s*[^.:]{2,80}$"),
     "ends with a photo credit ('Photograph: ...')"),
    (re.compile(r"^\s*(?:photo|image|picture|file photo)\s*(?:[:|]|caption\b|source\b|credit\b|copyright\b)", re.I),
     "starts with 'Photo:' or 'Image caption'"),
    (re.compile(r"^\s*(?:in\s+)?(?:this|a|an)\s+(?:\w+\s+){0,2}(?:image|photo|photograph|picture|handout|video grab|"
                r"screen ?grab|still)\b(?:\s+\w+)?\s+(?:taken|provided|released|made|shows|showing|from|"
                r"obtained|distributed|dated)\b", re.I),
     "describes an image ('In this image taken from video ...')"),
]
MAX_FURNITURE_WORDS = 25
_FURNITURE_PATTERNS = [
    (re.compile(r"^\s*(?:share this (?:article|story|page)|share on \w+|tweet this|print this)\b", re.I),
     "share buttons"),
    (re.compile(r"\bcan also be accessed at\b", re.I), "mirror addresses of the site"),
    (re.compile(r"^\s*follow (?:us|our)\b.*\b(?:on|via)\s+(?:google news|twitter|facebook|telegram|"
                r"instagram|youtube|x)\b", re.I), "'follow us' invitation"),
    (re.compile(r"^\s*(?:subscribe|sign up) (?:to|for) (?:our|the)\b", re.I), "subscription invitation"),
    (re.compile(r"^\s*(?:read more|related(?: articles| stories| news)?|advertisement|click here|"
                r"download (?:our|the) app|skip to (?:main )?content|back to top)\s*:?\s*$", re.I),
     "site navigation"),
    (re.compile(r"^\s*listen to this (?:article|story)\b", re.I), "site navigation"),
    (re.compile(r"^\s*(?:read more|also read|read also|see also|related|more on this|watch)\s*:", re.I),
     "link to another story"),
    (re.compile(r"^\s*(?:tags|topics|keywords|filed under)\s*:", re.I), "tags"),
    (re.compile(r"^\s*(?:updated|published|posted|last updated|first published)\b\s*(?:on|at)?\s*:?"
                r"[^.]{0,40}\b(?:\d{1,2}:\d{2}|\d{4}|ago|gmt|utc)\b[^.]{0,20}$", re.I), "time stamp"),
    (re.compile(r"(?:\u00a9|\bcopyright\b|\ball rights reserved\b)", re.I), "copyright notice"),
    (re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I), "bare web address"),
    # "New Delhi | Friday, December 4, 2020 | Updated: 11:26 pm IST", "02 November 2020 11:32 (UTC +04:00)"
    (re.compile(r"^[^.!?]{0,60}\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|"
                r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
                r"\d{1,2}[./]\d{1,2}[./]\d{2,4})\b[^.!?]{0,50}$", re.I), "date line"),
    (re.compile(r"^\s*(?:[\w.'-]+\s+){0,4}(?:news service|news desk|staff reporter|staff writer|correspondent|"
                r"bureau|desk)\b[^.]{0,40}$", re.I), "byline"),
    (re.compile(r"^\s*[A-Z][A-Z&'.-]+(?:\s+[A-Z][A-Z&'.-]+){0,2}\s*$"), "section label or masthead"),
]
_CREDIT = re.compile(
    r"^\s*\(?\s*(?:with (?:input|inputs|reporting|additional reporting) from|additional reporting by|"
    r"reporting by|edited by|writing by|compiled by|source\s*:)\b[^\n]{0,300}$",
    re.I,
)
_BYLINE = re.compile(rf"^\s*(?:By|BY)\s+{_NAME}(?:\s+{_NAME}){{0,3}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*\s*$")
_BREADCRUMB_SEP = re.compile(r"\s+[/>\u00bb|]\s+")
_QUOTES = re.compile(r"[\"\u201c\u201d\u2018\u2019\u00ab\u00bb]|''|``")
_TERMINAL = re.compile(r"[.!?\u2026:;,\"'\u201d\u2019)\]]\s*$")
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")

_STAMP = re.compile(r"\||\d{1,2}:\d{2}|\b(?:updated|published|posted|min read|gmt|utc|ist|cet|msk)\b", re.I)
TOP_LINES = 6  # lines at the top of a page where mastheads, date lines and bylines sit
MAX_HEADLINE_WORDS = 25
MAX_SUBHEADING_WORDS = 12
MAX_TRAILING_FURNITURE_WORDS = 6


def segment(raw: str) -> tuple[tuple[Paragraph, ...], tuple[Sentence, ...]]:
    """Split ``raw`` into paragraphs (non-empty lines) and sentences, marking line kinds.

    Every span satisfies ``raw[span.start:span.end] == span.text``.
    """
    lines = []
    for m in _LINE.finditer(raw):
        start, end = _strip_span(raw, m.start(), m.end())
        if start < end:
            lines.append((start, end, raw[start:end]))
    kinds = _line_kinds([text for _, _, text in lines])
    paragraphs = tuple(
        Paragraph(i, start, end, text, kind, reason)
        for i, ((start, end, text), (kind, reason)) in enumerate(zip(lines, kinds))
    )
    sentences = []
    for p in paragraphs:
        for start, end in split_sentences(p.text):
            s, e = p.start + start, p.start + end
            sentences.append(Sentence(len(sentences), p.index, s, e, raw[s:e], p.kind))
    return paragraphs, tuple(sentences)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one paragraph, whitespace trimmed."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, m.start("end"), m.group("end")):
            continue
        spans.append((start, m.end("end")))
        start = m.end("gap")
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        s, e = _strip_span(text, s, e)
        if s < e:
            out.append((s, e))
    return out


def _is_abbreviation(text: str, dot_at: int, punct: str) -> bool:
    """Whether the full stop at ``dot_at`` ends an abbreviation rather than a sentence."""
    if punct != ".":
        return False
    before = text[max(0, dot_at - 12):dot_at + 1]
    after = text[dot_at + 1:dot_at + 40].split(maxsplit=1)
    next_word = re.sub(r"\W+$", "", after[0]).lower() if after else ""
    if _INITIALS.search(before):
        return next_word not in _SENTENCE_OPENERS
    word = re.search(r"(\w+)\.$", before)
    if not word:
        return False
    word = word.group(1).lower()
    return word in _ABBREVIATIONS or (word in _ABBREVIATIONS_BEFORE_NUMBER and next_word[:1].isdigit())


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE):
        end -= 1
    return start, end


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _line_kinds(lines: list[str]) -> list[tuple[str, str]]:
    """Kind and reason for each line, in order."""
    kinds = [_boilerplate_kind(line) for line in lines]
    # a bare date inside the text ("February 26, 1992" in a timeline) heads an entry: only
    # near the top, or with a time or separators, is a date line the page's furniture
    for i, (kind, reason) in enumerate(kinds):
        if reason == "date line" and i >= TOP_LINES and not _STAMP.search(lines[i]):
            kinds[i] = ("body", "")
    # the headline: the first line that is not furniture, when it reads as a title
    first = next((i for i, k in enumerate(kinds) if k[0] == "body"), None)
    if first is not None and first + 1 < len(lines) and _is_title_like(lines[first], MAX_HEADLINE_WORDS):
        kinds[first] = ("headline", "first line reads as a title")
    # subheadings: short title-like lines between article lines
    for i, line in enumerate(lines):
        if kinds[i][0] == "body" and first is not None and first < i < len(lines) - 1 \
                and _is_title_like(line, MAX_SUBHEADING_WORDS):
            kinds[i] = ("subheading", "short title-like line inside the text")
    # trailing furniture: once a furniture line appears near the end, short unpunctuated
    # lines after it belong to the site, not the article ("Press TV News Roku")
    tail = [i for i, k in enumerate(kinds) if k[0] == "furniture" and i >= len(lines) - 6]
    if tail:
        for i in range(tail[0] + 1, len(lines)):
            if kinds[i][0] in ("body", "subheading") and len(_words(lines[i])) <= MAX_TRAILING_FURNITURE_WORDS \
                    and not _TERMINAL.search(lines[i]):
                kinds[i] = ("furniture", "short line among the site furniture at the end")
    return kinds


def _boilerplate_kind(line: str) -> tuple[str, str]:
    for pattern, reason in _CAPTION_PATTERNS:
        if pattern.search(line):
            return "caption", reason
    if _CREDIT.match(line) and (line.rstrip().endswith(")") or not _TERMINAL.search(line)):
        return "credit", "credit line"
    if _BYLINE.match(line):
        return "credit", "byline"
    if len(_words(line)) <= MAX_FURNITURE_WORDS:
        for pattern, reason in _FURNITURE_PATTERNS:
            if pattern.search(line):
                return "furniture", reason
    parts = _BREADCRUMB_SEP.split(line.strip())
    if len(parts) >= 2 and len(_words(line)) <= 8 and all(1 <= len(_words(p)) <= 3 for p in parts):
        return "furniture", "navigation breadcrumb"
    return "body", ""


def _is_title_like(line: str, max_words: int) -> bool:
    """Short, opens with a capital, no quotation marks, no closing full stop."""
    words = _words(line)
    if not words or len(words) > max_words:
        return False
    stripped = line.strip()
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if _QUOTES.search(stripped.replace("\u2019s", "").replace("'s", "")):
        # quotation marks mark quoted speech; titles with scare quotes keep them though
        if not _is_scare_quoted_title(stripped):
            return False
    if stripped.endswith("?"):
        return True
    return not _TERMINAL.search(stripped)


def _is_scare_quoted_title(line: str) -> bool:
    """A title that quotes a short phrase, e.g. Russia backs 'peaceful solution' for ..."""
    return not re.search(r"\b(?:said|says|told|added|noted)\b", line, re.I) and not _TERMINAL.search(line)

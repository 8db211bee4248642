"""Segmentation: paragraph kinds, headlines and sentence spans on constructed texts."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kargraph.segment import segment, split_sentences

BODY = "The ministry said the fighting went on through the night. Officials gave no figures."


def kinds_of(line: str) -> tuple[str, str]:
    """Kind and reason of ``line`` placed inside an article (between two body lines)."""
    raw = f"{BODY}\n{BODY}\n{line}\n{BODY}\n{BODY}\n"
    paragraphs, _ = segment(raw)
    (p,) = [p for p in paragraphs if p.text == line.strip()]
    return p.kind, p.reason


@pytest.mark.parametrize("line", [
    # wire credits after the caption, as CGTN, AP and Reuters pages print them
    "Russian President Vladimir Putin speaks in Moscow, October 22, 2020. /AP",
    "Firefighters search for survivors in a residential area in Ganja, October 11, 2020. / AFP",
    "Armenian forces gather near munitions at their positions, on October 20, 2020. (Photo by Reuters)",
    "Smoke rises over Stepanakert on October 4, 2020. (AP Photo/Aris Messinis)",
    "A boy stands in the ruins of his house in Ganja (Getty Images)",
    "A damaged building in Ganja on October 17, 2020. REUTERS/Umit Bektas",
    "A woman walks past a destroyed house in Martuni. Photograph: Bulent Kilic/AFP via Getty Images",
    "In this image taken from video released by the Defense Ministry, soldiers fire artillery, October 21, 2020.",
    "In this photo provided by the Presidential Press Office, Ilham Aliyev addresses the nation in Baku.",
    "This handout picture released by the ministry shows a destroyed tank",
    "Photo: Anadolu Agency",
    "File photo: Azerbaijani soldiers at a checkpoint near the line of contact",
    "Image caption, Residents shelter in a basement in Stepanakert",
    "Image source, Getty Images",
])
def test_photo_captions_are_marked(line):
    kind, reason = kinds_of(line)
    assert kind == "caption"
    assert reason


@pytest.mark.parametrize("line", [
    "SHARE THIS ARTICLE",
    "Share on Facebook",
    "News   /   More",
    "Home > World > Europe",
    "Press TV's website can also be accessed at the following alternate addresses:",
    "Follow our latest local and sports news and the latest political and economic developments via Google news",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "READ MORE: Armenia says 30 soldiers killed in new clashes",
    "Also read: Ceasefire collapses within hours",
    "Related Stories",
    "Advertisement",
    "© 2020 Reuters. All rights reserved.",
    "www.presstv.co.uk",
    "https://example.org/world/karabakh",
    "Tags: Armenia, Azerbaijan, Nagorno-Karabakh",
    "Skip to main content",
    "Listen to this article",
    "Updated: 23 Oct 2020 10:45 GMT",
    "Published 3 hours ago",
])
def test_site_furniture_is_marked(line):
    kind, reason = kinds_of(line)
    assert kind == "furniture"
    assert reason


@pytest.mark.parametrize("line", [
    "(With input from agencies)",
    "(Reporting by Nvard Hovhannisyan in Yerevan and Nailia Bagirova in Baku; additional reporting by Maxim "
    "Rodionov in Moscow; Writing by Tom Balmforth; Editing by Alex Richardson)",
    "Reporting by Jane Doe; Editing by John Smith",
    "By John Smith and Jane Doe",
    "By Nvard Hovhannisyan, Reuters",
])
def test_credit_lines_are_marked(line):
    assert kinds_of(line)[0] == "credit"


@pytest.mark.parametrize("line", [
    "The ministry said 30 soldiers were killed, and 12 wounded.",
    "Share prices fell in Baku as the fighting went on, traders said.",
    "Photos released by the ministry showed destroyed tanks, officials said.",
    "Follow-up talks are planned for Friday, the ministry said.",
    "By Monday, the toll had risen to 542, officials said.",
    "Turkey / Azerbaijan relations have deepened since 2020, analysts say.",
    "The report, read more widely than any other, said 30 people died.",
    "“There is victory and there is defeat,” Pashinyan said in a televised address.",
    "Updated figures from the ministry put the toll at 874 soldiers.",
    "Reporting by the BBC suggests that 30 people died in the strike on Ganja, officials said.",
    "The photo agency said its copyright had been breached by dozens of websites that reposted images of the "
    "strike on Ganja, and that it would seek damages from each of them in the courts of several countries.",
])
def test_article_prose_is_body(line):
    assert kinds_of(line) == ("body", "")


@pytest.mark.parametrize("line", [
    "What did Putin say?",
    "The current situation in Nagorno-Karabakh",
    "Putin: Nearly 5,000 people so far killed in Karabakh conflict",
    "Why the fighting matters",
])
def test_subheadings_inside_the_text_stay_article_text(line):
    kind, reason = kinds_of(line)
    assert kind == "subheading"
    assert reason


@pytest.mark.parametrize("raw, headline", [
    ("Clashes kill dozens in Karabakh\n\nFighting went on. Ten people died.", "Clashes kill dozens in Karabakh"),
    ("Is Karabakh at war again?\n\nFighting went on. Ten people died.", "Is Karabakh at war again?"),
    ("PUTIN SAYS NEARLY 5,000 KILLED\nFighting went on. Ten people died.", "PUTIN SAYS NEARLY 5,000 KILLED"),
    ("Russia backs ‘peaceful solution’ for Karabakh\n\nFighting went on.", "Russia backs ‘peaceful solution’ for Karabakh"),
    ("News   /   More\n\nRussia backs talks on Karabakh\n\nFighting went on. Ten died.", "Russia backs talks on Karabakh"),
    ("\ufeffClashes kill dozens in Karabakh\r\n\r\nFighting went on.\r\n", "Clashes kill dozens in Karabakh"),
    # prose first line, a single line, a quotation: no headline
    ("Fighting went on in the region, officials said.\nTen people died.", None),
    ("Clashes kill dozens in Karabakh", None),
    ("\"We will not give up,\" the minister said\nFighting went on.", None),
])
def test_headline_is_detected_when_the_first_line_is_one(raw, headline):
    paragraphs, _ = segment(raw)
    found = [p.text for p in paragraphs if p.kind == "headline"]
    assert found == ([headline] if headline else [])


@pytest.mark.parametrize("text, sentences", [
    ("The U.S. Secretary of State met them. He said talks would go on.",
     ["The U.S. Secretary of State met them.", "He said talks would go on."]),
    ("Talks were held in the U.S. The ministry said nothing.",
     ["Talks were held in the U.S.", "The ministry said nothing."]),
    ("Fighting began on Sept. 27 in the region. It has killed hundreds.",
     ["Fighting began on Sept. 27 in the region.", "It has killed hundreds."]),
    ("He met Mr. Aliyev and Gen. Mammadov in Baku. They spoke for an hour.",
     ["He met Mr. Aliyev and Gen. Mammadov in Baku.", "They spoke for an hour."]),
    ("Vladimir V. Putin spoke on Thursday.", ["Vladimir V. Putin spoke on Thursday."]),
    ("At 10 a.m. Monday the shelling began.", ["At 10 a.m. Monday the shelling began."]),
    ('"We will fight," he said. "We will win."', ['"We will fight," he said.', '"We will win."']),
    ("“Two on both sides, more than two thousand …” The total death toll is around 5,000.",
     ["“Two on both sides, more than two thousand …”", "The total death toll is around 5,000."]),
    ("He said: “It is over.” Then he left.", ["He said: “It is over.”", "Then he left."]),
    ("The toll rose to 5,000. 30 more died on Monday.", ["The toll rose to 5,000.", "30 more died on Monday."]),
    ("It fell 3.5 km away. Officials said so.", ["It fell 3.5 km away.", "Officials said so."]),
    ("Is there a conflict? Yes, since 1988.", ["Is there a conflict?", "Yes, since 1988."]),
    ("(The figures are preliminary.) Officials said so.", ["(The figures are preliminary.)", "Officials said so."]),
    ("Clashes continue.\u00a0Hundreds died.", ["Clashes continue.", "Hundreds died."]),
    ("the toll is 5,000. more may have died.", ["the toll is 5,000. more may have died."]),
    # a report's footnote marker after the full stop
    ("They killed 72 civilians.[2] The true toll is higher.[13] We counted twice.",
     ["They killed 72 civilians.[2]", "The true toll is higher.[13]", "We counted twice."]),
])
def test_sentences_are_split_at_sentence_ends_only(text, sentences):
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == sentences


@pytest.mark.parametrize("raw", [
    "Headline of the day\r\n\r\nFirst sentence here. Second one.\r\nA caption here. /AP\r\n",
    "Headline of the day\rFirst sentence here. Second one.\rAnother line.\r",
    "Mixed endings\r\nFirst sentence. Second.\nThird line.\rFourth line.\n\n",
    "\ufeffWith a byte order mark\nBody text. More text.",
    "  Indented line.  \n\t Tabbed line. Next one. \n",
    "Zero\u200bwidth space inside. And U.S. and Sept. 27.\u2028Line separator here.",
    "One line of 40 words " * 40,
    "",
    "\n\n\n",
])
def test_every_span_gives_its_text_back(raw):
    paragraphs, sentences = segment(raw)
    for span in (*paragraphs, *sentences):
        assert raw[span.start:span.end] == span.text
        assert span.text == span.text.strip() and span.text
    for s in sentences:
        p = paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert s.kind == p.kind


@pytest.mark.parametrize("raw, lines", [
    ("Line one.\r\nLine two.\r\n", ["Line one.", "Line two."]),
    ("Line one.\rLine two.\r", ["Line one.", "Line two."]),
    ("Line one.\nLine two.\r\nLine three.\rLine four.", ["Line one.", "Line two.", "Line three.", "Line four."]),
    ("\ufeffLine one.\n\n\nLine two.", ["Line one.", "Line two."]),
])
def test_paragraphs_are_lines_whatever_the_line_endings(raw, lines):
    paragraphs, _ = segment(raw)
    assert [p.text for p in paragraphs] == lines


# pieces that exercise the rules: sentence ends, abbreviations, quotes, line endings, credits
_PIECES = ["Ten died", ".", " ", "U.S.", "Sept. 27", "Mr.", "“", "”", '"', "?", "…", "\n", "\r\n", "\r",
           "\u2028", "\ufeff", "\u200b", "/AP", "(Photo by Reuters)", "SHARE THIS ARTICLE", "The", "30,000",
           "By John Smith", "News / More", "What did Putin say?", "\u00a0", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)))
def test_spans_are_exact_for_any_text(raw):
    paragraphs, sentences = segment(raw)
    for span in (*paragraphs, *sentences):
        assert raw[span.start:span.end] == span.text and span.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


@pytest.mark.parametrize("line,reason", [
    ("THE NORTHERN SENTINEL", "section label or masthead"),
    ("WORLD", "section label or masthead"),
    ("New Delhi | Friday, December 4, 2020 | Updated: 11:26 pm IST", "date line"),
    ("02 November 2020 11:32 (UTC +04:00)", "date line"),
    ("Sentinel News Service with agency inputs", "byline"),
    ("Our Moscow correspondent", "byline"),
])
def test_mastheads_date_lines_and_bylines_are_furniture(line, reason):
    text = f"{line}\nArmenia and Azerbaijan agree to talks\nThe two sides met on Friday in Geneva.\n"
    paragraphs, _ = segment(text)
    assert (paragraphs[0].kind, paragraphs[0].reason) == ("furniture", reason)
    assert paragraphs[1].kind == "headline"


def test_dates_heading_timeline_entries_stay_article_text():
    text = ("Key dates in the conflict\n\nAs the buses leave, here are the key moments.\n\nOne more line.\n\n"
            "Another line.\n\nAnd another.\n\nA sixth line.\n\nFebruary 26, 1992\nArmenian forces capture the town of Khojaly.\n")
    paragraphs, _ = segment(text)
    entry = [p for p in paragraphs if p.text == "February 26, 1992"][0]
    assert entry.kind == "subheading"

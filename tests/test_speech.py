"""The speech module: quotations and their speakers, as claims and framing both read them."""
from __future__ import annotations

import datetime as dt

import pytest

from kargraph.corpus import document_from_text
from kargraph.profile import load_profile
from kargraph.speech import DocumentSpeech, quotations

DAY = dt.date(2020, 10, 17)


def _speech(text: str) -> DocumentSpeech:
    return DocumentSpeech(document_from_text(text, doc_id="x", published=DAY), load_profile("nagorno_karabakh"))


QUOTES = [
    # text, the quoted words of each quotation
    ('Toll\n\n"We lost 30 men," he said.', ["We lost 30 men,"]),
    ('Toll\n\n\u201cThe second missile fell.\n\nThirteen people have died,\u201d Heydarov said.',
     ["The second missile fell.", "Thirteen people have died,"]),
    ('Toll\n\nHe said: \u00abNo one will forget.\u00bb', ["No one will forget."]),
    ('Toll\n\nThe so-called "buffer zone" is empty.', ["buffer zone"]),
]


@pytest.mark.parametrize("text,expected", QUOTES)
def test_quotations_over_sentences_and_paragraphs(text, expected):
    doc = document_from_text(text, doc_id="x")
    assert [doc.raw[q.start:q.end] for q in quotations(doc)] == expected


SPEAKERS = [
    # text, speaker keys of each quotation, rule of the first
    ('Toll\n\nAliyev spoke. "We lost 30 men," he said.', [("aliyev",)], "speaker-after-quote"),
    ('Toll\n\n"More than 40 civilians were injured," said the General Prosecutor of Azerbaijan.',
     [("azerbaijan",)], "speaker-after-quote"),
    ('Toll\n\nThe Armenian prime minister met reporters. "We have lost 50 men," the PM said.',
     [("pashinyan",)], "speaker-after-quote"),
    ('Talks\n\nPashinyan and Aliyev both told TASS that "the fighting has killed many people".',
     [("pashinyan", "aliyev")], "speaker-before-quote"),
    ('Toll\n\n\u201cThe second missile fell.\n\nThirteen people have died,\u201d Kamaladdin Heydarov said.',
     [("heydarov",), ("heydarov",)], "quote-goes-on"),
    ('Toll\n\n"Eleven of our sons have given their lives."\n\nThese words were spoken by President Ilham Aliyev.',
     [("aliyev",)], "speaker-next-sentence"),
    ('Speech\n\nPashinyan addressed parliament. Here are the main points of his speech:\n\n'
     '- "We lost 2,317 servicemen."\n\n- "The war must end."', [("pashinyan",), ("pashinyan",)], "speech-intro"),
    ('\u2018Nearly 5,000 Dead\u2019 \u2013 Putin on the War\n\nThe Kremlin met.\n\n"More than 2,000 died on each side."'
     '\n\n"The total is approaching 5,000."', [("putin",), ("putin",)], "headline-speaker"),
    ('Clashes: At least 176 Soldiers Dead\n\nThe fighting went on.\n\n"The number of our fallen has risen."',
     [()], None),
]


@pytest.mark.parametrize("text,keys,rule", SPEAKERS)
def test_speakers_of_quotations(text, keys, rule):
    sp = _speech(text)
    found = [tuple(s.key for s in sp.speakers_of(q)) for q in sp.quotes]
    assert found == keys
    first = sp.speaker_of(sp.quotes[0])
    assert (first.rule if first else None) == rule


SAID = [
    # sentence, speaker keys read off it
    ("Armenia on Saturday said that more than 2,000 fighters were killed.", ["armenia"]),
    ("Hikmet Hajiyev, an aide to President Aliyev, told reporters that rescuers were searching.", ["hajiyev"]),
    ("Health ministry spokeswoman Alina Nikoghosyan wrote on Facebook.", ["nikoghosyan"]),
    ("According to Stepanakert, 12 civilians died.", ["karabakh_officials"]),
    ("Officials said the toll was rising.", []),
]


@pytest.mark.parametrize("sentence,keys", SAID)
def test_speakers_read_off_a_sentence(sentence, keys):
    sp = _speech("Toll\n\n" + sentence)
    assert [s.key for s, _, _ in sp.said(len(sp.sentences) - 1)] == keys

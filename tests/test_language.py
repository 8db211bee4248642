"""Languages: each document's (and a mixed document's paragraphs') language, what the
profile does not read said at load and in reports, and French figures read by lexicon."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

import kargraph as kg
from kargraph.corpus import CorpusWarning, documents_table, load_corpus, paragraphs_table
from kargraph.language import detect_languages, languages_table, unread_documents, unread_findings, unread_note
from kargraph.profile import load_profile, profile_from_dict
from kargraph.reading import read_figures
from kargraph.segment import segment

EN = ("Azerbaijan and Armenia trade blame as fighting continues\n\n"
      "Russian President Vladimir Putin said on Thursday that nearly 5,000 people had been killed on both sides "
      "since the fighting began.\n\nThe defence ministry in Yerevan said 874 servicemen had died.\n")
RU = ("Путин назвал число погибших в Карабахе\n\n"
      "Президент России Владимир Путин заявил в четверг, что с обеих сторон погибли почти 5 тысяч человек.\n\n"
      "Министерство обороны Армении сообщило о гибели 874 военнослужащих.\n")
FR = ("Poutine : près de 5 000 morts au Haut-Karabakh\n\n"
      "Le président russe Vladimir Poutine a déclaré jeudi que près de 5 000 personnes avaient été tuées des deux "
      "côtés depuis le début des combats.\n\n"
      "Le ministère arménien de la Défense a annoncé la mort de 874 militaires.\n")
RU_QUOTE = "«По нашим данным, с обеих сторон погибли почти 5 тысяч человек, это огромные потери», — сказал Путин."
MIXED = ("Putin gives a toll for the Karabakh war\n\n"
         "Russian President Vladimir Putin said on Thursday that nearly 5,000 people had been killed on both sides "
         f"since the fighting began.\n\n{RU_QUOTE}\n\nThe defence ministry in Yerevan said 874 servicemen had died.\n")
# detected as English, declared French in sources.csv: the declaration wins
DECLARED = "Officials said 12 people were killed in the shelling of the town overnight, and 30 were wounded.\n"
SOURCES = ("doc_id,outlet,url,published,published_basis,outlet_note,language\n"
           "en_wire,Wire,,2020-10-23,,,\nru_agency,Agency,,2020-10-23,,,\nru_daily,Daily,,2020-10-23,,,\n"
           "fr_journal,Journal,,2020-10-23,,,\nmixed_blog,Blog,,2020-10-23,,,\n"
           "declared_fr,Journal,,2020-10-23,,,fr\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("languages")
    for name, text in {"en_wire": EN, "ru_agency": RU, "ru_daily": RU.replace("Путин", "Владимир Путин"),
                       "fr_journal": FR, "mixed_blog": MIXED, "declared_fr": DECLARED}.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "sources.csv").write_text(SOURCES, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def loaded(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder)
    return corpus, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


@pytest.mark.parametrize("doc_id, language, paragraphs", [
    ("en_wire", "en", ()),
    ("ru_agency", "ru", ()),
    ("fr_journal", "fr", ()),
    ("mixed_blog", "en", ("en", "en", "ru", "en")),
    ("declared_fr", "fr", ()),  # sources.csv's language wins over detection
])
def test_language_of_each_document(loaded, doc_id, language, paragraphs):
    corpus, _ = loaded
    doc = corpus[doc_id]
    assert (doc.language, doc.paragraph_languages) == (language, paragraphs)
    row = documents_table(corpus).set_index("doc_id").loc[doc_id]
    assert row["language"] == language


def test_paragraphs_table_gives_each_paragraph_its_language(loaded):
    table = paragraphs_table(loaded[0])
    mixed = table[table["doc_id"] == "mixed_blog"]
    assert list(mixed["language"]) == ["en", "en", "ru", "en"]
    assert mixed.loc[mixed["language"] == "ru", "text"].item() == RU_QUOTE


def test_one_warning_per_language(loaded):
    language_warnings = sorted(w for w in loaded[1] if "not read" in w)
    assert language_warnings == [
        "fr: 2 documents not read: the profile reads en",
        "ru: 2 documents not read and 1 read only in part: the profile reads en",
    ]


@pytest.mark.parametrize("file, problem", [
    ("ru_agency.txt", "in Russian (ru): not read (the profile reads en)"),
    ("ru_daily.txt", "in Russian (ru): not read (the profile reads en)"),
    ("fr_journal.txt", "in French (fr): not read (the profile reads en)"),
    ("declared_fr.txt", "in French (fr): not read (the profile reads en)"),
    ("mixed_blog.txt", "1 of 4 paragraphs in Russian (ru) not read (the profile reads en)"),
])
def test_a_load_issue_per_document_not_read(loaded, file, problem):
    issues = loaded[0].issues_table()
    rows = issues[issues["file"] == file]
    assert list(rows["problem"]) == [problem]
    assert list(rows["action"]) == ["loaded"]
    doc = loaded[0][file.removesuffix(".txt")]
    assert str(doc.issues[-1]).startswith(f"{file}: {problem}")


def test_no_issue_for_english_documents(loaded):
    issues = loaded[0].issues_table()
    assert "en_wire.txt" not in set(issues["file"])


def test_claims_come_from_the_english_parts_only(loaded):
    corpus = loaded[0]
    claims = kg.extract_claims(corpus)
    assert sorted(set(claims["doc_id"])) == ["en_wire", "mixed_blog"]
    mixed = claims[claims["doc_id"] == "mixed_blog"]
    assert list(mixed["value"]) == [5000, 874]
    quote_start = corpus["mixed_blog"].raw.index(RU_QUOTE)
    assert not ((mixed["start"] >= quote_start) & (mixed["start"] < quote_start + len(RU_QUOTE))).any()


def test_languages_table_counts_documents_and_paragraphs(loaded):
    table = languages_table(loaded[0]).set_index("language")
    assert table.loc["en", ["n_docs", "n_paragraphs", "read"]].tolist() == [2, 6, True]
    assert table.loc["ru", ["n_docs", "n_paragraphs", "read"]].tolist() == [2, 7, False]
    assert table.loc["fr", ["n_docs", "n_paragraphs", "read"]].tolist() == [2, 4, False]
    assert table.loc["ru", "name"] == "Russian"


def test_reports_say_what_was_not_read(loaded):
    corpus = loaded[0]
    note = unread_note(corpus)
    assert note == ("2 documents in French and 2 in Russian were not read; 1 document was read only in part "
                    "(paragraphs in other languages left out) (the profile reads en): their figures are missing "
                    "from this comparison.")
    [finding] = unread_findings(corpus)
    assert finding.text == note
    assert sorted(finding.evidence["doc_id"]) == ["declared_fr", "fr_journal", "mixed_blog", "ru_agency", "ru_daily"]
    assert set(finding.evidence["outlet"]) == {"Agency", "Daily", "Journal", "Blog"}


def test_nothing_to_say_when_everything_is_read():
    corpus = kg.load_corpus(kg.resolve_path("data/corpora/karabakh"))
    assert {d.language for d in corpus} == {"en"}
    assert unread_note(corpus) == "" and unread_findings(corpus) == []
    assert not [i for i in corpus.issues if "not read" in i.problem]
    assert languages_table(corpus)[["language", "n_docs", "read"]].values.tolist() == [["en", 5, True]]


def test_a_profile_that_lists_a_language_without_claims_says_so(folder):
    data = yaml.safe_load(Path(load_profile().source).read_text(encoding="utf-8"))
    profile = profile_from_dict({**data, "language": ["en", "fr"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, profile=profile)
    said = [str(w.message) for w in caught if str(w.message).startswith("fr:")]
    assert said == ["fr: 2 documents not read: the profile reads en, fr; kargraph extracts claims in en"]
    assert unread_documents(corpus, profile)["doc_id"].tolist() == ["declared_fr", "fr_journal", "mixed_blog",
                                                                    "ru_agency", "ru_daily"]


@pytest.mark.parametrize("csv_value, language, warned", [
    ("RU", "ru", False),
    ("fr_FR", "fr-fr", False),
    ("French!", "en", True),  # not a code: reported, and detection decides
])
def test_sources_csv_language(tmp_path, csv_value, language, warned):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(f"doc_id,outlet,language\na,X,{csv_value}\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    assert corpus["a"].language == language
    assert any("is not a language code" in str(w.message) for w in caught) == warned


@pytest.mark.parametrize("text, language", [
    ("874", None),  # no letters: unknown, and read
    ("", None),
])
def test_text_too_short_to_tell(text, language):
    paragraphs, _ = segment(text)
    assert detect_languages(paragraphs) == (language, ())


@pytest.mark.parametrize("odd", ["\ufdd8", "\uffff", "\U0010fffe", "\x1b", "\ud800"])
def test_characters_the_detector_refuses_leave_the_language_readable(odd):
    text = ("Officials said more than 400 soldiers were killed in the fighting near the"
            f" border over the week, and wit{odd}nesses said hundreds of civilians fled their homes.")
    paragraphs, _ = segment(text)
    assert detect_languages(paragraphs)[0] == "en"


@pytest.mark.parametrize("sentence, figures", [
    ("Selon Vladimir Poutine, près de 5 000 personnes ont été tuées des deux côtés.",
     [("près de 5 000", 5000, "nearly", 4500, 5000, "killed")]),
    ("Plus de deux mille soldats sont morts de chaque côté, selon le président.",
     [("Plus de deux mille", 2000, "more_than", 2000, None, "killed")]),
    ("Le ministère a annoncé la mort de 874 militaires.", [("874", 874, "exact", 874, 874, "killed")]),
    ("Au moins douze civils ont été blessés lors des bombardements de la nuit.",
     [("Au moins douze", 12, "at_least", 12, None, "wounded")]),
    ("Entre 30 et 40 personnes sont toujours portées disparues.",
     [("Entre 30 et 40", 30, "range", 30, 40, "missing")]),
    ("Environ 2,5 millions de personnes ont été déplacées, soit 12 % de la population.",
     [("Environ 2,5 millions", 2_500_000, "about", 2_250_000, 2_750_000, "displaced")]),
    ("Des centaines de familles ont fui leurs villages en 2020.",
     [("Des centaines", 100, "vague", 100, 999, "displaced")]),
    ("Quatre-vingt-dix soldats ont été tués, et moins de 100 blessés.",
     [("Quatre-vingt-dix", 90, "exact", 90, 90, "killed"), ("moins de 100", 100, "less_than", 0, 100, "wounded")]),
])
def test_french_figures_read_through_the_lexicon(sentence, figures):
    got = [(f.text, f.value, f.hedge, f.low, f.high, f.outcome) for f in read_figures(sentence, "fr")]
    assert got == figures
    for f in read_figures(sentence, "fr"):
        assert sentence[f.start:f.end] == f.text


def test_a_language_without_a_lexicon_is_refused():
    with pytest.raises(ValueError, match="no lexicon for language 'xx'"):
        read_figures("12 morts", "xx")


@pytest.mark.parametrize("text, language, paragraphs, values", [
    # one line in two languages: read, because one of them is English
    (RU_QUOTE + " Officials in Yerevan said 874 servicemen had been killed since the fighting began.",
     "ru+en", (), [874]),
    # a Russian line inside an English article: only the English lines are read
    (MIXED, "en", ("en", "en", "ru", "en"), [5000, 874]),
    (RU, "ru", (), []),
])
def test_documents_from_text_are_detected_and_read_by_language(text, language, paragraphs, values):
    doc = kg.document_from_text(text, doc_id="d")
    assert (doc.language, doc.paragraph_languages) == (language, paragraphs)
    assert list(kg.extract_claims([doc])["value"]) == values

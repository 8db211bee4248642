"""Large benchmark corpora made from the bundled articles: 1k, 10k, 100k documents.

    python bench/make_corpus.py 10000 [--out bench/out/corpus-10000] [--format jsonl|txt] [--seed 1]

Each document is a new article recombined from paragraphs of a source corpus (default:
the bundled Nagorno-Karabakh articles) and from the generic news paragraphs below, with
its numbers, dates, people, places and outlet varied:

* **Claim density like real news.** About half the documents are casualty reports that
  carry one to three paragraphs with a figure; the others are news without any figure
  (diplomacy, energy, politics, history). Paragraphs without a figure fill every
  document, so figures are a small part of the text, as in a news archive.
* **Variation.** Counts are redrawn within their order of magnitude (years and days of
  the month are left alone), weekdays and days of the month are redrawn, people are
  swapped with others of the same country and role, towns with other towns; outlets are
  drawn from 80 invented names with a long tail (the k-th publishes 1/k as much as the
  first);
  publication dates fall across the autumn 2020 war.
* **Deterministic.** Document ``i`` depends only on ``--seed`` and ``i``, so the 10k
  corpus is the first tenth of the 100k corpus and a rerun gives the same bytes.

Formats (both read by ``kargraph.load_corpus``): ``jsonl`` writes shards of 500 records
(``doc_id``, ``outlet``, ``published``, ``url``, ``text``); ``txt`` writes one file per
document and a ``sources.csv``. The folder is written under a temporary name and renamed
into place.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import random
import re
import sys
from pathlib import Path

from kargraph._paths import bundled_corpus, repo_root

SHARD_SIZE = 500
SIZES = (1_000, 10_000, 100_000)
CLAIM_ARTICLE_SHARE = 0.5
WAR_START, WAR_END = dt.date(2020, 9, 27), dt.date(2020, 12, 15)

# people swapped only with others of the same country and kind of office, so that an
# attribution keeps its side
PEOPLE = [
    [("Vladimir Putin", "Putin"), ("Sergey Lavrov", "Lavrov"), ("Dmitry Peskov", "Peskov")],
    [("Ilham Aliyev", "Aliyev"), ("Jeyhun Bayramov", "Bayramov"), ("Hikmet Hajiyev", "Hajiyev")],
    [("Nikol Pashinyan", "Pashinyan"), ("Zohrab Mnatsakanyan", "Mnatsakanyan"), ("Armen Sarkissian", "Sarkissian")],
    [("Recep Tayyip Erdoğan", "Erdoğan"), ("Mevlüt Çavuşoğlu", "Çavuşoğlu")],
    [("Mike Pompeo", "Pompeo"), ("Antony Blinken", "Blinken")],
]
TOWNS = ["Stepanakert", "Ganja", "Barda", "Tartar", "Shusha", "Martuni", "Hadrut", "Fuzuli", "Aghdam", "Mingachevir"]
OUTLET_WORDS = (["Caspian", "Caucasus", "Eurasia", "Global", "Daily", "Morning", "Evening", "Frontline", "Atlas",
                 "Meridian", "Northern", "Capital", "Continental", "Harbour", "Metro", "World"],
                ["Times", "Herald", "Post", "Wire", "News", "Monitor", "Review", "Observer", "Tribune", "Dispatch",
                 "Courier", "Journal"])
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = "January February March April May June July August September October November December".split()

# news paragraphs that report no figure: the bulk of a real archive
GENERIC = [
    "Foreign ministers of the two countries are expected to meet in Geneva next week, diplomats said.",
    "The central bank left its key interest rate unchanged on Thursday, citing uncertainty in energy markets.",
    "Oil prices rose on concerns that the fighting could disrupt pipelines that carry Caspian crude to Europe.",
    "The European Union called for an immediate return to negotiations under the OSCE Minsk Group.",
    "Opposition parties in Yerevan staged a rally in the capital, demanding the government's resignation.",
    "Parliament in Baku approved a new budget that raises spending on defence and social programmes.",
    "Analysts say the conflict has become a test of Russia's influence in the South Caucasus.",
    "The region was part of the Soviet Union until 1991, when both countries declared independence.",
    "Schools in several districts moved classes online, officials said, as families left for safer areas.",
    "Turkey's president repeated his support for Baku in a speech to members of his party.",
    "Iran said it was ready to host talks and warned both sides against actions near its border.",
    "The United Nations Security Council held a closed-door meeting on the situation on Monday.",
    "Internet access was restricted in parts of the country, according to a monitoring group.",
    "The price of bread and fuel has risen sharply in the border towns since the start of the month.",
    "France, Russia and the United States co-chair the Minsk Group, which has mediated for decades.",
    "The prime minister met military commanders and visited a hospital, his office said in a statement.",
    "Satellite images published by a research group showed new trenches along the line of contact.",
    "The ceasefire agreement signed in Moscow was meant to allow the exchange of prisoners and bodies.",
    "Church leaders in both countries called for restraint and for the protection of religious sites.",
    "The airline suspended flights to the region until further notice, citing safety concerns.",
    "Diaspora groups held demonstrations in Los Angeles, Paris and Moscow over the weekend.",
    "A spokesman for the foreign ministry said the claims were baseless and amounted to propaganda.",
    "Journalists were taken on a tour of damaged neighbourhoods, where windows had been blown out.",
    "The negotiations, which lasted more than ten hours, ended late on Friday without a joint statement.",
    "Energy ministers discussed gas supplies to southern Europe at a meeting in Athens on Tuesday.",
    "Historians note that the dispute over the territory goes back to the early 1920s.",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of documents (e.g. 1000, 10000, 100000)")
    parser.add_argument("--out", default=None, help="output folder (default bench/out/corpus-SIZE)")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", default=None, help="corpus to recombine (default: the bundled corpus)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else default_folder(args.size, args.format)
    make_corpus(out, args.size, fmt=args.format, seed=args.seed, source=args.source)
    print(f"{args.size} documents -> {out}", file=sys.stderr)
    return 0


def default_folder(size: int, fmt: str = "jsonl") -> Path:
    return repo_root() / "bench" / "out" / f"corpus-{size}{'' if fmt == 'jsonl' else '-' + fmt}"


def make_corpus(out: str | Path, size: int, *, fmt: str = "jsonl", seed: int = 1, source=None) -> Path:
    """Write a corpus of ``size`` documents to the folder ``out`` (replaced if it exists)."""
    from kargraph.dask import _atomic_folder

    pools = paragraph_pools(source or bundled_corpus())
    outlets = outlet_names(seed)

    def fill(folder: Path) -> None:
        folder.mkdir(parents=True)
        records = (make_document(i, pools, outlets, seed) for i in range(size))
        if fmt == "jsonl":
            write_jsonl(folder, records)
        else:
            write_txt(folder, records)

    return _atomic_folder(Path(out), fill)


def paragraph_pools(source) -> dict[str, list[str]]:
    """Paragraphs of the source corpus by role: with a casualty figure, article text
    without one, headlines, and marked boilerplate (captions, furniture, credits)."""
    import kargraph as kg

    corpus = kg.load_corpus(source)
    claims = kg.extract_claims(corpus)
    pools = {"claim": [], "plain": list(GENERIC), "headline": [], "boilerplate": []}
    for doc in corpus:
        spans = claims.loc[claims["doc_id"] == doc.doc_id, ["start", "end"]].to_numpy()
        for p in doc.paragraphs:
            has_claim = any(p.start <= s and e <= p.end for s, e in spans)
            if p.is_boilerplate:
                pools["boilerplate"].append(p.text)
            elif p.kind in ("headline", "subheading") and not has_claim:
                pools["headline"].append(p.text)
            else:
                pools["claim" if has_claim else "plain"].append(p.text)
    return pools


def outlet_names(seed: int) -> list[str]:
    rng = random.Random(f"outlets-{seed}")
    names = [f"{a} {b}" for a in OUTLET_WORDS[0] for b in OUTLET_WORDS[1]]
    rng.shuffle(names)
    return names[:80]


def make_document(i: int, pools: dict[str, list[str]], outlets: list[str], seed: int) -> dict:
    """Document ``i``: a record with doc_id, outlet, published, url and text."""
    rng = random.Random(f"{seed}-{i}")
    paragraphs = rng.sample(pools["plain"], k=min(len(pools["plain"]), rng.randint(9, 18)))
    if rng.random() < CLAIM_ARTICLE_SHARE:
        figures = rng.sample(pools["claim"], k=rng.choice((1, 1, 1, 2, 2, 3)))
        for p in figures:  # figures sit early in a report, as in the lead of a news story
            paragraphs.insert(rng.randint(0, min(4, len(paragraphs))), p)
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(pools["boilerplate"]))
    text = "\n\n".join([rng.choice(pools["headline"]), *paragraphs]) + "\n"
    outlet = rng.choices(outlets, cum_weights=_zipf_weights(len(outlets)))[0]
    published = WAR_START + dt.timedelta(days=int(rng.triangular(0, (WAR_END - WAR_START).days, 25)))
    doc_id = f"doc-{i:06d}"
    return {"doc_id": doc_id, "outlet": outlet, "published": published.isoformat(),
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/{doc_id}",
            "text": vary(text, rng)}


@functools.lru_cache(maxsize=None)
def _zipf_weights(n: int) -> list[float]:
    """Cumulative weights 1, 1/2, 1/3...: the k-th outlet publishes 1/k as much as the first."""
    return list(itertools.accumulate(1 / rank for rank in range(1, n + 1)))


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)")
_DAY_OF_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\b")
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")


def vary(text: str, rng: random.Random) -> str:
    """``text`` with its counts, weekdays, days of the month, people and towns varied."""
    protected = {m.start() for m in _DAY_OF_MONTH.finditer(text)}
    text = _NUMBER.sub(lambda m: _vary_number(m, rng, protected), text)
    text = _DAY_OF_MONTH.sub(lambda m: _vary_day(m.group(0), rng), text)
    text = _WEEKDAY.sub(lambda m: rng.choice(WEEKDAYS), text)
    for group in PEOPLE:
        swap = dict(zip(group, rng.sample(group, len(group))))
        text = _replace_all(text, {a: b for (a, _), (b, _) in swap.items()}
                            | {a: b for (_, a), (_, b) in swap.items()})
    return _replace_all(text, dict(zip(TOWNS, rng.sample(TOWNS, len(TOWNS)))))


def _vary_number(m: re.Match, rng: random.Random, protected: set[int]) -> str:
    digits = m.group(1)
    value = int(digits.replace(",", ""))
    if 1900 <= value <= 2030 and "," not in digits or any(p <= m.start() < p + 20 for p in protected):
        return digits  # a year, or the day of a date
    new = max(1, round(value * rng.uniform(0.6, 1.4)))
    return f"{new:,}" if "," in digits or new >= 10_000 else str(new)


def _vary_day(date_text: str, rng: random.Random) -> str:
    return re.sub(r"\d{1,2}", str(rng.randint(1, 28)), date_text, count=1)


def _replace_all(text: str, mapping: dict[str, str]) -> str:
    mapping = {a: b for a, b in mapping.items() if a != b}
    if not mapping:
        return text
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in sorted(mapping, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def write_jsonl(folder: Path, records) -> None:
    shard, lines = 0, []
    for record in records:
        lines.append(json.dumps(record, ensure_ascii=False))
        if len(lines) == SHARD_SIZE:
            (folder / f"shard-{shard:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            shard, lines = shard + 1, []
    if lines:
        (folder / f"shard-{shard:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_txt(folder: Path, records) -> None:
    import csv

    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["doc_id", "outlet", "url", "published", "published_basis", "outlet_note"])
        for record in records:
            (folder / f"{record['doc_id']}.txt").write_text(record["text"], encoding="utf-8")
            writer.writerow([record["doc_id"], record["outlet"], record["url"], record["published"], "", ""])


if __name__ == "__main__":
    sys.exit(main())

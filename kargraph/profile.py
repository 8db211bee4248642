"""Conflict profiles: actors, places, events and lexicons read from a YAML data file.

``load_profile("kelvara")`` (a name in ``data/profiles/``, or a path) returns a :class:`Profile`. It links
mentions in text to canonical ids (:meth:`Profile.find_mentions`), resolves who a phrase
such as "self-proclaimed officials in Nagorno-Karabakh" stands for
(:meth:`Profile.resolve_actor`) and finds the event cues in a sentence
(:meth:`Profile.event_cues`). ``entity_mentions(corpus)`` tabulates every mention.

Linking is exact first: aliases and role descriptions ("the Russian president") are
matched case-insensitively on text folded to ASCII letters (Erdoğan -> Erdogan), longest
alias first. Capitalised words left unlinked are then compared with single-word names by
rapidfuzz (Levenshtein ratio, ``FUZZY_RATIO``) and by their consonant skeleton, which
catches transliterations that edit distance alone misses (Pishnian and Pashinyan share
``pshnn``). Both fuzzy rules need the same first letter, at least ``FUZZY_MIN_LENGTH``
letters and lengths within two letters of each other. A fuzzy link is reported with
``method="fuzzy"`` and its score so that callers can tell a misspelling from a name.
"""
from __future__ import annotations

import datetime as dt
import os
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import yaml
from rapidfuzz import fuzz, process

from ._paths import profiles_dirs
from .normalize import words_joined

#: environment variable naming the profile used when none is given and the corpus names none
PROFILE_ENV = "KARGRAPH_PROFILE"
OPEN_END = dt.date.max  # the end of an event still going on
FUZZY_RATIO = 85.0
FUZZY_SKELETON_RATIO = 65.0
FUZZY_MIN_LENGTH = 5


#: the kinds of voice an actor's figures may be (profile key ``claimant_kind``)
CLAIMANT_KINDS = ("party_government", "party_leader", "third_party_government", "international_organisation",
                  "monitor", "news_agency")


@dataclass(frozen=True)
class Actor:
    """A person, government, armed force, agency, media outlet or organisation."""

    id: str
    name: str
    kind: str
    side: str = "neutral"
    aliases: tuple[str, ...] = ()
    roles: tuple[tuple[str, dt.date | None, dt.date | None], ...] = ()
    members: tuple[str, ...] = ()
    country: str | None = None
    #: what kind of voice the actor's figures are (profile key ``claimant_kind``): one of
    #: :data:`CLAIMANT_KINDS`, or None when the profile does not say
    claimant_kind: str | None = None
    # a non-state party that speaks through bodies of its own ("its spokesman", "its media
    # office"): its statements stay its own instead of going to a government
    institutional: bool = False


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    institutions: str | None = None  # actor id that officials of the place stand for
    side: str | None = None  # the side whose people live there (None: contested or neutral)
    contested: bool = False  # the disputed territory itself: "killed in Karabakh" names no side


@dataclass(frozen=True)
class Event:
    """A war or flare-up with its dates and the cues that tie text to it.

    An event without ``end`` in the profile is still going on (``end`` is then
    ``OPEN_END`` and ``is_open`` is true). An event with a ``parent`` is an incident inside
    that event (a massacre within a war): a figure goes to it only when its cues say so,
    never by its date alone.
    """

    id: str
    name: str
    start: dt.date
    end: dt.date
    reported_until: dt.date | None = None
    cues: tuple[str, ...] = ()
    parent: str | None = None

    @property
    def is_open(self) -> bool:
        return self.end == OPEN_END

    def covers(self, day: dt.date, *, reporting: bool = True) -> bool:
        """Whether ``day`` falls in the event or, with ``reporting``, in its reporting tail."""
        last = (self.reported_until or self.end) if reporting else self.end
        return self.start <= day <= last


@dataclass(frozen=True)
class Mention:
    """A span of text linked to an actor or place id."""

    start: int
    end: int
    text: str
    entity_id: str
    entity_type: str  # actor | place
    method: str  # alias | role | fuzzy
    score: float = 100.0
    canonical: str = ""


@dataclass(frozen=True)
class CueMatch:
    start: int
    end: int
    text: str
    event_id: str
    is_reference_point: bool  # "since 2020": a point in time, not the event talked about


@dataclass
class Profile:
    """One conflict's domain knowledge. Build with :func:`load_profile`."""

    id: str
    name: str
    sides: dict[str, dict]
    actors: dict[str, Actor]
    places: dict[str, Place]
    events: list[Event]
    institution_words: tuple[str, ...] = ()
    sections: dict = field(default_factory=dict)  # every top-level section, as read
    source: str | None = None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this profile reads (its ``language:`` key, a code or a list of
        codes; English when it has none)."""
        value = self.sections.get("language") or "en"
        return tuple(str(v).strip().lower() for v in ([value] if isinstance(value, str) else value))

    # ----------------------------------------------------------------- lookups
    def side_of(self, entity_id: str | None) -> str | None:
        if entity_id in self.actors:
            return self.actors[entity_id].side
        if entity_id in self.places:
            return self.places[entity_id].side
        return None

    @property
    def belligerents(self) -> list[str]:
        return list(self.sides)

    def opposite_side(self, side: str) -> str | None:
        """The other belligerent when the profile has exactly two sides."""
        others = [s for s in self.sides if s != side]
        return others[0] if side in self.sides and len(others) == 1 else None

    def event(self, event_id: str) -> Event:
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(f"profile {self.id!r} has no event {event_id!r}")

    @property
    def third_party_adjectives(self) -> frozenset[str]:
        """Nationality words of parties outside the war ("Russian peacekeepers")."""
        return frozenset(self.sections.get("third_party_adjectives") or ())

    def section(self, name: str, default=None):
        """A top-level section of the profile file (e.g. ``labels``, ``frames``)."""
        return self.sections.get(name, default)

    # --------------------------------------------------------------- mentions
    def find_mentions(self, text: str, *, date: dt.date | None = None, fuzzy: bool = True) -> list[Mention]:
        """Actor and place mentions in ``text``, non-overlapping, in text order."""
        return list(self._find_mentions(text, date, fuzzy))

    @functools.lru_cache(maxsize=8192)
    def _find_mentions(self, text: str, date: dt.date | None, fuzzy: bool) -> tuple[Mention, ...]:
        folded = fold(text)
        found: list[Mention] = []
        taken = [False] * len(text)
        for m in self._alias_regex.finditer(folded):
            alias = m.group(0)
            key = _alias_key(alias)
            for entity_id, entity_type, method, from_, to in self._alias_index.get(key, ()):
                if method == "role" and date is not None and not _in_range(date, from_, to):
                    continue
                if _case_sensitive(self._alias_surface[key]) and alias != self._alias_surface[key]:
                    continue
                s, e = m.start(), m.end()
                found.append(Mention(s, e, text[s:e], entity_id, entity_type, method, 100.0,
                                     self._canonical(entity_id, entity_type)))
                for i in range(s, e):
                    taken[i] = True
                break
        if fuzzy:
            for m in _CAPITALISED.finditer(folded):
                s, e = m.start(), m.end()
                if any(taken[s:e]):
                    continue
                hit = self._fuzzy(m.group(0))
                if hit:
                    entity_id, entity_type, score = hit
                    found.append(Mention(s, e, text[s:e], entity_id, entity_type, "fuzzy", score,
                                         self._canonical(entity_id, entity_type)))
        found.sort(key=lambda x: x.start)
        return tuple(found)

    def resolve_actor(self, phrase: str, *, date: dt.date | None = None) -> str | None:
        """The actor id a noun phrase stands for, or None.

        A person wins over an institution; officials of a place stand for the place's
        ``institutions`` actor; both members of a joint actor named together ("official
        figures provided by Armenia and Azerbaijan") give the joint actor. ``date`` selects
        the role holders of the day ("the Armenian prime minister").
        """
        return self._resolve_actor(phrase, date)

    @functools.lru_cache(maxsize=8192)
    def _resolve_actor(self, phrase: str, date: dt.date | None) -> str | None:
        mentions = self.find_mentions(phrase, date=date)
        if not mentions:
            return None
        actor_ids = [m.entity_id for m in mentions if m.entity_type == "actor"]
        has_institution_word = bool(self._institution_regex.search(fold(phrase)))
        # joint actors: all members named, with an official-body word or a plural figure
        for actor in self.actors.values():
            if actor.kind == "joint" and actor.id in actor_ids:
                return actor.id
        member_sets = {a.id: set(a.members) for a in self.actors.values() if a.kind == "joint"}
        named = set(actor_ids) | {self.places[m.entity_id].institutions for m in mentions
                                  if m.entity_type == "place" and self.places[m.entity_id].institutions}
        for joint_id, members in member_sets.items():
            if members and members <= named and has_institution_word:
                return joint_id
        persons = [a for a in actor_ids if self.actors[a].kind == "person"]
        if persons:
            return persons[0]
        # an official body of a place ("officials in Nagorno-Karabakh")
        if has_institution_word:
            for m in mentions:
                if m.entity_type == "place" and self.places[m.entity_id].institutions:
                    place_actor = self.places[m.entity_id].institutions
                    # a more specific actor named in the phrase wins over the place's body
                    specific = [a for a in actor_ids if a != place_actor and self.actors[a].kind != "joint"
                                and not _place_alias_of_actor(self, a, m.text)]
                    return specific[0] if specific else place_actor
        if actor_ids:
            return actor_ids[0]
        for m in mentions:
            if m.entity_type == "place" and self.places[m.entity_id].institutions:
                return self.places[m.entity_id].institutions
        return None

    # ----------------------------------------------------------------- events
    def event_cues(self, text: str) -> list[CueMatch]:
        """Event cues in ``text``; cues after "since"/"after"/"before" are reference points."""
        return list(self._event_cues(text))

    @functools.lru_cache(maxsize=4096)
    def _event_cues(self, text: str) -> tuple[CueMatch, ...]:
        if not self._any_cue.search(text):
            return ()
        out = []
        for event in self.events:
            for pattern in self._event_patterns[event.id]:
                for m in pattern.finditer(text):
                    before = text[max(0, m.start() - 48):m.start()].lower()
                    ref = bool(_REFERENCE_POINT.search(before) or _STATEMENT_DATE.search(before))
                    out.append(CueMatch(m.start(), m.end(), m.group(0), event.id, ref))
        out.sort(key=lambda c: (c.start, -(c.end - c.start)))
        return tuple(out)

    @functools.cached_property
    def _any_cue(self) -> re.Pattern:
        return re.compile("|".join(f"(?:{p.pattern})" for ps in self._event_patterns.values() for p in ps), re.I)

    def events_at(self, day: dt.date) -> list[Event]:
        """Events under way, or still being counted, on ``day`` (most recent first); an
        incident inside another event (``parent``) is left out: only its cues name it."""
        return sorted((e for e in self.events if e.covers(day) and e.parent is None),
                      key=lambda e: e.start, reverse=True)

    # -------------------------------------------------------------- internals
    def _canonical(self, entity_id: str, entity_type: str) -> str:
        return (self.actors[entity_id].name if entity_type == "actor" else self.places[entity_id].name)

    @functools.cached_property
    def _alias_index(self) -> dict[str, list[tuple[str, str, str, dt.date | None, dt.date | None]]]:
        index: dict[str, list] = {}
        for actor in self.actors.values():
            for alias in (actor.id.replace("_", " "), actor.name, *actor.aliases):
                index.setdefault(_alias_key(alias), []).append((actor.id, "actor", "alias", None, None))
            for text, from_, to in actor.roles:
                index.setdefault(_alias_key(text), []).append((actor.id, "actor", "role", from_, to))
        for place in self.places.values():
            for alias in (place.name, *place.aliases):
                index.setdefault(_alias_key(alias), []).append((place.id, "place", "alias", None, None))
        # actors before places, aliases before roles for the same words
        for key, entries in index.items():
            entries.sort(key=lambda x: (x[1] != "actor", x[2] != "alias"))
        return index

    @functools.cached_property
    def _alias_surface(self) -> dict[str, str]:
        surface = {}
        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases, *(r[0] for r in actor.roles)):
                surface.setdefault(_alias_key(alias), fold(alias))
        for place in self.places.values():
            for alias in (place.name, *place.aliases):
                surface.setdefault(_alias_key(alias), fold(alias))
        return surface

    @functools.cached_property
    def _alias_regex(self) -> re.Pattern:
        aliases = sorted({a for a in self._alias_surface.values()}, key=len, reverse=True)
        body = "|".join(_alias_pattern(a) for a in aliases)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)

    @functools.cached_property
    def _fuzzy_choices(self) -> dict[str, tuple[str, str]]:
        choices = {}
        for actor in self.actors.values():
            if actor.kind not in ("person",):
                continue
            for alias in actor.aliases:
                if " " not in alias and len(alias) >= FUZZY_MIN_LENGTH:
                    choices[fold(alias).lower()] = (actor.id, "actor")
        for place in self.places.values():
            for alias in (place.name, *place.aliases):
                if " " not in alias and "-" not in alias and len(alias) >= FUZZY_MIN_LENGTH:
                    choices[fold(alias).lower()] = (place.id, "place")
        return choices

    @functools.lru_cache(maxsize=4096)
    def _fuzzy(self, word: str) -> tuple[str, str, float] | None:
        w = word.lower()
        if len(w) < FUZZY_MIN_LENGTH or w in _COMMON_CAPITALISED:
            return None
        best = None
        for choice, score, _ in process.extract(w, list(self._fuzzy_choices), scorer=fuzz.ratio,
                                                limit=5, score_cutoff=FUZZY_SKELETON_RATIO):
            if choice[0] != w[0] or abs(len(choice) - len(w)) > 2:
                continue
            if score >= FUZZY_RATIO or _skeleton(choice) == _skeleton(w):
                if best is None or score > best[1]:
                    best = (choice, score)
        if best is None:
            return None
        entity_id, entity_type = self._fuzzy_choices[best[0]]
        return entity_id, entity_type, round(best[1], 1)

    @functools.cached_property
    def _institution_regex(self) -> re.Pattern:
        words = sorted(self.institution_words, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(fold(w)) for w in words) + r")\b", re.I)

    @functools.cached_property
    def _event_patterns(self) -> dict[str, list[re.Pattern]]:
        return {e.id: [_cue_pattern(c) for c in e.cues] for e in self.events}

    def side_words(self, side: str) -> tuple[str, ...]:
        """The words that name a side: its ``adjectives`` (nationality words) and ``aliases``
        (force names, for a war whose sides are no nations)."""
        spec = self.sides.get(side) or {}
        return tuple(str(w) for w in [*(spec.get("adjectives") or ()), *(spec.get("aliases") or ())])

    def side_of_adjective(self, word: str) -> str | None:
        """The side a word of the ``sides`` section names: a nationality word of its
        ``adjectives`` ("Azeri", "Armenians") or a force name of its ``aliases`` ("the Front")."""
        return self._side_adjectives.get(word.lower())

    @functools.cached_property
    def _side_adjectives(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for side in self.sides:
            for word in self.side_words(side):
                out.setdefault(word.lower(), side)
        return out

    def __hash__(self) -> int:  # profiles are used as cache keys
        return id(self)


def load_profile(name_or_path: str | Path | Profile | None = None, *, corpus=None) -> Profile:
    """Read a conflict profile by name (a file of ``data/profiles/``) or path to a YAML file.

    Args:
        name_or_path: the profile; None: the one the ``corpus.yaml`` of ``corpus``'s
            folder names, else the one the ``KARGRAPH_PROFILE`` environment variable names.
        corpus: a corpus folder, or a :class:`~kargraph.document.Corpus` loaded from one.

    Raises:
        ValueError: no profile is given or named anywhere (the message says where to name one).
    """
    if isinstance(name_or_path, Profile):
        return name_or_path
    name = name_or_path or _named_by(corpus) or os.environ.get(PROFILE_ENV)
    if not name:
        raise ValueError("no conflict profile given: pass one (a name in data/profiles/ or a YAML file), "
                         "or name it in the corpus folder's corpus.yaml ('profile: NAME')")
    return _load_profile_file(str(_find_profile(name)))


def _named_by(corpus) -> str | None:
    """The profile the ``corpus.yaml`` of a corpus folder (or a loaded corpus's folder) names."""
    folder = corpus if isinstance(corpus, (str, Path)) else getattr(corpus, "path", None)
    if not folder:
        return None
    from .study import corpus_profile  # study needs nothing from here at import

    return corpus_profile(folder)


@functools.lru_cache(maxsize=16)
def _load_profile_file(path: str) -> Profile:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as err:
        raise ValueError(f"{path}: not a valid YAML profile: {err}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a profile must be a mapping with sections such as 'actors' and 'events'")
    return profile_from_dict(data, source=path)


def profile_from_dict(data: dict, *, source: str | None = None) -> Profile:
    """Build a :class:`Profile` from the parsed YAML mapping (checked, with clear errors)."""
    where = source or "profile"
    for key in ("id", "sides", "actors", "events"):
        if key not in data:
            raise ValueError(f"{where}: missing section {key!r}")
    actors = {}
    for i, a in enumerate(data.get("actors") or []):
        if not isinstance(a, dict) or "id" not in a:
            raise ValueError(f"{where}: actor #{i + 1} has no 'id'")
        roles = [(t, _date(r.get("from"), where), _date(r.get("to"), where))
                 for r in a.get("roles") or [] for t in _role_texts(r, _languages(data))]
        actors[a["id"]] = Actor(
            id=a["id"], name=str(a.get("name", a["id"])), kind=str(a.get("kind", "organisation")),
            side=str(a.get("side", "neutral")), aliases=tuple(str(x) for x in a.get("aliases") or ()),
            roles=tuple(roles), members=tuple(a.get("members") or ()), country=a.get("country"),
            claimant_kind=_claimant_kind(a, where),
            institutional=bool(a.get("institutional", False)),
        )
    places = {}
    for p in data.get("places") or []:
        places[p["id"]] = Place(id=p["id"], name=str(p.get("name", p["id"])),
                                aliases=tuple(str(x) for x in p.get("aliases") or ()),
                                institutions=p.get("institutions"), side=p.get("side"),
                                contested=bool(p.get("contested", False)))
    events = []
    for e in data.get("events") or []:
        try:
            events.append(Event(id=e["id"], name=str(e.get("name", e["id"])), start=_date(e["start"], where),
                                end=_date(e.get("end"), where) or OPEN_END,
                                reported_until=_date(e.get("reported_until"), where),
                                cues=tuple(str(c) for c in e.get("cues") or ()), parent=e.get("parent")))
        except KeyError as err:
            raise ValueError(f"{where}: event {e.get('id', '?')!r} lacks {err.args[0]!r}") from None
    return Profile(
        id=str(data["id"]), name=str(data.get("name", data["id"])), sides=dict(data["sides"]),
        actors=actors, places=places, events=events,
        institution_words=tuple(str(w) for w in data.get("institution_words") or ()),
        sections=data, source=source,
    )


def entity_mentions(corpus: Iterable, *, profile: Profile | str | None = None,
                    include_boilerplate: bool = False) -> pd.DataFrame:
    """Every actor and place mention in a corpus, one row per mention.

    Columns: doc_id, outlet, sentence, start, end (offsets into the raw text), text,
    entity_id, entity_type, canonical, side, method (alias, role, fuzzy), score.
    """
    prof = load_profile(profile, corpus=corpus)
    rows = []
    for doc in corpus:
        for s in doc.sentences:
            if s.is_boilerplate and not include_boilerplate:
                continue
            for m in prof.find_mentions(s.text, date=doc.published):
                rows.append({
                    "doc_id": doc.doc_id, "outlet": doc.outlet, "sentence": s.index,
                    "start": s.start + m.start, "end": s.start + m.end, "text": m.text,
                    "entity_id": m.entity_id, "entity_type": m.entity_type, "canonical": m.canonical,
                    "side": prof.side_of(m.entity_id), "method": m.method, "score": m.score,
                })
    columns = ["doc_id", "outlet", "sentence", "start", "end", "text", "entity_id", "entity_type",
               "canonical", "side", "method", "score"]
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------- helpers
_FOLD_TABLE = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u0131": "i", "\u0259": "e", "\u018f": "E",
    "\u00df": "s", "\u0142": "l", "\u0141": "L", "\u00f8": "o", "\u00d8": "O", "\u0111": "d",
}


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _FOLD_TABLE:
        return _FOLD_TABLE[ch]
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[:1]
    return base if base.isascii() and base.isalpha() else ch


def _languages(data: dict) -> tuple[str, ...]:
    """The profile's ``language``: one code or a list of codes (default English)."""
    value = data.get("language") or "en"
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


def _role_texts(role: dict, languages: tuple[str, ...]) -> list[str]:
    """The words that name a role's holder: its ``text`` list, and for an ``office`` of a
    country (rule office-title) every title of the office in the lexicons of the profile's
    languages that list offices, with every form of the country:
    ``{office: prime_minister, of: [Armenia, Armenian]}`` gives "Armenian premier",
    "Armenia's PM", "prime minister of Armenia"..."""
    texts = role.get("text") or []
    texts = [str(t) for t in (texts if isinstance(texts, list) else [texts])]
    if role.get("office"):
        from .lexicon import available_languages, load_lexicon

        titles = [t for code in languages if code in available_languages()
                  for t in load_lexicon(code).get("offices", {}).get(role["office"], [])]
        forms = role.get("of") or []
        forms = forms if isinstance(forms, list) else [forms]
        texts += [t for c in forms for title in titles
                  for t in (f"{c} {title}", f"{c}'s {title}", f"{title} of {c}") if t not in texts]
    return texts


def fold(text: str) -> str:
    """ASCII-fold letters one character for one (offsets are kept): Erdoğan -> Erdogan.

    Words split by invisible characters ("Azerbai\u200bjani") are joined first
    (:func:`kargraph.normalize.words_joined`, which keeps the length too).
    """
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in words_joined(text))


def _alias_key(alias: str) -> str:
    key = fold(alias).lower().replace("-", " ").replace("'s ", " ")
    key = re.sub(r"^the\s+", "", key)
    return re.sub(r"\s+", " ", key).strip()


def _alias_pattern(alias: str) -> str:
    words = re.split(r"[\s-]+", re.sub(r"^the\s+", "", alias, flags=re.I).strip())
    return r"[\s-]+".join(re.escape(w) for w in words)


def _case_sensitive(surface: str) -> bool:
    """Short all-capital aliases (AP, US, UN) only match in capitals."""
    letters = re.sub(r"[^A-Za-z]", "", surface)
    return len(letters) <= 4 and letters.isupper()


def _cue_pattern(cue: str) -> re.Pattern:
    if len(cue) > 2 and cue.startswith("/") and cue.endswith("/"):
        return re.compile(cue[1:-1], re.I)
    return re.compile(r"(?<!\w)" + _alias_pattern(cue) + r"(?!\w)", re.I)


def _place_alias_of_actor(profile: Profile, actor_id: str, place_text: str) -> bool:
    """Whether an actor mention is only the place name itself (Azerbaijan the country)."""
    actor = profile.actors[actor_id]
    return _alias_key(place_text) in {_alias_key(a) for a in (actor.name, *actor.aliases)}


def _in_range(day: dt.date, from_: dt.date | None, to: dt.date | None) -> bool:
    return (from_ is None or day >= from_) and (to is None or day <= to)


def _claimant_kind(actor: dict, where: str) -> str | None:
    kind = actor.get("claimant_kind")
    if kind is None:
        return None
    if kind not in CLAIMANT_KINDS:
        raise ValueError(f"{where}: actor {actor['id']!r} has claimant_kind {kind!r}; "
                         f"expected one of {', '.join(CLAIMANT_KINDS)}")
    return str(kind)


def _date(value, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _skeleton(word: str) -> str:
    """Consonant skeleton: vowels, y, h after s/k/z, and doubled letters removed."""
    w = re.sub(r"(?<=[skzc])h", "", word.lower())
    w = re.sub(r"[aeiouy]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


def _find_profile(name: str | Path) -> Path:
    path = Path(name)
    if path.suffix in (".yaml", ".yml"):
        if path.is_file():
            return path
        raise FileNotFoundError(f"no conflict profile at {path}")
    for folder in profiles_dirs():
        candidate = folder / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no conflict profile named {str(name)!r} (looked in "
                            + ", ".join(str(d) for d in profiles_dirs()) + ")")


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_REFERENCE_POINT = re.compile(r"\b(?:since|after|before|until|following|compared with|than in)\s+"
                              r"(?:[\w'\u2019-]+\s+){0,4}$")
_STATEMENT_DATE = re.compile(r"\b(?:said|says|reported|announced|stated|published|released|confirmed|updated|"
                             r"told)\s+(?:\w+\s+){0,3}(?:in|on|by)\s+(?:\w+\s+)?$")
# capitalised English words that look like names to a fuzzy matcher
_COMMON_CAPITALISED = frozenset(
    """about after again against also although among another april august before being between
    both during earlier either every february first following friday however january july june
    later march meanwhile monday more most never november october other saturday september
    since some still sunday their there these they this those thursday today tuesday under
    wednesday when where which while white within without would yesterday martin""".split()
)


# ---------------------------------------------------------------- fit to a corpus
#: a profile fits a corpus when, of its actors, of its places and of its events, at least
#: this share or at least MIN_FOUND are found (an event: its cues named, or a document dated
#: in it); a small corpus of a long war names few of its villages
MIN_FIT = 0.2
MIN_FOUND = 3
FIT_SAMPLE = 200  # documents read for the check; enough to tell a wrong profile


@dataclass(frozen=True)
class ProfileFit:
    """Which of a profile's actors, places and events a corpus names: ``found`` and
    ``missing`` ids per section (``actors``, ``places``, ``events``)."""

    profile: str
    found: dict[str, tuple[str, ...]]
    missing: dict[str, tuple[str, ...]]

    def poor(self) -> list[str]:
        """The sections of which fewer than :data:`MIN_FIT` and fewer than :data:`MIN_FOUND` were found."""
        return [s for s in self.found if self.found[s] or self.missing[s]
                if len(self.found[s]) < min(MIN_FOUND, MIN_FIT * (len(self.found[s]) + len(self.missing[s])))]

    def warning(self) -> str | None:
        """One line naming what the corpus lacks, or None when the profile fits."""
        poor = self.poor()
        if not poor:
            return None
        parts = [f"{len(self.found[s])} of {len(self.found[s]) + len(self.missing[s])} {s} found "
                 f"(missing: {', '.join(self.missing[s][:8])}{', ...' if len(self.missing[s]) > 8 else ''})"
                 for s in poor]
        return (f"profile {self.profile!r} does not fit this corpus: " + "; ".join(parts)
                + "; sides, places and events will be wrong: pass --profile or name it in corpus.yaml")


def profile_fit(corpus: Iterable, profile: Profile | str | None = None, *, sample: int = FIT_SAMPLE) -> ProfileFit:
    """How well ``profile`` fits ``corpus``: which of its actors, places and events the
    first ``sample`` documents name (exact aliases and roles only, no fuzzy links)."""
    prof = load_profile(profile, corpus=corpus)
    seen: set[str] = set()
    events: set[str] = set()
    for i, doc in enumerate(corpus):
        if i >= sample:
            break
        seen.update(m.entity_id for m in prof.find_mentions(doc.raw, date=doc.published, fuzzy=False))
        events.update(c.event_id for c in prof.event_cues(doc.raw))
        if doc.published:
            events.update(e.id for e in prof.events if e.covers(doc.published))
    ids = {"actors": list(prof.actors), "places": list(prof.places), "events": [e.id for e in prof.events]}
    found = {"actors": seen, "places": seen, "events": events}
    return ProfileFit(prof.id, {s: tuple(i for i in ids[s] if i in found[s]) for s in ids},
                      {s: tuple(i for i in ids[s] if i not in found[s]) for s in ids})


def profile_file(name_or_path: str | Path) -> Path:
    """The YAML file a profile name (a file of ``data/profiles/``) or path stands for."""
    return _find_profile(name_or_path)

"""Problems of a conflict profile file, each named by key, line and what is wrong.

``check_profile_file(path)`` returns a list of :class:`ProfileProblem` (empty when the
profile is sound) and ``describe_profile(profile)`` what a sound profile defines; the
command line runs both (``python -m kargraph profile check FILE``). ``skeleton(name)`` is
the commented profile that ``python -m kargraph profile new NAME`` writes.

Line numbers come from PyYAML's node tree (``yaml.compose``): every key and list item
keeps the line it starts on. The checks themselves are written here by hand: a JSON Schema
would catch the shapes but not the cross-references (a side, an actor or a parent event
named somewhere else in the file), which are most of the mistakes. docs/profiles.md
describes every key.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .profile import CLAIMANT_KINDS

# kargraph's own side values, allowed wherever a side id is
SIDE_VALUES = ("neutral", "both", "each", "unknown")
TOP_KEYS = ("id", "name", "language", "sides", "third_party_adjectives", "institution_words", "actors",
            "places", "events", "labels", "frames", "agency", "reference_facts")
REQUIRED_KEYS = ("id", "sides", "actors", "events")
SIDE_KEYS = ("name", "label", "colour", "adjectives", "aliases")
ACTOR_KEYS = ("id", "name", "kind", "side", "aliases", "roles", "members", "country", "institutional",
              "claimant_kind")
PLACE_KEYS = ("id", "name", "aliases", "institutions", "side", "contested")
EVENT_KEYS = ("id", "name", "start", "end", "reported_until", "cues", "parent")
ROLE_KEYS = ("text", "office", "of", "from", "to")


@dataclass(frozen=True)
class ProfileProblem:
    """One mistake: where (``key`` as a dotted path, ``line`` from 1) and what."""

    key: str
    line: int | None
    problem: str

    def format(self, file: str) -> str:
        where = f"{file}:{self.line}" if self.line else file
        return f"{where}: {self.key}: {self.problem}" if self.key else f"{where}: {self.problem}"


def check_profile_file(path: str | Path) -> list[ProfileProblem]:
    """Every problem of the profile at ``path`` (empty list: it loads and its references hold)."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [ProfileProblem("", mark.line + 1 if mark else None,
                               f"not valid YAML: {getattr(err, 'problem', None) or err}")]
    if not isinstance(data, dict):
        return [ProfileProblem("", 1, "a profile must be a mapping of sections (id, sides, actors, events, ...)")]
    return _Checker(data, _lines(node)).run()


def _lines(node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Line (from 1) of every key and item of a composed YAML node, by path."""
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[path + (key.value,)] = key.start_mark.line + 1
            _lines(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, path + (i,), out)
    return out


class _Checker:
    """Runs the checks in file order and collects the problems."""

    def __init__(self, data: dict, lines: dict[tuple, int]):
        self.data, self.lines, self.problems = data, lines, []
        self.sides = set((data.get("sides") or {}) if isinstance(data.get("sides"), dict) else ())
        self.actor_ids = {a.get("id") for a in _items(data.get("actors")) if isinstance(a, dict)}
        self.event_ids = {e.get("id") for e in _items(data.get("events")) if isinstance(e, dict)}

    def add(self, path: tuple, problem: str) -> None:
        line = next((self.lines[path[:i]] for i in range(len(path), -1, -1) if path[:i] in self.lines), None)
        self.problems.append(ProfileProblem(_dotted(path, self.data), line, problem))

    def run(self) -> list[ProfileProblem]:
        for key in REQUIRED_KEYS:
            if key not in self.data:
                self.add((), f"missing section {key!r}")
        self.unknown_keys((), self.data, TOP_KEYS)
        self.check_sides()
        self.check_list("actors", ACTOR_KEYS, self.check_actor)
        self.check_list("places", PLACE_KEYS, self.check_place)
        self.check_list("events", EVENT_KEYS, self.check_event)
        self.check_labels()
        self.check_frames()
        if not self.problems:  # what the checks above do not see, the loader may
            from .profile import profile_from_dict

            try:
                profile_from_dict(self.data)
            except (ValueError, KeyError, TypeError) as err:
                self.add((), f"does not load: {err}")
        return sorted(self.problems, key=lambda p: (p.line or 0, p.key))

    # ------------------------------------------------------------------ shapes
    def unknown_keys(self, path: tuple, mapping: dict, known: tuple) -> None:
        for key in mapping:
            if key not in known:
                close = [k for k in known if _similar(str(key), k)]
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
                self.add(path + (key,), f"unknown key{hint}")

    def check_list(self, section: str, keys: tuple, check) -> None:
        items = self.data.get(section)
        if items is None:
            return
        if not isinstance(items, list):
            self.add((section,), "must be a list of entries, each starting with '- id: ...'")
            return
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            path = (section, i)
            if not isinstance(item, dict) or not item.get("id"):
                self.add(path, "entry has no 'id'")
                continue
            if item["id"] in seen:
                self.add(path + ("id",), f"duplicate id {item['id']!r} (first on line {seen[item['id']]})")
            seen.setdefault(item["id"], self.lines.get(path, 0))
            self.unknown_keys(path, item, keys)
            check(path, item)

    def check_side_ref(self, path: tuple, value, *, what: str = "side") -> None:
        if value is not None and value not in self.sides and value not in SIDE_VALUES:
            self.add(path, f"{what} {value!r} is not a side of the profile "
                           f"({', '.join(sorted(self.sides)) or 'none defined'}) nor one of {', '.join(SIDE_VALUES)}")

    def check_date(self, path: tuple, value, *, required: bool = False) -> dt.date | None:
        if value is None or value == "":
            if required:
                self.add(path, "missing (an ISO date, YYYY-MM-DD)")
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(path, f"{value!r} is not an ISO date (YYYY-MM-DD)")
            return None

    def check_words(self, path: tuple, value) -> None:
        if value is not None and (not isinstance(value, list) or not all(isinstance(w, (str, int, float)) for w in value)):
            self.add(path, "must be a list of words or phrases, e.g. [rebels, the Front]")

    def check_patterns(self, path: tuple, patterns) -> None:
        self.check_words(path, patterns)
        for j, p in enumerate(patterns if isinstance(patterns, list) else ()):
            text = str(p)
            if len(text) > 2 and text.startswith("/") and text.endswith("/"):
                try:
                    re.compile(text[1:-1])
                except re.error as err:
                    self.add(path + (j,), f"regular expression {text!r} does not compile: {err}")

    # ---------------------------------------------------------------- sections
    def check_sides(self) -> None:
        sides = self.data.get("sides")
        if sides is None:
            return
        if not isinstance(sides, dict) or not sides:
            self.add(("sides",), "must map each side id to its words, e.g. 'army: {aliases: [government forces]}'")
            return
        for side, spec in sides.items():
            path = ("sides", side)
            if side in SIDE_VALUES:
                self.add(path, f"{side!r} is a value of kargraph's own; name the side otherwise")
            if spec is None:
                continue
            if not isinstance(spec, dict):
                self.add(path, "must be a mapping (name, label, colour, adjectives, aliases)")
                continue
            self.unknown_keys(path, spec, SIDE_KEYS)
            for key in ("adjectives", "aliases"):
                self.check_words(path + (key,), spec.get(key))
            if spec.get("colour") is not None:
                from matplotlib.colors import is_color_like

                if not is_color_like(spec["colour"]):
                    self.add(path + ("colour",), f"{spec['colour']!r} is not a colour (e.g. tab:blue, #1f77b4)")
            if not spec.get("adjectives") and not spec.get("aliases"):
                self.add(path, "names no words for the side: give 'aliases' (force names) or 'adjectives'")

    def check_actor(self, path: tuple, actor: dict) -> None:
        self.check_side_ref(path + ("side",), actor.get("side"))
        self.check_words(path + ("aliases",), actor.get("aliases"))
        kind = actor.get("claimant_kind")
        if kind is not None and kind not in CLAIMANT_KINDS:
            self.add(path + ("claimant_kind",), f"unknown claimant_kind {kind!r} (known: {', '.join(CLAIMANT_KINDS)})")
        for key in ("country",):
            if actor.get(key) is not None and actor[key] not in self.actor_ids:
                self.add(path + (key,), f"{actor[key]!r} is not the id of an actor of the profile")
        for j, member in enumerate(actor.get("members") or ()):
            if member not in self.actor_ids:
                self.add(path + ("members", j), f"member {member!r} is not the id of an actor of the profile")
        for j, role in enumerate(actor.get("roles") or ()):
            rpath = path + ("roles", j)
            if not isinstance(role, dict) or not (role.get("text") or role.get("office")):
                self.add(rpath, "a role needs 'text' (the words that name the holder) or an 'office' "
                                "with 'of' (the country), and may give 'from' and 'to'")
                continue
            self.unknown_keys(rpath, role, ROLE_KEYS)
            self.check_office(rpath, role)
            start, end = self.check_date(rpath + ("from",), role.get("from")), self.check_date(rpath + ("to",), role.get("to"))
            if start and end and end < start:
                self.add(rpath + ("to",), f"ends ({end}) before it starts ({start})")

    def check_office(self, path: tuple, role: dict) -> None:
        """An ``office`` is one the English lexicon gives titles for, held ``of`` a country."""
        if role.get("office") is None:
            return
        from .lexicon import load_lexicon

        offices = load_lexicon("en").get("offices", {})
        if role["office"] not in offices:
            self.add(path + ("office",), f"unknown office {role['office']!r} (known: {', '.join(sorted(offices))})")
        elif not role.get("of"):
            self.add(path + ("of",), "an office needs 'of': the country's names, e.g. [Ruritania, Ruritanian]")

    def check_place(self, path: tuple, place: dict) -> None:
        self.check_side_ref(path + ("side",), place.get("side"))
        self.check_words(path + ("aliases",), place.get("aliases"))
        if place.get("institutions") is not None and place["institutions"] not in self.actor_ids:
            self.add(path + ("institutions",), f"{place['institutions']!r} is not the id of an actor of the profile")

    def check_event(self, path: tuple, event: dict) -> None:
        start = self.check_date(path + ("start",), event.get("start"), required=True)
        end = self.check_date(path + ("end",), event.get("end"))
        until = self.check_date(path + ("reported_until",), event.get("reported_until"))
        if start and end and end < start:
            self.add(path + ("end",), f"ends ({end}) before it starts ({start})")
        if end and until and until < end:
            self.add(path + ("reported_until",), f"{until} is before the event's end ({end})")
        self.check_patterns(path + ("cues",), event.get("cues"))
        if not event.get("cues"):
            self.add(path, "has no 'cues': no text can name this event, only its dates")
        parent = event.get("parent")
        if parent is not None:
            if parent not in self.event_ids or parent == event.get("id"):
                self.add(path + ("parent",), f"{parent!r} is not the id of another event of the profile")
            else:
                self.check_nesting(path, event, start, end)

    def check_nesting(self, path: tuple, event: dict, start, end) -> None:
        outer = next(e for e in self.data["events"] if isinstance(e, dict) and e.get("id") == event["parent"])
        o_start, o_end = _as_date(outer.get("start")), _as_date(outer.get("end"))
        if start and o_start and start < o_start or end and o_end and end > o_end:
            self.add(path + ("start",), f"the event lies outside its parent {event['parent']!r} "
                                         f"({o_start} to {o_end or 'open'})")

    def check_labels(self) -> None:
        labels = self.data.get("labels")
        if labels is None:
            return
        if not isinstance(labels, dict):
            self.add(("labels",), "must map each referent id to its name and labels")
            return
        for referent, spec in labels.items():
            for j, label in enumerate((spec or {}).get("labels") or () if isinstance(spec, dict) else ()):
                lpath = ("labels", referent, "labels", j)
                if not isinstance(label, dict) or not label.get("label") or not label.get("patterns"):
                    self.add(lpath, "a label needs 'label', 'lean' and 'patterns'")
                    continue
                self.check_side_ref(lpath + ("lean",), label.get("lean"), what="lean")
                self.check_patterns(lpath + ("patterns",), label.get("patterns"))

    def check_frames(self) -> None:
        frames = self.data.get("frames")
        if frames is None:
            return
        for frame, spec in (frames.items() if isinstance(frames, dict) else ()):
            if not isinstance(spec, dict) or not spec.get("terms"):
                self.add(("frames", frame), "a frame needs 'terms' (words whose presence marks it)")
            else:
                self.check_patterns(("frames", frame, "terms"), spec["terms"])


def describe_profile(profile) -> list[str]:
    """What a loaded :class:`~kargraph.profile.Profile` defines, one line per part."""
    events = []
    for e in profile.events:
        extra = [x for x in ("open-ended" if e.is_open else "", f"inside {e.parent}" if e.parent else "") if x]
        events.append(e.id + (f" ({', '.join(extra)})" if extra else ""))
    kinds: dict[str, int] = {}
    for a in profile.actors.values():
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    sections = [s for s in ("labels", "frames", "agency", "reference_facts") if profile.section(s)]
    return [
        f"profile {profile.id!r}: {profile.name}",
        f"{len(profile.sides)} sides: " + ", ".join(f"{s} ({len(profile.side_words(s))} words)" for s in profile.sides),
        f"{len(profile.actors)} actors: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        f"{len(profile.places)} places, {sum(p.institutions is not None for p in profile.places.values())} "
        "with institutions",
        f"{len(profile.events)} events: " + ", ".join(events),
        "sections for framing and reliability: " + (", ".join(sections) or "none (reports 03 and 04 need them)"),
    ]


def _items(value) -> list:
    return value if isinstance(value, list) else []


def _as_date(value) -> dt.date | None:
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a.lower(), b.lower()) >= 75


def _dotted(path: tuple, data) -> str:
    """``actors[3].side`` written with the entry's id: ``actors[pashinyan].side``."""
    out, node = [], data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) and item.get("id") else part + 1
            out[-1] += f"[{ident}]"
            node = item
        else:
            out.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return ".".join(out)


# ------------------------------------------------------------------ the skeleton
_SKELETON = """\
# Conflict profile: {name}
#
# Everything kargraph knows about a conflict lives in a file like this one. Fill in the
# parts marked TODO, then run `python -m kargraph profile check {file}` until it is clean.
# docs/profiles.md describes every key; data/profiles/kelvara.yaml is a small complete
# example (a civil war); the other files of data/profiles/ are larger ones.

id: {id}
name: {name}
language: en

# The parties. Each side id is yours to choose; give the words that name the side:
# `aliases` for force names ("the army", "rebels"), `adjectives` for nationality words
# ("Ruritanian"). `label` is the short name shown in charts, `colour` its colour.
sides:
  side_a:                               # TODO: rename
    name: TODO the first party
    label: first party
    aliases: [TODO force name, TODO another name]
  side_b:                               # TODO: rename
    name: TODO the second party
    label: second party
    aliases: [TODO force name]

# Words that mark an official body ("officials in X" speak for the place's institutions).
institution_words: [officials, authorities, government, ministry, spokesman, spokeswoman, military, army]

# Actors: who speaks and who is counted. kind: person, government, armed_force, agency,
# media, organisation or joint; side: a side id above or neutral. `institutional: true`
# keeps a non-state party's statements its own ("its spokesman said").
actors:
  - id: side_a_government               # TODO
    name: TODO Government of ...
    kind: government
    side: side_a
    aliases: [TODO the government]
  - id: side_b_forces                   # TODO
    name: TODO the armed group
    kind: armed_force
    side: side_b
    institutional: true
    aliases: [TODO its name, TODO its acronym]
  # - id: some_person
  #   name: Full Name
  #   kind: person
  #   side: side_a
  #   country: side_a_government        # the body the person speaks for
  #   aliases: [Full Name, Surname]
  #   roles:
  #     - {{text: [the president, President of ...], from: 2020-01-01}}

# Places: `institutions` is the actor whose officials speak for the place; `side` only
# when the place's civilians belong to one party (leave it out otherwise).
places:
  - id: capital                         # TODO
    name: TODO Capital
    aliases: [TODO Capital]
    institutions: side_a_government

# Events: `start` (ISO date), `end` (leave it out while the war goes on), `cues` (words or
# /regular expressions/ that name the event in text), `parent` for an incident inside a
# war: figures go to the incident only when its cues are there.
events:
  - id: the_war                         # TODO
    name: TODO the war
    start: 2024-01-01                   # TODO
    cues: [the war, civil war]
  # - id: an_incident
  #   name: An attack inside the war
  #   parent: the_war
  #   start: 2024-05-01
  #   end: 2024-05-01
  #   cues: [TODO the place of the attack]

# Framing (report 04) and reliability (report 03) read the sections `labels`, `frames`,
# `agency` and `reference_facts`: copy them from data/profiles/kelvara.yaml and adapt them.
"""


def skeleton(name: str) -> str:
    """A commented profile to fill in, for a conflict called ``name``; it passes the check."""
    ident = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "my_conflict"
    return _SKELETON.format(id=ident, name=name, file=f"{ident}.yaml")


def add_parser(subparsers) -> None:
    """The ``profile`` command: ``profile check FILE`` and ``profile new NAME``."""
    p = subparsers.add_parser("profile", help="check a conflict profile, or start a new one")
    sub = p.add_subparsers(dest="profile_command", required=True)
    c = sub.add_parser("check", help="list a profile's mistakes (key, line, problem), else what it defines")
    c.add_argument("file", help="the profile's YAML file")
    c.set_defaults(func=_cmd_check)
    n = sub.add_parser("new", help="write a commented skeleton profile NAME.yaml")
    n.add_argument("name", help="the conflict's name, e.g. 'Ruritanian civil war'")
    n.add_argument("-o", "--output", default=None, help="file to write (default: ./<id>.yaml); never overwritten")
    n.set_defaults(func=_cmd_new)


def _cmd_check(args) -> int:
    import sys

    from .profile import load_profile

    path = Path(args.file)
    if not path.is_file():
        raise FileNotFoundError(f"no profile file at {path}")
    problems = check_profile_file(path)
    for p in problems:
        print(p.format(str(path)), file=sys.stderr)
    if problems:
        print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("\n".join(describe_profile(load_profile(path))))
    return 0


def _cmd_new(args) -> int:
    from ._io import atomic_write_text

    text = skeleton(args.name)
    ident = re.search(r"^id: (\S+)", text, re.M).group(1)
    path = Path(args.output or f"{ident}.yaml")
    if path.exists():
        raise ValueError(f"{path} exists; choose another name with -o (nothing was written)")
    atomic_write_text(path, text)
    print(f"wrote {path}; fill in the TODOs, then: python -m kargraph profile check {path}")
    return 0

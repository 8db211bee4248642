"""`profile check`: every kind of mistake named by key, line and problem; `profile new`."""
import pytest

from kargraph.cli import main
from kargraph.profile_check import check_profile_file, skeleton

GOOD = """\
id: war
name: A war
sides:
  army:
    aliases: [government forces]
  front:
    aliases: [rebels]
actors:
  - id: gov
    kind: government
    side: army
  - id: front_org
    kind: armed_force
    side: front
    institutional: true
  - id: leader
    kind: person
    side: front
    country: front_org
    roles:
      - {text: [Front leader], from: 2020-01-01, to: 2021-01-01}
places:
  - {id: town, name: Town, institutions: gov}
events:
  - id: the_war
    start: 2020-01-01
    cues: [the war]
  - id: incident
    parent: the_war
    start: 2020-05-01
    end: 2020-05-01
    cues: [the attack]
labels:
  front:
    labels:
      - {label: rebels, lean: neutral, patterns: [rebels]}
frames:
  conflict: {terms: [fight*]}
"""


def _check(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return check_profile_file(path)


def test_a_sound_profile_has_no_problem(tmp_path):
    assert _check(tmp_path, GOOD) == []


@pytest.mark.parametrize("old,new,key,line,problem", [
    # 1 not YAML at all (the parser notices on the next line)
    ("  front:\n    aliases: [rebels]", "  front:\n    aliases: [rebels", "", 8, "not valid YAML"),
    # 2 a required section missing
    ("id: war\n", "", "", 1, "missing section 'id'"),
    # 3 a misspelt top-level key
    ("places:", "place:", "place", 22, "did you mean 'places'?"),
    # 4 a misspelt key of an actor
    ("    kind: government", "    knd: government", "actors[gov].knd", 10, "unknown key"),
    # 5 an actor's side that is no side of the profile
    ("    side: army\n  - id: front_org", "    side: armee\n  - id: front_org", "actors[gov].side", 11,
     "'armee' is not a side of the profile"),
    # 6 two entries with one id
    ("  - id: leader", "  - id: gov", "actors[gov].id", 16, "duplicate id 'gov'"),
    # 7 institutions naming no actor
    ("institutions: gov}", "institutions: govt}", "places[town].institutions", 23, "'govt' is not the id of an actor"),
    # 8 a date that is no ISO date
    ("    start: 2020-05-01", "    start: May 2020", "events[incident].start", 30, "not an ISO date"),
    # 9 an event ending before it starts
    ("    end: 2020-05-01", "    end: 2020-04-01", "events[incident].end", 31, "ends (2020-04-01) before it starts"),
    # 10 a parent that is no event
    ("    parent: the_war", "    parent: war", "events[incident].parent", 29, "'war' is not the id of another event"),
    # 11 a nested event outside its parent
    ("    start: 2020-05-01\n    end: 2020-05-01", "    start: 2019-05-01\n    end: 2019-05-01",
     "events[incident].start", 30, "outside its parent 'the_war'"),
    # 12 a cue that is a broken regular expression
    ("cues: [the attack]", "cues: ['/attack(/']", "events[incident].cues[1]", 32, "does not compile"),
    # 13 an event without a start
    ("    start: 2020-01-01\n    cues: [the war]", "    cues: [the war]", "events[the_war].start", 25, "missing"),
    # 14 a role ending before it starts
    ("to: 2021-01-01", "to: 2019-01-01", "actors[leader].roles[1].to", 21, "ends (2019-01-01) before it starts"),
    # 15 a country that names no actor
    ("    country: front_org", "    country: nowhere", "actors[leader].country", 19, "'nowhere' is not the id of an actor"),
    # 16 a side with no words
    ("  front:\n    aliases: [rebels]", "  front: {name: The Front}", "sides.front", 6, "names no words for the side"),
    # 17 a label leaning to no side
    ("lean: neutral", "lean: fronts", "labels.front.labels[1].lean", 36, "lean 'fronts' is not a side"),
    # 18 a side colour that is no colour
    ("    aliases: [government forces]", "    aliases: [government forces]\n    colour: bluish", "sides.army.colour", 6,
     "'bluish' is not a colour"),
    # 19 an actor without id
    ("  - id: gov\n", "  - name: gov\n", "actors[1]", 9, "entry has no 'id'"),
    # 20 a frame without terms
    ("conflict: {terms: [fight*]}", "conflict: {name: Conflict}", "frames.conflict", 38, "needs 'terms'"),
    # 21 an office the lexicon has no titles for
    ("{text: [Front leader], from", "{office: emir, of: [Front], from", "actors[leader].roles[1].office", 21,
     "unknown office 'emir'"),
    # 22 an office of no country
    ("{text: [Front leader], from", "{office: president, from", "actors[leader].roles[1].of", 21, "needs 'of'"),
])
def test_each_kind_of_mistake_is_named_with_key_and_line(tmp_path, old, new, key, line, problem):
    assert old in GOOD
    problems = _check(tmp_path, GOOD.replace(old, new, 1))
    assert [(p.key, p.line) for p in problems if problem in p.problem] == [(key, line)], problems


def test_check_command_exits_1_and_prints_file_line_key_problem(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(GOOD.replace("    side: army\n  - id: front_org", "    side: armee\n  - id: front_org"),
                    encoding="utf-8")
    assert main(["profile", "check", str(path)]) == 1
    assert f"{path}:11: actors[gov].side: side 'armee' is not a side" in capsys.readouterr().err


def test_check_command_prints_what_a_sound_profile_defines(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["profile", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 sides: army (1 words), front (1 words)" in out
    assert "the_war (open-ended), incident (inside the_war)" in out


@pytest.mark.parametrize("name,profile_id", [("Ruritanian civil war", "ruritanian_civil_war"), ("X", "x")])
def test_new_writes_a_skeleton_that_passes_the_check_and_never_overwrites(tmp_path, monkeypatch, name, profile_id):
    monkeypatch.chdir(tmp_path)
    assert main(["profile", "new", name]) == 0
    path = tmp_path / f"{profile_id}.yaml"
    assert path.read_text(encoding="utf-8") == skeleton(name)
    assert check_profile_file(path) == []
    assert main(["profile", "new", name]) == 1  # exists: refused, left as it was
    assert path.read_text(encoding="utf-8") == skeleton(name)


@pytest.mark.parametrize("profile", ["data/profiles/nagorno_karabakh.yaml", "data/profiles/kelvara.yaml"])
def test_shipped_profiles_pass_the_check(profile):
    from kargraph._paths import repo_root

    assert check_profile_file(repo_root() / profile) == []

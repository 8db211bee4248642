"""Plots: sides, colours and labels come from the profile; no side is ever dropped."""
import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kargraph import plots  # noqa: E402
from kargraph.profile import profile_from_dict  # noqa: E402


def _profile(sides):
    return profile_from_dict({"id": "p", "sides": sides, "actors": [], "events": []})


@pytest.mark.parametrize("sides,seen,expected", [
    # colours given by the profile, in its order, then kargraph's own values
    ({"north": {"colour": "black"}, "south": {"colour": "white"}}, (),
     {"north": "black", "south": "white", "both": "tab:purple", "each": "tab:pink", "neutral": "tab:green",
      "unknown": "lightgray"}),
    # no colours: the palette in profile order
    ({"b": {}, "a": {}}, (), {"b": "tab:blue", "a": "tab:orange"}),
    # a side the profile does not know still gets a colour
    ({"a": {}}, ("a", "zeta"), {"a": "tab:blue", "zeta": "tab:orange"}),
])
def test_side_colours_follow_the_profile(sides, seen, expected):
    colours = plots.side_colours(_profile(sides), seen)
    assert {k: v for k, v in colours.items() if k in expected} == expected
    assert list(colours)[:len(sides)] == list(sides)


def test_voices_by_side_draw_every_side_with_the_profile_labels():
    prof = _profile({"army": {"label": "government side"}, "front": {"label": "Front"}})
    shares = pd.DataFrame({"outlet": ["W", "W", "W", "W"], "by": "side",
                           "name": ["army", "front", "neutral", "militia"],
                           "share_words": [0.4, 0.3, 0.2, 0.1]})
    ax = plots.plot_voice_shares(shares, by="side", profile=prof)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["government side", "Front", "neutral", "militia"]

"""Region maps a paper can use: every fixed value named, honest episodes, drawn outcomes only."""

from __future__ import annotations

from fractions import Fraction

import pytest

from gametheory.models import MODELS
from gametheory.models.episodes import load_episodes
from gametheory.report.regionmap import fixed_caption

pytest.importorskip("matplotlib", reason="region maps need the [plot] extra")
from gametheory.report.regionmap import plot_regions  # noqa: E402


def _episode(identifier):
    _, episodes = load_episodes()
    return next(e for e in episodes if e.id == identifier)


def test_the_caption_names_every_parameter_off_the_axes():
    model = MODELS["linkage"]
    values = model.point(lam=0)
    caption = fixed_caption(values, ("c", "s"))
    for p in model.parameters:
        assert (f"{p.name} = " in caption) == (p.name not in ("c", "s")), p.name
    assert "lam = 0" in caption and "f = 1/10" in caption
    assert "lam = 1" in fixed_caption(model.point(lam=1), ("c", "s"))


def test_the_map_shows_its_caption_and_marks_projected_episodes():
    model = MODELS["linkage-renewal"]
    e6 = _episode("E6")
    fixed = {k: v for k, v in e6.values.items() if k not in ("c", "s")}
    figure = plot_regions(model, "c", "s", fixed, resolution=60)
    caption = " ".join(t.get_text() for t in figure.texts)
    assert "lam = 1" in caption and "a = 3" in caption
    ax = figure.axes[0]
    points = {text.get_text(): text.xy for text in ax.texts}
    label = next(name for name in points if "E6" in name.split(", "))
    assert points[label] == (float(Fraction(e6.values["c"])), float(Fraction(e6.values["s"])))
    filled = [line for line in ax.lines if line.get_marker() == "o"
              and line.get_markerfacecolor() not in ("white", (1.0, 1.0, 1.0, 1.0))]
    # only the episodes whose other values are E6's are drawn filled, E6 among them
    assert any(tuple(line.get_xydata()[0]) == points[label] for line in filled)
    assert "E6" not in caption.split("Hollow points")[-1].split(")")[0].split(", ")
    others = plot_regions(model, "c", "s", {**fixed, "ell_A": "5"}, resolution=60)
    hollow = " ".join(t.get_text() for t in others.texts)
    assert "E6" in hollow.split("Hollow points")[-1]      # moved off its plane: projected


def test_the_legend_lists_only_outcomes_drawn():
    model = MODELS["linkage"]
    everything = plot_regions(model, "c", "s", {"lam": 0}, resolution=60, episodes=False)
    assert {t.get_text().split(":")[0]
            for t in everything.axes[0].get_legend().get_texts()} == {"N", "S"}
    # far from the origin the side payment costs too much: only N is drawn
    corner = plot_regions(model, "c", "s", {"lam": 0}, xlim=(3, 4), ylim=(5, 6),
                          resolution=60, episodes=False)
    assert {t.get_text().split(":")[0]
            for t in corner.axes[0].get_legend().get_texts()} == {"N"}

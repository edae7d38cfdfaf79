"""The figures that carry the episode table: the region map of the core game with every episode
at its calibrated point, and the margin plot; drawn as a reader needs them (labels apart, every
fixed value named, only drawn outcomes in the legend, colour-blind-safe colours)."""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

import pytest

pytest.importorskip("matplotlib", reason="figures need the [plot] extra")

from gametheory.cli import main  # noqa: E402
from gametheory.models import MODELS  # noqa: E402
from gametheory.models.episodes import episode_rows  # noqa: E402
from gametheory.report.marginplot import margin_plot  # noqa: E402
from gametheory.report.regionmap import episode_map, outcome_colours  # noqa: E402

OKABE_ITO = {"#009E73", "#D55E00", "#0072B2", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442",
             "#000000", "#BBBBBB"}


@pytest.fixture(scope="module")
def rows():
    return episode_rows(robust=False)


@pytest.fixture(scope="module")
def figure(rows):
    return episode_map(rows, resolution=80)


def _labels(ax):
    return {t.get_text(): t for t in ax.texts}


def test_every_calibrated_episode_is_at_its_calibrated_point(rows, figure):
    left, right = figure.axes[:2]
    placed = {}
    for ax, (x, y) in ((left, ("c", "R")), (right, ("ell_A", "kappa"))):
        for text, note in _labels(ax).items():
            for label in text.split(", "):
                placed[label.split(" ")[0]] = (ax, note.xy, (x, y))
    episodes = [r for r in rows if r.episode.calibrated and not r.episode.is_counterfactual
                and not r.episode.is_private]
    assert sorted(placed) == sorted(r.id for r in episodes)
    for row in episodes:
        ax, xy, (x, y) = placed[row.id]
        values = row.episode.values
        assert xy == (float(Fraction(values[x])), float(Fraction(values[y]))), row.id
        assert (ax is right) == (values["lam"] == "1"), row.id      # its own lam's panel


def test_labels_never_overlap(figure):
    renderer = figure.canvas.get_renderer()
    for ax in figure.axes[:2]:
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b)
        frame = ax.get_window_extent(renderer)
        for box in boxes:
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1
            assert frame.y0 <= box.y0 and box.y1 <= frame.y1


def test_projected_episodes_are_marked_and_honest(figure):
    left, right = figure.axes[:2]
    filled = [tuple(line.get_xydata()[0]) for line in right.lines
              if line.get_markerfacecolor() == "black"]
    assert filled == [(3.0, 3.0)]                      # E6 is the calibration: on the plane
    caption = " ".join(t.get_text() for t in figure.texts)
    assert "Hollow points (E8, E11)" in caption
    # E4's own values (s = 1) predict S, but at s = 3 the plane says N: it says so
    assert "E4 (S)" in _labels(left)
    assert "E11 (Term)" in _labels(right)              # the renewal stage ends it, not G1
    assert "E2" in _labels(left) and "E2 (" not in " ".join(_labels(left))


def test_caption_names_every_fixed_value_of_each_panel(figure):
    caption = " ".join(t.get_text() for t in figure.texts)
    panels = caption.split("Panel lambda = ")[1:]
    assert len(panels) == 2
    for panel, axes in zip(panels, (("c", "R"), ("ell_A", "kappa"))):
        for p in MODELS["linkage"].parameters:
            named = re.search(rf"(?<![\w]){p.name} = ", panel) is not None
            assert named == (p.name not in axes), (p.name, axes)


def test_legend_lists_only_drawn_outcomes_in_safe_colours(figure):
    legend = figure.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert [label.split(":")[0] for label in labels[:3]] == ["S", "L", "N"]
    assert not any(label.startswith("Terminate") for label in labels)
    assert set(outcome_colours(["S", "L", "N", "Terminate", "X"]).values()) <= OKABE_ITO


def test_margin_plot_bars_are_the_exact_margins(rows):
    figure = margin_plot(rows)
    ax = figure.axes[0]
    episodes = [r for r in rows if not r.episode.is_counterfactual and not r.episode.is_private]
    assert len(ax.patches) == len(episodes)
    for bar, row in zip(ax.patches, episodes):
        margin = row.margin()[0]
        assert bar.get_width() == pytest.approx(0 if margin is None else float(margin) * 100)
    texts = [t.get_text() for t in ax.texts]
    assert "$\\ell_{A}$ +33.3%, $\\kappa$ \u221233.3%" in texts           # E6
    assert "not calibrated" in texts                                   # E7
    assert "$a$ +50%" in texts                                         # E11: a = -2 -> -1
    e6 = next(b for b, r in zip(ax.patches, episodes) if r.id == "E6")
    assert e6.get_facecolor()[:3] == pytest.approx((0xD5 / 255, 0x5E / 255, 0))   # L


def _renewal_builder(model, side_payment_cost: str):
    """G1 with the renewal stage (linkage-research.md 3.1, b4) built from the specification's
    payoff table, with A's cost of a side payment given as text (``(sigma + c)*s`` as
    specified; anything else is a wrong game)."""
    from gametheory.games import ExtensiveGame, decision, leaf

    def build(**fixed):
        accepted = leaf(f"R - ({side_payment_cost})", "s - gamma", "v_S - h*s")
        if fixed.get("lam") == 1:
            accepted = decision("V", {"approve": accepted, "veto": leaf("-f", 0, 0)})
        side = decision("B", {"accept": accepted, "reject": leaf("-f", 0, 0)})
        threat = decision("A", {"carry out": leaf("-ell_A", "-ell_B", "-v_L"),
                                "back down": leaf("-(kappa0 + lam*kappa)", 0, 0)})
        lever = decision("B", {"concede": leaf("d", "-beta*d", "eta*d"), "refuse": threat})
        inner = decision("A", {"N": leaf(0, 0, 0), "S": side, "L": lever}, payoffs=("a", 0, 0))
        root = decision("A", {"Renew": inner, "Terminate": leaf(0, 0, 0)})
        game = ExtensiveGame(model.players, root, parameters=model.parameters)
        return game.substitute(fixed) if fixed else game

    return build


@pytest.mark.parametrize("cost, party_cost_row, e2_margin", [
    ("(sigma + c)*s", "N", "R -88%"),          # the specified game: the table as printed
    ("sigma*s", "S", "R -88%"),                # the party cost c forgotten: H1 disappears
    ("(sigma + c)*s + s", "N", "R -28%"),      # an extra unit cost: E2 flips at R = 18/5
])
def test_a_wrong_game_changes_the_table_and_the_margin_plot(monkeypatch, cost, party_cost_row,
                                                            e2_margin):
    import dataclasses

    model = MODELS["linkage-renewal"]
    monkeypatch.setitem(MODELS, "linkage-renewal",
                        dataclasses.replace(model, builder=_renewal_builder(model, cost)))
    rows = {r.id: r for r in episode_rows(robust=False)}
    assert rows["E2-party-cost"].predicted == party_cost_row       # c = 2 in E2
    assert rows["E2"].margin_text() == e2_margin
    bars = margin_plot(list(rows.values())).axes[0].patches
    assert bars[1].get_width() == pytest.approx(float(rows["E2"].margin()[0]) * 100)


def run(capsys, *argv):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_both_figures(capsys, tmp_path):
    target = tmp_path / "m.png"
    code, out, err = run(capsys, "table", "anglo-japanese", "--figure", "map", "-o", target)
    assert code == 0 and out.strip() == f"wrote {target}"
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    margin = tmp_path / "g.svg"
    code, out, _ = run(capsys, "table", "anglo-japanese", "--figure", "margin", "-o", margin,
                       "--no-robustness")
    assert code == 0 and "<svg" in margin.read_text()


@pytest.mark.parametrize("argv, message", [
    (["--figure", "map", "--x", "lam"], "lam takes only the values {0, 1}"),
    (["--figure", "map", "--x", "c", "--param", "c=1"], "cannot also be fixed"),
    (["--figure", "map", "--param", "lam=1"], "cannot be fixed"),
    (["--figure", "map", "--x", "cc"], "did you mean 'c'"),
    (["--figure", "map", "--x", "R"], "must be different"),
    (["--figure", "margin"], "needs -o FILE"),
    (["--figure", "margin", "--x", "c", "-o", "{tmp}/g.png"], "apply to --figure map"),
    (["--figure", "map", "-o", "{tmp}/m.doc"], "cannot tell the image format"),
    (["-o", "{tmp}/m.png"], "apply to --figure"),
])
def test_cli_refuses_in_one_line(capsys, tmp_path, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "-o" not in argv and "margin" not in argv:
        argv += ["-o", str(tmp_path / "m.png")]
    code, out, err = run(capsys, "table", "anglo-japanese", *argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and not (tmp_path / "m.png").exists()

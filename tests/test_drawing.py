"""Tree drawings a paper can use: no colliding labels in the PNG, TikZ fragments that compile
on a page, information sets shown, payoffs typeset, strategic games drawn as tables."""

from __future__ import annotations

import re

import pytest

from gametheory.catalog import kuhn_poker
from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.models import MODELS
from gametheory.report.drawing import _infoset_tags, label_overlaps, layout, plot_tree, to_tikz
from latex_compile import compile_latex

TREES = {"linkage": lambda: MODELS["linkage"].build(),
         "linkage-screening": lambda: MODELS["linkage-screening"].build(),
         "kuhn": kuhn_poker}


@pytest.mark.parametrize("name", sorted(TREES))
def test_png_labels_never_collide(name):
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt
    game = TREES[name]()
    fig = plot_tree(game)
    try:
        assert label_overlaps(fig) == []
        texts = [x.get_text() for x in fig.axes[0].texts]
        assert not any("*" in x or re.search(r"(?<!\\)\b(sigma|lam|kappa0)\b", x)
                       for x in texts)                                   # typeset
    finally:
        plt.close(fig)


def test_a_cramped_drawing_is_caught():
    """The check that the PNG test relies on sees labels drawn on top of each other."""
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt
    game = kuhn_poker()
    fig, ax = plt.subplots(figsize=(4, 3))
    try:
        plot_tree(game, ax)
        assert label_overlaps(fig)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("name", sorted(TREES))
def test_tikz_fragments_compile_on_a_page(name, tmp_path):
    tex = to_tikz(TREES[name]())
    assert r"\usepackage" not in tex.split("\n", 1)[1]
    compile_latex(tmp_path, tex, name)


def test_information_sets_are_tagged_and_keyed():
    game = kuhn_poker()
    tags = _infoset_tags(game)
    # Kuhn poker: 12 information sets of two nodes each, every one tagged
    assert len(tags) == 12 and len({tag for tag, _, _ in tags.values()}) == 12
    tex = to_tikz(game)
    for tag, _, label in tags.values():
        assert tex.count(tag) >= 2                      # at both nodes (and in the key)
    assert "P2 has Q after check" in tex                # the key names the set
    # P1's two nodes holding J are neighbours: a straight dashed line joins them
    assert tex.count(r"\draw[dashed") >= 3


def test_leaf_columns_respect_label_widths():
    game = ExtensiveGame(["1"], decision("1", {"a": leaf(1), "b": leaf(2), "c": leaf(3)}))
    plain = layout(game)
    wide = layout(game, {1: 4.0, 2: 0.0, 3: 0.0})
    assert [plain[v][0] for v in (1, 2, 3)] == [0.0, 1.0, 2.0]
    assert [wide[v][0] for v in (1, 2, 3)] == [0.0, 3.0, 4.0]


def test_a_two_player_strategic_game_is_drawn_as_its_payoff_table(tmp_path):
    from gametheory.catalog import prisoners_dilemma
    from gametheory.report.drawing import draw, payoff_table_latex
    game = prisoners_dilemma()
    tex = payoff_table_latex(game)
    # Prisoner's dilemma: (Defect, Cooperate) pays 5 to the row player and 0 to the column
    assert r"\mbox{Defect} & $5$, $0$ & $1$, $1$ \\" in tex
    compile_latex(tmp_path, tex, "pd")
    if pytest.importorskip("matplotlib"):
        assert draw(game, tmp_path / "pd.png").stat().st_size > 1000


def test_what_draw_cannot_draw_it_says_in_one_line(tmp_path):
    from gametheory.report.drawing import draw
    three = MODELS["linkage"].build(**MODELS["linkage"].defaults).reduced_strategic_form()
    with pytest.raises(ValueError, match="two players; this one has 3") as error:
        draw(three, tmp_path / "t.png")
    assert "\n" not in str(error.value)
    from gametheory.catalog import prisoners_dilemma
    with pytest.raises(ValueError, match="no tree to draw as .dot"):
        draw(prisoners_dilemma(), tmp_path / "t.dot")


def test_draw_command_standalone_and_refusals(tmp_path, capsys):
    from gametheory.cli import main
    out = tmp_path / "tree.tex"
    assert main(["draw", "entry", "-o", str(out), "--standalone"]) == 0
    assert out.read_text().startswith(r"\documentclass{article}")
    compile_latex(tmp_path / "c", out.read_text(), "tree", standalone=True)
    assert main(["draw", "entry", "-o", str(tmp_path / "t.png"), "--standalone"]) == 2
    assert main(["draw", "prisoners-dilemma", "-o", str(tmp_path / "t.dot")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("gametheory draw: ") for line in err)

"""Helpers shared by several test modules: import them as ``from conftest import ...``.

* bimatrix games: Gambit's files and pygambit's answers, exact regrets, small random games;
* the linkage game c1 with private resolve (tests of PBE and refinements);
* parametric trees: entry deterrence, centipede, the linkage game G1 and Theorem G1 (tests of
  parametric SPE, comparative statics and sweeps).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from gametheory.games import CHANCE, ExtensiveGame, chance, decision, leaf
from gametheory.parameters import Parameter

SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT = SHARED / "games" / "gambit"


# ------------------------------------------------------------------ bimatrix games

def eq(x, y):
    """An equilibrium from probabilities written as strings or numbers."""
    return tuple(map(Fraction, x)), tuple(map(Fraction, y))


def regrets(A, B, x, y):
    """The exact regrets of the row and the column player at ``(x, y)``."""
    A, B = np.asarray(A, dtype=object), np.asarray(B, dtype=object)
    x, y = np.asarray(x, dtype=object), np.asarray(y, dtype=object)
    row_values, column_values = A.dot(y), x.dot(B)
    return max(row_values) - x.dot(row_values), max(column_values) - column_values.dot(y)


def expected_games(method: str, n_players: int | None = 2):
    """(file, expected entry) for the .nfg files where pygambit's ``method`` succeeded."""
    path = GAMBIT / "expected.json"
    if not path.exists():
        return []
    games = json.loads(path.read_text())["games"]
    return [
        pytest.param(g["file"], g["methods"][method], id=g["file"])
        for g in games
        if g["file"].endswith(".nfg")
        and method in g["methods"]
        and g["methods"][method]["status"] == "ok"
        and (n_players is None or g["n_players"] == n_players)
    ]


def games(max_size: int = 4, values: int = 3):
    """Small bimatrix games with few distinct payoffs: mostly degenerate."""
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size)).flatmap(
        lambda shape: st.tuples(
            *(st.lists(st.lists(st.integers(0, values), min_size=shape[1], max_size=shape[1]),
                       min_size=shape[0], max_size=shape[0]) for _ in range(2))
        )
    )


# A degenerate 3x5 game of minimisers (nashpy issue #82).
NASHPY_82_A = [[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]]
NASHPY_82_B = [[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]]


# ------------------------------------------------------------------ linkage game c1

C1_DOMAINS = {"p": "(0, 1)", "R": "> 0", "s": "> 0", "gamma": ">= 0", "sigma": ">= 0",
              "c": ">= 0", "d": "> 0", "beta": "> 0", "ell_B": "> 0", "ell_A": "> 0",
              "K_H": ">= 0", "K_W": ">= 0", "f": ">= 0", "eta": ">= 0", "v_L": ">= 0"}


def linkage_c1(values=None, fixed=None):
    """G1 with A's resolve private (research note 3.3 c1): Nature picks H (prior p) or W; A picks
    N, S or L; B answers S (accept/reject) and L (concede/refuse) in one information set each;
    after a refusal A carries out (-ell_A) or backs down (-K_t).  lambda = 0."""

    def a_type(t):
        return decision("A", {
            "N": leaf(0, 0, 0),
            "S": decision("B", {"accept": leaf("R - (sigma + c)*s", "s - gamma", 0),
                                "reject": leaf("-f", 0, 0)}, infoset="after S"),
            "L": decision("B", {
                "concede": leaf("d", "-beta*d", "eta*d"),
                "refuse": decision("A", {"carry out": leaf("-ell_A", "-ell_B", "-v_L"),
                                         "back down": leaf(f"-K_{t}", 0, 0)},
                                   infoset=f"{t} refused")}, infoset="after L")}, infoset=t)

    g = ExtensiveGame(["A", "B", "V"], chance({"H": ("p", a_type("H")),
                                               "W": ("1 - p", a_type("W"))}),
                      parameters=[Parameter(n, dom) for n, dom in C1_DOMAINS.items()],
                      title="linkage c1")
    if fixed:
        g = g.substitute(fixed)
    return g if values is None else g.substitute(values)


POINT = dict(p=Fraction(1, 2), R=1, s=1, gamma=Fraction(1, 2), sigma=Fraction(1, 4),
             c=Fraction(1, 4), d=2, beta=Fraction(1, 2), ell_B=3, ell_A=2, K_H=3, K_W=1, f=1,
             eta=1, v_L=1)   # U0 = 1/2 < d, p ell_B > beta d


def c1_kinds(g, pbes):
    """The PBEs of the c1 game keyed by the first moves of the two types H and W."""
    first = [g.infosets[k].actions for k in g.player_infosets[0][:1]][0]
    A = g.player_infosets[0]
    # A's infosets in order: H, H refused, W, W refused (first appearance)
    labels = [g.infosets[k].label for k in A]
    h, w = labels.index("H"), labels.index("W")
    return {(first[e.support[0][h][0]], first[e.support[0][w][0]]): e for e in pbes}


# ------------------------------------------------------------------ parametric trees

def entry(parameters=(Parameter("e", "> 0"), Parameter("f", "real"))):
    return ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {
        "Out": leaf(0, 2),
        "In": decision("Incumbent", {"Fight": leaf("-e", "-f"), "Accommodate": leaf(1, 1)}),
    }), parameters=parameters)


def centipede(rounds=4):
    node = leaf("x", "x")
    for k in range(rounds, 0, -1):
        mover = (k - 1) % 2
        payoffs = [k - 1, k - 1]
        payoffs[mover] += 2
        node = decision(mover, {f"Take{k}": leaf(*payoffs), f"Pass{k}": node})
    return ExtensiveGame(["1", "2"], node, parameters=[Parameter("x", "real")])


G1_PARAMETERS = [
    Parameter("R", "> 0"), Parameter("s", "> 0"), Parameter("gamma", ">= 0"),
    Parameter("sigma", ">= 0"), Parameter("c", ">= 0"), Parameter("lam", "{0, 1}"),
    Parameter("h", ">= 0"), Parameter("v_S", ">= 0"), Parameter("d", "> 0"),
    Parameter("beta", "> 0"), Parameter("ell_B", ">= 0"), Parameter("ell_A", "> 0"),
    Parameter("kappa0", ">= 0"), Parameter("kappa", ">= 0"), Parameter("eta", ">= 0"),
    Parameter("v_L", ">= 0"), Parameter("f", ">= 0")]


def linkage_g1():
    """G1 of linkage-research.md section 3.1.  V moves in the tree either way, but when
    lam = 0 its veto is not available: vetoing is then strictly dominated (it would leave V
    one unit worse off and change nothing else), so V approves."""
    ok = ("R - (sigma + c)*s", "s - gamma", "v_S - h*s")
    fail = ("-f", 0, 0)
    veto = tuple(f"lam*({a}) + (1 - lam)*({b})" for a, b in zip(fail, ok[:2] + ("v_S - h*s - 1",)))
    return ExtensiveGame(["A", "B", "V"], decision("A", {
        "N": leaf(0, 0, 0),
        "S": decision("B", {
            "accept": decision("V", {"approve": leaf(*ok), "veto": leaf(*veto)}),
            "reject": leaf(*fail)}),
        "L": decision("B", {
            "concede": leaf("d", "-beta*d", "eta*d"),
            "refuse": decision("A", {"carry out": leaf("-ell_A", "-ell_B", "-v_L"),
                                     "back down": leaf("-(kappa0 + lam*kappa)", 0, 0)})}),
    }), parameters=G1_PARAMETERS, title="G1")


def theorem_g1(p):
    """The SPE outcome by Theorem G1 (generic parameters)."""
    K = p["kappa0"] + p["lam"] * p["kappa"]
    credible = p["ell_A"] < K
    l_succ = credible and p["beta"] * p["d"] < p["ell_B"]
    feasible_s = p["s"] > p["gamma"] and (p["lam"] == 0 or p["h"] * p["s"] < p["v_S"])
    u_s = p["R"] - (p["sigma"] + p["c"]) * p["s"] if feasible_s else -p["f"]
    if feasible_s and u_s > p["d"] * l_succ and u_s > 0:
        return "S"
    if l_succ and p["d"] > max(0, u_s):
        return "L"
    return "N"


# ------------------------------------------------ independent backward induction (models, episodes)

ACCEPTING = ("accept", "concede", "approve", "ratify")


def backward_induction(game, prefer=ACCEPTING):
    """One pure SPE profile of a perfect-information game (chance: expected values).

    Ties go to an action in ``prefer`` (responders accept when indifferent), else the first.
    Returns ``(profile, values)``.
    """
    tree = game.tree
    n = game.n_players
    value = [None] * tree.n_nodes
    choice = {}
    for v in reversed(range(tree.n_nodes)):
        kids = list(tree.children(v))
        if not kids:
            value[v] = tuple(tree.exact_payoff(v, i) for i in range(n))
        elif tree.player[v] == CHANCE:
            value[v] = tuple(sum(tree.exact_prob(w) * value[w][i] for w in kids)
                             for i in range(n))
        else:
            i = int(tree.player[v])
            actions = game.infosets[int(tree.infoset[v])].actions
            best = max(value[w][i] for w in kids)
            tied = [j for j, w in enumerate(kids) if value[w][i] == best]
            j = next((j for j in tied if actions[j] in prefer), tied[0])
            choice[int(tree.infoset[v])] = j
            value[v] = value[kids[j]]
    profile = tuple(
        tuple(tuple(Fraction(int(a == choice[k])) for a in range(len(game.infosets[k].actions)))
              for k in game.player_infosets[p]) for p in range(n))
    return profile, value

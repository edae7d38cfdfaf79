"""Every game of ../shared/games/gambit against pygambit's answers in expected.json.

Checks per game, where pygambit finished and the game is small enough to keep this file fast:

* ``spe_pure_agent_filter`` (perfect information): our pure SPE are exactly pygambit's pure
  agent-form equilibria that pass the one-shot-deviation test (same behaviour profiles);
* ``spe_payoff_set_bi``: the payoff vectors of our pure SPE are the expected set;
* ``enummixed_rational``: our extreme equilibria, as a set, are pygambit's (whose list may hold
  duplicates, and is cut at 100: then we check containment);
* ``lcp_rational``: our ``lcp`` answer has regret 0 and, when the extreme equilibria are known,
  its payoffs are among theirs;
* ``enumpure`` / ``enumpure_agent``: the same set of pure equilibria.

Run with ``-s`` to see how many games pass each check.
"""

import json
from collections import Counter
from math import prod
from pathlib import Path

import pytest

from gametheory.numbers import to_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT = SHARED / "games" / "gambit"
EXPECTED = GAMBIT / "expected.json"
GAMES = json.loads(EXPECTED.read_text())["games"] if EXPECTED.exists() else []
PASSED: Counter = Counter()
CHECKED: Counter = Counter()

MAX_CONTINGENCIES = 400        # enummixed on bigger tables is skipped here (benchmarks time it)
MAX_NODES_LCP = 3000


def _behavior(profile):
    return json.dumps([[[to_text(p) for p in dist] for dist in player] for player in profile])


def _strategies(profile):
    return json.dumps([[to_text(p) for p in player] for player in profile])


def _payoffs(eq):
    return tuple(to_text(x) for x in eq.payoffs)


@pytest.fixture(scope="module")
def reader():
    try:
        from gametheory.io import read
    except ImportError:
        pytest.skip("gametheory.io is not available")
    return read


@pytest.mark.parametrize("entry", GAMES, ids=[g["file"] for g in GAMES])
def test_against_pygambit(entry, reader):
    from gametheory.solvers import solve
    game = reader(GAMBIT / entry["file"])
    methods = entry["methods"]
    tree = entry["is_tree"]
    size = prod(entry["strategy_counts"]) if entry.get("strategy_counts") else 0

    def check(name):
        CHECKED[name] += 1

    def passed(name):
        PASSED[name] += 1

    spe_filter = methods.get("spe_pure_agent_filter", {})
    spe_set = methods.get("spe_payoff_set_bi", {})
    if spe_filter.get("status") == "ok" or spe_set.get("status") == "ok":
        sol = solve(game, "spe", limit=2000)
        assert all(e.subgame_regret == 0 for e in sol)
        if spe_filter.get("status") == "ok":
            check("spe_pure_agent_filter")
            ours = {_behavior(e.behavior) for e in sol}
            theirs = {json.dumps(e["behavior"]) for e in spe_filter["equilibria"]}
            assert sol.count == spe_filter["n_equilibria"] and ours == theirs
            passed("spe_pure_agent_filter")
        if spe_set.get("status") == "ok":
            check("spe_payoff_set_bi")
            expected = {tuple(v) for v in spe_set["spe_payoff_vectors"]}
            ours = {_payoffs(e) for e in sol}
            assert ours == expected if sol.complete else ours <= expected
            passed("spe_payoff_set_bi")

    mixed = methods.get("enummixed_rational", {})
    known_payoffs = None
    if mixed.get("status") == "ok" and size <= MAX_CONTINGENCIES:
        check("enummixed_rational")
        sol = solve(game, "enummixed")
        ours = {_strategies(e.strategies) for e in sol}
        theirs = {json.dumps(e["strategy"]) for e in mixed["equilibria"]}
        labels = [[to_text(s) for s in player] for player in entry["strategy_labels"]]
        form = game.reduced_strategic_form() if tree else game
        if [list(s) for s in form.strategies] == labels:
            if len(mixed["equilibria"]) == mixed["n_equilibria"]:
                assert ours == theirs
            else:
                assert theirs <= ours
        known_payoffs = {_payoffs(e) for e in sol}
        assert known_payoffs == {tuple(v) for v in mixed["distinct_payoff_vectors"]}
        passed("enummixed_rational")

    lcp = methods.get("lcp_rational", {})
    if lcp.get("status") == "ok" and (not tree or entry["n_nodes"] <= MAX_NODES_LCP):
        check("lcp_rational")
        sol = solve(game, "lcp")
        assert sol[0].regret == 0
        if known_payoffs is not None:
            assert _payoffs(sol[0]) in known_payoffs
        passed("lcp_rational")

    pure = methods.get("enumpure", {})
    if pure.get("status") == "ok" and size <= 10**6:
        check("enumpure")
        sol = solve(game, "enumpure")
        assert sol.count == pure["n_equilibria"]
        assert {_strategies(e.strategies) for e in sol} == \
            {json.dumps(e["strategy"]) for e in pure["equilibria"]}
        passed("enumpure")

    agent = methods.get("enumpure_agent", {})
    if agent.get("status") == "ok" and entry["n_agent_pure_profiles"] <= 5000:
        check("enumpure_agent")
        sol = solve(game, "enumpure", agent=True)
        assert sol.count == agent["n_equilibria"]
        # pygambit orders information sets its own way under imperfect recall: compare payoffs
        assert {_payoffs(e) for e in sol} == \
            {tuple(v) for v in agent.get("distinct_payoff_vectors", [])}
        passed("enumpure_agent")


def test_summary():
    if not GAMES:
        pytest.skip("../shared is absent")
    for name in sorted(CHECKED):
        print(f"{name}: {PASSED[name]}/{CHECKED[name]} games pass")

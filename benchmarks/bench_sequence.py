"""Benchmark of the sequence-form solvers: Kuhn and Leduc poker with the LP, random
perfect-information trees with Lemke (sequence_lcp), and pygambit's exact ``lp_solve`` /
``lcp_solve`` on the same trees side by side when pygambit is importable.

The random trees are those of ``shared/tools/bench_anchor.py``: complete 3-ary trees of depth d
(121 nodes at d = 4, 364 at d = 5, 1,093 at d = 6), players alternating by depth, integer payoffs 0..99
drawn with numpy's default_rng(20240601).

Usage::

    python benchmarks/bench_sequence.py [--skip-leduc] [--gambit-limit SECONDS]

Times are CPU seconds of this process (``time.process_time``), median of ``--reps`` runs for
the fast cases, one run for the slow ones; pygambit runs in a child process with a wall-clock
limit.  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory.catalog import kuhn_poker  # noqa: E402
from gametheory.games import ExtensiveGame, Infoset, Outcome  # noqa: E402
from gametheory.catalog import leduc_poker  # noqa: E402
from gametheory.solvers.behavior import expected_payoffs  # noqa: E402
from gametheory.solvers.regret import regret  # noqa: E402
from gametheory.solvers.sequence_lcp import sequence_lcp  # noqa: E402
from gametheory.solvers.sequence_lp import sequence_lp  # noqa: E402

SEED = 20240601


def random_pi_tree(b: int, d: int, seed: int = SEED) -> ExtensiveGame:
    """The complete b-ary perfect-information tree of bench_anchor.py, built in pre-order."""
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 100, size=(b ** d, 2), dtype=np.int64).tolist()
    first_leaf = (b ** d - 1) // (b - 1)
    labels = tuple(f"a{j}" for j in range(b))
    infosets, outcomes, node_infoset, node_outcome = [], [], [], []
    stack = [(0, 0)]
    while stack:
        node, level = stack.pop()
        if level == d:
            u = payoffs[node - first_leaf]
            node_infoset.append(-1)
            node_outcome.append(len(outcomes))
            outcomes.append(Outcome("", (Fraction(u[0]), Fraction(u[1]))))
            continue
        node_infoset.append(len(infosets))
        node_outcome.append(-1)
        infosets.append(Infoset(level % 2, "", labels))
        first = b * node + 1
        stack.extend((c, level + 1) for c in range(first + b - 1, first - 1, -1))
    return ExtensiveGame.from_preorder(["P1", "P2"], infosets, outcomes, node_infoset,
                                       node_outcome, title=f"random PI tree b={b} d={d}")


def efg_text(game: ExtensiveGame) -> str:
    """Gambit .efg text of a perfect-information tree without chance (for pygambit)."""
    tree = game.tree
    lines = [f'EFG 2 R "{game.title}" {{ "P1" "P2" }}', '""']
    counters = [0, 0]
    outcome_id = 0
    for v in game.preorder().tolist():
        if tree.num_children[v] == 0:
            outcome_id += 1
            u = [tree.exact_payoff(v, i) for i in (0, 1)]
            lines.append(f't "" {outcome_id} "o{outcome_id}" {{ {u[0]}, {u[1]} }}')
        else:
            p = int(tree.player[v])
            counters[p] += 1
            actions = " ".join(f'"{a}"' for a in game.infosets[int(tree.infoset[v])].actions)
            lines.append(f'p "" {p + 1} {counters[p]} "" {{ {actions} }} 0')
    return "\n".join(lines) + "\n"


def cpu(fn, *args):
    start = time.process_time()
    out = fn(*args)
    return time.process_time() - start, out


def _gambit_child(text: str, method: str, queue) -> None:
    import io
    import pygambit as gbt
    game = gbt.read_efg(io.StringIO(text))
    solve = {"lcp": gbt.nash.lcp_solve, "lp": gbt.nash.lp_solve}[method]
    start = time.process_time()
    result = solve(game, rational=True)   # on a tree: the sequence form
    queue.put((time.process_time() - start, len(result.equilibria)))


def gambit(text: str | None, method: str, limit: float) -> str:
    """pygambit's exact sequence-form solver on the same tree, in a child process."""
    if text is None:
        return "-"
    from importlib.util import find_spec
    if find_spec("pygambit") is None:
        return "not installed"
    queue = mp.Queue()
    child = mp.Process(target=_gambit_child, args=(text, method, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return f"> {limit:.0f} s"
    if child.exitcode != 0 or queue.empty():
        return "error"
    seconds, count = queue.get()
    return f"{seconds:.3g} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--skip-leduc", action="store_true")
    parser.add_argument("--gambit-limit", type=float, default=120.0)
    args = parser.parse_args()
    rows = []
    kuhn_file = Path(__file__).resolve().parents[2] / "shared/games/reference/kuhn_poker.efg"
    kuhn_text = kuhn_file.read_text() if kuhn_file.exists() else None

    game = kuhn_poker()
    runs = [cpu(sequence_lp, game) for _ in range(args.reps)]
    (profile, value) = runs[0][1]
    rows.append(("Kuhn poker", game.n_nodes, "lp", statistics.median(t for t, _ in runs),
                 f"value {value}, regret {regret(game, profile)}",
                 gambit(kuhn_text, "lp", args.gambit_limit)))
    runs = [cpu(sequence_lcp, game) for _ in range(args.reps)]
    profile = runs[0][1]
    rows.append(("Kuhn poker", game.n_nodes, "lcp", statistics.median(t for t, _ in runs),
                 f"payoff {expected_payoffs(game, profile)[0]}, regret {regret(game, profile)}",
                 gambit(kuhn_text, "lcp", args.gambit_limit)))
    if not args.skip_leduc:
        game = leduc_poker()
        seconds, (profile, value) = cpu(sequence_lp, game)
        rows.append(("Leduc poker", game.n_nodes, "lp", seconds,
                     f"value {value} = {float(value):.12f}, regret {regret(game, profile)}",
                     "-"))
    for depth in (4, 5, 6):
        game = random_pi_tree(3, depth)
        reps = args.reps if depth < 6 else 1
        runs = [cpu(sequence_lcp, game) for _ in range(reps)]
        profile = runs[0][1]
        rows.append((f"random PI tree 3^{depth}", game.n_nodes, "lcp",
                     statistics.median(t for t, _ in runs),
                     f"regret {regret(game, profile)}",
                     gambit(efg_text(game), "lcp", args.gambit_limit)))

    print("| game | nodes | method | CPU time | check | pygambit 16.7, same method, rational |")
    print("|---|---|---|---|---|---|")
    for name, nodes, method, seconds, check, theirs in rows:
        print(f"| {name} | {nodes:,} | {method} | {seconds:.3g} s | {check} | {theirs} |")


if __name__ == "__main__":
    main()

"""Equilibria as text, JSON or CSV, for ``gametheory solve``."""

from __future__ import annotations

import csv
import io

from ..io.files import csv_cell
from ..numbers import to_text

__all__ = ["format_solution", "solution_text"]


def format_solution(solution, fmt: str = "text") -> str:
    """Write a solver's result as ``text`` (a readable table), ``json`` or ``csv``.

    Symbolic results (regions in the parameters) format themselves.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.catalog import prisoners_dilemma
    >>> from gametheory.solvers.result import Equilibrium, Solution
    >>> one, zero = Fraction(1), Fraction(0)
    >>> sol = Solution(prisoners_dilemma(), "enumpure", {},
    ...                (Equilibrium((one, one), strategies=((zero, one), (zero, one))),))
    >>> print(format_solution(sol))
    Prisoner's dilemma: 1 equilibrium (method enumpure)
    players: 1, 2
    <BLANKLINE>
    Equilibrium 1   payoffs (1, 1)   (regret 0)
      1                                        Defect
      2                                        Defect
    """
    if fmt == "json":
        return solution.to_json()
    if fmt == "text" or not _listable(solution):      # symbolic results: regions as text
        return solution.to_text()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["equilibrium", "player", "information_set", "action", "probability",
                         "payoff"])
        writer.writerows([csv_cell(str(cell)) for cell in row] for row in _rows(solution))
        return out.getvalue().rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}: text, json or csv")


def _listable(solution) -> bool:
    """True for solutions of numbers (a CSV row per action); symbolic ones list regions."""
    return not hasattr(solution, "pieces")


def _rows(solution):
    """One row per (equilibrium, player, information set or -, action/strategy, probability)."""
    game = solution.game
    for k, eq in enumerate(solution.equilibria, start=1):
        open_sets = eq.open_infosets(game)
        for i, player in enumerate(game.players):
            payoff = to_text(eq.payoffs[i])
            if eq.behavior is not None:
                for j, infoset in enumerate(game.player_infosets[i]):
                    info = game.infosets[infoset]
                    label = info.label or str(j + 1)
                    for action, p in zip(info.actions, eq.behavior[i][j]):
                        yield [k, player, label, action,
                               "open" if infoset in open_sets else to_text(p), payoff]
            elif eq.strategies is not None:
                labels = game.strategies[i] if hasattr(game, "strategies") else \
                    [str(s + 1) for s in range(len(eq.strategies[i]))]
                for label, p in zip(labels, eq.strategies[i]):
                    yield [k, player, "", label, to_text(p), payoff]


#: What the text listing prints at an information set that the equilibrium leaves open.
OPEN = "open (never reached under {player}'s own strategy)"


def _choices(game, eq, i: int, open_sets=frozenset()):
    """Player ``i``'s actions played with positive probability, per information set; at an
    information set the equilibrium leaves open, :data:`OPEN`."""
    if eq.behavior is not None:
        for j, k in enumerate(game.player_infosets[i]):
            info = game.infosets[k]
            if k in open_sets:
                yield info.label or str(j + 1), [OPEN.format(player=game.players[i])]
                continue
            yield info.label or str(j + 1), [
                action if p == 1 else f"{action} {to_text(p)}"
                for action, p in zip(info.actions, eq.behavior[i][j]) if p]
    elif eq.strategies is not None:
        labels = game.strategies[i] if hasattr(game, "strategies") else \
            [str(s + 1) for s in range(len(eq.strategies[i]))]
        yield "", [label if p == 1 else f"{label} {to_text(p)}"
                   for label, p in zip(labels, eq.strategies[i]) if p]


def solution_text(solution) -> str:
    """The readable listing of :meth:`gametheory.Solution.to_text`: a header, then one block
    per equilibrium with its payoffs, its certificate (regret) and each player's moves."""
    game = solution.game
    n = len(solution.equilibria)
    head = (f"{game.title or '(untitled)'}: {n} equilibri{'um' if n == 1 else 'a'} "
            f"(method {solution.method})")
    if solution.count is not None and solution.count != n:
        head += f"; {solution.count} in all, {n} listed"
    lines = [head, f"players: {', '.join(game.players)}"]
    if solution.note:
        lines.append(solution.note)
    for k, eq in enumerate(solution.equilibria, start=1):
        payoffs = "(" + ", ".join(to_text(x) for x in eq.payoffs) + ")"
        certificate = "regret " + ("not computed" if eq.regret is None else to_text(eq.regret))
        if eq.subgame_regret is not None:
            certificate += f", subgame regret {to_text(eq.subgame_regret)}"
        lines += ["", f"Equilibrium {k}   payoffs {payoffs}   ({certificate})"]
        open_sets = eq.open_infosets(game)
        for i, player in enumerate(game.players):
            for infoset, actions in _choices(game, eq, i, open_sets):
                where = f"{player}" + (f" at {infoset}" if infoset else "")
                lines.append(f"  {where:<40} {', '.join(actions)}")
        region = getattr(eq, "region", None)
        if region is not None:
            conditions = region.conditions_text() if hasattr(region, "conditions_text") else region
            lines.append(f"  {'supporting beliefs:':<40} {' and '.join(conditions) or 'any'}")
    return "\n".join(lines)

"""Equilibria as text, JSON or CSV, for ``gametheory solve``."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from ..io.files import csv_cell
from ..numbers import to_text

__all__ = ["format_solution", "solution_text", "solution_latex", "solution_math", "OPEN"]


def format_solution(solution, fmt: str = "text", standalone: bool = False) -> str:
    """Write a solver's result as ``text`` (a readable table), ``json``, ``csv`` or ``tex``
    (:func:`solution_latex`; a whole document with ``standalone``).

    Symbolic results (regions in the parameters) format themselves; their ``tex`` is
    :meth:`gametheory.symbolic.solution.PiecewiseSolution.to_latex`.

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
    if fmt == "tex":
        if not _listable(solution):
            return solution.to_latex(standalone=standalone)
        return solution_latex(solution, standalone=standalone)
    if fmt == "text" or not _listable(solution):      # symbolic results: regions as text
        return solution.to_text()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["equilibrium", "player", "information_set", "action", "probability",
                         "payoff"])
        writer.writerows([csv_cell(str(cell)) for cell in row] for row in _rows(solution))
        return out.getvalue().rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}: text, json, csv or tex")


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


def _moves_latex(game, eq, i: int, open_sets) -> list[str]:
    """Player ``i``'s choices in LaTeX text mode, one entry per information set."""
    from . import latex
    out = []
    for infoset, actions in _choices(game, eq, i, open_sets):
        where = latex.text(game.players[i]) + (f" at {latex.escape(infoset)}" if infoset else "")
        choice = ", ".join(latex.prose(a) if a.startswith("open") else
                           _action_latex(a) for a in actions)
        out.append(f"{where}: {choice}")
    return out


def _action_latex(text: str) -> str:
    """``action`` or ``action p`` (``p`` an exact probability) as LaTeX."""
    from . import latex
    label, _, prob = text.rpartition(" ")
    if label and _is_number(prob):
        return latex.text(label) + " $" + prob + "$"
    return latex.text(text)


def _is_number(text: str) -> bool:
    try:
        Fraction(text)
    except (ValueError, ZeroDivisionError):
        return False
    return True


def solution_latex(solution, standalone: bool = False) -> str:
    r"""Equilibria as a ``longtable`` with ``booktabs`` rules, to ``\input`` into a paper: one
    row per equilibrium with its payoffs and exact regret, then its profile (each player's
    choice at each information set; "open" where the reduced strategies leave it).  The first
    line declares ``booktabs``, ``longtable`` and ``array``; nothing is loaded.

    Examples
    --------
    >>> from gametheory import solve
    >>> from gametheory.catalog import entry_game
    >>> print(solution_latex(solve(entry_game())))  # doctest: +ELLIPSIS
    % requires: \usepackage{booktabs}, \usepackage{longtable}, \usepackage{array}
    ...
    1 & $(1, 1)$ & $0$ & \mbox{Entrant} at 1: \mbox{In}; \mbox{Incumbent} at 1: \mbox{Accommodate} \\
    \end{longtable}
    """
    from . import latex
    game = solution.game
    n = len(solution.equilibria)
    head = (f"{latex.escape(game.title or '(untitled)')}: {n} equilibri"
            f"{'um' if n == 1 else 'a'} (method {latex.escape(solution.method)}); payoffs "
            f"in the order {', '.join(latex.escape(p) for p in game.players)}.")
    lines = [r"\noindent{\small " + head + r"}\par",
             r"\begin{longtable}{@{}r >{\raggedright\arraybackslash}p{0.18\linewidth} l "
             r">{\raggedright\arraybackslash}p{0.6\linewidth}@{}}",
             r"\toprule", r"\# & Payoffs & Regret & Profile \\", r"\midrule", r"\endhead",
             r"\bottomrule", r"\endfoot"]
    for k, eq in enumerate(solution.equilibria, 1):
        payoffs = "$(" + ", ".join(latex.expression(u, inline=True) for u in eq.payoffs) + ")$"
        regret = "--" if eq.regret is None else "$" + latex.expression(eq.regret, inline=True) + "$"
        open_sets = eq.open_infosets(game)
        moves = [m for i in range(len(game.players)) for m in _moves_latex(game, eq, i, open_sets)]
        lines.append(f"{k} & {payoffs} & {regret} & " + "; ".join(moves) + r" \\")
    lines.append(r"\end{longtable}")
    body = latex.fragment("\n".join(lines), ["booktabs", "longtable", "array"])
    return latex.document(body) if standalone else body


def solution_math(solution, limit: int = 60) -> str | None:
    r"""Equilibria as display math for notebooks (``_repr_latex_``): one line per equilibrium
    with its payoffs and each player's choice at each information set ("open" where the
    reduced strategies leave it); None for more than ``limit`` equilibria.

    Examples
    --------
    >>> from gametheory import solve
    >>> from gametheory.catalog import entry_game
    >>> print(solution_math(solve(entry_game())))
    $$\begin{array}{ll}
    1: u = (1, 1) & \text{Entrant at 1: In; Incumbent at 1: Accommodate}
    \end{array}$$
    """
    from . import latex
    if len(solution.equilibria) > limit:
        return None
    game = solution.game
    rows = []
    for k, eq in enumerate(solution.equilibria, 1):
        payoffs = ", ".join(latex.expression(u, inline=True) for u in eq.payoffs)
        open_sets = eq.open_infosets(game)
        choices = "; ".join(
            f"{player}" + (f" at {infoset}" if infoset else "") + ": "
            + ("open" if actions[0].startswith("open") else ", ".join(actions))
            for i, player in enumerate(game.players)
            for infoset, actions in _choices(game, eq, i, open_sets))
        rows.append(rf"{k}: u = ({payoffs}) & \text{{{latex.escape(choices)}}}")
    return "$$\\begin{array}{ll}\n" + " \\\\\n".join(rows) + "\n\\end{array}$$"

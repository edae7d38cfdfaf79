"""A short plain-text description of a game, for ``gametheory info``."""

from __future__ import annotations

from math import prod
from typing import Any, Mapping

__all__ = ["describe"]


def describe(game, defaults: Mapping[str, Any] | None = None) -> str:
    """Players, size, information structure and strategic-form size of a game.

    A game with parameters lists each one with its domain, meaning and source, and its default
    value when ``defaults`` gives one (a built-in model's default point).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> print(describe(entry_game()))
    Entry game
    players:              Entrant, Incumbent
    nodes:                5 (3 terminal)
    information sets:     Entrant 1, Incumbent 1
    chance moves:         0
    perfect information:  yes
    perfect recall:       yes
    subgame roots:        2
    reduced strategies:   2 x 2 = 4 contingencies
    """
    from ..games import ExtensiveGame
    lines = [game.title or "(untitled)", f"{'players:':<22}{', '.join(game.players)}"]
    if game.description:
        lines.insert(1, game.description)
    if isinstance(game, ExtensiveGame):
        from ..games.forms import strategy_counts
        sizes = [len(sets) for sets in game.player_infosets]
        chance_sets = sum(1 for s in game.infosets if s.is_chance)
        lines += [
            f"{'nodes:':<22}{game.n_nodes} ({game.n_terminal} terminal)",
            f"{'information sets:':<22}"
            + ", ".join(f"{name} {n}" for name, n in zip(game.players, sizes)),
            f"{'chance moves:':<22}{chance_sets}",
            f"{'perfect information:':<22}{'yes' if game.is_perfect_information else 'no'}",
            f"{'perfect recall:':<22}{'yes' if game.has_perfect_recall else 'no'}",
            f"{'subgame roots:':<22}{len(game.subgame_roots())}",
        ]
        if game.parameters:
            lines.append(f"{'parameters:':<22}" + ", ".join(p.name for p in game.parameters))
        try:
            shape = strategy_counts(game)
            lines.append(f"{'reduced strategies:':<22}{' x '.join(map(str, shape))} = "
                         f"{prod(shape)} contingencies")
        except ValueError as error:
            lines.append(f"{'reduced strategies:':<22}not counted ({error})")
    else:
        lines.append(f"{'strategies:':<22}{' x '.join(map(str, game.shape))} = "
                     f"{game.n_contingencies} contingencies")
        lines.append(f"{'constant sum:':<22}{'yes' if game.is_constant_sum else 'no'}")
    if getattr(game, "parameters", ()):
        lines += ["", "parameter   domain      default   meaning (source)"]
        lines += [_parameter_line(p, (defaults or {}).get(p.name)) for p in game.parameters]
    return "\n".join(lines)


def _parameter_line(parameter, default) -> str:
    """``c  [0, oo)  1  ruling-party cost ... (Davis 2008/09 H1)``.

    Examples
    --------
    >>> from gametheory.parameters import Parameter
    >>> _parameter_line(Parameter("c", ">= 0", meaning="party cost", source="Davis"), 1)
    'c           [0, oo)     1         party cost (Davis)'
    """
    from ..numbers import to_text
    text = parameter.meaning or "(no meaning given)"
    if parameter.source:
        text += f" ({parameter.source})"
    value = "" if default is None else to_text(default)
    return f"{parameter.name:<11} {str(parameter.domain):<11} {value:<9} {text}".rstrip()

"""Leduc hold'em, the standard small poker benchmark, built as an exact extensive game.

The rules are OpenSpiel's ``leduc_poker`` with its default parameters (two players, no suit
isomorphism, no action mapping); Kuhn poker is in :mod:`gametheory.examples`.

* A deck of six cards, J Q K in two suits.  Each player antes 1 and is dealt one private card
  (chance: 1/6, then 1/5).
* Two betting rounds.  The first player opens each round; a player may *Call* (check when
  nothing is owed), *Raise* (call and then raise the stake by 2 in round 1, by 4 in round 2;
  at most 2 raises per round) or *Fold* (only when facing a raise).  A round ends when both
  have checked, or when a raise has been called.
* Between the rounds one public card is dealt (chance: 1/4 for each remaining card).
* Showdown: a private card pairing the public card wins; otherwise the higher private rank
  wins (both hands contain the public card), equal ranks split the pot.  Payoffs are the money
  won or lost.

Information sets follow OpenSpiel's information state: a player knows their own card (its
suit too), the public card once dealt, and every action taken.

References
----------
F. Southey et al. (2005), Bayes' bluff: opponent modelling in poker, *UAI 2005* (Leduc hold'em).
M. Lanctot et al. (2019), OpenSpiel: a framework for reinforcement learning in games,
arXiv:1908.09453 (``open_spiel/games/leduc_poker``).
"""

from __future__ import annotations

from fractions import Fraction

from ..games import ExtensiveGame, chance, decision, leaf

__all__ = ["leduc_poker", "LEDUC_CARDS"]

LEDUC_CARDS = ("Js", "Jh", "Qs", "Qh", "Ks", "Kh")
_RAISE = (2, 4)
_MAX_RAISES = 2


def _rank(card: int) -> int:
    return card // 2


def _showdown(cards: tuple[int, int], public: int, stake: int):
    """Payoffs at showdown: a pair beats any non-pair, then the higher card, ties split."""
    def strength(card: int) -> tuple[int, int]:
        own, board = _rank(card), _rank(public)
        return (1, own) if own == board else (0, max(own, board) * 3 + min(own, board))
    first, second = strength(cards[0]), strength(cards[1])
    if first == second:
        return leaf(0, 0)
    return leaf(stake, -stake) if first > second else leaf(-stake, stake)


def _betting(cards: tuple[int, int], public: int | None, history: tuple[str, str],
             contributions: tuple[int, int], raises: int, calls: int, player: int):
    """The subtree of a betting round from the given state (``public`` None in round 1)."""
    round_ = 0 if public is None else 1
    owed = max(contributions) - contributions[player]
    moves = {}
    if owed > 0:
        winner = 1 - player
        won = contributions[player]
        moves["Fold"] = leaf(won, -won) if winner == 0 else leaf(-won, won)
    # Call (or check)
    paid = list(contributions)
    paid[player] += owed
    history_call = _extend(history, round_, "c")
    if (raises == 0 and calls + 1 == 2) or (raises > 0 and calls + 1 == 1):
        if round_ == 0:
            moves["Call"] = _public_card(cards, history_call, tuple(paid))
        else:
            moves["Call"] = _showdown(cards, public, paid[0])
    else:
        moves["Call"] = _betting(cards, public, history_call, tuple(paid), raises, calls + 1,
                                 1 - player)
    if raises < _MAX_RAISES:
        raised = list(contributions)
        raised[player] += owed + _RAISE[round_]
        moves["Raise"] = _betting(cards, public, _extend(history, round_, "r"), tuple(raised),
                                  raises + 1, 0, 1 - player)
    card = LEDUC_CARDS[cards[player]]
    board = "" if public is None else f" board {LEDUC_CARDS[public]}"
    key = f"P{player + 1} {card}{board} [{history[0]}][{history[1]}]"
    return decision(player, moves, infoset=key)


def _extend(history: tuple[str, str], round_: int, action: str) -> tuple[str, str]:
    return (history[0] + action, history[1]) if round_ == 0 else (history[0], history[1] + action)


def _public_card(cards: tuple[int, int], history: tuple[str, str], contributions):
    remaining = [c for c in range(6) if c not in cards]
    return chance({LEDUC_CARDS[c]: (Fraction(1, len(remaining)),
                                    _betting(cards, c, history, contributions, 0, 0, 0))
                   for c in remaining})


def leduc_poker() -> ExtensiveGame:
    """Leduc hold'em as in OpenSpiel (see the module docstring).

    The first player's value is about -0.0856.

    Examples
    --------
    >>> game = leduc_poker()
    >>> game.n_nodes, [len(sets) for sets in game.player_infosets]
    (9457, [468, 468])
    """
    def second(first: int):
        return chance({LEDUC_CARDS[c]: (Fraction(1, 5),
                                        _betting((first, c), None, ("", ""), (1, 1), 0, 0, 0))
                       for c in range(6) if c != first})

    deal = chance({LEDUC_CARDS[c]: (Fraction(1, 6), second(c)) for c in range(6)})
    return ExtensiveGame(["P1", "P2"], deal, title="Leduc poker")

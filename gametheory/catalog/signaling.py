"""Ready-made signaling games: Beer-Quiche, a discrete Spence job market, two-type screening.

Built with :func:`gametheory.games.signaling.signaling_game`.

>>> from gametheory.catalog import beer_quiche
>>> beer_quiche().players
('Sender', 'Receiver')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..games.extensive import ExtensiveGame, chance, decision, leaf
from ..games.signaling import signaling_game

__all__ = ["beer_quiche", "spence_job_market", "two_type_screening"]

def beer_quiche() -> ExtensiveGame:
    """Beer-Quiche (Cho and Kreps 1987, section II).

    The sender is weak (prior 1/10) or strong (9/10) and has beer or quiche for breakfast; the
    receiver duels or not.  The sender gets 1 for the breakfast their type likes (weak: quiche,
    strong: beer) plus 2 if there is no duel; the receiver gets 1 for dueling a weak sender or
    for not dueling a strong one, else 0.  Two pooling equilibria; only pooling on beer passes
    the Intuitive Criterion.
    """
    def payoff(t, m, r):
        liked = 1 if (t, m) in (("weak", "quiche"), ("strong", "beer")) else 0
        sender = liked + (2 if r == "not" else 0)
        receiver = 1 if (r, t) in (("duel", "weak"), ("not", "strong")) else 0
        return sender, receiver

    return signaling_game(["weak", "strong"], ["1/10", "9/10"], ["beer", "quiche"],
                          ["duel", "not"], payoff, players=("Sender", "Receiver"),
                          title="Beer-Quiche (Cho-Kreps 1987)")


def spence_job_market(prior_high: Any = "1/2") -> ExtensiveGame:
    """A discrete Spence (1973) job-market game.

    A worker of low (L, productivity 1) or high (H, productivity 2) ability, ``Pr(H) =
    prior_high``, chooses education e0 or e1; the firm, seeing only education, pays a wage of
    1, 3/2 or 2 and gets ``-(wage - productivity)^2``.  Education costs the low type 3/2 and the
    high type 1/4; the worker gets wage minus cost.  The firm pays 1 when ``Pr(H) <= 1/4``, 3/2
    in between and 2 when ``Pr(H) >= 3/4``.
    """
    productivity = {"L": Fraction(1), "H": Fraction(2)}
    cost = {"L": Fraction(3, 2), "H": Fraction(1, 4)}
    wages = {"w1": Fraction(1), "w3/2": Fraction(3, 2), "w2": Fraction(2)}

    def payoff(t, m, r):
        return (wages[r] - (cost[t] if m == "e1" else 0), -(wages[r] - productivity[t]) ** 2)

    return signaling_game(["L", "H"], [1 - Fraction(prior_high), Fraction(prior_high)],
                          ["e0", "e1"], list(wages), payoff, players=("Worker", "Firm"),
                          title="Spence job market (discrete)")


def two_type_screening(q: Any = "1/2", *, parameters: Sequence = ()) -> ExtensiveGame:
    """Monopoly screening with two types (Mussa-Rosen style, discrete menus).

    Nature makes the buyer a high type (probability ``q``) or a low type; the seller, who does
    not see the type, offers one of three menus; the buyer, who knows both, buys an item or
    rejects (payoff 0 each).  Valuations: high values the small item 3 and the large 6; low
    values them 2 and 5/2.  Costs are zero.

    * ``pool``: small at 9/5 (both types buy it);
    * ``exclude``: large at 27/5 (only the high type buys);
    * ``separate``: small at 9/5 and large at 21/5 (each type buys its own item).

    The seller's belief at the offer is the prior; exclusion beats separation iff q > 3/5.
    ``q`` may be an expression in ``parameters``.
    """
    value = {"high": {"small": Fraction(3), "large": Fraction(6)},
             "low": {"small": Fraction(2), "large": Fraction(5, 2)}}
    menus = {"pool": {"small": Fraction(9, 5)}, "exclude": {"large": Fraction(27, 5)},
             "separate": {"small": Fraction(9, 5), "large": Fraction(21, 5)}}

    def buyer(t, menu):
        moves = {item: leaf(price, value[t][item] - price) for item, price in menus[menu].items()}
        moves["reject"] = leaf(0, 0)
        return decision("Buyer", moves, infoset=f"{t} | {menu}")

    def seller(t):
        return decision("Seller", {menu: buyer(t, menu) for menu in menus}, infoset="offer")

    q_low = f"1 - ({q})" if isinstance(q, str) else 1 - Fraction(q)
    return ExtensiveGame(["Seller", "Buyer"], chance({"high": (q, seller("high")),
                                                      "low": (q_low, seller("low"))}),
                         title="Two-type screening", parameters=parameters)

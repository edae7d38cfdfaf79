"""Sender-receiver signaling games: a small builder, a structure reader, (ready-made examples are in :mod:`gametheory.catalog.signaling`).

A signaling game (Spence 1973; Cho and Kreps 1987) is: Nature draws the sender's type from a
prior; the sender, who sees the type, sends a message; the receiver, who sees the message but not
the type, chooses a response; payoffs depend on (type, message, response).  :func:`signaling_game`
builds one as an :class:`~gametheory.games.ExtensiveGame`; :func:`signaling_structure` reads the
same shape back from any game whose root is a chance move over types (so games read from files,
and games where the sender moves again later, such as the linkage game c1, are also understood).

Examples
--------
>>> from gametheory.catalog import beer_quiche
>>> game = beer_quiche()
>>> structure = signaling_structure(game)
>>> structure.types, structure.messages, structure.prior
(('weak', 'strong'), ('beer', 'quiche'), (Fraction(1, 10), Fraction(9, 10)))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from .extensive import CHANCE, ExtensiveGame, chance, decision, leaf

__all__ = ["signaling_game", "SignalingStructure", "signaling_structure"]


def signaling_game(types: Sequence[str], prior: Sequence[Any], messages: Sequence[str],
                   responses: Sequence[str] | Mapping[str, Sequence[str]],
                   payoff: Callable[[str, str, str], Sequence[Any]], *,
                   players: Sequence[str] = ("Sender", "Receiver"), title: str = "",
                   description: str = "", parameters: Sequence = ()) -> ExtensiveGame:
    """Build a sender-receiver signaling game.

    Parameters
    ----------
    types : sequence of str
        The sender's types (Nature's actions at the root).
    prior : sequence of numbers or expressions
        Their probabilities (exact; strings may use ``parameters``).
    messages : sequence of str
        The sender's messages (the same for every type).
    responses : sequence of str, or mapping message -> sequence of str
        The receiver's responses (per message if a mapping).
    payoff : callable ``(type, message, response) -> (u_sender, u_receiver)``
        Exact numbers or expressions in ``parameters``.
    players : pair of str
    title, description : str
    parameters : sequence of Parameter or str

    Returns
    -------
    ExtensiveGame
        Information sets: one per type for the sender (labelled by the type), one per message
        for the receiver (labelled by the message), holding one node per type in type order.

    Examples
    --------
    >>> g = signaling_game(["a", "b"], ["1/2", "1/2"], ["x", "y"], ["u", "v"],
    ...                    lambda t, m, r: (1 if r == "u" else 0, 1 if (t, r) == ("a", "u") else 0))
    >>> g.n_infosets, [len(g.infoset_members(k)) for k in g.player_infosets[1]]
    (4, [2, 2])
    """
    if len(types) != len(prior):
        raise ValueError("one prior probability per type is needed")
    per_message = {m: tuple(responses[m]) if isinstance(responses, Mapping) else tuple(responses)
                   for m in messages}

    def receiver(t: str, m: str):
        return decision(players[1], {r: leaf(*payoff(t, m, r)) for r in per_message[m]},
                        infoset=f"{m}")

    root = chance({t: (p, decision(players[0], {m: receiver(t, m) for m in messages},
                                   infoset=f"{t}"))
                   for t, p in zip(types, prior)})
    return ExtensiveGame(list(players), root, title=title, description=description,
                         parameters=parameters)


@dataclass(frozen=True)
class SignalingStructure:
    """The signaling shape of a game: Nature picks a type, the sender picks a message.

    Attributes
    ----------
    sender : int
        The player who moves at every child of the root.
    types : tuple of str
        Nature's action labels at the root.
    prior : tuple
        Their exact probabilities.
    type_infosets : tuple of int
        The sender's (global) information set at each type.
    messages : tuple of str
        The sender's action labels (the same at every type).
    after : tuple of tuple of int
        ``after[t][m]``: the node reached when type ``t`` sends message ``m``.
    message_infosets : tuple of int or None
        Per message: the receiver's information set holding the nodes ``after[.][m]``, or None
        when the message ends the game or is answered elsewhere than in one shared set.
    receiver : int or None
        The player who answers messages (None if no message is answered).
    """

    sender: int
    types: tuple[str, ...]
    prior: tuple
    type_infosets: tuple[int, ...]
    messages: tuple[str, ...]
    after: tuple[tuple[int, ...], ...]
    message_infosets: tuple[int | None, ...]
    receiver: int | None

    def responses(self, game: ExtensiveGame, m: int) -> tuple[str, ...]:
        """The receiver's actions after message ``m`` (empty when nobody answers it)."""
        k = self.message_infosets[m]
        return () if k is None else game.infosets[k].actions


def signaling_structure(game: ExtensiveGame) -> SignalingStructure:
    """Read the signaling shape of a game (see :class:`SignalingStructure`).

    The root must be a chance move; each of its children a decision node of one player (the
    sender), each in its own information set, with the same action labels.  A message is
    *answered* when the nodes it leads to (one per type) form exactly one information set of one
    other player.

    Raises
    ------
    ValueError
        If the game does not have this shape.

    Examples
    --------
    >>> from gametheory.catalog import spence_job_market
    >>> s = signaling_structure(spence_job_market())
    >>> s.types, s.messages, s.receiver
    (('L', 'H'), ('e0', 'e1'), 1)
    """
    tree = game.tree
    if tree.n_nodes == 0 or tree.player[0] != CHANCE:
        raise ValueError("a signaling game starts with a chance move over the sender's types")
    root_set = game.infosets[int(tree.infoset[0])]
    kids = list(tree.children(0))
    players = {int(tree.player[v]) for v in kids}
    if len(players) != 1 or min(players) < 0:
        raise ValueError("every type must be followed by a move of one and the same player")
    sender = players.pop()
    type_sets = tuple(int(tree.infoset[v]) for v in kids)
    if len(set(type_sets)) != len(type_sets):
        raise ValueError("the sender must know their type (one information set per type)")
    messages = game.infosets[type_sets[0]].actions
    if any(game.infosets[k].actions != messages for k in type_sets):
        raise ValueError("every type must have the same messages")
    after = tuple(tuple(tree.children(v)) for v in kids)
    message_sets: list[int | None] = []
    receivers = set()
    for m in range(len(messages)):
        nodes = {after[t][m] for t in range(len(kids))}
        sets = {int(tree.infoset[v]) for v in nodes}
        k = sets.pop() if len(sets) == 1 else None
        if k is not None and (k < 0 or game.infosets[k].player in (CHANCE, sender)
                              or set(game.infoset_members(k).tolist()) != nodes):
            k = None
        if k is not None:
            receivers.add(game.infosets[k].player)
        message_sets.append(k)
    if len(receivers) > 1:
        raise ValueError("messages are answered by different players")
    return SignalingStructure(sender, root_set.actions, tuple(root_set.probs), type_sets,
                              messages, after, tuple(message_sets),
                              receivers.pop() if receivers else None)

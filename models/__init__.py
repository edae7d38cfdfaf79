"""Built-in models: economic-security issue linkage and two-level ratification games.

``MODELS`` maps a model's name to a :class:`Model`: its players, its parameters (each with a
meaning, a domain and a source), a default point, and ``build(**fixed)``, which returns the
symbolic :class:`~gametheory.games.ExtensiveGame` with the given parameters substituted.

Examples
--------
>>> from gametheory.models import MODELS
>>> model = MODELS["linkage"]
>>> model.players
('A', 'B', 'V')
>>> game = model.build(**model.defaults)      # every parameter fixed: a numeric game
>>> game.is_symbolic, game.parameters
(False, ())
>>> sorted(MODELS)[:3]
['linkage', 'linkage-legislature', 'linkage-menu']

Each model names its natural solution concept, as options of :func:`gametheory.solve`:

>>> dict(MODELS["linkage-screening"].solve_options), dict(model.solve_options)
({'method': 'pbe'}, {'method': 'spe'})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Callable, Mapping

from gametheory.games import ExtensiveGame
from gametheory.numbers import exact
from gametheory.parameters import Parameter
from gametheory.models import linkage as _g1
from gametheory.models import two_level as _tl
from gametheory.models import deals as _deals

__all__ = ["Model", "MODELS", "get_model", "SPE", "PBE"]

#: Natural solution concepts (``Model.solve_options``).
SPE: Mapping[str, Any] = MappingProxyType({"method": "spe"})
PBE: Mapping[str, Any] = MappingProxyType({"method": "pbe"})
SPE_CONCEPT = "complete information: subgame-perfect equilibria by backward induction"
PBE_CONCEPT = ("private information: perfect Bayesian equilibria (Nash equilibria of this game "
               "include non-credible threats)")


@dataclass(frozen=True)
class Model:
    """A named, parametrised game.

    Attributes
    ----------
    name : str
    description : str
    players : tuple of str
    parameters : tuple of Parameter
    defaults : mapping of str to Fraction
        A value for every parameter (a generic point; used to fill parameters a command does not
        fix).
    builder : callable
        ``builder(**fixed) -> ExtensiveGame``.
    solve_options : mapping of str to object
        The model's natural solution concept, as keyword arguments of
        :func:`gametheory.solve`: ``{"method": "spe"}`` (subgame perfection by backward
        induction) for the complete-information games, ``{"method": "pbe"}`` (perfect Bayesian
        equilibria: sequentially rational, beliefs by Bayes' rule on the path) for the games
        with private information (c1, c2), whose Nash equilibria include non-credible threats.
        Read-only.
    concept : str
        One line saying why (printed by tools that solve the model by default).
    """

    name: str
    description: str
    players: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    defaults: Mapping[str, Fraction]
    builder: Callable[..., ExtensiveGame] = field(repr=False)
    solve_options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType(SPE))
    concept: str = SPE_CONCEPT

    def build(self, **fixed: Any) -> ExtensiveGame:
        """The game with the given parameters fixed (exact values: ``"3/10"``, ``0.3``, ``2``).

        Raises
        ------
        ValueError
            For an unknown parameter or a value outside its domain.
        """
        names = {p.name for p in self.parameters}
        unknown = set(fixed) - names
        if unknown:
            raise ValueError(f"model {self.name!r} has no parameter(s) "
                             f"{', '.join(sorted(unknown))}; its parameters are "
                             f"{', '.join(p.name for p in self.parameters)}")
        values = {k: exact(v) for k, v in fixed.items()}
        for p in self.parameters:
            if p.name in values and not p.contains(values[p.name]):
                raise ValueError(f"{p.name} = {values[p.name]} is outside its domain {p.domain}")
        return self.builder(**values)

    def point(self, **fixed: Any) -> dict[str, Fraction]:
        """The default point with some values replaced (every parameter gets a value)."""
        out = dict(self.defaults)
        out.update({k: exact(v) for k, v in fixed.items()})
        return out

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(f"model {self.name!r} has no parameter {name!r}")


def _defaults(parameters, values: Mapping[str, Any]) -> dict[str, Fraction]:
    merged = {**_g1.DEFAULTS, **values}
    return {p.name: exact(merged[p.name]) for p in parameters}


def _model(name, description, builder, players=_g1.PLAYERS, defaults=None,
           concept: str = "spe") -> Model:
    parameters = builder().parameters
    options, why = (PBE, PBE_CONCEPT) if concept == "pbe" else (SPE, SPE_CONCEPT)
    return Model(name, description, tuple(players), parameters,
                 _defaults(parameters, defaults or {}), builder, options, why)


def _offers_game(**fixed) -> ExtensiveGame:
    """G1* with the offers that the continuum solution derives (not a preset menu)."""
    lam = int(exact(fixed.get("lam", 1)))
    s_offers, d_offers = _g1.derived_offers(lam)
    return _g1.offer_game(s_offers, d_offers, **fixed)


def _registry() -> dict[str, Model]:
    # b6: two areas equal in everything but the party cost (section 3.1, "other things
    # equal"): a cotton tariff concession (c_1 = 1, Lancashire) and an area that spares the
    # party (c_2 = 0); R = 3, s = 1, h = 1/2 make both feasible and the cheaper one worth
    # 5/2, more than the lever's d = 2
    party = {"c_1": 1, "c_2": 0, "R": 3, "s": 1, "h": "1/2"}
    menu_defaults = {**party, **{f"{name}_{k}": value for k in (1, 2) for name, value
                                 in (("s", 1), ("sigma", "1/2"), ("gamma", "1/2"),
                                     ("h", "1/2"))}}
    tl = {"x_F": 4, "x_N": 1, "x_V": "3/4", "x_h": "1/4", "x_d": 2, "pi": "1/4"}
    models = [
        _model("linkage", "G1: A (Britain) chooses separation N, a side payment S or leverage L; "
               "B (Japan) accepts or concedes; V (legislature) may veto S when lam = 1; A carries "
               "out or backs down after a refusal (linkage-research.md 3.1)", _g1.g1_game),
        _model("linkage-renewal", "b4: G1 preceded by A's renew-or-terminate choice "
               "(renewal adds a)", _g1.renewal_game),
        _model("linkage-reciprocity", "b2: with lam = 1, V ratifies B's concession only above "
               "the floor d_V; a veto sends play to A's carry-out node", _g1.reciprocity_game,
               defaults={"d_V": 1}),
        _model("linkage-two-sided", "b3: B's concession needs its own legislature W (Japan's "
               "Diet); players A, B, V, W", _g1.two_sided_game, players=("A", "B", "V", "W"),
               defaults={"beta_W": 1, "ell_W": 3}),
        _model("linkage-retaliation", "b5: A may also threaten within-issue tariff "
               "retaliation T (party cost c_T, B's loss ell_T)", _g1.retaliation_game,
               defaults={"c_T": 10, "ell_T": 3}),
        _model("linkage-menu", "b6: A chooses among two side-payment areas S1, S2 with their "
               "own s_k, sigma_k, c_k, gamma_k, h_k (H1 read literally; by default equal but "
               "for the party cost c_k)", _g1.menu_game, defaults=menu_defaults),
        _model("linkage-menu-party", "b6 as H1 reads it: two side-payment areas S1, S2 that "
               "differ only in the ruling party's cost c_1, c_2 (s, sigma, gamma, h shared)",
               lambda **fixed: _g1.menu_game(2, vary=("c",), **fixed), defaults=party),
        _model("linkage-offers", "G1*: A's optimal side payment and demand, derived by "
               "optimising over a continuum of offers (s* = gamma, d* = ell_B/beta), then "
               "played as G1 (responders indifferent; the G1* SPE is the one where they "
               "accept)", _offers_game),
        _model("linkage-veto-type", "c0: Nature draws V's type after B accepts S: hawkish "
               "(vetoes) with probability pi, else dovish", _g1.veto_type_game,
               defaults={"pi": "1/2"}),
        _model("linkage-resolve", "c1: A's resolve (back-down cost K_H or K_W) is private; "
               "B has information sets (PBE)", _g1.resolve_game,
               defaults={"p": "1/2", "K_H": 4, "K_W": 1}, concept="pbe"),
        _model("linkage-screening", "c2: B's dependence ell_H (probability q) or ell_L is "
               "private to B; A chooses its demand (derived optimum: ell_H/beta or "
               "ell_L/beta, or none) (PBE)", _g1.screening_game,
               defaults={"q": "1/2", "ell_H": 4, "ell_L": 2}, concept="pbe"),
        _model("linkage-two-way", "D1: G1 plus a two-way treaty T (as in 1911): B concedes d "
               "and A concedes t in one offer, made in the shadow of the alliance (a refusal "
               "meets A's threat); V may veto the treaty when lam = 1", _deals.two_way_game,
               defaults=_deals.TWO_WAY_DEFAULTS),
        _model("linkage-package", "D2: G1 plus a mixed package M: a side payment s and a "
               "demand d in one offer, backed by the threat; V approves or vetoes the package "
               "when lam = 1 (defaults: E5, our coding)", _deals.package_game,
               defaults=_deals.PACKAGE_DEFAULTS),
        _model("linkage-legislature", "H2 channel: G1 in which, with lam = 1, V ratifies B's "
               "concession (payoff eta*(d - d_V)) and a veto sends play to A's carry-out node, "
               "where V loses v_L", _deals.legislature_game,
               defaults=_deals.CHANNEL_DEFAULTS),
        _model("two-level", "TL: F offers x in {x_F, 2x_N, 2x_V}; N accepts or rejects; V "
               "ratifies; tent utilities -|x - x_i|, status quo 0 (Putnam; Milner-Rosendorff)",
               lambda **fixed: _tl.two_level_game(["x_F", "2*x_N", "2*x_V"], fixed=fixed),
               players=("F", "N", "V"), defaults=tl),
        _model("two-level-agent-veto", "TL with Mo's stage 0: N first decides whether to grant "
               "V a veto; F offers x in {x_F, 2x_N, 2x_V}",
               lambda **fixed: _tl.two_level_game(["x_F", "2*x_N", "2*x_V"], veto="choose",
                                                  fixed=fixed),
               players=("F", "N", "V"), defaults=tl),
        _model("two-level-n-proposer", "TL with the negotiator proposing: N offers x in "
               "{x_N, 2x_F, 2x_V}; F accepts or rejects; V ratifies (the veto can only hurt "
               "N)", _tl.n_proposer_game, players=("F", "N", "V"), defaults=tl),
        _model("two-level-uncertain", "TL with an uncertain veto player: x_V = x_h "
               "(probability pi) or x_d; F offers x in {x_F, 2x_N, 2x_h, 2x_d}",
               lambda **fixed: _tl.two_level_game(["x_F", "2*x_N", "2*x_h", "2*x_d"],
                                                  uncertain=True, fixed=fixed),
               players=("F", "N", "V"), defaults=tl),
    ]
    return {m.name: m for m in models}


MODELS: dict[str, Model] = _registry()


def get_model(name: str) -> Model:
    """The model called ``name``, with a helpful error listing the others."""
    try:
        return MODELS[name]
    except KeyError:
        raise KeyError(f"no model {name!r}; built-in models: {', '.join(sorted(MODELS))}") from None

"""The Anglo-Japanese episodes: data, predictions, and what a reader must weigh in each fit.

The episodes live in a readable data file (``models/data/anglo_japanese.toml``): every parameter
value as exact text, the observed linkage, the years, and the provenance of each value kept apart
(historical fact, Davis's claim, our coding, each with its confidence tag).  Nothing here stores
a prediction.  Each row is solved at its values (subgame-perfect equilibrium of the model the
file names, ``linkage-renewal``, through :func:`gametheory.solve`), and everything printed beside
the prediction is read off solutions of the same model:

* ``U_S`` and ``U_L``: A's values of a side payment and of leverage relative to separation, the
  continuation values of the solved profile (Theorem G1's ``U_A(S)`` and ``U_A(L)``);
* the binding conditions: every backward-induction comparison whose reversal alone changes the
  outcome (:func:`gametheory.models.analysis.pivotal_inequalities`);
* the margin: the smallest relative change of one parameter that flips the prediction, exact,
  from the symbolic regions of the model (:func:`gametheory.models.analysis.flip_margins`);
* the robustness: the share of 10,000 seeded random perturbations (every parameter
  independently within +-25%) that keep the prediction, by the vectorised backward induction
  (:func:`gametheory.models.analysis.robustness`).

An episode the notes do not calibrate (E7) is listed with the prediction "not calibrated" and
the reason from the data file.

Rows of the data file's ``[[private]]`` tables are solved in an incomplete-information variant
(c1 ``linkage-resolve``, c2 ``linkage-screening``) with that model's own ``solve_options``
(perfect Bayesian equilibria): every equilibrium outcome is the prediction, each equilibrium is
shown with its play and the off-path beliefs that support it, and the robustness share comes
from the exact equilibrium regions of the symbolic game (:mod:`gametheory.models.pbe_rows`).

References
----------
C. L. Davis (2008/09), Linkage diplomacy: economic and security bargaining in the
Anglo-Japanese alliance, 1902-23, *International Security* 33(3).

Examples
--------
>>> rows = episode_rows(robust=False)
>>> [(r.id, r.observed, r.predicted) for r in rows][5]
('E6', 'L', 'L')
>>> e6 = rows[5]
>>> str(e6.u_s), str(e6.u_l), e6.margin_text()
('-1/10', '2', 'ell_A +33.3%, kappa -33.3%')
>>> rows[6].id, rows[6].predicted, rows[6].episode.reason.split(":")[0]
('E7', 'not calibrated', 'no calibration in linkage-research.md section 4')
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from gametheory.numbers import exact, to_text
from gametheory.models import MODELS, Model
from gametheory.models.analysis import (ROBUSTNESS_SAMPLES, ROBUSTNESS_SEED, ROBUSTNESS_SPREAD,
                                        RegionLines, action_values, first_move, inequality_latex,
                                        inequality_text,
                                        pivotal_inequalities, play_path, robustness,
                                        spe_profiles)

__all__ = ["Episode", "Row", "load_episodes", "episode_rows", "episode_table", "predict",
           "DATA_FILE", "PARAMETER_ORDER", "SOURCE_KINDS", "NOT_CALIBRATED", "TABLE_FORMATS"]

#: The canonical parameter columns, in the order of the research notes.
PARAMETER_ORDER = ("lam", "c", "sigma", "R", "s", "gamma", "h", "v_S", "d", "beta", "ell_A",
                   "ell_B", "kappa0", "kappa", "f", "eta", "v_L", "a")

DATA_FILE = "anglo_japanese.toml"

#: The kinds of provenance, their marker and their meaning.
SOURCE_KINDS = {
    "fact": ("f", "historical fact"),
    "davis": ("d", "the article's claim (Davis 2008/09; abstract and first page only)"),
    "coding": ("c", "our coding (ordinal, illustrative values; not Davis's)"),
    "counterfactual": ("x", "counterfactual value (changed from the episode)"),
}

NOT_CALIBRATED = "not calibrated"
TABLE_FORMATS = ("text", "md", "csv", "tex", "json")


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:      # Python 3.10: the tomli backport (same API)
        try:
            import tomli as tomllib
        except ModuleNotFoundError:
            raise ImportError("reading the episode data needs Python >= 3.11 or the 'tomli' "
                              "package (pip install tomli)") from None
    return tomllib


@dataclass(frozen=True)
class Episode:
    """One row of the data file: an episode or a counterfactual.

    Attributes
    ----------
    id, years, name : str
    observed : str
        Our coding of what happened (S, L, N or Terminate); empty for counterfactuals.
    values : dict of str to str
        Every parameter value as written (defaults and base episode merged in).
    fact, davis, coding, confidence : str
        Provenance texts, kept apart.
    sources : dict of str to str
        ``"<kind> <confidence>"`` for ``years``, ``observed`` and each parameter.
    calibrated : bool
        False for an episode the notes do not calibrate (it has no values and no prediction).
    reason : str
        Why an episode is not calibrated.
    base, claim, note : str
        For counterfactuals: the episode changed, the stated prediction, and why.
    change : dict of str to str
        For counterfactuals: the values changed.
    """

    id: str
    years: str = ""
    name: str = ""
    observed: str = ""
    values: Mapping[str, str] = field(default_factory=dict)
    fact: str = ""
    davis: str = ""
    coding: str = ""
    confidence: str = ""
    sources: Mapping[str, str] = field(default_factory=dict)
    calibrated: bool = True
    reason: str = ""
    base: str = ""
    change: Mapping[str, str] = field(default_factory=dict)
    claim: str = ""
    note: str = ""
    model: str = ""

    @property
    def is_counterfactual(self) -> bool:
        """A complete-information episode with some values changed."""
        return bool(self.base) and not self.model

    @property
    def is_private(self) -> bool:
        """A row solved in a private-information variant (its own ``model``; PBE)."""
        return bool(self.model)

    def exact_values(self) -> dict[str, Fraction]:
        return {k: exact(v) for k, v in self.values.items()}

    def source(self, name: str) -> tuple[str, str]:
        """The provenance of a value: (kind, confidence), e.g. ``("coding", "[I, low]")``.

        Examples
        --------
        >>> Episode("E", sources={"values": "coding [I, low]"}).source("c")
        ('coding', '[I, low]')
        """
        if name in self.change and not self.model:
            return "counterfactual", ""
        if name in self.sources.get("defaulted", "").split():
            return "coding", "[model default]"
        text = self.sources.get(name) or self.sources.get(
            "values" if name not in ("years", "observed") else name, "")
        kind, _, confidence = text.strip().partition(" ")
        return kind, confidence.strip()


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"parameter values are written as text such as \"1/10\": {value!r}")
    text = value if isinstance(value, str) else repr(value)
    exact(text)          # check that it is an exact number
    return text


def _sources(table: Mapping[str, Any], where: str) -> dict[str, str]:
    out = {}
    for key, text in table.items():
        if not isinstance(text, str) or text.strip().partition(" ")[0] not in SOURCE_KINDS:
            raise ValueError(f"{where}: source of {key!r} must start with one of "
                             f"{', '.join(SOURCE_KINDS)}: {text!r}")
        out[key] = text
    return out


def load_episodes(path: str | Path | None = None) -> tuple[str, list[Episode]]:
    """Read the data file: the model's name and the episodes, then the counterfactuals.

    Parameters
    ----------
    path : path, optional
        A TOML file in the format of ``models/data/anglo_japanese.toml`` (default: that file).
    """
    toml = _toml()
    if path is None:
        text = resources.files("gametheory.models").joinpath("data", DATA_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = toml.loads(text)
    defaults = {k: _text(v) for k, v in data.get("defaults", {}).items()}
    common = _sources(data.get("sources", {}), "[sources]")
    model = data.get("model", "linkage-renewal")
    episodes: dict[str, Episode] = {}
    for item in data.get("episode", []):
        values = {**defaults, **{k: _text(v) for k, v in item.get("values", {}).items()}}
        calibrated = bool(item.get("calibrated", True))
        if not calibrated and not item.get("reason"):
            raise ValueError(f"episode {item['id']} is not calibrated: give the reason")
        sources = {**common, **_sources(item.get("sources", {}), item["id"])}
        episodes[item["id"]] = Episode(
            id=item["id"], years=item.get("years", ""), name=item.get("name", ""),
            observed=item.get("observed", ""), values=values if calibrated else {},
            fact=item.get("fact", ""), davis=item.get("davis", ""),
            coding=item.get("coding", ""), confidence=item.get("confidence", ""),
            sources=sources, calibrated=calibrated, reason=item.get("reason", ""))
    out = list(episodes.values())
    for item in data.get("counterfactual", []):
        base = episodes.get(item["base"])
        if base is None or not base.calibrated:
            raise ValueError(f"counterfactual {item['id']}: no calibrated episode {item['base']!r}")
        change = {k: _text(v) for k, v in item.get("change", {}).items()}
        out.append(Episode(id=item["id"], years=base.years, name=base.name,
                           values={**base.values, **change},
                           sources={**base.sources, "observed": "coding [I]"},
                           base=base.id, change=change, claim=item.get("claim", ""),
                           note=item.get("note", ""), coding=item.get("note", "")))
    for item in data.get("private", []):
        out.append(_private_row(item, episodes))
    return model, out


def _private_row(item: Mapping[str, Any], episodes: Mapping[str, Episode]) -> Episode:
    """A row of a private-information variant: the base episode's values of the parameters the
    model shares, the row's own values, and the model's defaults for the rest (marked)."""
    where = f"private row {item.get('id')!r}"
    model = MODELS.get(item.get("model", ""))
    if model is None:
        raise ValueError(f"{where}: no model {item.get('model')!r}")
    names = [p.name for p in model.parameters]
    base = episodes.get(item.get("base", ""))
    if item.get("base") and (base is None or not base.calibrated):
        raise ValueError(f"{where}: no calibrated episode {item['base']!r}")
    own = {k: _text(v) for k, v in item.get("values", {}).items()}
    unknown = sorted(set(own) - set(names))
    if unknown:
        raise ValueError(f"{where}: model {model.name} has no parameter(s) {', '.join(unknown)}")
    inherited = {k: v for k, v in (base.values if base else {}).items() if k in names}
    defaulted = [n for n in names if n not in own and n not in inherited]
    values = {**inherited, **own, **{n: to_text(model.defaults[n]) for n in defaulted}}
    values = {n: values[n] for n in names}
    sources = {**(base.sources if base else {}), "observed": "coding [I]", "values": "coding [I]",
               **_sources(item.get("sources", {}), where), "defaulted": " ".join(defaulted)}
    return Episode(id=item["id"], years=base.years if base else item.get("years", ""),
                   name=item.get("name", base.name if base else ""),
                   observed=item.get("observed", ""), values=values, fact=item.get("fact", ""),
                   davis=item.get("davis", ""), coding=item.get("coding", ""),
                   confidence=item.get("confidence", ""), sources=sources,
                   base=base.id if base else "", change=own, claim=item.get("claim", ""),
                   note=item.get("note", ""), model=model.name)


@dataclass(frozen=True)
class Row:
    """An episode with its prediction and what decides it.

    Attributes
    ----------
    episode : Episode
    predicted : str
        ``S``, ``L``, ``N``, ``Terminate`` or ``"not calibrated"``.
    pivotal : tuple of str
        The binding conditions at the episode's values.
    paths : tuple
        The equilibrium paths.
    u_s, u_l : Fraction or None
        A's values of S and L relative to separation N.
    margins : dict of str to (down, up)
        Smallest relative decrease and increase of each parameter that flip the prediction.
    robust : float or None
        Share of random +-25% perturbations that keep the prediction.
    relations : tuple of sympy relations
        The binding conditions as relations (``pivotal`` is their text).
    pbe, pbe_tex : tuple of str
        Private-information rows: every perfect Bayesian equilibrium, its outcome and play
        (:func:`gametheory.models.pbe_rows.describe_pbe`), as text and as LaTeX.
    samples : int or None
        The number of perturbations behind ``robust``.
    """

    episode: Episode
    predicted: str
    pivotal: tuple[str, ...] = ()
    paths: tuple[tuple[tuple[str, str], ...], ...] = ()
    u_s: Fraction | None = None
    u_l: Fraction | None = None
    margins: Mapping[str, tuple[Fraction | None, Fraction | None]] = field(default_factory=dict)
    robust: float | None = None
    relations: tuple = ()
    pbe: tuple[str, ...] = ()
    samples: int | None = None
    pbe_tex: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.episode.id

    @property
    def observed(self) -> str:
        return self.episode.observed

    @property
    def fit(self) -> str:
        """``yes``/``no`` against the observation (or a counterfactual's stated claim)."""
        e = self.episode
        target = e.claim if e.is_counterfactual or (e.is_private and not e.observed) \
            else self.observed
        if self.predicted == NOT_CALIBRATED or not target:
            return ""
        if self.predicted == target:
            return "yes"
        outcomes = self.predicted.split("/")
        return f"1 of {len(outcomes)}" if target in outcomes else "no"

    def margin(self) -> tuple[Fraction | None, tuple[tuple[str, int], ...]]:
        """The smallest flip: (relative change, ((parameter, -1 or +1), ...)) with ties."""
        best: Fraction | None = None
        which: list[tuple[str, int]] = []
        for name in PARAMETER_ORDER:
            for sign, value in zip((-1, 1), self.margins.get(name, (None, None))):
                if value is None:
                    continue
                if best is None or value < best:
                    best, which = value, [(name, sign)]
                elif value == best:
                    which.append((name, sign))
        return best, tuple(which)

    def margin_text(self) -> str:
        """``'ell_A +33.3%, kappa -33.3%'``: the smallest flip and its parameters."""
        value, which = self.margin()
        if value is None:
            return "none" if self.margins else ""
        return ", ".join(f"{name} {'+' if sign > 0 else '-'}{_percent(value)}"
                         for name, sign in which)


def _percent(value: Fraction) -> str:
    pct = value * 100
    return f"{pct.numerator // pct.denominator}%" if pct.denominator == 1 else f"{float(pct):.1f}%"


def _number(value: Fraction | None) -> str:
    """A terminating decimal as a decimal (``-0.1``), any other value as a fraction."""
    if value is None:
        return ""
    d = value.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d != 1:
        return to_text(value)
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def predict(model: Model, values: Mapping[str, Any],
            solver: Callable[[Any], Sequence] | None = None) -> tuple[str, tuple, tuple]:
    """Solve ``model`` at ``values``: the predicted outcome, binding conditions and paths.

    Parameters
    ----------
    model : Model
    values : mapping
        A value for every parameter of the model.
    solver : callable, optional
        ``solver(game) -> list of behaviour profiles`` (default: the package's SPE solver).

    Returns
    -------
    predicted : str
        ``S``, ``L``, ``N`` or ``Terminate`` (several joined by ``/`` if the SPE disagree).
    pivotal : tuple of str
    paths : tuple
        The equilibrium paths.
    """
    predicted, relations, paths, _ = _solve_row(model, values, solver)
    return predicted, tuple(inequality_text(r) for r in relations), paths


def _solve_row(model, values, solver):
    solver = solver or spe_profiles
    values = {k: exact(v) for k, v in values.items()}
    missing = [p.name for p in model.parameters if p.name not in values]
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    symbolic = model.build(**_structural(values))
    game = symbolic.substitute({p.name: values[p.name] for p in symbolic.parameters})
    profiles = solver(game)
    if not profiles:
        raise RuntimeError("the solver found no subgame-perfect equilibrium")
    paths = tuple(play_path(game, profile) for profile in profiles)
    labels = tuple(dict.fromkeys(first_move(path) for path in paths))
    relations: tuple = ()
    if len(labels) == 1:
        relations = tuple(pivotal_inequalities(game, symbolic, profiles[0]))
    return "/".join(labels), relations, paths, action_values(game, profiles[0])


def _structural(values: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The parameters that change the tree (the legislature switch), fixed before solving."""
    return {k: values[k] for k in ("lam",) if k in values}


def episode_rows(path: str | Path | None = None,
                 solver: Callable[[Any], Sequence] | None = None,
                 robust: bool = True) -> list[Row]:
    """Every episode (an uncalibrated one with its reason) and counterfactual, solved.

    Parameters
    ----------
    path : path, optional
        The data file (default: the packaged one).
    solver : callable, optional
        ``solver(game) -> list of behaviour profiles`` for the point solutions.
    robust : bool
        Compute the robustness share (10,000 sampled games per row).
    """
    import gametheory

    name, episodes = load_episodes(path)
    model = MODELS[name]
    regions: dict[tuple, RegionLines] = {}
    private: dict[tuple, Any] = {}
    rows = []
    for episode in episodes:
        if not episode.calibrated:
            rows.append(Row(episode, NOT_CALIBRATED))
            continue
        if episode.is_private:
            rows.append(_private_solved(episode, robust, private))
            continue
        values = episode.exact_values()
        predicted, relations, paths, u = _solve_row(model, values, solver)
        pivotal = tuple(inequality_text(r) for r in relations)
        key = tuple(sorted(_structural(values).items()))
        if key not in regions:
            symbolic = model.build(**dict(key))
            regions[key] = RegionLines(gametheory.solve(symbolic, method="spe"))
        lines = regions[key]
        margins = lines.margins(values)
        share = None
        if robust and "/" not in predicted:
            share = robustness(model.build(**dict(key)), values, predicted)
        rows.append(Row(episode, predicted, pivotal, paths, u["S"], u["L"], margins, share,
                        relations))
    return rows


def _private_solved(episode: Episode, robust: bool, cache: dict) -> Row:
    """A private-information row solved with its model's natural concept (PBE), and the share
    of perturbations keeping its prediction, from the exact regions of the solved game."""
    from gametheory.models.pbe_rows import (PbeRegions, pbe_latex, pbe_prediction,
                                            pbe_robustness)

    model = MODELS[episode.model]
    values = episode.exact_values()
    predicted, described, _ = pbe_prediction(model, values)
    share = None
    if robust:
        key = (model.name, tuple(sorted(_structural(values).items())))
        if key not in cache:
            cache[key] = PbeRegions(model, dict(key[1]))
        share = pbe_robustness(cache[key], values, predicted, ROBUSTNESS_SAMPLES,
                               ROBUSTNESS_SPREAD, ROBUSTNESS_SEED)
    return Row(episode, predicted, pbe=described, robust=share,
               samples=ROBUSTNESS_SAMPLES if robust else None,
               pbe_tex=pbe_latex(model, values))


# ------------------------------------------------------------------------------ rendering

_CAPTION = ("Anglo-Japanese alliance, 1902-23: observed and predicted linkage (subgame-perfect "
            "equilibrium of the linkage game with a renewal stage, linkage-research.md 3.1-3.2).")
_LEGEND = (
    "U_S, U_L: A's values of a side payment and of leverage relative to separation (0). "
    "Binding: every comparison of the solved game whose reversal alone changes the "
    "prediction. Margin: the smallest relative change of one parameter that flips the "
    "prediction (exact, from the symbolic regions; parameters at 0 have no relative change). "
    f"Robust: share of {ROBUSTNESS_SAMPLES:,} random perturbations (each parameter "
    f"independently within +-{int(ROBUSTNESS_SPREAD * 100)}%, seed {ROBUSTNESS_SEED}) that keep "
    "the prediction. Observed codes and parameter values are our coding, not Davis's; "
    "values are ordinal and illustrative.")


_PRIVATE_LEGEND = (
    "Private information (linkage-research.md 3.3): c1 (resolve), B does not know A's "
    "back-down cost K_H or K_W (prior p); c2 (screening), A does not know B's dependence ell_H "
    "(probability q) or ell_L and demands ell_H/beta (L_hi) or ell_L/beta (L_lo). Solved "
    "with the model's natural concept: weak perfect Bayesian equilibria over pure profiles, "
    "beliefs by Bayes' rule on the path and free off it (a responder indifferent at its own "
    "threshold concedes, 3.0). pred lists the outcome of every equilibrium (N/L: two "
    "equilibria); * the demand is refused by some type and the downgrade carried out on the "
    "path (a failed attempt). obs is the historical code where there is one, else (in "
    "brackets) the result section 3.3 states. mu[B|L: resolved]: B's belief, after a demand, "
    "that A is resolved. Robust: as above, by evaluating the exact equilibrium regions of "
    "the symbolic game at every perturbed point.")


_PRIVATE_LEGEND_TEX = (
    r"Private information (linkage-research.md 3.3): c1 (linkage-resolve), B does not know "
    r"A's back-down cost $K_H$ or $K_W$ (prior $p$ on $K_H$); c2 (linkage-screening), A does "
    r"not know B's dependence $\ell_H$ (probability $q$) or $\ell_L$ and demands "
    r"$\ell_H/\beta$ (L\_hi) or $\ell_L/\beta$ (L\_lo). Solved with the model's natural "
    r"concept: weak perfect Bayesian equilibria over pure profiles, beliefs by Bayes' rule on "
    r"the path and free off it (a responder indifferent at its own threshold concedes, 3.0). "
    r"Pred.\ lists the outcome of every equilibrium (N/L: two equilibria); * the demand is "
    r"refused by some type and the downgrade carried out on the path (a failed attempt). "
    r"Obs.\ is the historical code where there is one, else (in brackets) the result that "
    r"section 3.3 states. Rob.: as in table~\ref{tab:episodes}, by evaluating the exact "
    r"equilibrium regions of the symbolic game at every perturbed point.")


def _private_target(row: Row) -> str:
    e = row.episode
    return e.observed if e.observed else f"({e.claim})"


def _defaulted_note(rows: list[Row]) -> str:
    notes = [f"{r.id} takes {', '.join(_defaulted(r))} from the model's defaults."
             for r in rows if _defaulted(r)]
    return " ".join(notes)


def _defaulted(row: Row) -> list[str]:
    return [n for n in row.episode.sources.get("defaulted", "").split() if n]


def _robust_text(row: Row) -> str:
    return "" if row.robust is None else f"{round(row.robust * 100)}%"


def _cells(row: Row) -> dict[str, str]:
    e = row.episode
    margin, which = row.margin()
    return {
        "episode": e.id, "years": e.years,
        "observed": e.claim if e.is_counterfactual else e.observed,
        "predicted": row.predicted, "fit": row.fit,
        "U_S": _number(row.u_s), "U_L": _number(row.u_l),
        "pivotal": "; ".join(row.pivotal) if e.calibrated else f"{NOT_CALIBRATED}: {e.reason}",
        "margin": "" if margin is None else to_text(margin),
        "margin_parameters": " ".join(f"{n}{'+' if s > 0 else '-'}" for n, s in which),
        "margin_text": row.margin_text(), "robust": _robust_text(row),
        "change": ", ".join(f"{k}={v}" for k, v in e.change.items()),
    }


def _wrapped(rows: list[list[Any]], widths: Sequence[int | None]) -> list[list[str]]:
    """Rows with long cells wrapped onto continuation rows (other cells empty there)."""
    out = []
    for row in rows:
        pieces = []
        for cell, width in zip(row, widths):
            if isinstance(cell, list):
                lines = [line for item in cell for line in
                         (textwrap.wrap(item, width) if width else [item])] or [""]
            else:
                lines = textwrap.wrap(str(cell), width) if width and cell else [str(cell)]
            pieces.append(lines or [""])
        for k in range(max(len(p) for p in pieces)):
            out.append([p[k] if k < len(p) else "" for p in pieces])
    return out


def _text_table(rows: list[Row], wide: bool) -> str:
    from gametheory.report.tables import render

    episodes = [r for r in rows if not r.episode.is_counterfactual and not r.episode.is_private]
    counterfactual = [r for r in rows if r.episode.is_counterfactual]
    private = [r for r in rows if r.episode.is_private]
    params = list(PARAMETER_ORDER) if wide else []
    head = ["ep", "years", "obs", "pred", "fit", "U_S", "U_L", "binding conditions", "margin",
            "robust", *params]
    body = []
    for r in episodes:
        c = _cells(r)
        body.append([c["episode"], c["years"], _short(c["observed"]), _short(c["predicted"]),
                     c["fit"], c["U_S"], c["U_L"],
                     list(r.pivotal) if r.episode.calibrated else [c["pivotal"]],
                     c["margin_text"].split(", "), c["robust"],
                     *(r.episode.values.get(p, "") for p in params)])
    widths = [None] * 7 + [None if wide else 32, 15, None] + [None] * len(params)
    out = [render(head, _wrapped(body, widths), "text")]
    if counterfactual:
        head = ["counterfactual", "change", "claim", "pred", "U_S", "U_L", "binding conditions",
                "margin", "robust", *params]
        body = []
        for r in counterfactual:
            c = _cells(r)
            body.append([c["episode"], c["change"].split(", "), _short(c["observed"]),
                         _short(c["predicted"]), c["U_S"], c["U_L"], list(r.pivotal),
                         c["margin_text"].split(", "), c["robust"],
                         *(r.episode.values.get(p, "") for p in params)])
        widths = [None, 11, None, None, None, None, None if wide else 24, 15, None]
        widths += [None] * len(params)
        out += ["", render(head, _wrapped(body, widths), "text")]
    if private:
        head = ["private information", "model", "values", "obs", "pred", "fit", "robust"]
        body = [[r.id, r.episode.model, [f"{k}={v}" for k, v in r.episode.change.items()],
                 _private_target(r), r.predicted, r.fit, _robust_text(r)] for r in private]
        out += ["", render(head, _wrapped(body, [None] * 7), "text"), "",
                "Perfect Bayesian equilibria (outcome: play after each draw of Nature):"]
        for r in private:
            out.append(f"{r.id}:")
            for text in r.pbe:
                out += textwrap.wrap(text, 99, initial_indent="  ", subsequent_indent="    ")
        out += [""] + textwrap.wrap(_PRIVATE_LEGEND + " " + _defaulted_note(private), 99)
    notes = "Term = Terminate (the alliance is not renewed). " + _LEGEND
    used = sorted({name for r in rows for condition in r.pivotal
                   for name in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", str(condition))})
    notes += " Symbols: " + "; ".join(f"{name}, {_meaning(name)}" for name in used) + "."
    if not wide:
        notes += " --wide adds every parameter; --format md/csv/tex/json add the provenance."
    out += ["", *textwrap.wrap(_CAPTION, 99), *textwrap.wrap(notes, 99)]
    return "\n".join(out)


def _meaning(name: str) -> str:
    """A parameter's meaning as the model declares it (``gametheory info linkage-renewal``)."""
    from gametheory.models.linkage import parameter
    return parameter(name).meaning


def _short(outcome: str) -> str:
    return {"Terminate": "Term", NOT_CALIBRATED: "n/c"}.get(outcome, outcome)


def _marker(row: Row, name: str) -> str:
    kind, confidence = row.episode.source(name)
    letter = SOURCE_KINDS[kind][0] if kind in SOURCE_KINDS else "?"
    low = "low" in confidence or "[R" in confidence or "/[R" in confidence
    return letter + ("?" if low else "")


def _provenance_notes(rows: list[Row]) -> list[tuple[str, str, str]]:
    """(episode id, label, text) for each provenance text of the episodes."""
    out = []
    for r in rows:
        e = r.episode
        if e.is_counterfactual:
            out.append((e.id, "counterfactual", f"{e.base} with {_cells(r)['change']}: "
                        f"{e.note} (stated prediction {e.claim})"))
            continue
        for label, text in (((e.model, e.note),) if e.is_private else ()) + (
                ("fact", e.fact), ("Davis", e.davis), ("our coding", e.coding),
                ("confidence", e.confidence), ("not calibrated", e.reason)):
            if text:
                out.append((e.id, label, text))
    return out


_LEGEND_MARKERS = ("Markers: f historical fact, d the article's claim (Davis 2008/09; abstract "
                   "and first page only), c our coding, x counterfactual value; ? low "
                   "confidence or recalled, not checked against a source ([R]).")


def _full_columns() -> list[str]:
    return ["episode", "years", "observed", "predicted", "fit", "U_S", "U_L", "pivotal",
            "margin", "margin_parameters", "robust", *PARAMETER_ORDER]


def _markdown(rows: list[Row]) -> str:
    from gametheory.report.tables import render

    body = []
    for r in rows:
        c = _cells(r)
        marked = [f"{c['years']}<sup>{_marker(r, 'years')}</sup>",
                  f"{c['observed']}<sup>{_marker(r, 'observed')}</sup>" if c["observed"] else ""]
        body.append([c["episode"], *marked, c["predicted"], c["fit"], c["U_S"], c["U_L"],
                     c["pivotal"], c["margin_text"], c["robust"],
                     *(f"{r.episode.values[p]}<sup>{_marker(r, p)}</sup>"
                       if p in r.episode.values else "" for p in PARAMETER_ORDER)])
    head = ["episode", "years", "observed", "predicted", "fit", "U_S", "U_L", "binding",
            "margin", "robust", *PARAMETER_ORDER]
    lines = [render(head, body, "md"), "", _CAPTION, "", _LEGEND, "", _LEGEND_MARKERS, ""]
    private = [r for r in rows if r.episode.is_private]
    if private:
        lines += ["**Private information** (perfect Bayesian equilibria)", ""]
        for r in private:
            values = ", ".join(f"{k} = {v}" for k, v in r.episode.change.items())
            lines.append(f"- **{r.id}** ({r.episode.model}; {values}): predicted "
                         f"{r.predicted}, robust {_robust_text(r) or 'not computed'}")
            lines += [f"  - {text}" for text in r.pbe]
        lines += ["", _PRIVATE_LEGEND + " " + _defaulted_note(private), ""]
    lines += ["**Provenance**", ""]
    lines += [f"- **{eid}** {label}: {text}" for eid, label, text in _provenance_notes(rows)]
    return "\n".join(lines)


def _model_name() -> str:
    return load_episodes()[0]


def _flat(rows: list[Row]) -> tuple[list[str], list[list[str]]]:
    columns = ["episode", "years", "years_source", "years_confidence", "observed",
               "observed_source", "observed_confidence", "predicted", "fit", "U_S", "U_L",
               "pivotal", "margin", "margin_parameters", "robust", "note", "model", "claim",
               "private_values", "private_values_source", "equilibria"]
    for p in PARAMETER_ORDER:
        columns += [p, f"{p}_source", f"{p}_confidence"]
    body = []
    for r in rows:
        c = _cells(r)
        e = r.episode
        line = [c["episode"], c["years"], *e.source("years"), c["observed"],
                *(e.source("observed") if c["observed"] else ("", "")), c["predicted"], c["fit"],
                "" if r.u_s is None else to_text(r.u_s), "" if r.u_l is None else to_text(r.u_l),
                "; ".join(r.pivotal), c["margin"], c["margin_parameters"],
                "" if r.robust is None else f"{r.robust:.4f}",
                e.reason if not e.calibrated else e.note, e.model or _model_name(),
                e.claim, "; ".join(f"{k}={v}" for k, v in e.change.items()) if e.is_private
                else "", "; ".join(f"{k}: {' '.join(e.source(k)).strip()}" for k in e.change)
                if e.is_private else "", " || ".join(r.pbe)]
        for p in PARAMETER_ORDER:
            line += [e.values[p], *e.source(p)] if p in e.values else ["", "", ""]
        body.append(line)
    return columns, body


def _latex(rows: list[Row], standalone: bool = False) -> str:
    r"""The table as LaTeX: a fragment to ``\input`` (it needs only ``booktabs``, declared in
    its first line) that fits the text width of a plain ``article``, or with ``standalone``
    a whole document.  Parameters are typeset by the package's one typesetter
    (:mod:`gametheory.report.latex`): ``\lambda``, ``\ell_A``, ``\kappa_0``; conditions as a
    paper writes them (``s (c + \sigma) > R``)."""
    from gametheory.report import latex as tx

    esc = tx.escape

    def sup(text: str, marker: str, math: bool = False) -> str:
        if not text:
            return ""
        body = f"${text}$" if math else esc(text)
        return f"{body}\\textsuperscript{{{esc(marker)}}}"

    def num(value: Fraction | None) -> str:
        return "" if value is None else f"${_number(value)}$"

    def margin(row: Row) -> str:
        value, which = row.margin()
        if value is None:
            return "none" if row.margins else ""
        pct = _percent(value).replace("%", r"\%")
        return r",\newline ".join(f"${tx.symbol(n)}$ ${'+' if sign > 0 else '-'}{pct}$"
                                  for n, sign in which)

    def cell(text: str) -> str:          # a paragraph cell, ragged right
        return r"\raggedright " + text if text else ""

    def episode_cell(r: Row) -> str:
        years = sup(r.episode.years.replace("-", "--"), _marker(r, "years"))
        return cell(esc(r.id) + (r"\newline " + years if years else ""))

    def first_row(r: Row) -> list[str]:
        c = _cells(r)
        if not r.episode.calibrated:
            binding = cell(r"\emph{" + esc(NOT_CALIBRATED) + "}: " + esc(r.episode.reason))
        else:
            binding = cell(r" \newline ".join(f"${tx.relation(rel, inline=True)}$"
                                              for rel in r.relations))
        observed = c["observed"] if r.episode.is_counterfactual else sup(
            _short(c["observed"]), _marker(r, "observed"))
        return [episode_cell(r), esc(observed) if r.episode.is_counterfactual else observed,
                esc(_short(c["predicted"])), esc(c["fit"]), num(r.u_s), num(r.u_l), binding,
                cell(margin(r)), c["robust"].replace("%", r"\%")]

    def value_row(r: Row, names: Sequence[str]) -> list[str]:
        if not r.episode.calibrated:
            return [esc(r.id), rf"\multicolumn{{{len(names)}}}{{l}}"
                               rf"{{\emph{{{NOT_CALIBRATED}}}}}"]
        return [esc(r.id), *(sup(r.episode.values[p], _marker(r, p), math=True)
                             for p in names)]

    def tabular(spec: str, header: list[str], blocks: list[tuple[str, list[list[str]]]]
                ) -> list[str]:
        lines = [rf"\begin{{tabular}}{{{spec}}}", r"\toprule",
                 " & ".join(header) + r" \tabularnewline", r"\midrule"]
        for k, (note, body) in enumerate(blocks):
            if not body:
                continue
            if note:
                lines += [r"\midrule"] if k else []
                lines.append(rf"\multicolumn{{{len(header)}}}{{@{{}}l}}{{\emph{{{note}}}}} "
                             r"\tabularnewline")
            lines += [" & ".join(cells) + r" \tabularnewline" for cells in body]
        return lines + [r"\bottomrule", r"\end{tabular}"]

    episodes = [r for r in rows if not r.episode.is_counterfactual and not r.episode.is_private]
    counterfactual = [r for r in rows if r.episode.is_counterfactual]
    private = [r for r in rows if r.episode.is_private]
    solved = episodes + counterfactual
    head = ["Ep.", "Obs.", "Pred.", "Fit", "$U_S$", "$U_L$", "Binding conditions", "Margin",
            "Rob."]
    spec = (r"@{}p{1.25cm}llcrrp{3.55cm}p{2.05cm}r@{}")
    legend = (r"Obs.: observed (counterfactuals: the prediction stated in the research notes); "
              r"Term: Terminate (no renewal). $U_S$, $U_L$: A's values of a side payment and "
              r"of leverage relative to separation (0). " + esc(_LEGEND.split(
                  "separation (0). ", 1)[1]))
    half = (len(PARAMETER_ORDER) + 1) // 2
    parts = [
        r"\begin{table}[tbp]",
        r"\centering\scriptsize",
        r"\setlength{\tabcolsep}{3pt}",
        rf"\caption{{{esc(_CAPTION)}}}\label{{tab:episodes}}",
        *tabular(spec, head, [("", [first_row(r) for r in episodes]),
                              ("Counterfactuals: an episode with some values changed",
                               [first_row(r) for r in counterfactual])]),
        r"\par\smallskip",
        r"\begin{minipage}{\linewidth}\scriptsize",
        legend + r"\par",
        esc(_LEGEND_MARKERS),
        r"\end{minipage}",
        r"\end{table}",
        r"\begin{table}[tbp]",
        r"\centering\scriptsize",
        r"\setlength{\tabcolsep}{3pt}",
        r"\caption{Parameter values of each row of table~\ref{tab:episodes} (superscripts: "
        r"provenance, as there).}\label{tab:episode-values}",
    ]
    for names in (PARAMETER_ORDER[:half], PARAMETER_ORDER[half:]):
        parts += tabular("@{}l" + "r" * len(names) + "@{}",
                         ["Ep.", *(f"${tx.symbol(p)}$" for p in names)],
                         [("", [value_row(r, names) for r in episodes]),
                          ("Counterfactuals", [value_row(r, names) for r in counterfactual])])
        parts.append(r"\par\medskip")
    parts.append(r"\end{table}")
    if private:
        parts += _latex_private(private)
    notes = [rf"\item[{esc(eid)}] \emph{{{esc(label)}}}: {_prose_latex(text)}"
             for eid, label, text in _provenance_notes(rows)]
    parts += [r"\begin{description}\footnotesize", *notes, r"\end{description}"]
    body = "\n".join(parts)
    fragment = tx.fragment(body, ["booktabs"])
    return tx.document(fragment) if standalone else fragment


_PROSE_NAMES = ("lam", "c", "sigma", "R", "s", "gamma", "h", "v_S", "d", "beta", "ell_A",
                "ell_B", "kappa0", "kappa", "f", "eta", "v_L", "a", "K", "K_H", "K_W", "p", "q",
                "ell_H", "ell_L", "W*", "U_S", "U_L", "d_V")
_WORD = r"(?:W\*|[A-Za-z]\w*)"
_ATOM = rf"(?:{_WORD}|\d+(?:[./]\d+)?)"
_GROUP = rf"(?:{_ATOM}|\(\s*{_ATOM}(?:\s*[-+*/]\s*{_ATOM})*\s*\))"
_TERM = rf"{_GROUP}(?:\s*[*/]\s*{_GROUP})*"
_RUN = re.compile(rf"(?<![\w'])({_TERM}(?:\s*(?:<=|>=|=|<|>|\+|-)\s*{_TERM})*)(?![\w'])")


def _prose_latex(text: str) -> str:
    r"""Running text with the parameters and the relations in it set as math: ``lam = 1``
    becomes ``$\lambda = 1$``, ``beta*d`` becomes ``$\beta d$``, ``ell_A high`` becomes
    ``$\ell_{A}$ high``; everything else is escaped text.

    Examples
    --------
    >>> print(_prose_latex("so K = 4 > ell_A = 3 (lam = 1); beta*d < ell_B, c small"))
    so $K = 4 > \ell_{A} = 3$ ($\lambda = 1$); $\beta d < \ell_{B}$, $c$ small
    """
    from gametheory.report import latex as tx

    out, last = [], 0
    for match in _RUN.finditer(text):
        run = match.group(1)
        names = re.findall(_WORD, run)
        if not names or any(n not in _PROSE_NAMES for n in names) or (
                len(names) == 1 and run == names[0] and len(run) == 1 and run in "aAsSdcfhpq"
                and not _lone_symbol(text, match)):
            continue
        out += [tx.escape(text[last:match.start(1)]), f"${_math_run(run)}$"]
        last = match.end(1)
    out.append(tx.escape(text[last:]))
    return "".join(out)


def _lone_symbol(text: str, match) -> bool:
    """A one-letter name is a symbol where an operator or a parameter's context surrounds it
    (``c small``, ``(c = 0)``), not where it is an English word (``a``) or a code (``S``)."""
    after = text[match.end(1):match.end(1) + 7]
    return bool(re.match(r"\s*(small|high|large|low|\))", after))


def _math_run(run: str) -> str:
    from gametheory.report import latex as tx

    out = []
    for token in re.findall(r"W\*|[A-Za-z]\w*|\d+(?:[./]\d+)?|<=|>=|[=<>*/+()-]", run):
        if token == "W*":
            out.append("W^*")
        elif re.fullmatch(r"[A-Za-z]\w*", token):
            out.append(tx.symbol(token))
        else:
            out.append({"*": "", "<=": r"\leq", ">=": r"\geq", "/": "/"}.get(token, token))
    return " ".join(t for t in out if t).replace("( ", "(").replace(" )", ")").replace(
        " / ", "/")


def _latex_private(rows: list[Row]) -> list[str]:
    """The private-information rows: outcomes of every PBE, robustness and the equilibria."""
    from gametheory.report import latex as tx

    esc = tx.escape
    body = []
    for r in rows:
        e = r.episode
        values = ", ".join(f"${tx.symbol(k)} = {v}$" for k, v in e.change.items())
        target = esc(e.observed) if e.observed else f"({esc(e.claim)})"
        equilibria = r" \newline ".join(r.pbe_tex)
        body.append([r"\raggedright " + esc(r.id) + r"\newline " + esc(e.model)
                     + r"\newline " + values, target, esc(r.predicted), esc(r.fit),
                     _robust_text(r).replace("%", r"\%"), r"\raggedright " + equilibria])
    head = ["Row", "Obs.", "Pred.", "Fit", "Rob.", "Perfect Bayesian equilibria"]
    lines = [r"\begin{table}[tbp]", r"\centering\scriptsize", r"\setlength{\tabcolsep}{3pt}",
             r"\caption{Rows solved under private information (perfect Bayesian "
             r"equilibria).}\label{tab:episode-pbe}",
             r"\begin{tabular}{@{}p{2.5cm}llllp{5.4cm}@{}}", r"\toprule",
             " & ".join(head) + r" \tabularnewline", r"\midrule"]
    lines += [" & ".join(cells) + r" \tabularnewline" for cells in body]
    lines += [r"\bottomrule", r"\end{tabular}", r"\par\smallskip",
              r"\begin{minipage}{\linewidth}\scriptsize",
              _PRIVATE_LEGEND_TEX + " " + esc(_defaulted_note(rows)), r"\end{minipage}",
              r"\end{table}"]
    return lines


def episode_table(fmt: str = "text", path: str | Path | None = None,
                  solver: Callable[[Any], Sequence] | None = None, *, wide: bool = False,
                  robust: bool = True, standalone: bool = False) -> str:
    """The equilibrium table of the episodes.

    Parameters
    ----------
    fmt : {"text", "md", "csv", "tex", "json"}
        ``text`` is compact (under 100 columns): episode, years, observed, predicted, fit,
        ``U_S``, ``U_L``, binding conditions, margin and robustness, then the counterfactuals;
        ``md`` and ``tex`` add every parameter with a provenance marker per value, a legend and
        the provenance texts (``tex`` is a fragment to ``\\input`` needing only ``booktabs``, a
        whole document with ``standalone``); ``csv`` and ``json`` carry
        ``<value>_source`` and ``<value>_confidence`` for the years, the observed code and
        every parameter.
    path : path, optional
        The data file.
    solver : callable, optional
        The point solver (see :func:`episode_rows`).
    wide : bool
        Text only: add a column per parameter.
    robust : bool
        Compute the robustness column.
    standalone : bool
        ``tex`` only: a whole document instead of a fragment to ``\\input``.

    Examples
    --------
    >>> text = episode_table(robust=False)
    >>> max(len(line) for line in text.splitlines()) <= 100
    True
    >>> "not calibrated" in episode_table("csv", robust=False)
    True
    """
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; choose one of "
                         f"{', '.join(TABLE_FORMATS)}")
    rows = episode_rows(path, solver, robust=robust)
    if fmt == "text":
        return _text_table(rows, wide)
    if fmt == "md":
        return _markdown(rows)
    if fmt == "tex":
        return _latex(rows, standalone)
    columns, body = _flat(rows)
    if fmt == "json":
        return json.dumps({"caption": _CAPTION, "legend": _LEGEND,
                           "rows": [dict(zip(columns, line)) for line in body]}, indent=1)
    from gametheory.report.tables import render
    return render(columns, body, "csv")

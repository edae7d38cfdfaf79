"""The Anglo-Japanese episodes: data, predictions, pivotal inequalities and counterfactuals.

The episodes live in a readable data file (``models/data/anglo_japanese.toml``): every parameter
value as exact text, the observed linkage, the years, and the provenance of each claim kept apart
(historical fact, Davis's claim, our coding).  Nothing here stores a prediction: each row is
solved (subgame-perfect equilibrium of the model the file names, ``linkage-renewal``) at its
values, and the pivotal inequalities are read off the solution
(:func:`gametheory.models.analysis.pivotal_inequalities`).

Examples
--------
>>> rows = episode_rows()
>>> [(r.id, r.observed, r.predicted) for r in rows][5]
('E6', 'L', 'L')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from gametheory.numbers import exact
from gametheory.models import MODELS, Model
from gametheory.models.analysis import (first_move, inequality_text, pivotal_inequalities,
                                        play_path, spe_profiles)

__all__ = ["Episode", "Row", "load_episodes", "episode_rows", "episode_table", "predict",
           "DATA_FILE", "PARAMETER_ORDER"]

#: The canonical parameter columns, in the order of the research notes.
PARAMETER_ORDER = ("lam", "c", "sigma", "R", "s", "gamma", "h", "v_S", "d", "beta", "ell_A",
                   "ell_B", "kappa0", "kappa", "f", "eta", "v_L", "a")

DATA_FILE = "anglo_japanese.toml"


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
        Provenance, kept apart.
    calibrated : bool
        False for an episode the notes do not calibrate (it has no values and no prediction).
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
    calibrated: bool = True
    base: str = ""
    change: Mapping[str, str] = field(default_factory=dict)
    claim: str = ""
    note: str = ""

    @property
    def is_counterfactual(self) -> bool:
        return bool(self.base)

    def exact_values(self) -> dict[str, Fraction]:
        return {k: exact(v) for k, v in self.values.items()}


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"parameter values are written as text such as \"1/10\": {value!r}")
    text = value if isinstance(value, str) else repr(value)
    exact(text)          # check that it is an exact number
    return text


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
    model = data.get("model", "linkage-renewal")
    episodes: dict[str, Episode] = {}
    for item in data.get("episode", []):
        values = {**defaults, **{k: _text(v) for k, v in item.get("values", {}).items()}}
        calibrated = bool(item.get("calibrated", True))
        episodes[item["id"]] = Episode(
            id=item["id"], years=item.get("years", ""), name=item.get("name", ""),
            observed=item.get("observed", ""), values=values if calibrated else {},
            fact=item.get("fact", ""), davis=item.get("davis", ""),
            coding=item.get("coding", ""), confidence=item.get("confidence", ""),
            calibrated=calibrated)
    out = list(episodes.values())
    for item in data.get("counterfactual", []):
        base = episodes.get(item["base"])
        if base is None or not base.calibrated:
            raise ValueError(f"counterfactual {item['id']}: no calibrated episode {item['base']!r}")
        change = {k: _text(v) for k, v in item.get("change", {}).items()}
        out.append(Episode(id=item["id"], years=base.years, name=base.name,
                           values={**base.values, **change}, base=base.id, change=change,
                           claim=item.get("claim", ""), note=item.get("note", ""),
                           coding=item.get("note", "")))
    return model, out


@dataclass(frozen=True)
class Row:
    """An episode with its prediction."""

    episode: Episode
    predicted: str
    pivotal: tuple[str, ...]
    paths: tuple[tuple[tuple[str, str], ...], ...]

    @property
    def id(self) -> str:
        return self.episode.id

    @property
    def observed(self) -> str:
        return self.episode.observed


def predict(model: Model, values: Mapping[str, Any],
            solver: Callable[[Any], Sequence] | None = None) -> tuple[str, tuple, tuple]:
    """Solve ``model`` at ``values``: the predicted outcome, pivotal inequalities and paths.

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
    solver = solver or spe_profiles
    values = {k: exact(v) for k, v in values.items()}
    missing = [p.name for p in model.parameters if p.name not in values]
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    structural = {k: values[k] for k in ("lam",) if k in values}
    symbolic = model.build(**structural)
    game = symbolic.substitute({p.name: values[p.name] for p in symbolic.parameters})
    profiles = solver(game)
    if not profiles:
        raise RuntimeError("the solver found no subgame-perfect equilibrium")
    paths = tuple(play_path(game, profile) for profile in profiles)
    labels = tuple(dict.fromkeys(first_move(path) for path in paths))
    pivotal: tuple[str, ...] = ()
    if len(labels) == 1:
        pivotal = tuple(inequality_text(r) for r in
                        pivotal_inequalities(game, symbolic, profiles[0]))
    return "/".join(labels), pivotal, paths


def episode_rows(path: str | Path | None = None,
                 solver: Callable[[Any], Sequence] | None = None) -> list[Row]:
    """Every calibrated episode and counterfactual, solved."""
    name, episodes = load_episodes(path)
    model = MODELS[name]
    rows = []
    for episode in episodes:
        if not episode.calibrated:
            continue
        predicted, pivotal, paths = predict(model, episode.values, solver)
        rows.append(Row(episode, predicted, pivotal, paths))
    return rows


def episode_table(fmt: str = "text", path: str | Path | None = None,
                  solver: Callable[[Any], Sequence] | None = None) -> str:
    """The equilibrium table of the episodes (``fmt``: text, md, csv or tex).

    Columns: ``episode``, ``years``, ``observed``, ``predicted``, ``pivotal``, then one column
    per parameter under its canonical name, with the values as written in the data file.
    Counterfactual rows leave ``observed`` empty.
    """
    from gametheory.report.tables import render

    rows = episode_rows(path, solver)
    columns = ["episode", "years", "observed", "predicted", "pivotal", *PARAMETER_ORDER]
    body = [[r.id, r.episode.years, r.observed, r.predicted, "; ".join(r.pivotal),
             *(r.episode.values.get(p, "") for p in PARAMETER_ORDER)] for r in rows]
    caption = ("Anglo-Japanese alliance, 1902-23: observed and predicted linkage "
               "(subgame-perfect equilibrium of the linkage game with a renewal stage). "
               "Observed codes and parameter values are our coding, not Davis's.")
    return render(columns, body, fmt, caption=caption, wide={"pivotal"})

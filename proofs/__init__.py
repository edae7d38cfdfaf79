"""The linkage propositions as executable proofs with readable certificates.

``PROPOSITIONS`` maps a name to its module (each has ``NAME``, ``STATEMENT``, ``prove()`` and
``false_variants()``); :func:`prove` runs one proposition on its built-in model or on a game
the caller gives; :func:`run_proofs` runs some or all of them for ``gametheory prove``, in
parallel worker processes, reporting each verdict as it finishes.

Examples
--------
>>> cert = prove("P4")
>>> cert.name, cert.status
('P4', 'proved')
>>> prove("P9")
Traceback (most recent call last):
...
KeyError: "no proposition 'P9'; known: ..."
"""

from __future__ import annotations

import inspect
import json
import os
import time
from dataclasses import replace
from concurrent.futures import ProcessPoolExecutor, as_completed
from importlib import import_module
from multiprocessing import get_context
from typing import Callable, Iterable

__all__ = ["PROPOSITIONS", "MODEL_OF", "prove", "render", "render_text", "run_claim",
           "run_proofs", "warm", "retarget"]

_MODULES = {"G1": "g1_core",
            "P1": "p1_ruling_party", "P2": "p2_legislature", "P3": "p3_credibility",
            "P4": "p4_dependence", "P5": "p5_no_breakdown", "P6": "p6_free_trade",
            "G1*": "g1star_offers", "b3": "b3_two_sided", "b4": "b4_renewal",
            "b6": "b6_menu", "D1": "d1_two_way", "D2": "d2_mixed", "H2c": "h2_channel",
            "c0": "c0_veto_type", "c1": "c1_resolve", "c2": "c2_screening",
            "TL": "tl_two_level"}

#: The built-in model each proposition is a statement about (the shape a given game must have).
MODEL_OF = {"G1": "linkage", "P1": "linkage", "P2": "linkage", "P3": "linkage",
            "P4": "linkage", "P5": "linkage", "P6": "linkage-retaliation",
            "G1*": "linkage-offers", "b3": "linkage-two-sided", "b4": "linkage-renewal",
            "b6": "linkage-menu-party", "D1": "linkage-two-way", "D2": "linkage-package",
            "H2c": "linkage-legislature", "c0": "linkage-veto-type", "c1": "linkage-resolve",
            "c2": "linkage-screening", "TL": "two-level"}


#: Rough relative cost of each proof (CPU seconds measured on a 2-core machine), used only to
#: start the longest proofs first so that the worker processes finish together (longest
#: processing time first, Graham 1969).  A wrong value costs time, never correctness.
COST = {"c1": 5.0, "P1": 3.0, "P5": 1.8, "c2": 1.6, "b4": 1.5, "TL": 0.9, "b6": 0.75,
        "G1": 0.7, "P6": 0.7, "G1*": 0.7, "b3": 0.4, "P3": 0.3, "c0": 0.25, "P4": 0.1,
        "P2": 0.06, "D1": 2.4, "D2": 1.6, "H2c": 1.0}


class _Registry(dict):
    """Name -> proposition module, imported on first use."""

    def __missing__(self, name):
        if name not in _MODULES:
            raise KeyError(f"no proposition {name!r}; known: {', '.join(_MODULES)}")
        module = import_module(f"gametheory.proofs.{_MODULES[name]}")
        self[name] = module
        return module

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self):
        return len(_MODULES)

    def keys(self):
        return list(_MODULES)


PROPOSITIONS = _Registry()


def prove(name: str, game=None):
    """Check proposition ``name`` on its built-in model, or on ``game``.

    Parameters
    ----------
    name : str
        A key of :data:`PROPOSITIONS`.
    game : ExtensiveGame, optional
        Any game with the model's players, parameters and action labels (for example an edited
        export of the model, read by :func:`gametheory.read`).  The proposition is checked on
        the game's own solution: a game changed so that the statement fails is refuted.

    Returns
    -------
    Certificate

    Raises
    ------
    KeyError
        For an unknown proposition.
    GameShapeError
        For a game that lacks a player, parameter or action the proposition needs (each
        module checks the shape of what it is given; the message names what is missing).
    """
    module = PROPOSITIONS[name]
    if game is None:
        return module.prove()
    if "game" not in inspect.signature(module.prove).parameters:
        raise ValueError(f"proposition {name} can only be checked on its built-in model "
                         f"{MODEL_OF[name]!r} so far")
    return module.prove(game=game)


def warm(names: Iterable[str]) -> None:
    """Solve, once, the model worlds that several of the named propositions share (the core
    game with the legislature out and in), so that worker processes forked afterwards inherit
    the solutions instead of solving them again each."""
    from gametheory.proofs.claims import model_world
    shared = [n for n in names if MODEL_OF.get(n) == "linkage"]
    if len(shared) > 1:
        for lam in (0, 1):
            model_world("linkage", f"linkage[lam={lam}]", lam=lam)


def _timed(name: str, game=None, source: str = ""):
    start = time.perf_counter()
    certificate = prove(name, game)
    if source:
        from .claims import solver_for
        if game is not None and solver_for(game) == "pbe":   # a file has no declared method
            source = f"{source} --method pbe"
        certificate = retarget(certificate, source)
    return name, certificate, time.perf_counter() - start


def _split(name: str) -> tuple:
    """The independent halves of a proposition's proof (its module's ``SPLIT``, proved by
    ``prove_split(key)`` and joined by ``assemble``), or ``(None,)`` for one piece."""
    return tuple(getattr(PROPOSITIONS[name], "SPLIT", (None,)))


def _timed_task(name: str, key):
    """One job of a parallel run: a whole proposition (``key`` None, its certificate) or one
    half of it (its parts); returns ``(name, key, result, seconds)``."""
    if key is None:
        name, certificate, seconds = _timed(name)
        return name, None, certificate, seconds
    start = time.perf_counter()
    parts = PROPOSITIONS[name].prove_split(key)
    return name, key, parts, time.perf_counter() - start


def retarget(certificate, source: str):
    """The certificate (and its parts) with counterexamples that name no game, or the
    placeholder ``GAME``, re-targeted at ``source`` (the file the game was read from, with
    the options ``solve`` needs to find the same equilibria)."""
    parts = tuple(retarget(p, source) for p in certificate.parts)
    target = source if certificate.target in ("", "GAME") else certificate.target
    return replace(certificate, parts=parts, target=target)


def run_proofs(names: list[str], fmt: str = "text", *, game=None, source: str = "",
               jobs: int | None = None, on_result: Callable | None = None) -> tuple[str, int]:
    """Prove the named propositions (all when ``names`` is empty); return (output, exit code).

    Parameters
    ----------
    names : list of str
    fmt : {'text', 'json', 'md', 'tex'}
    game : ExtensiveGame, optional
        Check the propositions on this game instead of their built-in models.
    source : str
        The file ``game`` was read from: counterexamples are printed as
        ``gametheory solve SOURCE --param ...``.
    jobs : int, optional
        Worker processes (default: the number of cores, at most one per proposition; 1 runs
        everything in this process).  The shared model worlds are solved first, in this
        process, so that the workers inherit them.
    on_result : callable, optional
        Called as ``on_result(certificate, seconds, done, total)`` as each proposition
        finishes (in the order they finish); the output then holds nothing for the text format
        (the caller has shown each verdict), and the full document for the other formats.

    Returns
    -------
    (str, int)
        The rendering of every certificate (in the order of ``names``) and the exit code: 0 only
        if every requested proposition is proved.
    """
    names = list(names) or list(_MODULES)
    jobs = min(jobs or os.cpu_count() or 1, len(names))
    results: dict[str, tuple] = {}

    def record(name, certificate, seconds):
        results[name] = (certificate, seconds)
        if on_result is not None:
            on_result(certificate, seconds, len(results), len(names))

    if jobs <= 1 or game is not None:
        for name in names:
            record(*_timed(name, game, source))
    else:
        warm(names)
        tasks = [(name, key) for name in names for key in _split(name)]
        jobs = min(jobs, len(tasks))
        halves: dict[str, list] = {}
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            longest_first = sorted(tasks, key=lambda t: -COST.get(t[0], 1.0)
                                   / len(_split(t[0])))
            futures = [pool.submit(_timed_task, name, key) for name, key in longest_first]
            for future in as_completed(futures):
                name, key, result, seconds = future.result()
                if key is None:
                    record(name, result, seconds)
                    continue
                halves.setdefault(name, []).append((key, result, seconds))
                if len(halves[name]) == len(_split(name)):
                    done = sorted(halves.pop(name), key=lambda h: _split(name).index(h[0]))
                    certificate = PROPOSITIONS[name].assemble(
                        [part for _, parts, _ in done for part in parts])
                    record(name, certificate, sum(s for _, _, s in done))
    ordered = [results[name] for name in names]
    out, code = render(ordered, fmt)
    if on_result is not None and fmt == "text":
        out = ""
    return out, code


def run_claim(game_or_model, claim: str, fmt: str = "text", *, fixed=None,
              assumptions=(), source: str = "") -> tuple[str, int]:
    """Check one user-written claim (see :func:`gametheory.proofs.claims.parse_claim`)."""
    from .claims import check_claim
    start = time.perf_counter()
    certificate = check_claim(game_or_model, claim, fixed=fixed, assumptions=assumptions,
                              source=source)
    return render([(certificate, time.perf_counter() - start)], fmt)


def render(results, fmt: str = "text") -> tuple[str, int]:
    """Certificates with their run times as text, JSON, Markdown or LaTeX, and the exit code."""
    code = 0 if all(c.status == "proved" for c, _ in results) else 1
    if fmt == "json":
        out = json.dumps({"propositions": [
            {"name": c.name, "statement": c.statement, "status": c.status,
             "certificate": c.to_json_dict(), "seconds": round(t, 3)} for c, t in results]},
            indent=2, ensure_ascii=False)
    elif fmt == "md":
        out = "\n".join(c.to_markdown() for c, _ in results)
    elif fmt == "tex":
        out = "\n".join(c.to_latex() for c, _ in results)
    elif fmt == "text":
        out = "\n\n".join(render_text(c, t) for c, t in results)
    else:
        raise ValueError(f"unknown format {fmt!r}: text, json, md or tex")
    return out, code


def render_text(certificate, seconds: float) -> str:
    """One certificate as text with its run time."""
    return f"{certificate.to_text()}\n  ({seconds:.2f} s)"

"""The linkage propositions as executable proofs with readable certificates.

``PROPOSITIONS`` maps a name to its module (each has ``NAME``, ``STATEMENT``, ``prove()`` and
``false_variants()``); :func:`run_proofs` runs some or all of them for ``gametheory prove``.
"""

from __future__ import annotations

import json
import time
from importlib import import_module

__all__ = ["PROPOSITIONS", "render", "run_claim", "run_proofs"]

_MODULES = {"P1": "p1_ruling_party", "P2": "p2_legislature", "P3": "p3_credibility",
            "P4": "p4_dependence", "P5": "p5_no_breakdown", "P6": "p6_free_trade",
            "G1*": "g1star_offers", "b3": "b3_two_sided", "b4": "b4_renewal",
            "c0": "c0_veto_type", "c1": "c1_resolve", "c2": "c2_screening", "TL": "tl_two_level"}


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


def run_proofs(names: list[str], fmt: str = "text") -> tuple[str, int]:
    """Prove the named propositions (all when ``names`` is empty); return (output, exit code).

    The exit code is 0 only if every requested proposition is proved.
    """
    names = list(names) or list(_MODULES)
    results = []
    for name in names:
        start = time.perf_counter()
        certificate = PROPOSITIONS[name].prove()
        results.append((certificate, time.perf_counter() - start))
    return render(results, fmt)


def run_claim(game_or_model, claim: str, fmt: str = "text", *, fixed=None,
              assumptions=()) -> tuple[str, int]:
    """Check one user-written claim (see :func:`gametheory.proofs.claims.parse_claim`)."""
    from .claims import check_claim
    start = time.perf_counter()
    certificate = check_claim(game_or_model, claim, fixed=fixed, assumptions=assumptions)
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
        out = "\n\n".join(f"{c.to_text()}\n  ({t:.2f} s)" for c, t in results)
    else:
        raise ValueError(f"unknown format {fmt!r}: text, json, md or tex")
    return out, code

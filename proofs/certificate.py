"""Proof certificates: what was claimed, and every step that decided it, in four renderings.

A :class:`Certificate` records one proposition: its statement, its status (``proved``,
``refuted`` with an exact counterexample, or ``undecided`` with the reason), the regions used and
the list of :class:`Step` objects, each an inequality (or identity) shown on a region together
with the exact procedure that decided it (``linear``: Fourier-Motzkin elimination over the
rationals; ``z3``: the nlsat decision procedure for real polynomial arithmetic; ``algebra``:
sympy simplification to an identity; ``solver``: the numeric backward-induction solver).

Renderings: :meth:`Certificate.to_text`, :meth:`Certificate.to_markdown`,
:meth:`Certificate.to_latex` (an appendix-ready ``\\paragraph`` with an ``enumerate``) and
:meth:`Certificate.to_json_dict`.

Examples
--------
>>> step = Step("c < 1", "linear", "holds", region="c >= 0, c < 1/2")
>>> cert = Certificate("demo", "c stays below 1", "proved", (step,))
>>> print(cert.to_text())
demo: proved
  c stays below 1
  1. on c >= 0, c < 1/2: c < 1 -- holds [linear]
"""

from __future__ import annotations

import unicodedata

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping

from gametheory.report.latex import readable

__all__ = ["Step", "Certificate", "STATUSES", "latex_escape", "param_options"]

STATUSES = ("proved", "refuted", "undecided")


@dataclass(frozen=True)
class Step:
    """One step of a proof: ``claim`` shown (or not) on ``region`` by ``method``.

    Attributes
    ----------
    claim : str
        The inequality or identity, as text.
    method : str
        ``linear``, ``z3``, ``algebra``, ``solver``, ``cases`` (or a ``+`` combination).
    result : {'holds', 'fails', 'undecided'}
    region : str
        Where the claim is shown (empty: the whole domain).
    note : str
        A line of explanation (which piece of the equilibrium, what the step means).
    """

    claim: str
    method: str
    result: str
    region: str = ""
    note: str = ""

    def to_text(self) -> str:
        where = f"on {self.region}: " if self.region else ""
        note = f"  ({self.note})" if self.note else ""
        return f"{where}{readable(self.claim)} -- {self.result} [{self.method}]{note}"

    def to_json_dict(self) -> dict:
        return {"claim": self.claim, "region": self.region, "method": self.method,
                "result": self.result, "note": self.note}


@dataclass(frozen=True)
class Certificate:
    """The verdict on one proposition and the steps that justify it.

    Attributes
    ----------
    name : str
    statement : str
    status : {'proved', 'refuted', 'undecided'}
    steps : tuple of Step
    model : str
        The model (or game) and the domain of the parameters.
    regions : tuple of (str, str)
        Named regions used by the proof (label, conditions).
    counterexample : tuple of dict or None
        Exact points (parameter name -> Fraction) where the claim fails; several points for
        claims that compare parameter values (monotonicity, switches).
    confirmation : str
        What the numeric solver found at the counterexample.
    reason : str
        Why the proposition is undecided (or a closing remark).
    parts : tuple of Certificate
        Sub-proofs.
    target : str
        The GAME argument of ``gametheory solve`` (a model name or a file) that rebuilds the
        game at a counterexample: each point is printed as the command that re-checks it.
    witness : tuple of dict or None
        For a proved strict comparative-statics claim: the pair of points (only the moved
        parameter differs) where the outcome changes, confirmed by the numeric solver.
    """

    name: str
    statement: str
    status: str
    steps: tuple[Step, ...] = ()
    model: str = ""
    regions: tuple[tuple[str, str], ...] = ()
    counterexample: tuple[Mapping[str, Fraction], ...] | None = None
    confirmation: str = ""
    reason: str = ""
    parts: tuple["Certificate", ...] = field(default=())
    target: str = ""
    witness: tuple[Mapping[str, Fraction], ...] | None = None

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}: {self.status!r}")

    def __bool__(self) -> bool:
        return self.status == "proved"

    @property
    def methods(self) -> tuple[str, ...]:
        """The decision procedures used, without repetition."""
        out: dict[str, None] = {}
        for step in self.all_steps():
            for m in step.method.split("+"):
                if m:
                    out.setdefault(m)
        return tuple(out)

    def all_steps(self) -> tuple[Step, ...]:
        return self.steps + tuple(s for part in self.parts for s in part.all_steps())

    # ------------------------------------------------------------------ rendering

    def _counterexample_text(self) -> str:
        if not self.counterexample:
            return ""
        return " and ".join(self.commands(self.counterexample))

    def commands(self, points) -> tuple[str, ...]:
        """Each point as ``--param NAME=VALUE ...`` (after ``gametheory solve TARGET`` when the
        certificate knows its target), ready to paste into a shell.

        Examples
        --------
        >>> cert = Certificate("x", "claim", "refuted", counterexample=({"c": Fraction(1, 2)},),
        ...                    target="linkage")
        >>> cert.commands(cert.counterexample)
        ('gametheory solve linkage --param c=1/2',)
        """
        head = f"gametheory solve {self.target} " if self.target else ""
        return tuple(head + param_options(p) for p in points)

    def to_text(self, indent: str = "") -> str:
        """Plain text, one numbered line per step."""
        lines = [f"{indent}{self.name}: {self.status}", f"{indent}  {readable(self.statement)}"]
        if self.model:
            lines.append(f"{indent}  model: {self.model}")
        for label, conditions in self.regions:
            lines.append(f"{indent}  region {label}: {readable(conditions)}")
        for k, step in enumerate(self.steps, 1):
            lines.append(f"{indent}  {k}. {step.to_text()}")
        if self.counterexample:
            lines.append(f"{indent}  counterexample:")
            lines += [f"{indent}    {c}" for c in self.commands(self.counterexample)]
        if self.witness:
            lines.append(f"{indent}  strict change between:")
            lines += [f"{indent}    {c}" for c in self.commands(self.witness)]
        if self.confirmation:
            lines.append(f"{indent}  numeric check: {self.confirmation}")
        if self.reason:
            lines.append(f"{indent}  {self.reason}")
        for part in self.parts:
            lines.append(part.to_text(indent + "  "))
        return "\n".join(lines)

    def to_markdown(self, level: int = 3) -> str:
        """Markdown for an appendix: a heading, the statement, a numbered list of steps."""
        lines = [f"{'#' * level} {self.name} — {self.status}", "", f"**Statement.** {readable(self.statement)}",
                 ""]
        if self.model:
            lines += [f"*Model.* {self.model}", ""]
        if self.regions:
            lines += ["*Regions.*", ""]
            lines += [f"- {label}: `{readable(conditions)}`" for label, conditions in self.regions]
            lines.append("")
        if self.steps:
            lines += ["*Proof.*", ""]
            for k, s in enumerate(self.steps, 1):
                where = f"on `{s.region}`: " if s.region else ""
                note = f" — {s.note}" if s.note else ""
                lines.append(f"{k}. {where}`{readable(s.claim)}` {s.result} ({s.method}){note}")
            lines.append("")
        if self.counterexample:
            lines += [f"**Counterexample.** `{self._counterexample_text()}`", ""]
        if self.witness:
            lines += [f"*Strict change between* `{' and '.join(self.commands(self.witness))}`",
                      ""]
        if self.confirmation:
            lines += [f"*Numeric check.* {self.confirmation}", ""]
        if self.reason:
            lines += [self.reason, ""]
        for part in self.parts:
            lines.append(part.to_markdown(level + 1))
        return "\n".join(lines).rstrip() + "\n"

    def to_latex(self, standalone: bool = False) -> str:
        r"""LaTeX for an appendix: a ``\paragraph`` with the statement, the regions and an
        ``enumerate`` of the steps; parts follow as their own paragraphs.

        Conditions and claims are set as math (:func:`gametheory.report.latex.formula`:
        ``\beta d - \ell_{B} > 0 \wedge \lambda = 0``, not ``beta*d - ell_B > 0 & lam = 0``),
        parameters in the statement too (:func:`gametheory.report.latex.prose`); a claim in
        words stays text.  The fragment needs nothing beyond the ``article`` class and loads
        nothing; with ``standalone``, a whole document.

        Examples
        --------
        >>> step = Step("beta*d - ell_B < 0", "linear", "holds", region="G1#1 (S > accept)")
        >>> cert = Certificate("demo", "ell_A stays below kappa0", "proved", (step,),
        ...                    regions=(("G1#1 (S > accept)", "lam = 0 & c*s > R"),))
        >>> print(cert.to_latex())
        % requires: nothing beyond LaTeX's article class
        \paragraph{demo (proved).}
        $\ell_{A}$ stays below $\kappa_{0}$
        \emph{Regions.}
        \begin{itemize}
        \item G1\#1 (S $\to$ accept): $\lambda = 0 \wedge c s > R$
        \end{itemize}
        \begin{enumerate}
        \item on G1\#1 (S $\to$ accept): $\beta d - \ell_{B} < 0$ holds (\textsf{linear})
        \end{enumerate}
        """
        from gametheory.report.latex import document, fragment
        body = fragment(self._latex_body())
        return document(body) if standalone else body

    def _latex_body(self) -> str:
        lines = [r"\paragraph{" + latex_escape(self.name) + r" (" + self.status + r").}",
                 _latex_prose(self.statement)]
        if self.model:
            lines.append(r"\emph{Model.} " + _latex_prose(self.model))
        if self.regions:
            lines.append(r"\emph{Regions.}")
            lines.append(r"\begin{itemize}")
            lines += [r"\item " + _latex_label(label) + ": " + _latex_formula(c)
                      for label, c in self.regions]
            lines.append(r"\end{itemize}")
        if self.steps:
            lines.append(r"\begin{enumerate}")
            for s in self.steps:
                where = ("on " + _latex_label(s.region) + ": ") if s.region else ""
                note = (" --- " + _latex_prose(s.note)) if s.note else ""
                lines.append(r"\item " + where + _latex_formula(s.claim) + " "
                             + s.result + r" (\textsf{" + latex_escape(s.method) + "})" + note)
            lines.append(r"\end{enumerate}")
        if self.counterexample:
            lines += _latex_commands(r"\emph{Counterexample.}", self.commands(self.counterexample))
        if self.witness:
            lines += _latex_commands(r"\emph{Strict change between}", self.commands(self.witness))
        if self.confirmation:
            lines.append(r"\emph{Numeric check.} " + _latex_prose(self.confirmation))
        if self.reason:
            lines.append(_latex_prose(self.reason))
        for part in self.parts:
            lines.append(part._latex_body())
        return "\n".join(lines) + "\n"

    def to_json_dict(self) -> dict:
        """The certificate as JSON-ready data (numbers as exact strings)."""
        return {
            "name": self.name, "statement": self.statement, "status": self.status,
            "model": self.model,
            "regions": [{"label": label, "conditions": c} for label, c in self.regions],
            "steps": [s.to_json_dict() for s in self.steps],
            "methods": list(self.methods),
            "counterexample": None if not self.counterexample else [
                {k: str(v) for k, v in sorted(p.items())} for p in self.counterexample],
            "target": self.target,
            "witness": None if not self.witness else [
                {k: str(v) for k, v in sorted(p.items())} for p in self.witness],
            "confirmation": self.confirmation, "reason": self.reason,
            "parts": [p.to_json_dict() for p in self.parts],
        }


def param_options(point: Mapping[str, Fraction]) -> str:
    """A parameter point as the ``--param NAME=VALUE`` options of ``gametheory solve``.

    Examples
    --------
    >>> param_options({"c": Fraction(1, 2), "lam": Fraction(0)})
    '--param c=1/2 --param lam=0'
    """
    return " ".join(f"--param {k}={v}" for k, v in point.items())


_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
          "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
          "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
          "→": r"$\to$", "⟹": r"$\Rightarrow$", "⟺": r"$\Leftrightarrow$", "≤": r"$\leq$",
          "≥": r"$\geq$", "λ": r"$\lambda$", "σ": r"$\sigma$", "γ": r"$\gamma$",
          "β": r"$\beta$", "κ": r"$\kappa$", "ℓ": r"$\ell$", "π": r"$\pi$", "μ": r"$\mu$",
          "η": r"$\eta$", "·": r"$\cdot$", "−": "-", "—": "---", "∧": r"$\wedge$",
          "∨": r"$\vee$", "¬": r"$\neg$", "∞": r"$\infty$", "≠": r"$\neq$",
          "∈": r"$\in$", "∉": r"$\notin$", "×": r"$\times$", "≈": r"$\approx$",
          "…": r"\ldots{}", "⇒": r"$\Rightarrow$", "⇔": r"$\Leftrightarrow$",
          "⊆": r"$\subseteq$", "∪": r"$\cup$", "∩": r"$\cap$", "′": "'"}


def _latex_char(ch: str) -> str:
    """One character for LaTeX: specials escaped, Greek letters as math, other symbols named."""
    if ch in _LATEX:
        return _LATEX[ch]
    if ord(ch) < 128:
        return ch
    name = unicodedata.name(ch, "")
    if name.startswith("GREEK SMALL LETTER "):
        return "$\\" + name.rsplit(" ", 1)[1].lower() + "$"
    if name.startswith("GREEK CAPITAL LETTER "):
        return "$\\" + name.rsplit(" ", 1)[1].capitalize() + "$"
    if unicodedata.category(ch).startswith("L"):
        return ch                        # accented letters: utf8 input handles them
    return "?" if not name else r"\texttt{[" + name.lower() + "]}"


def _latex_commands(title: str, commands) -> list[str]:
    """Shell commands, one an item, set ragged right so that they break between options."""
    return [title, r"\begin{itemize}"] + [
        r"\item {\raggedright\texttt{" + latex_escape(c) + r"}\par}" for c in commands] + [
        r"\end{itemize}"]


def _ascii_greek(text: str) -> str:
    """Greek letters written by name (``κ0`` is ``kappa0``, ``ℓ_A`` is ``ell_A``), so that
    :func:`gametheory.report.latex.prose` sets them, with their subscripts, as math."""
    out = []
    for ch in text:
        name = unicodedata.name(ch, "") if ord(ch) > 127 else ""
        if ch == "ℓ":
            out.append("ell")
        elif name.startswith("GREEK SMALL LETTER ") and " " not in name[19:]:
            out.append(name[19:].lower())
        else:
            out.append(ch)
    return "".join(out)


def _latex_prose(text: str) -> str:
    from gametheory.report.latex import prose
    return prose(_ascii_greek(text), latex_escape)


def _latex_formula(text: str) -> str:
    """A condition or claim written as text: math if it is a formula, else prose."""
    from gametheory.report.latex import formula
    math = formula(text)
    return _latex_prose(text) if math is None else f"${math}$"


def _latex_label(text: str) -> str:
    """A region's label, ``name#k (path)``: the path's ``>`` are arrows, not relations."""
    return r" $\to$ ".join(_latex_prose(part) for part in text.split(" > "))


def latex_escape(text: str) -> str:
    r"""Escape text for LaTeX (special characters and the Greek letters used in statements).

    Examples
    --------
    >>> latex_escape("ell_A < K & c >= 0")
    'ell\\_A \\textless{} K \\& c \\textgreater{}= 0'
    """
    return "".join(_latex_char(ch) for ch in text)

r"""One LaTeX typesetter for every output of the package: parameters, numbers, expressions,
relations and text, and the wrapper that turns a fragment into a whole document.

A paper sets parameters as mathematical symbols: ``lam`` is :math:`\lambda`, ``ell_A`` is
:math:`\ell_A`, ``kappa0`` is :math:`\kappa_0`, ``d_hi`` is :math:`d_{\mathrm{hi}}`
(:func:`symbol`).  Products are set by juxtaposition (``c s``), fractions as ``\frac`` in
display or ``a/b`` inline (:func:`expression`), and relations with the signs a reader writes:
``\lambda = 0``, ``c \neq 1``, ``s \leq 2`` (:func:`relation`); never ``Eq(lam, 0)``.
:func:`math` picks the right one of these for any value.

Every LaTeX output of the package is a *fragment* that ``\input``\ s into the reader's own
document: it loads no package and declares the packages it needs in its first line
(:func:`fragment`, read back by :func:`declared_packages`).  :func:`document` wraps a fragment
into a standalone ``article`` (the ``--standalone`` outputs), loading exactly those packages.
The conventions follow the LaTeX Companion (Mittelbach et al., 2nd ed., 2004), ch. 5 on
``booktabs`` tables and ch. 8 on mathematics.

Examples
--------
>>> import sympy
>>> lam, c, s = sympy.symbols("lam c s", real=True)
>>> math(sympy.Eq(lam, 0)), math(c*s), math(sympy.Ne(c, 1))
('\\lambda = 0', 'c s', 'c \\neq 1')
>>> print(fragment(r"\toprule", ["booktabs"]))
% requires: \usepackage{booktabs}
\toprule
<BLANKLINE>
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Callable, Iterable, Sequence

import sympy
from sympy.core.relational import Relational

from ..numbers import to_sympy

__all__ = ["GREEK", "escape", "symbol", "expression", "relation", "conditions", "math", "inline",
           "text", "formula", "prose", "readable", "parameter_like", "fragment", "declared_packages", "document", "usepackage"]

#: The Greek letters a parameter's name may spell (``lam`` and ``lamda`` are lambda too,
#: since ``lambda`` is a Python keyword); capitalised names give the capital letter where
#: LaTeX has one (``Gamma``, ``Delta``, ...).
GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
         "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho",
         "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega")
_CAPITAL = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi",
            "Omega"}
_ALIASES = {"lam": "lambda", "lamda": "lambda", "Lam": "Lambda", "Lamda": "Lambda",
            "ell": "ell"}

_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}"}

_OPERATORS = {sympy.Eq: "=", sympy.Ne: r"\neq", sympy.Lt: "<", sympy.Gt: ">", sympy.Le: r"\leq",
              sympy.Ge: r"\geq"}

_REQUIRES = "% requires:"


def escape(value: str) -> str:
    r"""Text with LaTeX's special characters escaped (for text mode).

    Examples
    --------
    >>> print(escape("ell_A < 3 & 50%"))
    ell\_A \textless{} 3 \& 50\%
    """
    return "".join(_SPECIAL.get(ch, ch) for ch in value)


def _letter(name: str) -> str | None:
    """The LaTeX of one letter-like name (a Latin letter, a Greek letter's name, ``ell``)."""
    name = _ALIASES.get(name, name)
    if name == "ell":
        return r"\ell"
    if name in GREEK or name in _CAPITAL:
        return "\\" + name
    if len(name) == 1 and name.isalpha() and name.isascii():
        return name
    return None


def _part(name: str, subscript: bool) -> str:
    """A base or a subscript: a letter, digits, or a word set upright (subscripts) or italic."""
    letter = _letter(name)
    if letter is not None:
        return letter
    if name.isdigit():
        return name
    word = escape(name)
    return rf"\mathrm{{{word}}}" if subscript else rf"\mathit{{{word}}}"


def symbol(name: str | sympy.Symbol) -> str:
    r"""A parameter's name as a mathematical symbol.

    The name is a base, optionally followed by digits or by ``_`` and a subscript (itself a
    name; further ``_`` nest no deeper but join with commas), always in braces as sympy
    writes it (``\ell_{A}``, which TeX sets exactly as ``\ell_A``).  Greek letters' names become the
    letters (``lam`` is lambda), ``ell`` is :math:`\ell`, other one-letter names stay, longer
    words are set as ``\mathit`` (base) or ``\mathrm`` (subscript), as typographic convention
    has it for multi-letter identifiers (Mittelbach et al., *The LaTeX Companion*, 2004, 8.9).

    Examples
    --------
    >>> [symbol(n) for n in ["lam", "sigma", "ell_A", "kappa0", "x_F", "d_hi", "K_W"]]
    ['\\lambda', '\\sigma', '\\ell_{A}', '\\kappa_{0}', 'x_{F}', 'd_{\\mathrm{hi}}', 'K_{W}']
    >>> symbol("cost"), symbol("x_i_j"), symbol("Gamma_2")
    ('\\mathit{cost}', 'x_{i,j}', '\\Gamma_{2}')
    """
    name = str(name)
    base, _, sub = name.partition("_")
    digits = re.fullmatch(r"([A-Za-z]+?)(\d+)", base) if not sub else None
    if digits and _letter(digits.group(1)) is not None:
        base, sub = digits.group(1), digits.group(2)
    if not base:
        return _part(name, False)
    out = _part(base, False)
    if sub:
        parts = [_part(p, True) for p in sub.split("_") if p]
        inner = ",".join(parts)
        out += f"_{{{inner}}}"
    return out


def _names(expr: sympy.Basic) -> dict:
    return {s: symbol(s.name) for s in expr.free_symbols if isinstance(s, sympy.Symbol)}


def expression(value: Any, *, inline: bool = False) -> str:
    r"""An exact number or a sympy expression as LaTeX math (without the dollar signs).

    Products are juxtaposed (``c s``), terms of positive sign come first (``s - \sigma``, not
    ``- \sigma + s``); fractions are ``\frac`` by default and ``a/b`` with
    ``inline=True`` (for running text and narrow cells, where a ``\frac`` is hard to read).

    Examples
    --------
    >>> c, s, sigma, lam = sympy.symbols("c s sigma lam", real=True)
    >>> expression(c*s + s*sigma), expression(Fraction(-3, 4)), expression(Fraction(-3, 4), inline=True)
    ('c s + s \\sigma', '- \\frac{3}{4}', '-3/4')
    >>> expression(lam / 2), expression(lam / 2, inline=True), expression(7)
    ('\\frac{\\lambda}{2}', '\\lambda / 2', '7')
    >>> expression(s - sigma), expression(-c - s)
    ('s - \\sigma', '- c - s')
    """
    expr = to_sympy(value) if not isinstance(value, sympy.Basic) else value
    if inline and expr.is_Rational:
        return str(expr.p) if expr.q == 1 else f"{expr.p}/{expr.q}"
    options = {"symbol_names": _names(expr), "fold_short_frac": inline}
    if isinstance(expr, sympy.Add):     # terms of positive sign first: s - \gamma, not -\gamma + s
        terms = expr.as_ordered_terms()
        first = [t for t in terms if not _negative(t)] + [t for t in terms if _negative(t)]
        if first != terms:
            return sympy.latex(sympy.Add(*first, evaluate=False), order="none", **options)
    return sympy.latex(expr, **options)


def _negative(term: sympy.Expr) -> bool:
    return bool(term.as_coeff_Mul()[0] < 0)


_MIRROR = {sympy.Lt: sympy.Gt, sympy.Gt: sympy.Lt, sympy.Le: sympy.Ge, sympy.Ge: sympy.Le,
           sympy.Eq: sympy.Eq, sympy.Ne: sympy.Ne}


def _sides(lhs, op, rhs):
    """``lhs op rhs`` rewritten with the terms of positive sign on the left and the others on
    the right (``c s - R > 0`` reads ``c s > R``); the left side is never 0 unless both are."""
    diff = sympy.expand(lhs - rhs)
    if not diff.free_symbols:
        return lhs, op, rhs
    terms = sympy.Add.make_args(diff)
    left = sympy.Add(*(t for t in terms if t.as_coeff_Mul()[0] > 0))
    right = -sympy.Add(*(t for t in terms if t.as_coeff_Mul()[0] < 0))
    if left == 0 or (left.is_number and not right.is_number):
        return right, _MIRROR[op], left
    return left, op, right


def relation(value: sympy.Basic, *, inline: bool = False, arrange: bool = True) -> str:
    r"""A relation, or a conjunction or disjunction of relations, as LaTeX math.

    Equations use ``=`` and their negations ``\neq`` (sympy's ``Eq`` and ``Ne`` never print);
    the two sides are typeset by :func:`expression`, after moving every term of negative sign
    to the other side unless ``arrange=False`` (``c s - R > 0`` reads ``c s > R``, as a paper
    writes a condition; a constant alone stays on the right).  ``And`` joins with ``\wedge``, ``Or``
    with ``\vee`` (nested ones in parentheses); ``True`` is ``\top`` and ``False`` ``\bot``.

    Examples
    --------
    >>> lam, c, s = sympy.symbols("lam c s", real=True)
    >>> relation(sympy.Eq(lam, 0)), relation(c >= 1), relation(s < sympy.Rational(1, 2))
    ('\\lambda = 0', 'c \\geq 1', 's < \\frac{1}{2}')
    >>> relation(c*s - lam - 1 >= 0), relation(1 - c > 0), relation(c - s > 0, arrange=False)
    ('c s \\geq \\lambda + 1', 'c < 1', 'c - s > 0')
    >>> relation(sympy.And(sympy.Eq(lam, 1), c > 2, evaluate=False))
    '\\lambda = 1 \\wedge c > 2'
    """
    if value is sympy.true or value is True:
        return r"\top"
    if value is sympy.false or value is False:
        return r"\bot"
    if isinstance(value, (sympy.And, sympy.Or)):
        joint = r" \wedge " if isinstance(value, sympy.And) else r" \vee "
        parts = [relation(a, inline=inline, arrange=arrange) for a in value.args]
        parts = [rf"\left({p}\right)" if isinstance(a, (sympy.And, sympy.Or)) else p
                 for a, p in zip(value.args, parts)]
        return joint.join(parts)
    if isinstance(value, sympy.Not):
        return rf"\neg \left({relation(value.args[0], inline=inline, arrange=arrange)}\right)"
    if isinstance(value, Relational) and type(value) in _OPERATORS:
        lhs, op, rhs = value.lhs, type(value), value.rhs
        if arrange:
            lhs, op, rhs = _sides(lhs, op, rhs)
        return (f"{expression(lhs, inline=inline)} {_OPERATORS[op]} "
                f"{expression(rhs, inline=inline)}")
    return expression(value, inline=inline)


def conditions(values: Iterable[sympy.Basic], *, sep: str = ", ", inline: bool = True,
               empty: str = "all parameter values") -> str:
    r"""Conditions as text-mode LaTeX: each relation in its own ``$...$``, joined by ``sep``.

    Separate math groups let TeX break a long list of conditions between them (and inside
    each one after a relation sign), so a column of type ``p{...}`` wraps them; use
    ``sep=r" \newline "`` for one condition a line.  No conditions give ``empty`` (as text).

    Examples
    --------
    >>> lam, c = sympy.symbols("lam c", real=True)
    >>> print(conditions([c > 1, sympy.Eq(lam, 0)]))
    $c > 1$, $\lambda = 0$
    >>> print(conditions([]))
    all parameter values
    """
    parts = [f"${relation(v, inline=inline)}$" for v in values]
    return sep.join(parts) if parts else escape(empty)


def math(value: Any, *, inline: bool = False) -> str:
    r"""Any value as LaTeX math: a parameter's name (``str``), a relation or a logical
    combination of relations, or a number or expression.

    Examples
    --------
    >>> ell = sympy.Symbol("ell_A", real=True)
    >>> math("kappa"), math(ell <= 3), math(Fraction(1, 3), inline=True)
    ('\\kappa', '\\ell_{A} \\leq 3', '1/3')
    """
    if isinstance(value, str):
        return symbol(value)
    if isinstance(value, (Relational, sympy.And, sympy.Or, sympy.Not)) or value in (
            sympy.true, sympy.false) or isinstance(value, bool):
        return relation(value, inline=inline)
    return expression(value, inline=inline)


def inline(value: Any) -> str:
    r"""``$...$`` around :func:`math` of ``value`` in its inline form (``a/b`` fractions).

    Examples
    --------
    >>> inline(Fraction(1, 2)), inline("sigma")
    ('$1/2$', '$\\sigma$')
    """
    return f"${math(value, inline=True)}$"


def text(value: str) -> str:
    r"""A label (a player, an action, an outcome) in text mode: escaped, in an ``\mbox`` that
    keeps it on one line.

    Examples
    --------
    >>> print(text("back down & go_home"))
    \mbox{back down \& go\_home}
    """
    return r"\mbox{" + escape(value) + "}"


_TOKEN = re.compile(r"\s+|<=|>=|!=|==|\*\*|\d+(?:\.\d+)?|[A-Za-z_][A-Za-z_0-9]*|.")
_WORDS = {"and": r"\wedge", "or": r"\vee", "not": r"\neg", "max": r"\max", "Max": r"\max",
          "min": r"\min", "Min": r"\min", "True": r"\top", "true": r"\top", "False": r"\bot",
          "false": r"\bot"}
_SIGNS = {"<=": r"\leq", ">=": r"\geq", "!=": r"\neq", "==": "=", "=": "=", "<": "<", ">": ">",
          "&": r"\wedge", "|": r"\vee", "+": "+", "-": "-", "/": "/", "(": "(", ")": ")",
          "[": "[", "]": "]", ",": ",\\,"}
_RELATIONS = {"<=", ">=", "!=", "==", "=", "<", ">"}


def parameter_like(word: str) -> bool:
    """Whether a word names a parameter rather than an English word: a letter, a Greek
    letter's name, ``ell``, or such a name with a subscript (``ell_A``, ``kappa0``, ``U_S``).

    Examples
    --------
    >>> [parameter_like(w) for w in ("c", "ell_A", "kappa0", "u_B", "path", "Lsucc")]
    [True, True, True, True, False, False]
    """
    base = re.match(r"[A-Za-z]+", word)
    if base is None or base.group(0) != word.split("_")[0].rstrip("0123456789"):
        return False
    letters = re.fullmatch(r"([A-Za-z]+?)\d*", word.split("_")[0])
    return letters is not None and _letter(letters.group(1)) is not None


def formula(value: str) -> str | None:
    r"""A formula written as text (``beta*d - ell_B > 0 & lam = 0``, ``(a > 1) or not (b < 2)``)
    as LaTeX math, token by token; None when the text is prose, not a formula.

    The text's own structure is kept (nothing is re-associated); ``*`` is juxtaposition,
    ``**`` a power, ``and``/``&`` are ``\wedge``, ``or``/``|`` ``\vee``, ``not`` ``\neg``,
    parameters are :func:`symbol`\ s.  A text is a formula when it has a relation sign and
    every word in it is a parameter-like name, a logical word or ``max``/``min``.

    Examples
    --------
    >>> print(formula("beta*d - ell_B > 0 & lam = 0"))
    \beta d - \ell_{B} > 0 \wedge \lambda = 0
    >>> print(formula("s > gamma and (R - s*(c + sigma) > d) or not (x**2 <= 1/2)"))
    s > \gamma \wedge (R - s (c + \sigma) > d) \vee \neg (x^{2} \leq 1/2)
    >>> formula("the conditions for S and for L are disjoint") is None
    True
    """
    tokens = [tok for tok in _TOKEN.findall(value) if not tok.isspace()]
    if not any(tok in _RELATIONS for tok in tokens):
        return None
    out: list[str] = []
    power = False
    for k, tok in enumerate(tokens):
        if tok == "**":
            power = True
            continue
        if tok in _WORDS:
            piece = _WORDS[tok]
        elif tok[0].isdigit():
            piece = tok
        elif re.fullmatch(r"[A-Za-z_][A-Za-z_0-9]*", tok):
            if not parameter_like(tok):
                return None
            piece = symbol(tok)
        elif tok == "*":
            number = k < len(tokens) - 1 and tokens[k + 1][0].isdigit()
            piece = r"\cdot" if number else ""
        elif tok in _SIGNS:
            piece = _SIGNS[tok]
        else:
            return None
        if power:
            piece, power = "^{" + piece + "}", False
            out[-1:] = [out[-1] + piece] if out else [piece]
            continue
        if piece:
            out.append(piece)
    text = " ".join(out)
    for loose, tight in ((" ,\\,", ",\\,"), ("( ", "("), (" )", ")"), (" / ", "/")):
        text = text.replace(loose, tight)
    return text


_SYMPY_RELATION = re.compile(r"\b(Eq|Ne)\(([^,()]+), ([^,()]+)\)")


def readable(value: str) -> str:
    """Text with sympy's ``Eq(a, b)`` and ``Ne(a, b)`` written as a reader writes them
    (``a = b``, ``a != b``), for texts that quote sympy's printing.

    Examples
    --------
    >>> readable("where Eq(s_1, s_2) and Ne(c, 1) and c_1 < c_2")
    'where s_1 = s_2 and c != 1 and c_1 < c_2'
    """
    return _SYMPY_RELATION.sub(lambda m: f"{m.group(2)} {'=' if m.group(1) == 'Eq' else '!='} "
                               f"{m.group(3)}", value)


_PROSE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|[^A-Za-z_]+")


def prose(value: str, escaper: Callable[[str], str] = escape) -> str:
    r"""Running text for LaTeX: special characters escaped, and the names of parameters with
    a subscript or a Greek name set as math (``ell_A`` is :math:`\ell_A`, ``kappa0`` is
    :math:`\kappa_0`); other words, one-letter ones and labels such as ``G1`` included, stay
    text, written by ``escaper``.

    Examples
    --------
    >>> print(prose("G1: S iff ell_A < kappa0 + kappa & 50% of sigma"))
    G1: S iff $\ell_{A}$ \textless{} $\kappa_{0}$ + $\kappa$ \& 50\% of $\sigma$
    """
    out = []
    value = readable(value)
    for part in _PROSE.findall(value):
        word = part[0].isalpha() or part[0] == "_"
        latin_number = re.fullmatch(r"[A-Za-z]\d+", part) is not None      # labels: G1, P2
        math_like = word and len(part) > 1 and not latin_number and parameter_like(part)
        out.append(f"${symbol(part)}$" if math_like else escaper(part))
    return "".join(out)


def usepackage(package: str) -> str:
    r"""The preamble line for a package named ``name`` or ``[options]name``; a line starting
    with a backslash (``\usetikzlibrary{...}``) is kept as it is.

    Examples
    --------
    >>> usepackage("booktabs"), usepackage("[margin=2cm]geometry")
    ('\\usepackage{booktabs}', '\\usepackage[margin=2cm]{geometry}')
    """
    if package.startswith("\\"):
        return package
    options = re.fullmatch(r"\[([^\]]*)\](.+)", package)
    if options:
        return rf"\usepackage[{options.group(1)}]{{{options.group(2)}}}"
    return rf"\usepackage{{{package}}}"


def fragment(body: str, packages: Sequence[str] = ()) -> str:
    r"""A fragment to ``\input``: a first comment line declaring the packages it needs (none
    loaded), then ``body``, ending in a newline.

    Examples
    --------
    >>> print(fragment("x", ["booktabs", "array"]), end="")
    % requires: \usepackage{booktabs}, \usepackage{array}
    x
    >>> print(fragment("x"), end="")
    % requires: nothing beyond LaTeX's article class
    x
    """
    needs = ", ".join(usepackage(p) for p in packages) or "nothing beyond LaTeX's article class"
    return f"{_REQUIRES} {needs}\n{body.rstrip()}\n"


def declared_packages(tex: str) -> list[str]:
    r"""The packages a :func:`fragment` declares, as :func:`document` takes them.

    Examples
    --------
    >>> declared_packages(fragment("x", ["booktabs", "[margin=2cm]geometry"]))
    ['booktabs', '[margin=2cm]geometry']
    >>> declared_packages("no declaration")
    []
    """
    first = tex.split("\n", 1)[0]
    if not first.startswith(_REQUIRES):
        return []
    out = []
    for line in re.findall(r"\\usepackage(?:\[([^\]]*)\])?\{([^}]*)\}|(\\[a-z]+\{[^}]*\})",
                           first):
        options, name, raw = line
        out.append(raw if raw else (f"[{options}]{name}" if options else name))
    return out


def document(body: str, packages: Sequence[str] | None = None) -> str:
    r"""A standalone ``article`` around ``body``, loading ``packages`` (by default, those that
    ``body``'s :func:`fragment` line declares), UTF-8 input and T1 fonts.

    Examples
    --------
    >>> print(document(fragment("$\\lambda = 0$", ["amsmath"])), end="")
    \documentclass{article}
    \usepackage[T1]{fontenc}
    \usepackage[utf8]{inputenc}
    \usepackage{amsmath}
    \begin{document}
    % requires: \usepackage{amsmath}
    $\lambda = 0$
    \end{document}
    """
    if packages is None:
        packages = declared_packages(body)
    lines = [r"\documentclass{article}", r"\usepackage[T1]{fontenc}",
             r"\usepackage[utf8]{inputenc}"]
    lines += [usepackage(p) for p in packages if usepackage(p) not in lines]
    lines += [r"\begin{document}", body.rstrip(), r"\end{document}"]
    return "\n".join(lines) + "\n"

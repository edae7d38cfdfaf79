"""The ``gametheory models`` command."""

from __future__ import annotations


HELP = "List the built-in models and examples."


def register(commands) -> None:
    sub = commands.add_parser("models", help=HELP, description=HELP)
    sub.set_defaults(run=cmd_models)


def cmd_models(args) -> str:
    from ..catalog import EXAMPLES
    from ..models import MODELS
    lines = ["Built-in models:"]
    for name, model in sorted(MODELS.items()):
        lines.append(f"  {name:<22} {getattr(model, 'description', '')}")
    lines.append("  anglo-japanese         the Anglo-Japanese episodes (gametheory table)")
    lines.append("Examples:")
    for name, build in sorted(EXAMPLES.items()):
        doc = (build.__doc__ or "").strip().splitlines()[0]
        lines.append(f"  {name:<22} {doc}")
    return "\n".join(lines)

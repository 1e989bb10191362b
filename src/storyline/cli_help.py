"""Help screens that show what a user types (used by ``storyline.cli``)."""

from __future__ import annotations

import typer
from typer.core import TyperCommand, TyperGroup


class _PlainParams:
    """Help that shows what a user types: flags take no value, arguments read ``INPUTS...``.

    Typer labels every option with its Python type, so ``--quiet <bool>`` looks as if it wanted
    a value, and it writes a required argument as ``{inputs}...``.
    """

    def get_params(self, ctx: typer.Context) -> list:  # type: ignore[type-arg]
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class Command(_PlainParams, TyperCommand):
    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []  # type: ignore[attr-defined]
        for param in self.get_params(ctx):
            if getattr(param, "param_type_name", "") != "argument":
                continue
            name = (param.metavar or param.name or "").upper()
            name += "..." if param.nargs != 1 else ""
            pieces.append(name if param.required else f"[{name}]")
        return pieces


class Group(_PlainParams, TyperGroup):
    pass

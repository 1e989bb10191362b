"""The component registry: factories by kind and name, their configs, and a run's selection.

Built-in components register on import of ``storyline.components.builtin``; other packages
register through the entry-point group ``storyline.components`` (name ``KIND.NAME``, value
``module:factory``), loaded the first time the registry is asked. A factory takes one config
dataclass instance and returns the component; its config class lists every option with its
default, so ``storyline components`` can show them and a bad option fails before any work.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ENTRY_POINT_GROUP = "storyline.components"
DEFAULT_NAME = "rules"


class ComponentError(ValueError):
    """A component that is not registered, or a config option it does not take."""


@dataclass(frozen=True, slots=True)
class Component:
    kind: str
    name: str
    factory: Callable[[Any], Any]
    config: type
    description: str

    def defaults(self) -> dict[str, Any]:
        """Each config option with its default value."""
        values = {}
        for option in dataclasses.fields(self.config):
            if option.default is not dataclasses.MISSING:
                values[option.name] = option.default
            elif option.default_factory is not dataclasses.MISSING:
                values[option.name] = option.default_factory()
        return values

    def check(self, options: Mapping[str, Any]) -> None:
        """Fail, naming the option, when the config does not take one of ``options``."""
        known = {f.name for f in dataclasses.fields(self.config)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ComponentError(
                f"{self.kind}={self.name} takes no option {', '.join(unknown)}"
                f" (it takes: {', '.join(sorted(known)) or 'none'})"
            )

    def build(self, options: Mapping[str, Any]) -> Any:
        self.check(options)
        return self.factory(self.config(**options))


@dataclass(frozen=True)
class NoConfig:
    """A component with nothing to configure."""


class Registry:
    def __init__(self) -> None:
        self._components: dict[tuple[str, str], Component] = {}
        self._entry_points_loaded = False

    def register(
        self, kind: str, name: str, *, config: type = NoConfig, description: str = ""
    ) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
        """Decorator: register ``factory(config) -> component`` as ``kind=name``."""
        from storyline.components.protocols import KINDS

        if kind not in KINDS:
            raise ComponentError(f"unknown component kind {kind!r}; kinds: {', '.join(KINDS)}")

        def add(factory: Callable[[Any], Any]) -> Callable[[Any], Any]:
            text = description or (factory.__doc__ or "").strip().splitlines()[0:1]
            self._components[(kind, name)] = Component(
                kind, name, factory, config, text if isinstance(text, str) else "".join(text)
            )
            return factory

        return add

    def _load(self) -> None:
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        import storyline.components.builtin  # noqa: F401  (registers the defaults)

        for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
            kind, _, name = entry.name.partition(".")
            if (kind, name) in self._components:
                continue
            factory = entry.load()
            config = getattr(factory, "Config", NoConfig)
            self.register(kind, name, config=config)(factory)

    def get(self, kind: str, name: str) -> Component:
        self._load()
        try:
            return self._components[(kind, name)]
        except KeyError:
            known = ", ".join(self.names(kind)) or "none"
            raise ComponentError(
                f"no {kind} component named {name!r} (registered: {known})"
            ) from None

    def names(self, kind: str) -> list[str]:
        self._load()
        return sorted(n for k, n in self._components if k == kind)

    def all(self) -> list[Component]:
        self._load()
        return [self._components[key] for key in sorted(self._components)]

    def build(self, kind: str, selection: Selection) -> Any:
        return self.get(kind, selection.name_of(kind)).build(selection.options_of(kind))

    def check(self, selection: Selection) -> None:
        """Every chosen component exists and takes the options given, before any work."""
        from storyline.components.protocols import KINDS

        for kind in KINDS:
            self.get(kind, selection.name_of(kind)).check(selection.options_of(kind))


registry = Registry()


@dataclass(frozen=True, slots=True)
class Selection:
    """Which implementation of each kind a run uses, and its options; hashable and picklable,
    so worker processes build the same components from it."""

    choices: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, str, Any], ...] = ()

    def name_of(self, kind: str) -> str:
        return dict(self.choices).get(kind, DEFAULT_NAME)

    def options_of(self, kind: str) -> dict[str, Any]:
        return {key: value for k, key, value in self.options if k == kind}

    def with_option(self, kind: str, key: str, value: Any) -> Selection:
        kept = tuple(o for o in self.options if (o[0], o[1]) != (kind, key))
        return Selection(self.choices, (*kept, (kind, key, value)))

    @classmethod
    def parse(cls, specs: Iterable[str] = (), config_file: Path | None = None) -> Selection:
        """From a TOML file (``[components] events = "rules"`` and ``[events] option = 1``)
        and ``KIND=NAME`` or ``KIND.OPTION=VALUE`` flags, the flags winning."""
        choices: dict[str, str] = {}
        options: dict[tuple[str, str], Any] = {}
        if config_file is not None:
            data = tomllib.loads(config_file.read_text(encoding="utf-8"))
            for kind, name in (data.get("components") or {}).items():
                choices[kind] = str(name)
            for kind, table in data.items():
                if kind != "components" and isinstance(table, dict):
                    for key, value in table.items():
                        options[(kind, key)] = value
        for spec in specs:
            left, sep, value = spec.partition("=")
            if not sep or not left or not value:
                raise ComponentError(f"--component takes KIND=NAME or KIND.OPTION=VALUE: {spec!r}")
            kind, dot, key = left.partition(".")
            if dot and not key:
                raise ComponentError(f"--component option name missing: {spec!r}")
            if dot:
                options[(kind, key)] = _scalar(value)
            else:
                choices[kind] = value
        from storyline.components.protocols import KINDS

        for kind in {*choices, *(k for k, _ in options)}:
            if kind not in KINDS:
                raise ComponentError(f"unknown component kind {kind!r}; kinds: {', '.join(KINDS)}")
        return cls(
            tuple(sorted(choices.items())),
            tuple(sorted((k, key, v) for (k, key), v in options.items())),
        )


def _scalar(text: str) -> Any:
    """A flag value as TOML would read it (numbers, booleans), else the string."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text

"""Analysis components: one small protocol per stage, a registry, and a typed config for each.

Every analysis stage is a component with one method over the parsed article, in the manner of
spaCy's factories: the rule-based code of each stage is its default implementation, registered
here under a name, and any package can add another through the entry-point group
``storyline.components`` (entry point name ``KIND.NAME``, value a factory). A run picks one
implementation per kind (``--component events=rules`` or a TOML file); ``storyline components``
lists what is registered and each one's configuration with its defaults.
"""

from storyline.components.protocols import (
    KINDS,
    CasualtyReader,
    ClaimExtractor,
    DateTagger,
    EntityLinker,
    EventExtractor,
    Findings,
    Geocoder,
    StoryClusterer,
)
from storyline.components.registry import (
    ENTRY_POINT_GROUP,
    Component,
    ComponentError,
    Registry,
    Selection,
    registry,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "KINDS",
    "CasualtyReader",
    "ClaimExtractor",
    "Component",
    "ComponentError",
    "DateTagger",
    "EntityLinker",
    "EventExtractor",
    "Findings",
    "Geocoder",
    "Registry",
    "Selection",
    "StoryClusterer",
    "registry",
]

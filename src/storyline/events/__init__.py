"""Stage: events. Who did what to whom, where, when, with what toll, and who says so.

``extract_events`` reads one article's parse into ACLED-typed events; ``merge_events`` folds
reports of one occurrence across articles into one event with every supporting source.
"""

from storyline.events.classify import Typing, classify
from storyline.events.dating import redate_events
from storyline.events.extract import EventContext, extract_events
from storyline.events.merge import merge_events, same_event

__all__ = [
    "EventContext",
    "Typing",
    "classify",
    "extract_events",
    "merge_events",
    "redate_events",
    "same_event",
]

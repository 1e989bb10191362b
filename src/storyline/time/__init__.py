"""Stage: time. Temporal expressions found in text and resolved against the article's date."""

from storyline.time.tagger import Timex, resolve_date, tag_times
from storyline.time.tense import Tense

__all__ = ["Tense", "Timex", "resolve_date", "tag_times"]

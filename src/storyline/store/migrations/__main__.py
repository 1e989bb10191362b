"""``python -m storyline.store.migrations "message"``: write the next revision from schema.py."""

import sys

from storyline.store.migrate import new_revision

if len(sys.argv) != 2:
    sys.exit('usage: python -m storyline.store.migrations "what the revision adds"')
print(new_revision(sys.argv[1]))

"""Stage: ingest. Find input files, read their bytes, and split them into raw documents."""

from storyline.ingest.decode import NotText, decode_bytes
from storyline.ingest.discover import InputFile, discover, kind_of, read_bytes
from storyline.ingest.readers import ReadResult, read_documents

__all__ = [
    "InputFile",
    "NotText",
    "ReadResult",
    "decode_bytes",
    "discover",
    "kind_of",
    "read_bytes",
    "read_documents",
]

"""Ingest: files, directories, JSON records and stdin in; completed records out.

``read_inputs`` streams a ``Record`` per article and an ``InputError`` per bad input,
so one unreadable file never stops a batch.
"""

from .metadata import Header, read_header
from .readers import read_inputs
from .records import Record, complete_record, record_from_text

__all__ = ["Header", "Record", "complete_record", "read_header", "read_inputs", "record_from_text"]

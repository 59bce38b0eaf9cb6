"""Evaluations of Dossier against gold-standard annotations (``dossier eval ...``).

``gold`` reads PLOVER-format gold files (a JSON array or JSON lines) and runs their
sentences through one pipeline; ``actors`` and ``events`` score the documents against
them. ``attributions`` reads brat standoff files, ``timexes`` the table of temporal
expressions (``tests/data/timexes.tsv``).
"""

from .actors import ActorMiss, ActorScores, GoldCode, evaluate_actors, normalize_code, score_actors
from .events import EventError, EventScores, TypeScore, evaluate_events, gold_event, score_events
from .gold import GoldActor, GoldRecord, extract_gold, read_gold
from .timexes import TimexCase, TimexScores, evaluate_timexes, read_table

__all__ = [
    "ActorMiss",
    "ActorScores",
    "EventError",
    "EventScores",
    "GoldActor",
    "GoldCode",
    "GoldRecord",
    "TimexCase",
    "TimexScores",
    "TypeScore",
    "evaluate_actors",
    "evaluate_events",
    "evaluate_timexes",
    "extract_gold",
    "gold_event",
    "normalize_code",
    "read_gold",
    "read_table",
    "score_actors",
    "score_events",
]

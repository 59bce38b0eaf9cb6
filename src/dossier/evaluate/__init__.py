"""Evaluations of Dossier against gold-standard annotations (``dossier eval ...``).

``gold`` reads PLOVER-format gold files (a JSON array or JSON lines) and runs their
sentences through one pipeline; each evaluation (``actors``, ``events``) scores the
documents against the gold.
"""

from .actors import ActorMiss, ActorScores, GoldCode, evaluate_actors, normalize_code, score_actors
from .events import EventError, EventScores, TypeScore, evaluate_events, gold_event, score_events
from .gold import GoldActor, GoldRecord, extract_gold, read_gold

__all__ = [
    "ActorMiss",
    "ActorScores",
    "EventError",
    "EventScores",
    "GoldActor",
    "GoldCode",
    "GoldRecord",
    "TypeScore",
    "evaluate_actors",
    "evaluate_events",
    "extract_gold",
    "gold_event",
    "normalize_code",
    "read_gold",
    "score_actors",
    "score_events",
]

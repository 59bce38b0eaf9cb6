"""Extraction stages: actors, events, attribution, time. Each fills one contract field."""

from .registry import DEFAULT_STAGES, get_stage, register_stage

__all__ = ["DEFAULT_STAGES", "get_stage", "register_stage"]

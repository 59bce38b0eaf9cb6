"""Resolve names to canonical actors: states, places, IGOs (and, later, across documents)."""

from .gazetteer import Place, lookup_demonym, lookup_igo, lookup_place, lookup_state, state_name

__all__ = ["Place", "lookup_demonym", "lookup_igo", "lookup_place", "lookup_state", "state_name"]

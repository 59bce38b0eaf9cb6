"""Modes the lexicon row alone cannot give: how an attack was carried out, what a threat
threatens.

- An attack whose row names no weapon ("killed", "attacked", "wounded") takes its mode
  from the instrument its own clause names: "killed in a car bomb explosion"
  (explosives), "Russian aircraft killed 46 civilians" (heavy weapons), "militiamen armed
  with machetes" (primitive), "a suicide bomber" (suicide attack).
- A threat takes its mode from the act it threatens: "threatened to resume attacks"
  (violence), "will impose a curfew" (curfew), "may halt mediation" (relations).
"""

from __future__ import annotations

from spacy.tokens import Token

# Instrument words, most telling first: a suicide bombing is also a bombing.
INSTRUMENTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("suicide-attack", frozenset({"suicide"})),
    (
        "explosives",
        frozenset(
            {
                "bomb",
                "bombing",
                "bomber",
                "explosive",
                "explosion",
                "blast",
                "mine",
                "minefield",
                "landmine",
                "ied",
                "grenade",
                "detonate",
                "car-bomb",
            }
        ),
    ),
    (
        "heavy-weapons",
        frozenset(
            {
                "artillery",
                "mortar",
                "rocket",
                "missile",
                "shell",
                "shelling",
                "tank",
                "aircraft",
                "warplane",
                "jet",
                "helicopter",
                "gunship",
                "airstrike",
                "air strike",
                "howitzer",
                "bombardment",
            }
        ),
    ),
    ("firearms", frozenset({"gun", "gunfire", "gunbattle", "gunman", "gunmen", "rifle", "bullet", "sniper", "pistol"})),
    ("primitive", frozenset({"machete", "knife", "axe", "sword", "spear", "hatchet"})),
)
# Clauses below an attack verb that tell of something else: "..., police said that ...".
OTHER_CLAUSES = {"ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}  # "a friend of mine" names no mine


def _clause_tokens(anchor: Token, extra: list[Token]) -> list[Token]:
    """The tokens of the anchor's own clause (and of ``extra`` heads), leaving out the
    clauses it governs and the verbs it is coordinated with."""
    found: list[Token] = []
    stack = [anchor, *extra]
    seen: set[int] = set()
    while stack:
        token = stack.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        found.append(token)
        for child in token.children:
            if child.dep_ in OTHER_CLAUSES:
                continue
            if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
                continue
            stack.append(child)
    return found


def instrument_mode(anchor: Token, extra: list[Token] = ()) -> str | None:
    """The mode an attack's instrument gives it, or None when its clause names none."""
    words: set[str] = set()
    for token in _clause_tokens(anchor, list(extra)):
        if token.pos_ not in CONTENT_POS:
            continue
        words.add(token.lemma_.lower())
        words.add(token.lower_)
        for part in token.lower_.split("-"):
            words.add(part)
    for mode, instruments in INSTRUMENTS:
        if words & instruments:
            return mode
    return None


# The act threatened -> the threat's mode, by the act's (type, mode); None: by type alone.
THREAT_MODES: dict[tuple[str, str | None], str] = {
    ("ASSAULT", None): "violence",
    ("MOBILIZE", None): "violence",
    ("COERCE", "curfew"): "curfew",
    ("COERCE", "martial-law"): "martial-law",
    ("COERCE", "restrict"): "restrict",
    ("COERCE", "ban"): "ban",
    ("COERCE", "censor"): "political",
    ("COERCE", "seize"): "territory",
    ("SANCTION", None): "relations",
    ("PROTEST", "obstruct"): "restrict",
    ("PROTEST", "strike"): "restrict",
    ("PROTEST", "strike-gen"): "restrict",
    ("PROTEST", "strike-hun"): "restrict",
    ("PROTEST", "boycott"): "restrict",
    ("PROTEST", None): "relations",
}
# Sanctions that restrict trade are threatened as restrictions, the rest as cuts in relations.
RESTRICTING_CODES = {"163", "1312"}


def threat_mode(type_: str, mode: str | None, cameo: str) -> str | None:
    """The mode of a threat to do an act of ``type_`` and ``mode`` (CAMEO ``cameo``)."""
    if type_ in {"SANCTION", "COERCE"} and cameo in RESTRICTING_CODES:
        return "restrict"
    return THREAT_MODES.get((type_, mode)) or THREAT_MODES.get((type_, None))

"""How the text holds an event: asserted, reported, alleged, denied, speculated,
predicted or unconfirmed.

Read in this order, the first that applies winning:

1. the words around the event (``claim_hedges.tsv``): a denial governing it ("denied
   selling drones", "denied the arms transfers accusations"), an absent proof ("no
   conclusive evidence of such collaboration"), an accusation ("allegations of arms
   transfers", "alleged violations"), a hedge ("could have helped", "appears to be"), a
   forecast ("is very likely", "will be the beginning of");
2. the attribution whose content holds it: its cue says reported, alleged ("accused"),
   denied ("denied that"), predicted or speculated;
3. else the article asserts it.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import hedges
from .speech import match_cue

# A denial or an accusation outranks a hedge inside it: "denied it could have helped".
RANK = ["denied", "unconfirmed", "alleged", "speculated", "predicted"]
NEGATORS = {"no", "not", "never", "n't", "without", "lack"}


def claim_status(anchor: Token, attributions: list[dict], *, intent: bool = False) -> tuple[str, str | None]:
    """(status, id of the attribution holding the event) for an event whose trigger's head
    word is ``anchor``. ``intent``: the event is a statement of intent ("will send aid"
    coded as AGREE), whose "will" is the statement, not a forecast."""
    holder = _holder(anchor, attributions)
    found = _hedged(anchor, intent=intent)
    if found is None and holder is not None:
        found = _cue_status(anchor, holder)
    return found or ("reported" if holder is not None else "asserted"), holder["id"] if holder else None


def _holder(anchor: Token, attributions: list[dict]) -> dict | None:
    position = anchor.idx
    holders = [a for a in attributions if any(c["start"] <= position < c["end"] for c in a["content"])]
    return min(holders, key=lambda a: sum(c["end"] - c["start"] for c in a["content"])) if holders else None


def _cue_status(anchor: Token, attribution: dict) -> str | None:
    doc = anchor.doc
    span = doc.char_span(attribution["cue"]["start"], attribution["cue"]["end"], alignment_mode="expand")
    if span is None:
        return None
    cue = match_cue(span[0])
    return cue.status if cue is not None else None


def _governors(anchor: Token):
    """The words above the event in its sentence, nearest first."""
    token = anchor
    steps = 0
    while token.head.i != token.i and steps < 12:
        yield token, token.head
        token = token.head
        steps += 1


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS and c.dep_ in {"det", "advmod", "neg"} for c in token.children):
        return True
    # "there have not been any allegations", "has no proof": the verb carries the negation
    head = token.head
    return (
        token.dep_ in {"attr", "dobj", "nsubj"}
        and head.lemma_ in {"be", "have"}
        and any(c.dep_ == "neg" for c in head.children)
    )


# How an event hangs on a word that hedges it: as its object or complement ("denied
# selling drones", "allegations of arms transfers", "arms transfers accusations"), not as
# its subject, a coordinated clause ("denied it, but sent ...") or an adjunct ("despite").
VERB_COMPLEMENTS = {"dobj", "ccomp", "xcomp", "pcomp", "attr", "oprd", "acomp"}
NOUN_COMPLEMENTS = {"prep", "acl", "ccomp", "compound", "amod", "appos", "relcl"}
COMPLEMENT_PREPS = {"of", "that", "about", "on", "to", "in", "over", "for"}


def _holds(below: Token, head: Token) -> bool:
    if below.dep_ == "prep" and below.lower_ not in COMPLEMENT_PREPS:
        return False
    if head.pos_ in {"VERB", "AUX"}:
        return below.dep_ in VERB_COMPLEMENTS or below.dep_ == "prep" and below.lower_ in {"of", "to"}
    return below.dep_ in NOUN_COMPLEMENTS


def _hedged(anchor: Token, *, intent: bool) -> str | None:
    table = hedges()
    found: list[str] = []
    for child in anchor.children:
        hedge = table["modifier"].get(child.lower_)
        if hedge is not None and child.dep_ in {"amod", "advmod"}:
            found.append(hedge.status)
    own = table["governor"].get(anchor.lemma_.lower())
    for below, head in _governors(anchor):
        lemma = head.lemma_.lower()
        hedge = table["governor"].get(lemma)
        if (
            hedge is not None
            and _holds(below, head)
            and not (
                # "denied the accusations": the accusations were made; what they say is denied
                hedge.status == "denied" and own is not None and own.status == "alleged"
            )
        ):
            if not _negated(head) or hedge.status not in {"alleged"}:
                found.append(hedge.status)
            else:
                found.append("unconfirmed")  # "there have not been any allegations of ..."
        absent = table["absent"].get(lemma)
        if absent is not None and _negated(head) and below.dep_ not in {"nsubj"}:
            found.append(absent.status)
        predicate = table["predicate"].get(lemma)
        if predicate is not None:
            found.append(predicate.status)
        if head.pos_ in {"AUX"} or head.lemma_ == "be":
            for child in head.children:
                predicate = table["predicate"].get(child.lemma_.lower())
                if child.dep_ == "acomp" and predicate is not None and below.dep_ in {"nsubj", "attr"}:
                    found.append(predicate.status)
    for token in [anchor, *(h for _, h in _governors(anchor))]:
        if token.dep_ == "advcl" and any(
            c.dep_ in {"mark", "pobj", "advmod"} and c.lower_ in table["condition"] for c in token.children
        ):
            found.append(
                table["condition"][next(c.lower_ for c in token.children if c.lower_ in table["condition"])].status
            )
        if token.pos_ not in {"VERB", "AUX"} and token.i != anchor.i:
            continue
        for child in token.children:
            modal = table["modal"].get(child.lower_)
            if child.dep_ == "aux" and modal is not None:
                if modal.status == "predicted" and intent and token.i == anchor.i:
                    continue
                found.append(modal.status)
        if token.dep_ in {"ccomp", "ROOT"} and token.i != anchor.i:
            break  # a hedge of the clause that reports it is the speaker's, not the event's
    for status in RANK:
        if status in found:
            return status
    return None

"""People: the roles the text gives them, and which short forms are which person.

Wire copy states who someone is in three ways, all read here from the text itself:

- a title before the name: "Iranian President Hassan Rouhani", "External Economic
  Relations Minister Yun Jong Ho", "U.S. Ambassador to the United Nations Linda
  Thomas-Greenfield", "arms expert Lami Kim";
- an apposition after it: "Ban Kil Joo, a research professor at Korea University";
  "Kim, a professor of security studies at the Asia-Pacific Center for Security Studies";
- a possessive description before it: "The State Department's senior official for North
  Korea, Jung Pak, said".

A demonym or state before the title gives the country ("Iranian", "U.S."), so does the
organization the title belongs to; the title's words give the sector (titles.tsv,
sector_modifiers.tsv). A title's complement ("to the United Nations", "for North Korea")
is the post, not the person's country.

Short forms ("Yun", "Mr. Rouhani", "Kim") join the nearest compatible full name before
them (after them when none comes before): the surname may come first (Korean, Chinese
names) or last. Two full names are never merged because they share a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...lexicons import table
from ...resolve import lookup_demonym, lookup_igo, lookup_state
from ...resolve.gazetteer import normalize_name
from ...resolve.organizations import describe_organization, lookup_organization
from ...resolve.roles import is_title, longest_title_sector, noun_role
from .candidates import text_of

# Words that may join a title to its complement: "Minister of Foreign Affairs",
# "Ambassador to the United Nations", "senior official for North Korea".
_COMPLEMENT_WORDS = {"of", "to", "for", "on", "the"}
_TITLE_POS = {"PROPN", "NOUN", "ADJ"}
_APPOSITION_END = {",", ".", ";", ":", "—", "–", "(", ")", '"', "“", "”", "?", "!"}
_ORGANIZATION_PREPOSITIONS = {"at", "with", "of", "for", "in", "from"}


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return frozenset(row[0].lower() for row in table("honorifics.tsv"))


@lru_cache(maxsize=1)
def _sector_modifiers() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in table("sector_modifiers.tsv")}


def sector_of_words(words: list[str]) -> str | None:
    """The sector a title or a nominal's words imply: a sector modifier wins ("defense");
    a former office holder is an elite (CAMEO ELI)."""
    if words and words[0].lower() in {"former", "ex-", "retired"}:
        return "ELI"
    modifiers = _sector_modifiers()
    for word in words:
        if word.lower() in modifiers:
            return modifiers[word.lower()]
    return longest_title_sector(words)


@dataclass
class RoleFound:
    """A role the text states, with the characters that state it."""

    title: str | None
    organization: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int = 0
    end: int = 0
    title_start: int = 0  # where the title's own words stand
    title_end: int = 0


@dataclass
class PersonMention:
    start: int
    end: int
    span: Span
    name: str  # without honorific
    honorific: str | None = None
    roles: list[RoleFound] = field(default_factory=list)


def _state_of_tokens(tokens: list[Token]) -> str | None:
    """The state a run of modifier tokens names ("U.S.", "Iranian", "South Korea's")."""
    text = " ".join(t.text for t in tokens if t.text not in {"'s", "’s"})
    return lookup_state(text) or lookup_demonym(text)


def _split_modifiers(tokens: list[Token]) -> tuple[str | None, str | None, str | None, list[Token]]:
    """(country, organization, organization country, title tokens) of a pre-name title run.

    Leading tokens that name a state ("U.S.", "Iranian", "Russia's") give the country;
    a leading known organization ("State Department spokesman") gives the organization.
    """
    country = organization = organization_country = None
    while tokens and tokens[0].lower_ in {"the", "a", "an"}:
        tokens = tokens[1:]
    for size in range(min(4, len(tokens) - 1), 0, -1):
        head = tokens[:size]
        if head[-1].text in {"'s", "’s"}:
            head_text = head[:-1]
        else:
            head_text = head
        state = _state_of_tokens(head_text) if head_text else None
        if state:
            country, tokens = state, tokens[size:]
            break
    if tokens and tokens[0].ent_type_ == "ORG":
        end = 1
        while end < len(tokens) and tokens[end].ent_type_ == "ORG" and tokens[end].ent_iob_ != "B":
            end += 1
        org_tokens = [t for t in tokens[:end] if t.text not in {"'s", "’s"}]
        name = " ".join(t.text for t in org_tokens)
        igo = lookup_igo(name)
        found = lookup_organization(name) or describe_organization(name)
        if igo is not None and end < len(tokens):
            # "U.N. special envoy for Syria": the IGO is the organization, no country.
            organization, tokens = igo[1], tokens[end:]
            return country, organization, None, tokens
        # A portfolio is part of the title ("External Economic Relations Minister"); an
        # organization is known or says what it is ("Foreign Ministry spokesman").
        if end < len(tokens) and (found.sector is not None or found.country is not None):
            organization, organization_country = found.name, found.country
            tokens = tokens[end:]
            if tokens and tokens[0].text in {"'s", "’s"}:
                tokens = tokens[1:]
    return country, organization, organization_country, tokens


def _title_head(tokens: list[Token]) -> int | None:
    """Index of the last title word in a run ("Minister" in "... Relations Minister")."""
    for index in range(len(tokens) - 1, -1, -1):
        word = tokens[index].lower_
        if word == "." and index:
            if is_title(tokens[index - 1].lower_ + "."):
                return index
            continue
        if is_title(word) or (index and is_title(f"{tokens[index - 1].lower_} {word}")):
            return index
        role = noun_role(word)
        if role is not None and role[0] == "person":
            return index
    return None


def _role_from_tokens(tokens: list[Token]) -> RoleFound | None:
    head = _title_head(tokens)
    if head is None:
        return None
    # "the fall of former President ...": a title starts after any "of" before its head.
    cut = max((i for i in range(head) if tokens[i].lower_ in _COMPLEMENT_WORDS - {"the"}), default=-1)
    tokens = tokens[cut + 1 :]
    country, organization, organization_country, rest = _split_modifiers(tokens)
    head = _title_head(rest)
    if head is None:
        return None
    # What follows the title head must be its complement: "to the United Nations".
    if head + 1 < len(rest) and rest[head + 1].lower_ not in _COMPLEMENT_WORDS:
        return None
    title_tokens = rest
    words = [t.text for t in title_tokens[: head + 1]]
    title = text_of(title_tokens[0].doc)[title_tokens[0].idx : title_tokens[-1].idx + len(title_tokens[-1])]
    return RoleFound(
        title=title,
        organization=organization,
        country=country or organization_country,
        sector=sector_of_words(words),
        start=tokens[0].idx,
        end=tokens[-1].idx + len(tokens[-1]),
        title_start=title_tokens[0].idx,
        title_end=title_tokens[-1].idx + len(title_tokens[-1]),
    )


def title_before(person: Span) -> tuple[RoleFound | None, str | None]:
    """(the role a title right before the name states, the honorific before it)."""
    doc, sent = person.doc, person.sent
    index = person.start - 1
    if index >= sent.start and doc[index].text.lower() in honorifics():
        return None, doc[index].text
    run: list[Token] = []
    while index >= sent.start:
        token = doc[index]
        if token.ent_type_ == "PERSON" or token.ent_type_ in {"DATE", "TIME", "CARDINAL"}:
            break
        if token.text in {"'s", "’s"} or token.text == "-" and run:
            run.insert(0, token)
        elif token.text == "." and index > sent.start and is_title(doc[index - 1].lower_ + "."):
            run.insert(0, token)  # "Lt. Col.", split by the tokenizer into "Lt", "."
        elif token.lower_ in _COMPLEMENT_WORDS:
            run.insert(0, token)
        elif token.pos_ in _TITLE_POS or token.ent_type_ in {"NORP", "GPE", "ORG"} or is_title(token.lower_):
            if token.is_punct:
                break
            run.insert(0, token)
        else:
            break
        index -= 1
    while run and run[0].lower_ in _COMPLEMENT_WORDS:
        run = run[1:]
    if not run:
        return None, None
    return _role_from_tokens(run), None


def _apposition_tokens(doc: Doc, start: int, limit: int) -> list[Token]:
    """The apposition's words, up to its punctuation or a relative clause ("who took part")."""
    tokens = []
    for index in range(start, limit):
        token = doc[index]
        if token.text in _APPOSITION_END or token.lower_ in {"who", "which", "that", "whose"}:
            break
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod", "compound"} and tokens:
            break
        tokens.append(token)
    return tokens


def _organization_within(tokens: list[Token]) -> tuple[str | None, str | None]:
    """A named organization among a title's words: "former State Department official"."""
    run: list[Token] = []
    for token in tokens + [None]:
        if token is not None and token.ent_type_ in {"ORG", "FAC"} and not (run and token.ent_iob_ == "B"):
            run.append(token)
            continue
        if run:
            name = " ".join(t.text for t in run if t.text not in {"'s", "’s"})
            found = lookup_organization(name) or describe_organization(name)
            if found.country or found.sector:
                return found.name, found.country
            run = [token] if token is not None and token.ent_type_ in {"ORG", "FAC"} else []
    return None, None


def _nominal_organization(rest: list[Token]) -> tuple[str | None, str | None]:
    """ "China's foreign ministry", "the Iranian foreign ministry": a state's body by its noun."""
    country, index = None, 0
    if (
        not rest
        or rest[0].is_title
        and not (len(rest) > 1 and rest[1].text in {"'s", "’s"})
        and not lookup_demonym(rest[0].text)
    ):
        return None, None  # a proper name ("Korea University") is not a state's body
    for size in (3, 2, 1):
        head = [t for t in rest[:size] if t.text not in {"'s", "’s"}]
        if head and (lookup_state(" ".join(t.text for t in head)) or lookup_demonym(" ".join(t.text for t in head))):
            country = lookup_state(" ".join(t.text for t in head)) or lookup_demonym(" ".join(t.text for t in head))
            index = size + (1 if size < len(rest) and rest[size].text in {"'s", "’s"} else 0)
            break
    if country is None:
        return None, None
    nouns = []
    for token in rest[index:]:
        if token.pos_ in {"NOUN", "ADJ", "PROPN"} and not token.is_punct:
            nouns.append(token)
        else:
            break
    for start in range(len(nouns)):
        phrase = " ".join(t.lower_ for t in nouns[start:])
        role = noun_role(phrase)
        if role is not None and role[0] == "organization":
            return " ".join(t.text for t in nouns), country
    return None, None


def _organization_after(tokens: list[Token]) -> tuple[str | None, str | None, int | None]:
    """(organization, its country, index where the prepositional phrase starts)."""
    for index, token in enumerate(tokens):
        if token.lower_ in _ORGANIZATION_PREPOSITIONS and index + 1 < len(tokens):
            rest = tokens[index + 1 :]
            while rest and rest[0].lower_ in {"the", "a", "an"}:
                rest = rest[1:]
            nominal, nominal_country = _nominal_organization(rest)
            if nominal is not None:
                return nominal, nominal_country, index
            named = []
            for tok in rest:
                if tok.ent_type_ in {"ORG", "FAC", "GPE", "PERSON"} or tok.text in {"'s", "’s", "-"} or tok.is_title:
                    named.append(tok)
                else:
                    break
            if named and any(t.ent_type_ in {"ORG", "FAC"} for t in named):
                text = text_of(tokens[0].doc)[named[0].idx : named[-1].idx + len(named[-1])]
                described = describe_organization(text)
                return described.name if lookup_organization(text) else " ".join(text.split()), described.country, index
    return None, None, None


def apposition_after(person: Span) -> RoleFound | None:
    """The role in ", a research professor at Korea University" after a name."""
    doc, sent = person.doc, person.sent
    if person.end >= sent.end or doc[person.end].text != ",":
        return None
    tokens = _apposition_tokens(doc, person.end + 1, sent.end)
    if (
        not tokens
        or tokens[0].lower_ not in {"a", "an", "the", "another"}
        and not (tokens[0].ent_type_ in {"GPE", "NORP", "ORG"} or is_title(tokens[0].lower_) or tokens[0].pos_ == "ADJ")
    ):
        return None
    organization, organization_country, cut = _organization_after(tokens)
    head_part = tokens[:cut] if cut is not None else tokens
    # "a professor of security studies at X": the title runs up to the organization.
    country, possessive_org, possessive_org_country, rest = _split_modifiers(head_part)
    head = _title_head(rest)
    if head is None:
        return None
    title_tokens = rest
    while title_tokens and title_tokens[0].lower_ in {"a", "an", "the", "another"}:
        title_tokens = title_tokens[1:]
    if not title_tokens:
        return None
    title = text_of(doc)[title_tokens[0].idx : title_tokens[-1].idx + len(title_tokens[-1])]
    words = [t.text for t in rest[: head + 1]]
    inner_org, inner_country = (None, None) if organization or possessive_org else _organization_within(rest[:head])
    return RoleFound(
        title=title,
        organization=organization or possessive_org or inner_org,
        country=country or possessive_org_country or organization_country or inner_country,
        sector=sector_of_words(words) or _sector_of_organization(organization or possessive_org),
        start=tokens[0].idx,
        end=tokens[-1].idx + len(tokens[-1]),
        title_start=title_tokens[0].idx,
        title_end=title_tokens[-1].idx + len(title_tokens[-1]),
    )


def _sector_of_organization(name: str | None) -> str | None:
    return describe_organization(name).sector if name else None


def description_before(person: Span) -> RoleFound | None:
    """The role in "The State Department's senior official for North Korea, Jung Pak,"."""
    doc, sent = person.doc, person.sent
    comma = person.start - 1
    # "The Pentagon's press secretary, Maj. Gen. Warren Cole,": skip the rank.
    while comma > sent.start:
        if doc[comma].text == "." and is_title(doc[comma - 1].lower_ + "."):
            comma -= 2  # "Maj", "."
        elif is_title(doc[comma].lower_) or doc[comma].lower_ in honorifics():
            comma -= 1
        else:
            break
    if comma <= sent.start or doc[comma].text != ",":
        return None
    if person.end < sent.end and doc[person.end].text not in {",", "said", "says"}:
        return None
    index, tokens = comma - 1, []
    while index >= sent.start and doc[index].text not in _APPOSITION_END:
        tokens.insert(0, doc[index])
        index -= 1
    if not tokens or len(tokens) > 14 or any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return None
    role = _role_from_tokens(tokens)
    if role is None or not (role.country or role.organization):
        return None
    return role


def roles_of(person: Span) -> tuple[list[RoleFound], str | None]:
    """Every role the text states around one person mention, and its honorific."""
    before, honorific = title_before(person)
    roles = [role for role in (before, apposition_after(person), description_before(person)) if role]
    return roles, honorific


# --- which mention is which person -------------------------------------------------


def name_words(name: str) -> list[str]:
    return normalize_name(name).replace("-", " ").split()


def compatible(short: str, full: str) -> bool:
    """Whether a short form can name the person ``full``: "Kim" -> "Lami Kim", "Kim Jong-un"."""
    short_words, full_words = name_words(short), name_words(full)
    if not short_words or len(short_words) >= len(full_words):
        return False
    if len(short_words) == 1:
        return short_words[0] in (full_words[0], full_words[-1])
    return full_words[-len(short_words) :] == short_words or full_words[: len(short_words)] == short_words


def _same_title(short: list[RoleFound], full: list[RoleFound]) -> bool:
    heads = {r.title.split()[-1].lower() for r in short if r.title}
    return any(r.title and heads & {w.lower() for w in r.title.split()} for r in full)


def group_people(mentions: list[PersonMention]) -> list[list[PersonMention]]:
    """Mentions of the same person, each group in text order.

    A full name opens a person (or joins one of the same name); a short form joins the
    compatible person mentioned most recently before it, else the first after it.
    """
    groups: list[list[PersonMention]] = []
    by_full: dict[str, int] = {}
    short_forms: list[PersonMention] = []
    longest = sorted({" ".join(name_words(m.name)) for m in mentions}, key=lambda n: -len(n.split()))
    shorter = {
        name
        for name in longest
        if any(len(other.split()) > len(name.split()) and compatible(name, other) for other in longest)
    }
    for mention in mentions:
        if len(name_words(mention.name)) > 1 and " ".join(name_words(mention.name)) not in shorter:
            key = " ".join(name_words(mention.name))
            if key in by_full:
                groups[by_full[key]].append(mention)
            else:
                by_full[key] = len(groups)
                groups.append([mention])
        else:
            short_forms.append(mention)
    for mention in short_forms:
        before = [
            (max(m.start for m in g if m.start < mention.start), i)
            for i, g in enumerate(groups)
            if compatible(mention.name, g[0].name) and any(m.start < mention.start for m in g)
        ]
        # "Minister Lee" is the Lee who is a minister, not the nearer lawmaker Lee.
        titled = [
            b
            for b in before
            if mention.roles and _same_title(mention.roles, [r for m in groups[b[1]] for r in m.roles])
        ]
        before = titled or before
        after = [(min(m.start for m in g), i) for i, g in enumerate(groups) if compatible(mention.name, g[0].name)]
        if before:
            groups[max(before)[1]].append(mention)
        elif after:
            groups[min(after)[1]].append(mention)
        else:
            alone = next(
                (
                    i
                    for i, g in enumerate(groups)
                    if len(name_words(g[0].name)) == 1 and name_words(g[0].name) == name_words(mention.name)
                ),
                None,
            )
            if alone is None:
                groups.append([mention])
            else:
                groups[alone].append(mention)
    for group in groups:
        group.sort(key=lambda m: m.start)
    groups.sort(key=lambda g: g[0].start)
    return groups

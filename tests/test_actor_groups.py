"""Groups named by nationality or ethnicity, places the gazetteer reads, and names that
say whom someone is for or against."""

import dossier


def actors_of(text):
    return {a.name: a for a in dossier.extract(text).actors}


def named(actors, name):
    assert name in actors, f"no actor {name!r} in {list(actors)}"
    return actors[name]


# --- a demonym before a people noun --------------------------------------------------


def test_a_demonym_before_youths_makes_a_civilian_group():
    actors = actors_of("Lebanese youths hurled rocks at riot police outside the parliament on Friday.")
    youths = named(actors, "Lebanese youths")
    assert (youths.kind, youths.country, youths.sector) == ("group", "LBN", "CVL")


def test_a_demonym_before_prisoner_or_national_makes_a_person_of_that_state():
    actors = actors_of("A Jordanian prisoner and two Canadian nationals were freed by the militia on Sunday.")
    assert named(actors, "Jordanian prisoner").country == "JOR"
    nationals = named(actors, "Canadian nationals")
    assert nationals.country == "CAN" and nationals.sector == "CVL"


def test_fundamentalists_with_a_demonym_are_radicals_without_one_no_country():
    actors = actors_of("Tunisian fundamentalists clashed with students in the capital.")
    assert named(actors, "Tunisian fundamentalists").code == "TUNRAD"
    actors = actors_of("Islamic fundamentalists vowed to keep up their campaign.")
    assert all(a.country is None for a in actors.values())


def test_a_state_led_force_is_that_states():
    actors = actors_of("Saudi-led forces bombed a rebel-held port overnight, residents said.")
    forces = named(actors, "Saudi-led forces")
    assert forces.country == "SAU" and forces.sector == "MIL"


# --- peoples living in another state --------------------------------------------------


def test_a_demonym_before_a_people_names_the_state_they_live_in():
    actors = actors_of("Iraqi Kurds voted overwhelmingly for independence in Monday's referendum.")
    kurds = named(actors, "Iraqi Kurds")
    assert (kurds.kind, kurds.country, kurds.sector) == ("group", "IRQ", "ETH")


def test_a_demonym_and_a_people_the_model_did_not_tag_are_one_group():
    actors = actors_of("Bosnian Croats rejected the new constitution on Sunday.")
    croats = named(actors, "Bosnian Croats")
    assert croats.country == "BIH" and croats.kind == "group"


def test_a_people_word_that_only_modifies_a_noun_is_not_joined():
    actors = actors_of("Washington pressed its U.S. Arab allies to act.")
    assert "U.S. Arab" not in actors


def test_a_demonym_and_a_people_before_a_noun_are_the_first_states():
    actors = actors_of("Thousands of Syrian Kurd refugees crossed the border into Turkey this week.")
    refugees = named(actors, "Syrian Kurd refugees")
    assert refugees.country == "SYR" and refugees.sector == "REF"
    assert "Syria" not in actors


def test_an_ethnic_demonym_before_a_noun_is_not_the_state():
    actors = actors_of("Ethnic Hungarian activists operating in Romania have called for local autonomy.")
    activists = named(actors, "Ethnic Hungarian activists")
    assert activists.country == "ROU"
    assert "Hungary" not in actors


def test_a_plural_demonym_of_a_place_is_a_people_of_that_place():
    actors = actors_of("The Hungarians of northern Serbia complained of discrimination in schooling.")
    hungarians = named(actors, "Hungarians")
    assert hungarians.kind == "group" and hungarians.country == "SRB"
    assert "Hungary" not in actors


# --- anti- and pro- -------------------------------------------------------------------


def test_anti_and_pro_names_are_not_actors_of_that_state():
    actors = actors_of("An anti-Russia blogger was beaten by pro-Kremlin youths in Minsk on Tuesday.")
    assert all(a.country != "RUS" for a in actors.values()), {n: a.country for n, a in actors.items()}
    actors = actors_of("Hundreds of anti-American protesters marched on the embassy.")
    assert all(a.country != "USA" for a in actors.values())


# --- places -----------------------------------------------------------------------------


def test_a_town_the_model_takes_for_a_nationality_is_a_place():
    actors = actors_of("A car bomb exploded near the town of Samarra on Tuesday, police said.")
    samarra = named(actors, "Samarra")
    assert samarra.kind == "location" and samarra.country == "IRQ"


def test_an_unambiguous_small_town_named_as_a_place_has_its_country():
    actors = actors_of("Troops entered Jericho at dawn and imposed a curfew.")
    assert named(actors, "Jericho").country == "PSE"


def test_a_place_with_an_area_word_has_its_country():
    actors = actors_of("Government troops were sent to Zamboanga province after the attack.")
    assert named(actors, "Zamboanga province").country == "PHL"


def test_people_in_a_place_are_that_places_when_nothing_else_says():
    actors = actors_of("Striking workers across Nigeria shut down ports on Monday.")
    assert named(actors, "Striking workers").country == "NGA"
    actors = actors_of("Foreign workers in Kuwait staged a sit-in.")
    assert all(a.country != "KWT" or a.kind == "state" for a in actors.values())


def test_historical_and_short_state_names():
    actors = actors_of("Zaire and Kampuchea both sent delegations to the talks in Bosnia.")
    assert {a.country for a in actors.values() if a.kind == "state"} == {"COD", "KHM", "BIH"}


def test_un_agencies_are_igos():
    actors = actors_of("The World Food Program and the International Labor Organization appealed for funds.")
    assert {a.kind for a in actors.values()} == {"igo"}

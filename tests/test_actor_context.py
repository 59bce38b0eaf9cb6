"""Countries the text implies: home countries, possessors, ethnic groups, places and
spelling variants of leaders' names."""

import dossier
from dossier.resolve import lookup_place


def actor_named(document, name):
    matches = [a for a in document.actors if a.name == name]
    assert matches, f"no actor {name!r} in {[(a.name, a.country) for a in document.actors]}"
    return matches[0]


def test_a_titled_official_takes_the_one_country_of_the_sentence():
    document = dossier.extract("Interior Minister Halvard Okonjo ordered a curfew in Lusaka on Monday.")
    assert actor_named(document, "Halvard Okonjo").country == "ZMB"


def test_a_titled_official_who_travels_is_not_given_his_hosts_country():
    document = dossier.extract("Foreign Minister Halvard Okonjo arrived in Lusaka on Monday for talks.")
    assert actor_named(document, "Halvard Okonjo").country is None


def test_two_countries_in_the_sentence_leave_an_official_without_one():
    document = dossier.extract("Defense Minister Halvard Okonjo said Kenya and Uganda would hold joint drills.")
    assert actor_named(document, "Halvard Okonjo").country is None


def test_a_scholar_is_not_given_the_country_he_comments_on():
    document = dossier.extract("Miriam Adeyemi, a professor at a university, said Zambia's economy would recover.")
    assert actor_named(document, "Miriam Adeyemi").country is None


def test_an_untagged_demonym_still_owns_its_officials():
    document = dossier.extract("Ghanaian authorities have expelled 40 foreign fishermen, a port official said.")
    authorities = actor_named(document, "Ghanaian authorities")
    assert (authorities.country, authorities.code) == ("GHA", "GHAGOV")


def test_a_state_the_model_took_for_a_person_is_a_state():
    document = dossier.extract("Sri Lanka has recalled its ambassador from Oslo, officials said.")
    assert actor_named(document, "Sri Lanka").kind == "state"


def test_an_organization_belongs_to_the_state_that_possesses_it():
    document = dossier.extract("The Ivory Coast's Supreme Court annulled the vote in two districts.")
    assert actor_named(document, "Supreme Court").country == "CIV"


def test_ethnic_people_are_of_the_state_they_live_in():
    document = dossier.extract("Ethnic Albanians in southern Serbia staged a rally on Sunday.")
    group = actor_named(document, "ethnic Albanians")
    assert (group.kind, group.country) == ("group", "SRB")


def test_a_people_of_one_state_is_that_states_people():
    document = dossier.extract("Yoruba leaders warned the government against changing the constitution.")
    assert any(a.country == "NGA" for a in document.actors)


def test_a_leader_is_found_whatever_the_spelling_of_the_arabic_article():
    for spelling in ("Omar El Bashir", "Omar al-Bashir", "Omar Bashir"):
        document = dossier.extract(f"President {spelling} lifted the curfew on Thursday.")
        assert actor_named(document, spelling).country == "SDN", spelling


def test_a_surname_two_presidents_shared_still_gives_their_country():
    document = dossier.extract("President Bush has warned Moscow against further moves.")
    assert actor_named(document, "Bush").country == "USA"


def test_a_person_with_a_role_at_an_igo_carries_its_code():
    document = dossier.extract("Rebel leaders agreed to meet U.N. envoy Tomas Lindqvist in Geneva.")
    assert actor_named(document, "Tomas Lindqvist").code == "IGOUNO"


def test_regions_and_spelling_variants_of_cities_have_countries():
    assert lookup_place("Gaza Strip").country == "PSE"
    assert lookup_place("West Darfur").country == "SDN"
    assert lookup_place("Basra").country == "IRQ"  # the gazetteer writes Basrah
    assert lookup_place("Kandahar").country == "AFG"  # and Kandahār
    assert lookup_place("Basra", variants=False) is None

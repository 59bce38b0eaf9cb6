"""Actors from spaCy's entities: states, demonyms, IGOs, places, people and organizations."""

import pytest

import dossier


def actor_named(document, name):
    matches = [a for a in document.actors if a.name == name]
    assert matches, f"no actor {name!r} in {[a.name for a in document.actors]}"
    return matches[0]


@pytest.fixture(scope="module")
def summit_report():
    return dossier.extract(
        "North Korea and Russia signed a defense pact on Wednesday, and the U.S. said it "
        "would respond. The United States has long accused North Korea of shipping "
        "artillery shells to Russia. Iranian officials attended the ceremony in Pyongyang, "
        "and the United Nations called for restraint.",
        published="2024-06-19",
    )


def test_short_and_long_forms_of_a_state_are_one_actor(summit_report):
    usa = actor_named(summit_report, "United States")
    assert usa.kind == "state"
    assert usa.country == "USA" and usa.code == "USA"
    assert [m.text for m in usa.mentions] == ["U.S.", "United States"]


def test_every_mention_of_a_state_is_kept(summit_report):
    prk = actor_named(summit_report, "North Korea")
    assert len(prk.mentions) == 2
    assert actor_named(summit_report, "Russia").country == "RUS"


def test_a_demonym_before_an_actor_noun_makes_the_state_own_a_group(summit_report):
    officials = actor_named(summit_report, "Iranian officials")
    assert (officials.kind, officials.country, officials.sector, officials.code) == ("group", "IRN", "GOV", "IRNGOV")


def test_a_demonym_alone_is_a_mention_of_its_state():
    document = dossier.extract("Investigators found Iranian parts in the drone that hit Kyiv.")
    iran = actor_named(document, "Iran")
    assert iran.kind == "state" and [m.text for m in iran.mentions] == ["Iranian"]


def test_an_igo_gets_its_cameo_code_and_no_country(summit_report):
    un = actor_named(summit_report, "United Nations")
    assert un.kind == "igo" and un.code == "IGOUNO" and un.country is None


def test_a_city_is_a_location_in_its_country(summit_report):
    pyongyang = actor_named(summit_report, "Pyongyang")
    assert pyongyang.kind == "location" and pyongyang.country == "PRK"


def test_mentions_point_into_the_text(summit_report):
    for span in summit_report.spans():
        assert summit_report.text[span.start : span.end] == span.text


def test_people_and_organizations_keep_their_names():
    document = dossier.extract(
        "Foreign Minister Halim Sadeq met officials of the International Crisis Group in "
        "Kabul on Monday, the ministry said."
    )
    sadeq = actor_named(document, "Halim Sadeq")
    assert sadeq.kind == "person"
    assert actor_named(document, "International Crisis Group").kind == "organization"


def test_a_leading_article_is_not_part_of_the_name():
    document = dossier.extract("The State Department said the Philippines had lodged a protest.")
    assert actor_named(document, "Philippines").mentions[0].text == "Philippines"
    names = [a.name for a in document.actors]
    assert not any(name.lower().startswith("the ") for name in names)


def test_a_town_the_model_labels_an_organization_is_a_place():
    from dossier.extract.actors import resolve_name

    karachi = resolve_name("Karachi", "ORG")
    assert (karachi.kind, karachi.country) == ("location", "PAK")
    bank = resolve_name("Karachi Stock Exchange", "ORG")
    assert bank.kind != "location"

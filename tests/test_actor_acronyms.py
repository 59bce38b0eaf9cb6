"""Short forms the writer defines, parts of states, and transnational NGOs."""

import pytest

import dossier


def actor_named(document, name):
    matches = [a for a in document.actors if a.name == name]
    assert matches, f"no actor {name!r} in {[a.name for a in document.actors]}"
    return matches[0]


def test_a_parenthesized_acronym_is_the_name_it_follows():
    document = dossier.extract(
        "Algerian authorities dissolved the Islamic Salvation Front (FIS) in March and jailed its leaders."
    )
    party = actor_named(document, "Islamic Salvation Front")
    assert "FIS" in [m.text for m in party.mentions]
    assert not [a for a in document.actors if a.name == "FIS"]


def test_a_name_run_into_its_acronym_ends_before_the_parenthesis():
    document = dossier.extract(
        "Ugandan police detained 40 members of the Patriotic Youth Front (PYF) in Gulu on Saturday."
    )
    assert not [a for a in document.actors if "(" in a.name]


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Thai troops shelled positions in Western Cambodia on Sunday.", "Western Cambodia", "KHM"),
        ("Fighting spread across Northern Mozambique last week.", "Northern Mozambique", "MOZ"),
    ],
)
def test_a_compass_part_of_a_state_lies_in_it(text, place, country):
    assert actor_named(dossier.extract(text), place).country == country


def test_a_state_named_with_a_compass_word_stays_itself():
    document = dossier.extract("South Sudan and North Korea opened embassies in Northern Ireland.")
    assert {a.country for a in document.actors} >= {"SSD", "PRK", "GBR"}


@pytest.mark.parametrize("name", ["Amnesty International", "Human Rights Watch", "Doctors Without Borders"])
def test_transnational_ngos_have_no_country(name):
    document = dossier.extract(f"{name} accused the Sudanese army of shelling a camp for displaced people.")
    ngo = actor_named(document, name)
    assert ngo.country is None
    event = next(e for e in document.events if e.root)
    assert {a.country for a in document.actors if a.id in event.source} <= {None}

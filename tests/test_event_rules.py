"""Rules of the events stage: what is background, what a clause does to its act, and
where an event's sides come from when the event's own arguments do not name them.

Each test pins one rule on a sentence written for this file. A side is keyed by its
actor's country, or by its organization code for an IGO.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

import dossier


class Event(NamedTuple):
    type: str
    cameo: str
    source: set
    target: set
    trigger: str
    status: str
    negated: bool
    rules: list


def _key(actor):
    return actor.code if actor.kind == "igo" else actor.country


def events_of(text: str) -> list[Event]:
    """The events Dossier finds in ``text``, with their sides as country or IGO codes."""
    document = dossier.extract(text)
    by_id = {a.id: a for a in document.actors}
    return [
        Event(
            e.type,
            e.cameo,
            {_key(by_id[i]) for i in e.source},
            {_key(by_id[i]) for i in e.target},
            e.trigger.text,
            e.status,
            e.negated,
            list(e.rules),
        )
        for e in document.events
    ]


def _one(events: list[Event], type_: str, trigger: str | None = None) -> Event:
    """The single event of ``type_`` (whose trigger contains ``trigger``, when given)."""
    found = [e for e in events if e.type == type_ and (trigger is None or trigger in e.trigger)]
    assert len(found) == 1, f"expected one {type_} event with {trigger!r}: {events}"
    return found[0]


def _types(events: list[Event]) -> set[str]:
    return {e.type for e in events}


# --- background ---------------------------------------------------------------------------


def test_a_bare_event_noun_with_no_participant_is_background():
    assert events_of("The war has shaken the region.") == []
    assert events_of("Sanctions are hurting the economy.") == []


def test_a_verb_whose_subject_is_no_known_actor_is_still_an_event():
    events = events_of("The rebels vowed to resume attacks on government positions.")
    assert [e.type for e in events] == ["THREATEN"]


def test_a_date_anchors_a_bare_event_noun():
    events = events_of("Tuesday's attack killed four soldiers.")
    assault = _one(events, "ASSAULT", "attack")
    assert assault.trigger == "attack"


def test_the_act_a_request_names_is_not_coded_again():
    events = events_of("The G7 urged Russia to accept a ceasefire.")
    request = _one(events, "REQUEST")
    assert (request.source, request.target) == ({"IGOGOS"}, {"RUS"})
    assert "AGREE" not in _types(events)


# --- back-references ----------------------------------------------------------------------


@pytest.mark.xfail(
    strict=True,
    reason="'deepened their military cooperation' is coded SUPPORT 050, not COOPERATE, so 'such cooperation' "
    "finds no earlier COOPERATE to take sides from and is dropped as background",
)
def test_an_event_noun_that_refers_back_takes_the_sides_the_story_gave_it():
    events = events_of(
        "North Korea and Iran have deepened their military cooperation. "
        "There is no evidence of such cooperation in nuclear work."
    )
    later = [e for e in events if e.type == "COOPERATE" and e.trigger == "cooperation"]
    assert len(later) == 1, events
    (cooperation,) = later
    assert cooperation.source | cooperation.target == {"PRK", "IRN"}
    assert cooperation.status == "unconfirmed"
    assert "story_reference" in cooperation.rules


def test_a_group_named_again_by_a_description_keeps_its_members_and_its_organization():
    events = events_of(
        "Burkina Faso, Mali and Niger withdrew from ECOWAS in January. "
        "The three military-led nations accused the regional body of failing its members."
    )
    accusation = _one(events, "ACCUSE")
    assert (accusation.source, accusation.target) == ({"BFA", "MLI", "NER"}, {"IGOWAS"})


def test_a_surname_alone_is_the_person_named_in_full_earlier():
    document = dossier.extract(
        "Japanese Prime Minister Yoshihide Suga met Joe Biden in Washington. Suga later flew to Manila."
    )
    second = document.text.index("Suga later")
    (suga,) = [a for a in document.actors if any(m.start == second and m.text == "Suga" for m in a.mentions)]
    assert suga.country == "JPN"
    assert any(m.text == "Yoshihide Suga" for m in suga.mentions)


# --- negation -----------------------------------------------------------------------------


def test_declining_to_condemn_negates_the_condemnation():
    events = events_of("Germany declined to condemn Russia.")
    assert _one(events, "ACCUSE", "condemn").negated is True


def test_avoiding_criticism_negates_the_criticism():
    events = events_of("The minister avoided criticizing China.")
    assert _one(events, "ACCUSE", "criticizing").negated is True


@pytest.mark.xfail(
    strict=True,
    reason="apply_intent folds a negated pledge into the type: the code gives REJECT 127, trigger 'accept', "
    "target PRK, negated False, rules ['apply_intent']",
)
def test_never_before_the_verb_negates_the_act():
    events = events_of("The president never will accept North Korea as a nuclear state.")
    (accept,) = [e for e in events if e.trigger == "accept"]
    assert accept.negated is True


def test_a_negated_negating_governor_leaves_the_act_affirmed():
    events = events_of("Israel did not hesitate to strike the convoy.")
    assert _one(events, "ASSAULT", "strike").negated is False


# --- status -------------------------------------------------------------------------------


def test_the_act_of_an_if_clause_is_speculated():
    events = events_of("If Europe imposes tariffs on American whiskey, the United States will retaliate.")
    assert _one(events, "COERCE", "imposes tariffs").status == "speculated"


def test_a_speech_act_reported_by_a_source_is_asserted():
    events = events_of("Iran accused the United States of bullying, the foreign minister said.")
    accusation = _one(events, "ACCUSE")
    assert (accusation.source, accusation.target) == ({"IRN"}, {"USA"})
    assert accusation.status == "asserted"
    assert "speech_act_status" in accusation.rules


def test_a_denial_rejects_and_the_denied_act_is_denied_not_negated():
    events = events_of("Iran has repeatedly denied selling Russia drones.")
    denial = _one(events, "REJECT")
    assert (denial.cameo, denial.source, denial.target) == ("120", {"IRN"}, set())
    aid = _one(events, "AID")
    assert (aid.source, aid.target, aid.status, aid.negated) == ({"IRN"}, {"RUS"}, "denied", False)


def test_an_announced_visit_stays_a_predicted_consultation():
    events = events_of("Rubio will visit Canada on Wednesday.")
    visit = _one(events, "CONSULT", "visit")
    assert (visit.cameo, visit.status) == ("042", "predicted")


def test_an_offer_to_host_stays_an_agreement():
    events = events_of("King Hassan said he would be ready to host a meeting between the two sides.")
    assert _one(events, "AGREE", "host").cameo.startswith("03")


# --- sides --------------------------------------------------------------------------------


def test_the_origin_and_destination_of_a_flow_give_its_sides_past_a_leading_clause():
    events = events_of(
        "Satellite photos released by the U.S. government show the flow of weapons from North Korea to Russia."
    )
    aid = _one(events, "AID")
    assert (aid.source, aid.target) == ({"PRK"}, {"RUS"})


def test_we_in_a_quote_is_the_speakers_country():
    events = events_of('"We will deliver more artillery shells to Ukraine," Danish Defense Minister Lars Holm said.')
    (delivery,) = [e for e in events if e.type in {"AID", "AGREE"} and e.trigger == "deliver"]
    assert (delivery.source, delivery.target) == ({"DNK"}, {"UKR"})


def test_a_hyphenated_pair_puts_both_countries_on_both_sides_of_their_war():
    events = events_of("Diplomats urged a ceasefire in the Russia-Ukraine war.")
    war = _one(events, "ASSAULT", "war")
    assert (war.source, war.target) == ({"RUS", "UKR"}, {"RUS", "UKR"})


def test_the_leaders_of_a_group_of_states_are_its_members():
    events = events_of("In March, Quad leaders agreed at a virtual summit to address maritime security.")
    agreement = _one(events, "AGREE", "agreed")
    assert {"AUS", "IND", "JPN", "USA"} <= agreement.source | agreement.target


@pytest.mark.xfail(
    strict=True,
    reason="the code finds no actor for 'G7 foreign ministers' and no event for 'held a session': "
    "extract gives actors [] and events []",
)
def test_an_organization_meeting_as_itself_is_on_both_sides():
    events = events_of("G7 foreign ministers held a session on Friday.")
    meeting = _one(events, "CONSULT")
    assert (meeting.source, meeting.target) == ({"IGOGOS"}, {"IGOGOS"})


# --- demands and appeals ------------------------------------------------------------------


def test_need_to_in_a_quote_is_an_appeal_to_those_who_need_to():
    events = events_of('"Both Russia and Ukraine need to do difficult things," Rubio said.')
    appeal = _one(events, "REQUEST")
    assert appeal.cameo.startswith("02")
    assert appeal.target == {"RUS", "UKR"}


def test_must_in_reported_speech_is_a_demand_of_the_speaker():
    events = events_of("Afghanistan's foreign ministry said Pakistan must address its internal problems.")
    demand = _one(events, "REQUEST")
    assert demand.cameo.startswith("10")
    assert (demand.source, demand.target) == ({"AFG"}, {"PAK"})


# --- coding -------------------------------------------------------------------------------


def test_sanctions_imposed_are_coercion_by_embargo():
    events = events_of("The European Union imposed sanctions on Iran.")
    sanctions = _one(events, "COERCE")
    assert (sanctions.cameo, sanctions.source, sanctions.target) == ("163", {"IGOEUREEC"}, {"IRN"})


def test_a_trade_war_is_coercion_not_armed_conflict():
    events = events_of("Trump ramped up his trade war with Canada.")
    trade_war = _one(events, "COERCE", "trade war")
    assert trade_war.cameo == "163"
    assert "ASSAULT" not in _types(events)


# --- idioms, documents and standing conditions --------------------------------------------


def test_meeting_the_bar_is_no_consultation():
    assert "CONSULT" not in _types(events_of("The proposal did not meet the bar."))


def test_in_charge_of_is_no_accusation():
    assert "ACCUSE" not in _types(events_of("Officials in charge of trade spoke on Monday."))


def test_shooting_oneself_in_the_foot_is_no_assault():
    assert "ASSAULT" not in _types(events_of("Europe is shooting itself in the foot."))


def test_a_deal_named_as_a_document_is_no_agreement():
    events = events_of("The deal between Britain and Mauritius was signed last year.")
    assert not [e for e in events if e.type == "AGREE" and "deal" in e.trigger], events


def test_a_standing_partnership_is_no_cooperation_event():
    assert "COOPERATE" not in _types(events_of("The two countries have a strategic partnership."))


# --- sides read from the story's grammar ---------------------------------------------------


def test_a_plural_possessive_names_every_party_of_its_clause_subject():
    events = events_of(
        "Philippine President Rodrigo Duterte and Japanese Prime Minister Yoshihide Suga are off to a "
        "good start based on their phone call last December."
    )
    call = _one(events, "CONSULT", "call")
    assert call.source == call.target == {"PHL", "JPN"}


def test_an_accusation_noun_is_aimed_at_whom_its_content_clause_names():
    events = events_of("Kabul rejected Pakistan's allegation that the attack was planned from Afghan soil.")
    allegation = _one(events, "ACCUSE", "allegation")
    assert allegation.source == {"PAK"}
    assert allegation.target == {"AFG"}
    assert "accused_in_content" in allegation.rules


def test_a_concern_about_an_act_is_aimed_at_its_doer_not_its_receiver():
    events = events_of("The United States raised concerns that Moscow is arming Pyongyang.")
    concern = _one(events, "ACCUSE")
    assert concern.target == {"RUS"}


def test_a_visit_inside_the_visitors_own_country_has_no_target():
    events = events_of("Pakistan's prime minister visited Karachi on Thursday.")
    visit = _one(events, "CONSULT", "visit")
    assert visit.target == set()
    assert "no_self_target" in visit.rules


def test_a_domestic_party_of_the_same_country_stays_a_target():
    events = events_of("The Nepali government imposed sanctions on the Communist Party of Nepal.")
    sanctions = _one(events, "COERCE")
    assert sanctions.target == {"NPL"}
    assert "no_self_target" not in sanctions.rules

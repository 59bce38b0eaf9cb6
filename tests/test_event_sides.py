"""Sides of events that news English puts outside the event's own arguments.

Each test is one general rule of how wire copy is written, checked on a sentence written
for this file: the target in a purpose clause or a complement's phrase, the party a
condition is put to, the victims of what an event caused, the actor's own state for a
domestic protest.
"""

from __future__ import annotations

import dossier


def _root(text: str):
    document = dossier.extract(text)
    roots = [e for e in document.events if e.root]
    assert roots, f"no root event in {text!r}: {document.events}"
    return document, roots[0]


def _countries(document, ids) -> set[str]:
    by_id = {a.id: a for a in document.actors}
    return {by_id[i].country for i in ids if by_id[i].country}


def test_purpose_clause_names_the_target_of_a_protest():
    document, root = _root(
        "About 200 Kurdish students began a hunger strike on Friday to protest against Turkey's new security law."
    )
    assert root.type == "PROTEST"
    assert _countries(document, root.target) == {"TUR"}


def test_purpose_clause_through_a_verb_that_is_no_event():
    document, root = _root("Denmark is ready to send engineers to help defend Ukraine's power grid.")
    assert _countries(document, root.source) == {"DNK"}
    assert _countries(document, root.target) == {"UKR"}


def test_complement_chain_passes_its_party_up():
    document, root = _root("The Hungarian government refused to commit to any military aid to Ukraine, officials said.")
    assert root.type == "REJECT"
    assert _countries(document, root.target) == {"UKR"}


def test_verb_that_is_no_event_passes_on_its_object_event():
    document, root = _root("Tehran has declined to respond to a demand from France on the nuclear talks.")
    assert root.type == "REJECT"
    assert _countries(document, root.target) == {"FRA"}


def test_aid_for_a_beneficiary():
    document, root = _root("Japan will provide 40 million dollars in emergency aid for Bangladesh.")
    assert _countries(document, root.target) == {"BGD"}


def test_lifting_sanctions_on_sales_to_a_country():
    document, root = _root("The European Union agreed to lift its embargo on weapons sales to Vietnam.")
    assert _countries(document, root.target) == {"VNM"}


def test_condition_clause_names_whom_a_threat_is_aimed_at():
    document, root = _root("China threatened to halt trade talks if Australia goes ahead with the new tariffs.")
    assert root.type == "THREATEN"
    assert _countries(document, root.target) == {"AUS"}


def test_unless_clause_names_whom_a_threat_is_aimed_at():
    document, root = _root("Serbia threatened to recall its ambassador unless Croatia withdrew the charges.")
    assert root.type == "THREATEN"
    assert _countries(document, root.target) == {"HRV"}


def test_event_that_causes_another_takes_its_victims():
    document, root = _root(
        "A car bomb attack near the market killed three Turkish soldiers and wounded four others, the army said."
    )
    assert root.type == "ASSAULT"
    assert _countries(document, root.target) == {"TUR"}


def test_location_of_the_when_clause():
    document, root = _root(
        "Two gunmen killed nine people on Friday when they opened fire in a crowded market in Kenya."
    )
    assert _countries(document, root.target) == {"KEN"}


def test_in_protest_phrase_names_the_target():
    document, root = _root(
        "The opposition leader staged a hunger strike in prison in protest against abuses by Ugandan police."
    )
    assert root.type == "PROTEST"
    assert _countries(document, root.target) == {"UGA"}


def test_talks_the_event_follows_name_the_other_party():
    document, root = _root("The miners' union called off its strike after negotiations with the Zambian government.")
    assert root.type == "CONCEDE"
    assert _countries(document, root.target) == {"ZMB"}


def test_disapproval_noun_names_its_target():
    document, root = _root("Farmers in Lahore blocked a highway to show their disapproval of India's dam project.")
    assert _countries(document, root.target) == {"IND"}


def test_boycott_of_contact_with_a_country():
    document, root = _root("Venezuelan leaders said they would boycott all talks with the United States.")
    assert _countries(document, root.target) == {"USA"}


def test_invasion_of_a_country_after_a_light_verb():
    document, root = _root("Russia launched a full-scale invasion of Ukraine in February 2022.")
    assert root.type == "ASSAULT"
    assert _countries(document, root.target) == {"UKR"}


def test_stranded_preposition_before_a_reduced_relative():
    document, root = _root("Ecuador granted asylum to three Bolivian officials holed up in its embassy since the coup.")
    assert _countries(document, root.target) == {"BOL"}


def test_domestic_protest_aims_at_its_own_state():
    document, root = _root(
        "Thousands of Georgian protesters demonstrated on Sunday, a week after Georgia passed the law."
    )
    assert root.type == "PROTEST"
    assert _countries(document, root.target) == {"GEO"}


def test_month_name_is_no_march():
    document = dossier.extract("Kenya eased curfew restrictions in March.")
    assert not [e for e in document.events if e.type == "PROTEST"]


def test_a_date_after_a_verb_is_no_particle():
    document, root = _root("Poland agreed on Saturday to send troops to Estonia.")
    assert "on" not in root.trigger.text.split()


def test_misread_lemma_still_finds_the_verb():
    document, root = _root("Hundreds of Sudanese doctors staged a strike in Khartoum on Monday.")
    assert root.type == "PROTEST"


def test_anti_modifier_is_not_the_actor():
    document = dossier.extract("Police arrested the organizers of an anti-Iran rally outside the embassy in Berlin.")
    rallies = [e for e in document.events if e.type == "PROTEST"]
    assert rallies and "IRN" not in _countries(document, rallies[0].source)
    arrests = [e for e in document.events if e.type == "COERCE"]
    assert arrests and "IRN" not in _countries(document, arrests[0].target)


def test_backing_off_is_no_support():
    document = dossier.extract("The government backed off its plan to raise fuel prices after the protests.")
    assert not [e for e in document.events if e.type == "SUPPORT"]


def test_who_is_sent_is_not_what_the_purpose_aims_at():
    document, root = _root("Troops of the African Union have been deployed to protect civilians and their homes.")
    assert not root.target


def test_a_dateline_is_not_the_subject_of_the_lead_sentence():
    document = dossier.extract(
        "SEOUL, April 24 (Wire) - North Korea sent a delegation led by its trade minister to Iran "
        "on Tuesday, the official news agency said."
    )
    sending = next(e for e in document.events if e.trigger.text.startswith("sent"))
    assert _countries(document, sending.source) == {"PRK"}
    assert _countries(document, sending.target) == {"IRN"}


def test_in_defiance_phrase_names_the_target_over_the_place():
    document, root = _root(
        "Thousands of students blocked roads in Lagos in defiance of the Nigerian government to demand lower fees."
    )
    assert root.type == "PROTEST"
    assert _countries(document, root.target) == {"NGA"}


def test_demonstration_calling_for_the_removal_of_a_president():
    document, root = _root(
        "Opposition supporters rioted after a rally calling for the resignation of President Alassane Ouattara."
    )
    assert root.type == "PROTEST"
    assert _countries(document, root.target) == {"CIV"}


def test_demand_for_independence_from_a_state():
    document, root = _root(
        "Students in Jaffna marched on Sunday, joining monks in demanding a vote on independence from Sri Lankan rule."
    )
    assert root.type == "PROTEST"
    assert _countries(document, root.target) == {"LKA"}


def test_invitation_to_attend_a_meeting_names_who_meets():
    document, root = _root(
        "The Kurdish opposition party rejected an invitation to attend a meeting of Iraqi political parties in Baghdad next month."
    )
    assert root.type == "REJECT"
    assert _countries(document, root.target) == {"IRQ"}


def test_stranded_preposition_shares_the_conjoined_object():
    document, root = _root(
        "Paraguay has established diplomatic relations with and opened an embassy in Abu Dhabi, officials said."
    )
    assert root.type == "SUPPORT"
    assert _countries(document, root.target) == {"ARE"}


def test_capability_against_names_the_target():
    document, root = _root(
        "Iran has trained 300 fighters capable of carrying out attacks against Israel, an Israeli general said."
    )
    assert _countries(document, root.target) == {"ISR"}


def test_refugees_fleeing_a_war_in_a_country():
    document, root = _root(
        "Japan will provide $10 million in emergency aid to families fleeing the fighting in Sudan, the foreign ministry said."
    )
    assert root.type == "AGREE"
    assert _countries(document, root.target) == {"SDN"}

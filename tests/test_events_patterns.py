"""General news patterns the event coder reads: sentences written for these tests.

Each test pins one rule of tests' own making (see README "Events"): how an attack's
instrument gives its mode, what a threat threatens, where an unnamed attacker is coded,
and the lexicon rows for common wire phrasings.
"""

import dossier


def _root(text):
    document = dossier.extract(text)
    root = next(e for e in document.events if e.root)
    countries = {a.id: a.country for a in document.actors}
    return root, [countries[a] for a in root.source], [countries[a] for a in root.target]


# --- modes --------------------------------------------------------------------------------


def test_an_attack_takes_its_mode_from_the_instrument_its_clause_names():
    root, _, _ = _root("Two Kenyan police officers were killed in a roadside bomb explosion near Mandera on Monday.")
    assert (root.type, root.mode) == ("ASSAULT", "explosives")
    root, _, _ = _root("Syrian warplanes killed 12 civilians in a raid on a market in Idlib province.")
    assert (root.type, root.mode) == ("ASSAULT", "heavy-weapons")
    root, _, _ = _root("A suicide bomber killed nine worshippers at a mosque in Peshawar, police said.")
    assert (root.type, root.mode) == ("ASSAULT", "suicide-attack")


def test_an_attack_with_no_instrument_keeps_no_mode():
    root, _, _ = _root("Rebels killed four Congolese soldiers in an ambush near Beni on Sunday.")
    assert (root.type, root.mode) == ("ASSAULT", None)


def test_a_threat_takes_its_mode_from_the_act_it_threatens():
    root, _, _ = _root("The governor threatened to impose a curfew in Kano after two nights of looting.")
    assert (root.type, root.mode) == ("THREATEN", "curfew")
    root, _, _ = _root("The rebels vowed to resume attacks on government positions in the north.")
    assert (root.type, root.mode) == ("THREATEN", "violence")
    root, _, _ = _root(
        "Hungary will impose sanctions on Serbian exporters unless Belgrade lifts its duties, the minister said."
    )
    assert (root.type, root.mode) == ("THREATEN", "restrict")


def test_an_accusation_is_disapproval():
    root, _, target = _root("Ghana accused Togo of harbouring dissidents who plotted a coup.")
    assert (root.type, root.mode, target) == ("ACCUSE", "disapprove", ["TGO"])


# --- intent --------------------------------------------------------------------------------


def test_a_promise_sworn_in_a_purpose_clause_is_a_threat():
    root, _, _ = _root("Tuareg rebels have sworn to fight until the army leaves Kidal, officials in Bamako said.")
    assert root.type == "THREATEN" and root.mode == "violence"


def test_may_with_a_condition_is_a_statement_of_intent():
    root, _, target = _root("The African Union may withdraw its observers from Burundi if the violence continues.")
    assert (root.type, root.mode, target) == ("THREATEN", "relations", ["BDI"])
    root, _, _ = _root("Investors may withdraw their money from the fund, analysts said.")
    assert root.type != "THREATEN"


# --- sides -----------------------------------------------------------------------------------


def test_an_unnamed_attacker_is_coded_by_where_it_struck():
    root, source, target = _root("A car bomb outside a police station in Kirkuk killed three Iraqi officers on Friday.")
    assert root.type == "ASSAULT" and source == ["IRQ"]
    root, source, _ = _root("Two Nigerian aid workers were killed by gunmen outside of Maiduguri.")
    assert root.type == "ASSAULT" and source == ["NGA"]


def test_unnamed_rioters_are_coded_by_where_they_rioted():
    root, source, _ = _root("Inmates rioted at a prison in Haiti's capital Port-au-Prince on Sunday.")
    assert root.type == "PROTEST" and source == ["HTI"]


def test_the_subject_of_a_clause_before_a_closing_said_acts():
    root, source, target = _root(
        "Nepali youths resorted to throwing rocks at police in Kathmandu, officials said on Friday."
    )
    assert (root.type, root.mode, source) == ("PROTEST", "riot", ["NPL"])


def test_a_group_said_to_belong_somewhere_takes_that_side():
    root, source, _ = _root("Dockworkers affiliated with the Chilean Port Workers Union stopped work on Monday.")
    assert root.type == "PROTEST" and source == ["CHL"]
    root, source, _ = _root("A militia based in Libya attacked a Tunisian border post overnight.")
    assert root.type == "ASSAULT" and source == ["LBY"]


def test_fire_of_listed_weapons_carries_its_target():
    root, source, target = _root(
        "Ethiopian forces launched artillery and rocket fire against Eritrean positions near the border."
    )
    assert (root.type, root.mode, source, target) == ("ASSAULT", "heavy-weapons", ["ETH"], ["ERI"])


def test_a_complaint_targets_whom_it_is_about_not_whom_it_is_lodged_with():
    root, source, target = _root(
        "Jordan complained to the Security Council over Syrian shelling of its border villages."
    )
    assert root.type == "ACCUSE" and source == ["JOR"] and target == ["SYR"]


# --- lexicon rows --------------------------------------------------------------------------


def test_ordering_an_act_is_doing_it():
    root, source, target = _root("Kenya ordered the expulsion of two Somali diplomats on Thursday.")
    assert (root.type, source, target) == ("SANCTION", ["KEN"], ["SOM"])
    root, _, target = _root("The Security Council ordered Libya to hand over the suspects.")
    assert root.type == "REQUEST" and target == ["LBY"]


def test_forces_on_alert_are_mobilized():
    root, source, _ = _root("Pakistani troops remained on high alert along the Line of Control on Tuesday.")
    assert root.type == "MOBILIZE" and source == ["PAK"]


def test_violating_a_ceasefire_is_force_and_violating_a_ban_defiance():
    root, _, _ = _root("Both armies violated the ceasefire within hours, according to monitors.")
    assert root.type == "ASSAULT" and root.cameo == "196"
    root, _, _ = _root("The newspaper violated a government ban on reporting the trial.")
    assert root.type == "REJECT"


def test_withdrawing_monitors_cuts_relations_and_receiving_them_lets_them_in():
    root, source, _ = _root("The European Union withdrew its election observers from Mozambique.")
    assert (root.type, root.mode) == ("SANCTION", "expel")
    root, source, _ = _root("Belarus received OSCE observers for the parliamentary vote.")
    assert (root.type, root.mode, source) == ("RETREAT", "access", ["BLR"])


def test_mobilizing_support_rallies_support_not_troops():
    root, _, _ = _root("Qatar mobilized public opinion across the region to support the Sudanese refugees.")
    assert root.type == "SUPPORT"

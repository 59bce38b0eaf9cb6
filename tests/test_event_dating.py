"""Events are dated by the timex their own words carry, else by what the story says of
the same act, and never by a date that orders them against another."""

import pytest

import dossier


def _dates(text, published="2024-04-24"):
    """Trigger text -> the span text of the timex that dates it (None when undated)."""
    document = dossier.extract(text, published=published)
    timexes = {t.id: t for t in document.timexes}
    return {e.trigger.text: (timexes[e.time].span.text if e.time else None) for e in document.events}, timexes, document


@pytest.mark.parametrize(
    "text, trigger, timex",
    [
        ("The delegation left Pyongyang for Tehran on Tuesday.", "left Pyongyang for", "Tuesday"),
        ("Russian forces shelled the port city overnight after the March 2023 talks collapsed.", "talks", "March 2023"),
        (
            "A series of meetings between Iranian and Syrian officials in late-2019 alarmed Washington.",
            "meetings",
            "late-2019",
        ),
        ("Tuesday's attack on the convoy killed four soldiers.", "attack", "Tuesday"),
        ("The foreign minister visited Beijing earlier this month.", "visited", "earlier this month"),
    ],
)
def test_an_event_takes_the_timex_hanging_from_its_words(text, trigger, timex):
    dated, _, _ = _dates(text)
    assert dated[trigger] == timex


def test_a_timex_on_the_saying_does_not_date_what_was_said():
    dated, _, _ = _dates("The ministry said in a statement on Monday that rebels had attacked the base.")
    assert dated["attacked"] is None


def test_a_timex_dates_the_nearest_event_it_hangs_from_not_the_clause_around_it():
    dated, _, _ = _dates("Tehran shipped drones to Moscow before the February 2022 invasion.")
    assert dated["invasion"] == "February 2022"
    assert dated["shipped drones"] is None


def test_an_event_dated_by_a_relative_expression_keeps_the_link_without_a_publication_date():
    dated, timexes, document = _dates("The delegation left Pyongyang for Tehran on Tuesday.", published=None)
    event = next(e for e in document.events if e.trigger.text == "left Pyongyang for")
    assert dated["left Pyongyang for"] == "Tuesday"
    assert timexes[event.time].start is None


def test_a_date_on_the_verb_that_carries_a_nominal_event_dates_it():
    document = dossier.extract(
        "Iranian and North Korean officials held a series of high-level meetings in late 2017, diplomats said.",
        published="2018-01-10",
    )
    meetings = next(e for e in document.events if e.trigger.text == "meetings")
    timex = next(t for t in document.timexes if t.id == meetings.time)
    assert timex.span.text == "late 2017"


def test_the_date_of_a_wire_dateline_dates_no_event():
    document = dossier.extract(
        "Delegation visits Iran\n\nSEOUL, April 24 (Wire) - North Korea sent a delegation to Iran on Tuesday, "
        "the official news agency said.",
        published="2024-04-24",
    )
    sending = next(e for e in document.events if e.trigger.text.startswith("sent"))
    timex = next(t for t in document.timexes if t.id == sending.time)
    assert timex.span.text == "Tuesday" and timex.value == "2024-04-23"


def _rules(document, trigger):
    return next(e.rules for e in document.events if e.trigger.text == trigger)


def test_a_later_mention_of_the_same_act_takes_the_date_the_story_gave_it():
    dated, _, document = _dates(
        "Militants attacked a passenger train in Pakistan on Tuesday. "
        "Officials in Quetta counted the dead. At least 21 passengers died in the attack."
    )
    assert dated["attack"] == "Tuesday"
    assert "date_of_same_act" in _rules(document, "attack")


def test_an_event_takes_the_one_date_its_sentence_gives_wherever_it_hangs():
    dated, _, document = _dates("Russia's envoy dismissed the accusations at Friday's meeting of the council.")
    assert dated["dismissed"] == "Friday"


def test_a_statement_the_story_leaves_undated_is_made_on_the_day_of_the_last_dated_one():
    dated, _, document = _dates(
        "At Friday's meeting, the U.S. envoy urged Beijing to restrain Pyongyang. "
        "The Chinese envoy rejected the request."
    )
    assert dated["rejected"] == "Friday"
    assert "date_of_occasion" in _rules(document, "rejected")


def test_a_word_for_the_past_or_present_dates_no_event():
    dated, _, _ = _dates("Iran recently sent drones to Russia.")
    assert dated["sent drones"] is None

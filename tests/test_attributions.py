"""Attributions: who says what, and how each event is held."""

import pytest

import dossier
from dossier.extract.attribution.quotes import find_quotes


def speaker_name(document, attribution):
    return next((a.name for a in document.actors if a.id == attribution.speaker), None)


def only(document, cue):
    found = [a for a in document.attributions if a.cue.text == cue]
    assert len(found) == 1, [(a.cue.text, [c.text for c in a.content]) for a in document.attributions]
    return found[0]


def status_of(document, trigger_word):
    found = [e for e in document.events if trigger_word in e.trigger.text]
    assert found, [(e.type, e.trigger.text) for e in document.events]
    return found[0].status


# --- quotes ----------------------------------------------------------------------------


def test_quote_marks_of_every_style_are_found():
    text = '“Curly,” he said. "Straight," she said. ‘Single,’ they said. «Guillemets,» it said.'
    assert [text[s:e] for q in find_quotes(text) for s, e in q.fragments] == [
        "Curly,",
        "Straight,",
        "Single,",
        "Guillemets,",
    ]


def test_an_apostrophe_does_not_close_a_single_quote():
    text = "‘Seoul’s patience is not endless,’ the minister said."
    assert [text[s:e] for q in find_quotes(text) for s, e in q.fragments] == ["Seoul’s patience is not endless,"]


def test_a_quote_left_open_at_a_paragraph_end_goes_on_in_the_next():
    text = "“The talks are over.\n\n“We will not return to the table,” the envoy said."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and len(quotes[0].fragments) == 2


def test_a_quote_split_around_its_cue_is_one_attribution_with_two_fragments():
    document = dossier.extract(
        "“The drills are a rehearsal for invasion,” said Foreign Minister Sergei Lavrov, “and Moscow will answer them.”"
    )
    said = only(document, "said")
    assert said.direct
    assert [c.text for c in said.content] == [
        "The drills are a rehearsal for invasion,",
        "and Moscow will answer them.",
    ]
    assert speaker_name(document, said) == "Sergei Lavrov"


def test_a_quote_with_no_cue_continues_the_last_speaker():
    document = dossier.extract(
        "Japan will raise its defense budget, Prime Minister Haruto Sato said on Monday. "
        "“Our region has never been less stable.”"
    )
    continued = only(document, "“")
    assert continued.direct and speaker_name(document, continued) == "Haruto Sato"


def test_a_partial_quote_stays_inside_the_reported_clause():
    document = dossier.extract("Iran said it had sent only a “small number” of drones to Russia.")
    said = only(document, "said")
    assert not said.direct
    assert said.content[0].text == "it had sent only a “small number” of drones to Russia"


# --- reported speech -------------------------------------------------------------------


def test_a_sentence_final_cue_reports_the_clause_before_it():
    document = dossier.extract("North Korea fired two ballistic missiles into the sea, Japan's defense ministry said.")
    said = only(document, "said")
    assert said.content[0].text == "North Korea fired two ballistic missiles into the sea"
    assert said.source.text == "Japan's defense ministry"


def test_according_to_names_its_source_and_holds_the_clause():
    document = dossier.extract("According to Yonhap, the two sides agreed to resume military talks.")
    according = only(document, "According to")
    assert according.source.text == "Yonhap"
    assert according.content[0].text == "the two sides agreed to resume military talks"


def test_a_participle_after_the_cue_shares_its_speaker():
    document = dossier.extract(
        "Germany will send more air defense systems to Kyiv, Chancellor Markus Weber said, "
        "adding that deliveries would start in May."
    )
    adding = only(document, "adding")
    assert speaker_name(document, adding) == "Markus Weber"
    assert adding.content[0].text == "deliveries would start in May"


def test_a_pronoun_speaker_is_the_last_speaker_of_its_kind():
    document = dossier.extract(
        "Defense Minister Lena Richter said the brigade would deploy in Lithuania. "
        "She said the first troops would arrive next year."
    )
    second = document.attributions[1]
    assert second.source.text == "She" and speaker_name(document, second) == "Lena Richter"


def test_an_outlet_reporting_a_minister_nests_the_ministers_claim():
    document = dossier.extract(
        "The official IRNA news agency reported that Foreign Minister Reza Karimi said "
        "Tehran would continue enrichment."
    )
    reported, said = only(document, "reported"), only(document, "said")
    assert said.parent == reported.id and reported.parent is None
    assert speaker_name(document, said) == "Reza Karimi"


def test_negated_speech_and_questions_are_no_attributions():
    document = dossier.extract(
        "The ministry did not say when the talks would resume. Asked whether sanctions "
        "would be lifted, the spokesman declined to comment."
    )
    assert document.attributions == []


def test_a_first_person_appeal_inside_a_quote_is_the_quote_not_another_attribution():
    document = dossier.extract("“We urge Iran to return to the talks,” the French foreign minister said.")
    assert [a.cue.text for a in document.attributions] == ["said"]


# --- claim status ----------------------------------------------------------------------


def test_a_named_source_reports_an_event():
    document = dossier.extract("Russia has shipped artillery shells to Syria, a Western diplomat said.")
    assert status_of(document, "shipped") == "reported"


def test_the_article_asserts_what_no_one_is_said_to_say():
    document = dossier.extract("Russia shipped artillery shells to Syria in March.")
    assert status_of(document, "shipped") == "asserted"


@pytest.mark.parametrize(
    "text, trigger, status",
    [
        ("Belarus has repeatedly denied selling drones to Russia.", "selling", "denied"),
        ("Officials said Syria could have helped Iran evade the sanctions.", "helped", "speculated"),
        ("Analysts said a summit between the two leaders was very likely.", "summit", "predicted"),
        ("There is no conclusive evidence of military cooperation between the two.", "cooperation", "unconfirmed"),
        ("Washington accused Minsk of sending weapons to Moscow.", "sending", "alleged"),
        ("The report cited allegations of arms transfers to the rebels.", "transfers", "alleged"),
        ("Guterres condemned the killing of protesters by the army.", "killing", "asserted"),
    ],
)
def test_hedges_and_denials_say_how_an_event_is_held(text, trigger, status):
    assert status_of(dossier.extract(text), trigger) == status


def test_a_denial_does_not_reach_a_clause_only_coordinated_with_it():
    document = dossier.extract("Belarus denied selling drones to Russia but it sent trucks to the border.")
    assert status_of(document, "sent") != "denied"


def test_an_event_inside_a_quote_links_to_its_attribution():
    document = dossier.extract("“China will impose sanctions on the arms makers,” the ministry spokesman said.")
    event = next(e for e in document.events if "sanctions" in e.trigger.text)
    assert event.attribution == only(document, "said").id


# --- what news attributes beyond a speech verb -----------------------------------------


def test_a_cue_set_off_by_commas_reports_the_clause_on_both_sides():
    document = dossier.extract("Russia's gains in Syria, the officials said, could be lost in a settlement.")
    said = only(document, "said")
    assert [c.text for c in said.content] == ["Russia's gains in Syria", "could be lost in a settlement"]
    assert said.source.text == "the officials"


def test_unnamed_people_and_polls_can_speak_but_signs_cannot():
    document = dossier.extract(
        "Prosecutors said the sentence would deter others. Sanders won Ohio, according to exit polls. "
        "Signs of cooperation suggest the two are close."
    )
    assert only(document, "said").source.text == "Prosecutors"
    assert only(document, "according to").source.text == "exit polls"
    assert [a.cue.text for a in document.attributions if a.cue.text == "suggest"] == []


def test_plural_people_the_text_does_not_name_are_not_the_last_speaker():
    document = dossier.extract(
        "Iran sent drones, Defense Minister Park Jin said on Monday. Tehran will retaliate, officials said."
    )
    attributions = document.attributions
    assert speaker_name(document, attributions[0]) == "Park Jin"
    assert attributions[1].source.text == "officials"
    assert attributions[1].speaker is None


def test_beliefs_and_intentions_are_attributions_with_their_status():
    document = dossier.extract("Officials think Iran sent drones to Russia. Moscow wants to buy more drones.")
    think = only(document, "think")
    assert [c.text for c in think.content] == ["Iran sent drones to Russia"]
    wants = only(document, "wants")
    assert [c.text for c in wants.content] == ["to buy more drones"]
    assert status_of(document, "sent") == "speculated"


def test_a_closing_speech_verb_is_not_the_content_of_the_cue_before_it():
    document = dossier.extract("Many of the returning soldiers showed signs of torture, Lysenko said.")
    assert [a.cue.text for a in document.attributions] == ["said"]


def test_a_participle_naming_something_is_no_cue():
    document = dossier.extract("The force, known as UNIFIL, said it had given the army the coordinates.")
    assert [a.cue.text for a in document.attributions] == ["said"]


def test_doubled_and_typewriter_marks_are_one_quote_mark():
    text = "''We are ready,'' she said. He said ``the talks will resume'' soon."
    assert [text[s:e] for q in find_quotes(text) for s, e in q.fragments] == [
        "We are ready,",
        "the talks will resume",
    ]
    document = dossier.extract(text)
    assert [[c.text for c in a.content] for a in document.attributions] == [
        ["We are ready,"],
        ["the talks will resume"],
    ]


def test_a_clause_after_the_cue_is_its_content_when_the_speaker_comes_first():
    document = dossier.extract(
        "Washington has charged the two with violations in sending arms to Russia, During a visit this month, "
        "Ambassador Linda Thomas-Greenfield said Moscow is offering support to both programs."
    )
    said = only(document, "said")
    assert [c.text for c in said.content] == ["Moscow is offering support to both programs"]


def test_a_quote_that_goes_straight_on_is_more_of_the_same_attribution():
    document = dossier.extract(
        "“The war paved the way,” said Ban Kil Joo, a professor. “It will be the beginning.”\n\n"
        "“A new paragraph opens a new one.”"
    )
    first, second = document.attributions
    assert [c.text for c in first.content] == ["The war paved the way,", "It will be the beginning."]
    assert first.cue.text == "said"
    assert [c.text for c in second.content] == ["A new paragraph opens a new one."]
    assert second.speaker == first.speaker


def test_a_raising_verb_attributes_its_clause_to_no_one_named():
    document = dossier.extract(
        "The strategy appears to be premised on a Republican victory. Clinton is expected to win Ohio. "
        "Clinton appeared at a rally in Ohio. He was told to leave."
    )
    appears = only(document, "appears")
    assert appears.source is None and appears.speaker is None
    assert [c.text for c in appears.content] == ["The strategy", "to be premised on a Republican victory"]
    expected = only(document, "is expected")
    assert [c.text for c in expected.content] == ["Clinton", "to win Ohio"]
    assert {a.cue.text for a in document.attributions} == {"appears", "is expected"}


def test_a_noun_of_saying_with_a_that_clause_is_an_attribution():
    document = dossier.extract(
        "Trump's claim that he opposed the war is false. The view that Iran is arming Russia is widespread. "
        "Sanders made a claim about trade."
    )
    claim = only(document, "claim")
    assert claim.source.text == "Trump"
    assert [c.text for c in claim.content] == ["he opposed the war"]
    view = only(document, "view")
    assert view.source is None
    assert [c.text for c in view.content] == ["Iran is arming Russia"]


def test_a_clause_before_a_closing_cue_is_its_content_even_when_it_holds_a_cue_word():
    document = dossier.extract("Trump's grasp of policy is worrying, Cuban said.")
    said = only(document, "said")
    assert [c.text for c in said.content] == ["Trump's grasp of policy is worrying"]
    assert [a.cue.text for a in document.attributions] == ["said"]


def test_a_set_off_cue_keeps_the_phrases_it_interrupts_as_content():
    document = dossier.extract(
        "At times last year, people close to the vice president said, the name could make him fume."
    )
    said = only(document, "said")
    assert [c.text for c in said.content] == ["At times last year", "the name could make him fume"]


def test_the_object_of_a_speech_verb_is_what_was_said_when_no_clause_follows():
    document = dossier.extract("The ministry confirmed the deployment on Monday.")
    confirmed = only(document, "confirmed")
    assert [c.text for c in confirmed.content] == ["the deployment"]


def test_a_person_spoken_to_is_not_what_was_said():
    document = dossier.extract("The minister told reporters on Monday.")
    assert document.attributions == []


def test_topics_and_stances_are_attributions_of_their_object():
    document = dossier.extract(
        "Kishida discussed the missile launches with Yoon. Senator Graham criticized the deal. "
        "Clinton is calling for a no-fly zone over Syria."
    )
    assert [c.text for c in only(document, "discussed").content] == ["the missile launches with Yoon"]
    assert [c.text for c in only(document, "criticized").content] == ["the deal"]
    assert "a no-fly zone over Syria" in only(document, "calling").content[0].text


def test_an_infinitive_of_purpose_takes_no_stance():
    document = dossier.extract("Lin said China would take resolute measures to defend its sovereignty.")
    assert [a.cue.text for a in document.attributions] == ["said"]


def test_a_question_a_speaker_answers_is_content_but_one_asked_is_not():
    document = dossier.extract("Cohn explained why the polls were wrong.")
    assert [c.text for c in only(document, "explained").content] == ["why the polls were wrong"]
    assert dossier.extract("The senator asked whether the polls were wrong.").attributions == []


def test_a_passive_cue_with_a_by_phrase_names_its_source():
    document = dossier.extract("The meeting was first reported by Politico.")
    reported = only(document, "was first reported")
    assert reported.source.text == "Politico"
    assert [c.text for c in reported.content] == ["The meeting"]


def test_according_to_any_record_is_an_attribution():
    document = dossier.extract("Clinton won 36 percent, according to the results.")
    according = only(document, "according to")
    assert according.source.text == "the results"


def test_a_quote_hung_on_any_verb_with_a_subject_is_what_the_subject_said():
    document = dossier.extract("Some in the crowd booed, and a man yelled “Stay there!”")
    yelled = only(document, "yelled")
    assert yelled.direct and [c.text for c in yelled.content] == ["Stay there!"]
    assert yelled.source.text == "a man"


def test_a_title_in_quote_marks_is_no_quotation():
    document = dossier.extract("Trump went on to promote “Celebrity Apprentice” on the show.")
    assert document.attributions == []


def test_the_speakers_own_i_think_inside_a_quote_is_the_quote():
    document = dossier.extract("“The talks will go on. I think they will resume in the spring,” the envoy said.")
    assert [a.cue.text for a in document.attributions] == ["said"]


def test_a_stance_takes_its_object_not_the_time_and_place_around_it():
    document = dossier.extract("Graham criticized the deal on Fox News last week, saying it rewards Iran.")
    assert [c.text for c in only(document, "criticized").content] == ["the deal"]


def test_a_naming_cue_says_what_it_names_and_the_name():
    document = dossier.extract("The ministry called the statement “offensive and outlandish.”")
    called = only(document, "called")
    assert called.content[0].text.startswith("the statement")


def test_a_reported_clause_ending_inside_a_quote_runs_to_its_closing_mark():
    document = dossier.extract("Trump said that ethanol producers “do a fantastic job. And it’s so important.”")
    said = only(document, "said")
    assert said.content[-1].text.endswith("And it’s so important.")


def test_a_quote_after_a_colon_belongs_to_the_sentence_the_colon_ends():
    document = dossier.extract(
        "The senator did not stop there. He continued:\n\n“The questions asked tonight show why no one trusts the media.”"
    )
    continued = only(document, "continued")
    assert continued.direct and continued.source.text == "He"
    assert continued.content[0].text.startswith("The questions asked tonight")


def test_a_noun_of_saying_as_a_cues_object_is_that_cues_attribution():
    document = dossier.extract("Rouhani expressed the hope that relations would improve.")
    assert [a.cue.text for a in document.attributions] == ["expressed"]

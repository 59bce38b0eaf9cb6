"""`dossier eval attributions`: the brat reader, its errors, the span and speaker scores, the command.

``tests/data/brat_mini`` holds two short invented wire stories annotated for this test:
direct and reported speech, a quote with the opening quotation mark as its cue, a split
quote (one discontinuous Content), a nested attribution (``Parent:``), one without a
Source, pronoun and short-form Sources with notes naming the speaker.

The scoring tests build predicted documents by hand, so they test the evaluation, not
the attribution stage (which is changing); one command test runs the real pipeline and
checks only the shape of the JSON it prints.
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Actor, Attribution, Document, Span
from dossier.errors import InputError
from dossier.evaluate import attributions as attributions_eval
from dossier.evaluate.attributions import (
    GoldArticle,
    GoldAttribution,
    GoldEntity,
    evaluate_attributions,
    is_quoted,
    miss_pattern,
    names_match,
    read_brat,
    read_brat_dir,
    read_gold,
    score_attributions,
)

GOLD = Path(__file__).parent / "data" / "brat_mini"


@pytest.fixture(scope="module")
def articles() -> list[GoldArticle]:
    return read_brat_dir(GOLD)


def by_name(articles, name) -> GoldArticle:
    return next(article for article in articles if article.name == name)


def span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def perfect(article: GoldArticle, *, shift_content: int = 0) -> Document:
    """The document a perfect attribution stage would give: one actor per gold speaker.

    ``shift_content`` moves every content fragment's start that many characters right.
    """
    text = article.text
    actors: dict[str, Actor] = {}
    for gold in article.attributions:
        if gold.speaker and gold.speaker not in actors:
            actors[gold.speaker] = Actor(id=f"a{len(actors)}", name=gold.speaker, kind="person")
    attributions = [
        Attribution(
            id=f"p{gold.id}",
            speaker=actors[gold.speaker].id if gold.speaker else None,
            source=span(text, gold.source.start, gold.source.end) if gold.source else None,
            cue=span(text, gold.cue.start, gold.cue.end),
            content=[span(text, start + shift_content, end) for start, end in gold.content.fragments],
            parent=f"p{gold.parent}" if gold.parent else None,
        )
        for gold in article.attributions
    ]
    return Document(id=article.name, text=text, actors=list(actors.values()), attributions=attributions)


def empty(article: GoldArticle) -> Document:
    return Document(id=article.name, text=article.text)


# --------------------------------------------------------------------------- reader


def test_the_fixture_reads_as_two_articles_of_six_attributions(articles):
    assert [a.name for a in articles] == ["01_darien_patrols", "02_estrela_crew"]
    assert [len(a.attributions) for a in articles] == [6, 6]


def test_spans_are_offsets_into_the_text_with_their_notes(articles):
    article = by_name(articles, "01_darien_patrols")
    first = article.attributions[0]
    assert first.id == "E1"
    assert first.cue.text == "said" and article.text[first.cue.start : first.cue.end] == "said"
    assert first.source.text == "Panama’s Foreign Minister Elena Ortiz"
    assert first.speaker == "Elena Ortiz"
    assert first.content.text.startswith("Panama and Colombia will begin joint patrols")
    # A pronoun Source carries the name of who it refers to.
    pronoun = article.attributions[4]
    assert (pronoun.source.text, pronoun.speaker) == ("He", "Rafael Duque")
    # A quote after a cue sentence has its opening mark as cue and shares the Source entity.
    quote = article.attributions[2]
    assert quote.cue.text == "“"
    assert quote.source is article.attributions[1].source


def test_a_discontinuous_span_keeps_its_fragments(articles):
    article = by_name(articles, "02_estrela_crew")
    split = next(a for a in article.attributions if a.id == "E3")
    assert len(split.content.fragments) == 2
    assert [article.text[s:e] for s, e in split.content.fragments] == [
        "The crew are in good health,",
        "and we expect them home before the weekend.",
    ]
    assert split.content.text == "The crew are in good health, and we expect them home before the weekend."


def test_parent_and_a_missing_source(articles):
    article = by_name(articles, "02_estrela_crew")
    events = {a.id: a for a in article.attributions}
    assert events["E2"].parent == "E1"
    assert all(a.parent is None for i, a in events.items() if i != "E2")
    assert events["E5"].source is None and events["E5"].speaker is None
    assert events["E5"].cue.text == "reported"


TEXT = "Kim said talks would resume. “We are ready,” she added."
GOOD = (
    "T1\tSource 0 3\tKim\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 9 27\ttalks would resume\n"
    "E1\tCue:T2 Source:T1 Content:T3\n"
    "#1\tAnnotatorNotes T1\tKim Min-ji\n"
)


def write_pair(folder: Path, ann: str, text: str = TEXT, name: str = "doc") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{name}.txt"


def test_other_brat_lines_are_skipped(tmp_path):
    ann = GOOD + (
        "R1\tSame Arg1:T1 Arg2:T3\n"
        "A1\tNegated E1\n"
        "M1\tConfidence E1 High\n"
        "N1\tReference T1 Wikipedia:534366\tKim\n"
        "*\tEquiv T1 T3\n"
        "#2\tOtherNote T2\tnot a speaker note\n"
        "\n"
    )
    article = read_brat(write_pair(tmp_path, ann))
    assert len(article.attributions) == 1
    assert article.attributions[0].speaker == "Kim Min-ji"


def test_a_source_without_a_note_has_no_speaker(tmp_path):
    article = read_brat(write_pair(tmp_path, GOOD.replace("#1\tAnnotatorNotes T1\tKim Min-ji\n", "")))
    assert article.attributions[0].source.text == "Kim"
    assert article.attributions[0].speaker is None


def test_crlf_files_keep_their_offsets(tmp_path):
    text = "Title\r\n\r\nKim said talks would resume."
    ann = "T1\tSource 9 12\tKim\r\nT2\tCue 13 17\tsaid\r\nT3\tContent 18 36\ttalks would resume\r\nE1\tCue:T2 Source:T1 Content:T3\r\n"
    folder = tmp_path / "crlf"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(text.encode("utf-8"))
    (folder / "doc.ann").write_bytes(ann.encode("utf-8"))
    article = read_brat(folder / "doc.txt")
    assert article.text == text
    assert article.attributions[0].content.text == "talks would resume"


@pytest.mark.parametrize(
    "line, bad_line, problem",
    [
        ("T9\tSource 0 3", 6, "three tab-separated fields"),
        ("T9\tSpeaker 0 3\tKim", 6, "type 'Speaker'"),
        ("T9\tSource 0 x\tKim", 6, "offsets '0 x'"),
        ("T9\tSource 3 0\tKim", 6, "empty or reversed"),
        ("T9\tSource 50 99\tKim", 6, "outside the text"),
        ("T9\tSource 0 4\tKim", 6, "is not the text at 0-4"),
        ("T9\tContent 9 14;21 27\ttalksresume", 6, "is not the text at 9-14;21-27"),
        ("T9\tContent 21 27;9 14\tresume talks", 6, "not in text order"),
        ("E2\tCue:T2 Source:T1", 6, "E2 has no Content"),
        ("E2\tCue:T2 Source:T7 Content:T3", 6, "Source:T7 names no text-bound annotation"),
        ("E2\tCue:T2 Source:T2 Content:T3", 6, "Source:T2 is a Cue, not a Source"),
        ("E2\tCue:T2 Content:T3 Parent:E7", 6, "Parent:E7 names no event"),
        ("E2\tCue:T2 Content:T3 Target:T1", 6, "argument role 'Target'"),
        ("E2\tSay:T2 Content:T3", 6, "trigger is its Cue"),
        ("E2\tCue:T2 Content:T3 Content:T3", 6, "Content twice"),
        ("E2\tCue:T2 Content", 6, "'Content' is not ROLE:ID"),
        ("T1\tSource 0 3\tKim", 6, "T1 is defined twice"),
        ("#2\tAnnotatorNotes T1\tKim", 6, "second note on T1"),
        ("#2\tAnnotatorNotes T8\tKim", 6, "note on T8"),
        ("T9 Source 0 3 Kim", 6, "not a brat annotation line"),
        ("X1\tSomething", 6, "unknown annotation 'X1'"),
    ],
)
def test_a_malformed_line_names_the_file_the_line_and_the_problem(tmp_path, line, bad_line, problem):
    txt = write_pair(tmp_path, GOOD + line + "\n")
    with pytest.raises(InputError) as caught:
        read_brat(txt)
    message = str(caught.value)
    assert caught.value.origin == f"{txt.with_suffix('.ann')}:{bad_line}"
    assert problem in message, message


def test_a_parent_cycle_is_an_error(tmp_path):
    ann = GOOD.replace("E1\tCue:T2 Source:T1 Content:T3", "E1\tCue:T2 Source:T1 Content:T3 Parent:E2") + (
        "E2\tCue:T2 Content:T3 Parent:E1\n"
    )
    with pytest.raises(InputError, match="Parent chain"):
        read_brat(write_pair(tmp_path, ann))


def test_an_event_may_not_be_its_own_parent(tmp_path):
    ann = GOOD.replace("Content:T3\n", "Content:T3 Parent:E1\n", 1)
    with pytest.raises(InputError, match=r"doc\.ann:4: E1 is its own Parent"):
        read_brat(write_pair(tmp_path, ann))


def test_a_text_without_its_annotation_is_an_error(tmp_path):
    write_pair(tmp_path, GOOD)
    (tmp_path / "lonely.txt").write_text("Nothing here.", encoding="utf-8")
    with pytest.raises(InputError, match=r"lonely\.txt: has no lonely\.ann"):
        read_brat_dir(tmp_path)


def test_an_annotation_without_its_text_is_an_error(tmp_path):
    write_pair(tmp_path, GOOD)
    (tmp_path / "orphan.ann").write_text(GOOD, encoding="utf-8")
    with pytest.raises(InputError, match=r"orphan\.ann: has no orphan\.txt"):
        read_brat_dir(tmp_path)


def test_a_missing_or_empty_directory_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        read_brat_dir(tmp_path / "nowhere")
    with pytest.raises(InputError, match="holds no .txt files"):
        read_brat_dir(tmp_path)
    with pytest.raises(InputError, match="is not a directory"):
        read_brat_dir(write_pair(tmp_path, GOOD))


def test_read_brat_dir_limit_keeps_the_first_files():
    assert [a.name for a in read_brat_dir(GOLD, limit=1)] == ["01_darien_patrols"]


# --------------------------------------------------------------------------- scores


def test_perfect_predictions_score_one_everywhere(articles):
    scores = score_attributions(articles, [perfect(a) for a in articles])
    assert (scores.files, scores.gold, scores.predicted, scores.aligned) == (2, 12, 12, 12)
    for role in ("cue", "source", "content"):
        for matching in ("exact", "overlap"):
            figure = getattr(scores.roles[role], matching)
            assert (figure.precision, figure.recall, figure.f1) == (1.0, 1.0, 1.0), (role, matching)
    assert scores.roles["source"].exact.gold == 11  # E5 of the second article has no Source
    assert (scores.speaker_accuracy, scores.speaker_gold) == (1.0, 11)
    assert (scores.nesting_accuracy, scores.nesting_gold) == (1.0, 1)
    assert scores.f1 == 1.0
    assert scores.errors == []


def test_a_shifted_span_counts_for_overlap_but_not_exact(articles):
    scores = score_attributions(articles, [perfect(a, shift_content=2) for a in articles])
    content = scores.roles["content"]
    assert content.overlap.f1 == 1.0
    assert content.exact.matched == 0 and content.exact.f1 == 0.0
    assert scores.roles["cue"].exact.f1 == 1.0  # the other roles are untouched


def test_zero_predictions_give_zero_recall_and_no_precision(articles):
    scores = score_attributions(articles, [empty(a) for a in articles])
    for role in ("cue", "source", "content"):
        for figure in (scores.roles[role].exact, scores.roles[role].overlap):
            assert figure.precision is None
            assert figure.recall == 0.0
            assert figure.f1 == 0.0
    assert scores.speaker_accuracy == 0.0
    assert scores.nesting_accuracy == 0.0
    assert scores.predicted == 0 and scores.aligned == 0
    assert [e.kind for e in scores.errors] == ["missed"] * 12
    json.dumps(scores.to_dict())  # None figures are JSON null


def test_no_gold_and_no_predictions_leave_every_rate_none(tmp_path):
    article = read_brat(write_pair(tmp_path, "", text="Nothing is said here."))
    scores = score_attributions([article], [empty(article)])
    assert scores.f1 is None and scores.speaker_accuracy is None and scores.nesting_accuracy is None


def split_quote(articles):
    """The article with a quote split around its cue, a perfect prediction of it, the
    predicted attribution of that quote and the gold fragments."""
    article = by_name(articles, "02_estrela_crew")
    document = perfect(article)
    split = next(a for a in document.attributions if a.id == "pE3")
    gold = next(a for a in article.attributions if a.id == "E3")
    return article, document, split, gold.content.fragments


def test_content_is_compared_as_the_union_of_its_fragments(articles):
    article, document, split, ((s1, e1), (s2, e2)) = split_quote(articles)
    text = article.text

    split.content = [span(text, s2, e2), span(text, s1, e1)]  # order does not matter
    assert score_attributions([article], [document]).roles["content"].exact.f1 == 1.0

    split.content = [span(text, s1, e2)]  # one span over both and the cue between: not exact
    scores = score_attributions([article], [document])
    assert scores.roles["content"].exact.matched == 5
    assert scores.roles["content"].overlap.matched == 6

    split.content = [span(text, s1, e1)]  # half the quote still overlaps
    assert score_attributions([article], [document]).roles["content"].overlap.f1 == 1.0


def test_spans_are_matched_one_to_one(articles):
    article = by_name(articles, "01_darien_patrols")
    gold = article.attributions[0]
    text = article.text
    cue = span(text, gold.cue.start, gold.cue.end)
    content = span(text, gold.content.start, gold.content.end)
    document = Document(
        id=article.name,
        text=text,
        attributions=[
            Attribution(id="p1", cue=cue, content=[content]),
            Attribution(id="p2", cue=cue, content=[span(text, content.start + 10, content.end)]),
        ],
    )
    scores = score_attributions([article], [document])
    content_overlap = scores.roles["content"].overlap
    assert (content_overlap.gold, content_overlap.predicted, content_overlap.matched) == (6, 2, 1)
    assert content_overlap.precision == 0.5
    # The larger overlap wins: the exact one is the one matched, and p2 is spurious.
    assert scores.roles["content"].exact.matched == 1
    assert [(e.kind, e.predicted_id) for e in scores.errors if e.kind == "spurious"] == [("spurious", "p2")]


def test_speaker_accuracy_takes_short_forms_and_mentions(articles):
    article = by_name(articles, "02_estrela_crew")
    document = perfect(article)
    text = article.text
    # Gold names "Marta Sousa"; the actor is "Ms. Sousa" (a short form with an honorific).
    sousa = next(a for a in document.actors if a.name == "Marta Sousa")
    sousa.name = "Ms. Sousa"
    # Gold names "Moroccan authorities"; the actor's name is off but a mention matches.
    morocco = next(a for a in document.actors if a.name == "Moroccan authorities")
    morocco.name = "Morocco"
    start = text.index("Moroccan authorities")
    morocco.mentions = [span(text, start, start + len("Moroccan authorities"))]
    # Gold names "Portugal’s foreign ministry"; the actor is "Lisbon": wrong.
    portugal = next(a for a in document.actors if a.name == "Portugal’s foreign ministry")
    portugal.name = "Lisbon"

    scores = score_attributions([article], [document])
    assert scores.speaker_gold == 5
    assert scores.speaker_correct == 4
    wrong = [e for e in scores.errors if e.kind == "speaker"]
    assert [(e.gold_id, e.gold_speaker, e.predicted_speaker) for e in wrong] == [
        ("E1", "Portugal’s foreign ministry", "Lisbon")
    ]
    assert "Portugal’s foreign ministry said on Wednesday" in wrong[0].sentence


def test_a_prediction_without_a_speaker_is_wrong(articles):
    article = by_name(articles, "01_darien_patrols")
    document = perfect(article)
    for attribution in document.attributions:
        attribution.speaker = None
    scores = score_attributions([article], [document])
    assert scores.speaker_accuracy == 0.0
    assert len([e for e in scores.errors if e.kind == "speaker"]) == 6


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Rouhani", "Hassan Rouhani", True),
        ("Mr. Rouhani", "Hassan Rouhani", True),
        ("the Foreign Ministry", "foreign ministry", True),
        ("Dr Park", "Park Jin", True),
        ("Kim Yo-jong", "Kim Yo-jong, the leader's sister", True),
        ("South Korea's Joint Chiefs of Staff", "South Korea’s Joint Chiefs of Staff", True),
        ("Rou", "Hassan Rouhani", False),
        ("Park Jin", "Jin Park", False),
        ("the", "The Ministry", False),
        ("Lisbon", "Portugal", False),
    ],
)
def test_names_match(a, b, same):
    assert names_match(a, b) is same
    assert names_match(b, a) is same


def test_nesting_needs_the_parent_of_the_aligned_parent(articles):
    article = by_name(articles, "02_estrela_crew")
    document = perfect(article)
    inner = next(a for a in document.attributions if a.id == "pE2")
    inner.parent = "pE3"
    assert score_attributions([article], [document]).nesting_accuracy == 0.0
    inner.parent = None
    assert score_attributions([article], [document]).nesting_accuracy == 0.0
    inner.parent = "pE1"
    assert score_attributions([article], [document]).nesting_accuracy == 1.0


def test_a_wrong_cue_is_aligned_by_content(articles):
    article = by_name(articles, "01_darien_patrols")
    document = perfect(article)
    first = document.attributions[0]
    text = article.text
    start = text.index("on Tuesday")
    first.cue = span(text, start, start + 2)  # a wrong cue, the right content and speaker
    scores = score_attributions([article], [document])
    assert scores.aligned == 6
    assert scores.roles["cue"].exact.matched == 5
    assert scores.speaker_accuracy == 1.0
    assert not [e for e in scores.errors if e.kind in ("missed", "spurious")]


def test_errors_name_missed_gold_and_spurious_predictions_with_their_sentences(articles):
    article = by_name(articles, "01_darien_patrols")
    text = article.text
    document = perfect(article)
    del document.attributions[4]  # "He added that ..." goes missing
    start = text.index("Agree")
    document.attributions.append(Attribution(id="px", cue=span(text, start, start + 5), content=[]))
    scores = score_attributions([article], [document])
    missed = [e for e in scores.errors if e.kind == "missed"]
    spurious = [e for e in scores.errors if e.kind == "spurious"]
    assert [(e.gold_id, e.cue, e.source, e.gold_speaker) for e in missed] == [("E5", "added", "He", "Rafael Duque")]
    assert missed[0].sentence == "He added that his government had not yet set a budget for the mission."
    assert missed[0].content == "his government had not yet set a budget for the mission"
    assert [(e.predicted_id, e.cue) for e in spurious] == [("px", "Agree")]
    assert spurious[0].sentence == "Panama and Colombia Agree on Joint Patrols Along Darien Border"
    listed = scores.to_dict()["errors"]
    assert {"file", "kind", "gold", "predicted", "sentence", "cue", "source", "content"} <= set(listed[0])
    assert "errors" not in scores.to_dict(errors=False)


def test_a_split_quote_error_shows_both_fragments(articles):
    article = by_name(articles, "02_estrela_crew")
    document = perfect(article)
    document.attributions = [a for a in document.attributions if a.id != "pE3"]
    missed = [e for e in score_attributions([article], [document]).errors if e.kind == "missed"]
    assert missed[0].content == "The crew are in good health, … and we expect them home before the weekend."
    assert missed[0].sentence.startswith("“The crew are in good health,” Deputy Foreign Minister Marta Sousa said")


def test_articles_and_documents_must_pair_up(articles):
    with pytest.raises(ValueError, match="2 gold articles but 1 documents"):
        score_attributions(articles, [perfect(articles[0])])
    with pytest.raises(ValueError, match="does not hold the text"):
        score_attributions(articles[:1], [perfect(articles[1])])


def test_to_dict_holds_every_figure(articles):
    figures = score_attributions(articles, [perfect(a) for a in articles]).to_dict()
    assert figures["files"] == 2 and figures["gold_attributions"] == 12 and figures["predicted_attributions"] == 12
    for role in ("cue", "source", "content"):
        for matching in ("exact", "overlap"):
            assert set(figures[role][matching]) == {"precision", "recall", "f1", "gold", "predicted", "matched"}
    assert figures["speaker"] == {"accuracy": 1.0, "gold": 11, "correct": 11}
    assert figures["nesting"] == {"accuracy": 1.0, "gold": 1, "correct": 1}
    assert figures["f1"] == 1.0


# --------------------------------------------------------------------------- evaluate and command


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace the pipeline with perfect documents, except no attributions for the second file."""
    calls = []

    def extract_articles(articles, **kwargs):
        articles = list(articles)
        calls.append([a.name for a in articles])
        return iter([perfect(a) if i == 0 else empty(a) for i, a in enumerate(articles)])

    monkeypatch.setattr(attributions_eval, "extract_articles", extract_articles)
    return calls


def test_evaluate_attributions_reads_scores_and_limits(fake_extractor):
    scores = evaluate_attributions(GOLD)
    assert (scores.files, scores.gold, scores.predicted) == (2, 12, 6)
    assert scores.roles["content"].overlap.recall == 0.5
    scores = evaluate_attributions(GOLD, limit=1)
    assert scores.files == 1 and scores.f1 == 1.0
    assert fake_extractor == [["01_darien_patrols", "02_estrela_crew"], ["01_darien_patrols"]]


def test_evaluate_attributions_checks_every_file_before_extracting(tmp_path, fake_extractor):
    write_pair(tmp_path, GOOD, name="a")
    write_pair(tmp_path, GOOD.replace("0 3\tKim", "0 3\tKimm"), name="b")
    with pytest.raises(InputError, match=r"b\.ann:1"):
        evaluate_attributions(tmp_path)
    assert fake_extractor == []


@pytest.fixture
def runner():
    return CliRunner()


def test_eval_attributions_prints_one_table(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "attributions", str(GOLD)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "attribution evaluation: brat_mini" in out
    for word in ("cue", "source", "content", "exact F1", "overlap F1", "speaker accuracy", "nesting accuracy"):
        assert word in out
    assert "0.667" in out  # content F1: 6 of 12 gold found, all 6 predictions right
    assert "—" not in out.split("speaker accuracy")[0]  # every role has predictions


def test_eval_attributions_errors_lists_the_misses(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "attributions", str(GOLD), "--errors"])
    assert result.exit_code == 0, result.output
    assert "6 attribution errors" in result.stdout
    assert "02_estrela_crew missed E3" in result.stdout
    assert "and we expect them home before the weekend." in result.stdout


def test_eval_attributions_json_and_min_f1(runner, fake_extractor):
    result = runner.invoke(app, ["eval", "attributions", str(GOLD), "--format", "json", "--errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["content"]["overlap"]["recall"] == 0.5
    assert len(figures["errors"]) == 6
    assert "errors" not in json.loads(runner.invoke(app, ["eval", "attributions", str(GOLD), "-f", "json"]).stdout)

    assert runner.invoke(app, ["eval", "attributions", str(GOLD), "--min-f1", "0.6"]).exit_code == 0
    below = runner.invoke(app, ["eval", "attributions", str(GOLD), "--min-f1", "0.7"])
    assert below.exit_code == 1
    assert "content F1 (overlap) 0.667 is below --min-f1 0.7" in below.stderr


def test_eval_attributions_names_a_bad_gold_file(runner, tmp_path, fake_extractor):
    write_pair(tmp_path, GOOD + "E2\tCue:T2\n")
    result = runner.invoke(app, ["eval", "attributions", str(tmp_path)])
    assert result.exit_code == 1
    assert "doc.ann:6: E2 has no Content" in result.stderr


def test_eval_attributions_runs_the_real_pipeline(runner):
    result = runner.invoke(app, ["eval", "attributions", str(GOLD), "--format", "json", "--errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["files"], figures["gold_attributions"]) == (2, 12)
    assert isinstance(figures["predicted_attributions"], int)
    for role in ("cue", "source", "content"):
        for matching in ("exact", "overlap"):
            assert set(figures[role][matching]) == {"precision", "recall", "f1", "gold", "predicted", "matched"}
    assert set(figures["speaker"]) == set(figures["nesting"]) == {"accuracy", "gold", "correct"}
    assert isinstance(figures["errors"], list)


# --------------------------------------------------------------------------- PolNeAR layout

ALPHA = (
    "Bridge to reopen in May\n\n"
    "Mayor Lena Brandt said the bridge would reopen in May. "
    "“We have fixed every cable,” she told reporters, “and the deck is safe.”\n\n"
    "It was reported that the contractor had been paid twice. "
    "According to the council, the repairs cost\nfour million euros.\n"
)
BETA = (
    "Crowds gathered downtown. Organizers believe twenty thousand people came. "
    "A second march is planned for June. The police said little: ``We are watching.''\n"
)


def entity(ident: str, kind: str, text: str, *phrases: str) -> str:
    """A PolNeAR entity line over ``phrases`` (each the first one in ``text``), fragments in the order given."""
    spans = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    offsets = ";".join(f"{start} {end}" for start, end in spans)
    return f"{ident}\t{kind} {offsets}\t{' '.join(text[start:end] for start, end in spans)}\n"


# The annotator metadata.tsv names first for alpha_report: four attributions, PolNeAR's quirks.
ALPHA_BB22 = (
    entity("T1", "Source", ALPHA, "Mayor Lena Brandt")
    + entity("T2", "Cue", ALPHA, "said")
    + entity("T3", "Content", ALPHA, "the bridge would reopen in May")
    + entity("T4", "Attribution", ALPHA, "said")
    + "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    + entity("T5", "Source", ALPHA, "she")
    + entity("T6", "Cue", ALPHA, "told")
    + entity("T7", "Content", ALPHA, "We have fixed every cable,")
    + entity("T8", "Content", ALPHA, "and the deck is safe.")
    + entity("T9", "Attribution", ALPHA, "told")
    + "E2\tAttribution:T9 Source:T5 Cue:T6 Content:T7 Content2:T8\n"
    + entity("T10", "Cue", ALPHA, "was reported")
    + entity("T11", "Content", ALPHA, "the contractor had been paid twice")
    + entity("T12", "Attribution-no-source", ALPHA, "was reported")
    + "E3\tAttribution-no-source:T12 Content:T11 Cue:T10\n"
    + entity("T13", "Cue", ALPHA, "According to")
    + entity("T14", "Source", ALPHA, "the council")
    + entity("T15", "Content", ALPHA, "the repairs cost\nfour million euros")  # the text runs onto a second line
    + entity("T16", "Attribution", ALPHA, "According to")
    + "E4\tAttribution:T16 Cue:T13 Source:T14 Content:T15\n"
    + "E5\tAttribution:T16 \n"  # a bare trigger, left over: no attribution
    + entity("T17", "Discard", ALPHA, "Bridge to reopen in May")
    + "#1\tAnnotatorNotes T1\tIs the headline an attribution?\n"  # a comment, not a speaker
)
# The alphabetically first annotator of alpha_report, not chosen while metadata.tsv names bb22.
ALPHA_AA11 = (
    entity("T1", "Source", ALPHA, "Mayor Lena Brandt")
    + entity("T2", "Cue", ALPHA, "said")
    + entity("T3", "Content", ALPHA, "the bridge would reopen in May")
    + entity("T4", "Attribution", ALPHA, "said")
    + "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"
)
BETA_CC33 = (
    entity("T1", "Source", BETA, "Organizers")
    + entity("T2", "Cue", BETA, "believe")
    + entity("T3", "Content", BETA, "twenty thousand people came")
    + entity("T4", "Attribution", BETA, "believe")
    + "E1\tAttribution:T4 Source:T1 Content:T3 Cue:T2\n"
    + entity("T5", "Cue", BETA, "is planned")
    + entity("T6", "Content", BETA, "for June", "A second march")  # discontinuous, fragments out of text order
    + entity("T7", "Attribution", BETA, "is planned")
    + "E2\tAttribution:T7 Content:T6 Cue:T5\n"  # an Attribution trigger and no Source
    + entity("T8", "Source", BETA, "The police")
    + entity("T9", "Cue", BETA, "said")
    + entity("T10", "Content", BETA, "We are watching.")
    + entity("T11", "Attribution", BETA, "said")
    + "E3\tAttribution:T11 Cue:T9 Content:T10 Source:T8\n"
)
METADATA = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\n"
    "train\talpha_report\t3\tbb22|aa11\tExample Wire\n"
    "train\tbeta_rally\t2\t\tExample Wire\n"
    "train\tgamma_brief\t1\t\tExample Wire\n"
)


def polnear_split(folder: Path, *, metadata: bool = True) -> Path:
    """A PolNeAR-shaped split: two annotated articles (one read by two annotators), one without annotation."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for name, text in (("alpha_report", ALPHA), ("beta_rally", BETA), ("gamma_brief", "Nobody is quoted here.\n")):
        (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for name, ann in (
        ("alpha_report_aa11", ALPHA_AA11),
        ("alpha_report_bb22", ALPHA_BB22),
        ("beta_rally_cc33", BETA_CC33),
    ):
        (folder / "attributions" / f"{name}.ann").write_text(ann, encoding="utf-8")
    if metadata:
        (folder / "metadata.tsv").write_text(METADATA, encoding="utf-8")
    return folder


@pytest.fixture
def split(tmp_path) -> Path:
    return polnear_split(tmp_path / "polnear" / "train")


def test_polnear_scores_the_annotator_metadata_names_first(split):
    articles, skipped = read_gold(split)
    assert [(a.name, a.annotator) for a in articles] == [("alpha_report", "bb22"), ("beta_rally", "cc33")]
    assert [len(a.attributions) for a in articles] == [4, 3]
    assert articles[0].origin.endswith("alpha_report_bb22.ann")
    assert len(skipped) == 1


def test_polnear_without_metadata_takes_the_first_annotator_by_name(tmp_path):
    articles, _ = read_gold(polnear_split(tmp_path / "train", metadata=False))
    assert [(a.name, a.annotator) for a in articles] == [("alpha_report", "aa11"), ("beta_rally", "cc33")]
    assert len(articles[0].attributions) == 1


def test_polnear_reads_its_events_and_quirks(split):
    alpha, beta = read_gold(split)[0]
    said, told, reported, according = alpha.attributions
    assert (said.cue.text, said.source.text, said.content.text) == (
        "said",
        "Mayor Lena Brandt",
        "the bridge would reopen in May",
    )
    assert said.speaker is None  # PolNeAR's notes are annotators' comments
    # Content and Content2 make one content of two fragments.
    assert [alpha.text[s:e] for s, e in told.content.fragments] == [
        "We have fixed every cable,",
        "and the deck is safe.",
    ]
    assert (told.cue.text, told.source.text) == ("told", "she")
    assert reported.source is None and reported.cue.text == "was reported"
    assert according.content.text == "the repairs cost\nfour million euros"  # read across the line break
    assert [a.id for a in alpha.attributions] == ["E1", "E2", "E3", "E4"]  # E5, a bare trigger, is left out
    believe, planned, police = beta.attributions
    assert planned.source is None and planned.cue.text == "is planned"
    assert [beta.text[s:e] for s, e in planned.content.fragments] == ["A second march", "for June"]  # in text order
    assert planned.content.text == "for June A second march"  # as the file lists them
    assert (believe.cue.text, police.content.text) == ("believe", "We are watching.")


def test_polnear_offsets_are_str_indices(split):
    alpha = read_gold(split)[0][0]
    for attribution in alpha.attributions:
        for entity_ in (attribution.cue, attribution.source, attribution.content):
            if entity_ is not None:
                assert " ".join(alpha.text[s:e] for s, e in entity_.fragments).split() == entity_.text.split()


def test_polnear_skips_an_article_without_annotation_with_one_line(split):
    _, skipped = read_gold(split)
    assert len(skipped) == 1
    assert "gamma_brief" in skipped[0] and "skipped" in skipped[0]


def test_polnear_limit_counts_articles_read(split):
    articles, skipped = read_gold(split, limit=1)
    assert [a.name for a in articles] == ["alpha_report"]
    assert skipped == []  # gamma_brief lies past the limit


def test_polnear_an_annotation_without_its_text_is_an_error(split):
    (split / "attributions" / "delta_note_dd44.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"delta_note_dd44\.ann: has no text/delta_note\.txt"):
        read_gold(split)


def test_polnear_a_folder_of_splits_names_them(split):
    with pytest.raises(InputError, match=r"holds PolNeAR splits \(train\); name one"):
        read_gold(split.parent)


@pytest.mark.parametrize(
    "line, problem",
    [
        ("E9\tCue:T2 Content:T3", "trigger is Attribution or Attribution-no-source"),
        ("E9\tAttribution:T4 Target:T3", "argument role 'Target'"),
        ("E9\tAttribution:T4 Content:T99", "Content:T99 names no text-bound annotation"),
        ("T99\tSpeaker 0 3\tBri", "type 'Speaker'"),
        ("T99\tSource 0 4\tBri", "is not the text at 0-4"),
        ("T99\tContent 0 6;3 9\tBridge dge to", "not in text order or overlap"),
    ],
)
def test_polnear_an_unreadable_line_names_the_file_and_line(split, line, problem):
    ann = split / "attributions" / "alpha_report_bb22.ann"
    ann.write_text(ALPHA_BB22 + line + "\n", encoding="utf-8")
    lines = len((ALPHA_BB22 + line).split("\n"))
    with pytest.raises(InputError) as caught:
        read_gold(split)
    assert caught.value.origin == f"{ann}:{lines}"
    assert problem in str(caught.value), str(caught.value)


def test_the_flat_reader_keeps_its_strict_rules(tmp_path):
    ann = GOOD.replace("T3\tContent 9 27\ttalks would resume", "T3\tContent 21 27;9 14\tresume talks")
    with pytest.raises(InputError, match="not in text order"):
        read_brat(write_pair(tmp_path, ann))
    with pytest.raises(InputError, match="trigger is its Cue"):
        read_brat(write_pair(tmp_path, GOOD + "E2\tAttribution:T2 Content:T3\n"))


# --------------------------------------------------------------------------- direct quotes


@pytest.mark.parametrize(
    "text, content, quoted",
    [
        ("“We are ready,” she said.", "We are ready", True),
        ("“We are ready,” she said.", "We are ready,", True),
        ("“We are ready,” she said.", "“We are ready,”", True),
        ('She said: "We are ready."', "We are ready.", True),
        ("He said: ``We are ready.''", "We are ready.", True),
        ("He said ``we are ready'' to talk.", "``we are ready'' to talk", True),  # opens with a mark
        ('He said the plan had "failed completely" in May.', 'the plan had "failed completely"', False),
        ("He said they were ready.", "they were ready", False),
        ("He said “soon” they were ready.", "they were ready", False),  # a mark before, none after
        ("«We are ready,» he said.", "We are ready,", True),
        ("‘We are ready,’ he said.", "We are ready", True),
        ("He said 'we are ready' to talk.", "we are ready", False),  # a straight single quote may be an apostrophe
    ],
)
def test_is_quoted(text, content, quoted):
    start = text.index(content)
    assert is_quoted(text, ((start, start + len(content)),)) is quoted


def test_direct_quotes_are_scored_apart(split):
    articles, _ = read_gold(split)
    scores = score_attributions(articles, [perfect(a) for a in articles])  # no prediction says direct
    assert (scores.direct_gold, scores.direct_predicted) == (2, 2)  # the split quote and the ``police'' one
    for role in ("cue", "source", "content"):
        assert scores.direct[role].exact.f1 == 1.0 and scores.direct[role].overlap.f1 == 1.0
    assert scores.direct["content"].exact.gold == 2
    figures = scores.to_dict()["direct"]
    assert (figures["gold_attributions"], figures["predicted_attributions"], figures["f1"]) == (2, 2, 1.0)
    assert set(figures["cue"]["overlap"]) == {"precision", "recall", "f1", "gold", "predicted", "matched"}


def test_a_prediction_that_says_direct_counts_as_one(split):
    articles, _ = read_gold(split)
    alpha = articles[0]
    document = perfect(alpha)
    document.attributions[0].direct = True  # "said the bridge would reopen": no marks, but Dossier says so
    scores = score_attributions([alpha], [document])
    assert (scores.direct_gold, scores.direct_predicted) == (1, 2)
    assert scores.direct["content"].overlap.precision == 0.5
    assert scores.direct["content"].overlap.recall == 1.0
    empty_scores = score_attributions([alpha], [empty(alpha)])
    assert empty_scores.direct["content"].overlap.recall == 0.0 and empty_scores.direct_predicted == 0


# --------------------------------------------------------------------------- missed patterns


def gold_attribution(text: str, cue: str, content: str, source: str | None = None):
    """A one-attribution gold article over ``text``: each role the first such phrase."""

    def role(kind: str, phrase: str) -> GoldEntity:
        start = text.index(phrase)
        return GoldEntity(f"T{kind}", kind, ((start, start + len(phrase)),), phrase)

    attribution = GoldAttribution(
        "E1", cue=role("Cue", cue), content=role("Content", content), source=role("Source", source) if source else None
    )
    return GoldArticle("doc", text, (attribution,)), attribution


@pytest.mark.parametrize(
    "text, cue, content, source, pattern",
    [
        ("According to the ministry, talks failed.", "According to", "talks failed", "the ministry", "according to"),
        ("“Talks failed,” the minister said.", "said", "Talks failed,", "the minister", "direct quote"),
        ("It was reported that talks failed.", "was reported", "talks failed", None, "source-less/passive"),
        ("Talks are expected to fail.", "are expected", "Talks", None, "source-less/passive"),
        ("His claim that talks failed was false.", "claim", "talks failed", "His", "nominal cue"),
        ("In a statement, the ministry denied it.", "statement", "denied it", "the ministry", "nominal cue"),
        ("The minister claims talks failed.", "claims", "talks failed", "The minister", "speech verb"),
        ("The minister believes talks failed.", "believes", "talks failed", "The minister", "belief/intention verb"),
        ("The minister wanted talks to fail.", "wanted", "talks to fail", "The minister", "belief/intention verb"),
        ("The minister told us talks failed.", "told", "talks failed", "The minister", "speech verb"),
        ("The minister: talks failed.", ":", "talks failed", "The minister", "punctuation cue"),
        ("The senator endorsed the plan.", "endorsed", "the plan", "The senator", "stance verb"),
        ("The senator vowed to fight on.", "vowed", "to fight on", "The senator", "commitment verb"),
        ("The data show talks failed.", "show", "talks failed", "The data", "evidence verb"),
        ("The minister hinted talks failed.", "hinted", "talks failed", "The minister", "other"),
    ],
)
def test_missed_attributions_are_classified_by_their_cue(text, cue, content, source, pattern):
    article, attribution = gold_attribution(text, cue, content, source)
    assert miss_pattern(article, attribution) == pattern


def test_missed_patterns_are_counted_most_first(split):
    articles, _ = read_gold(split)
    scores = score_attributions(articles, [empty(a) for a in articles])
    assert scores.missed_patterns == {
        "direct quote": 2,
        "source-less/passive": 2,
        "according to": 1,
        "belief/intention verb": 1,
        "speech verb": 1,
    }
    missed = {(e.file, e.gold_id): e.pattern for e in scores.errors}
    assert missed[("alpha_report", "E2")] == "direct quote"
    assert missed[("beta_rally", "E2")] == "source-less/passive"
    figures = scores.to_dict()
    assert figures["missed_patterns"]["direct quote"] == 2
    assert {e["pattern"] for e in figures["errors"]} == set(scores.missed_patterns)


# --------------------------------------------------------------------------- the command on PolNeAR


def test_eval_attributions_reads_a_polnear_split(runner, split, fake_extractor):
    result = runner.invoke(app, ["eval", "attributions", str(split)])
    assert result.exit_code == 0, result.output
    assert "attribution evaluation: train" in result.stdout
    assert "direct quotes: content" in result.stdout and "gold direct quotes" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "gamma_brief" in warnings[0]
    assert fake_extractor == [["alpha_report", "beta_rally"]]


def test_eval_attributions_polnear_json_and_errors(runner, split, fake_extractor):
    result = runner.invoke(app, ["eval", "attributions", str(split), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (figures["files"], figures["gold_attributions"], figures["predicted_attributions"]) == (2, 7, 4)
    assert figures["direct"]["content"]["overlap"]["recall"] == 0.5  # alpha's split quote found, beta's missed
    assert len(figures["skipped"]) == 1
    result = runner.invoke(app, ["eval", "attributions", str(split), "--errors"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "missed by pattern: 3" in out
    assert "— missed: direct quote (1)" in out and "beta_rally missed E3" in out
    assert out.index("— missed: belief/intention verb (1)") < out.index("beta_rally missed E1")


def test_an_exact_content_match_looks_past_quote_marks_and_a_leading_that():
    from dossier.evaluate.attributions import _trimmed_span

    text = "He said “we are ready,” and added that talks would resume."
    quoted = (text.index("“"), text.index("”") + 1)
    bare = (text.index("we"), text.index("ready") + len("ready"))
    assert _trimmed_span(text, (quoted,)) == _trimmed_span(text, (bare,)) == (bare,)
    clause = (text.index("that"), len(text))
    assert text[slice(*_trimmed_span(text, (clause,))[0])] == "talks would resume"


def test_exact_content_ignores_the_marks_and_commas_at_every_fragment_edge(articles):
    article, document, split, ((s1, e1), (s2, e2)) = split_quote(articles)
    text = article.text
    trailing = e1 + len(text[e1:]) - len(text[e1:].lstrip(",”’\"' "))
    split.content = [span(text, s1, min(trailing, s2)), span(text, s2, e2)]  # the first keeps its comma and mark
    assert score_attributions([article], [document]).roles["content"].exact.f1 == 1.0

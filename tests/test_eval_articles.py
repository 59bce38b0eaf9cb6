"""`dossier eval articles`: whole-article event gold, the side keys, the score arithmetic, the command.

The scoring tests use a hand-built document, so they test the evaluation, not the event
extractor; the command tests read a tiny gold file and corpus written here, with the
extractor replaced by the same hand-built document, and one test runs the real pipeline.
"""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Actor, Document, Event, Span, Timex
from dossier.errors import InputError
from dossier.evaluate import articles as articles_eval
from dossier.evaluate.articles import (
    GoldArticle,
    GoldEvent,
    evaluate_articles,
    gold_keys,
    igo_key,
    locate_sentence,
    read_articles,
    score_articles,
)

S1 = "Russia attacked Ukraine on Monday."
S2 = "France and Germany did not criticize Iran."
S3 = "NATO urged Iran to stop."
S4 = "The United Nations urged Syria to comply."
S5 = "The U.S. embassy was bombed."
S6 = "Iran and Iraq held talks in Baghdad."
S7 = "Nothing of note happened here."
S9 = "Japan threatened China."
# S2 stands in the text with a line break inside it: found by its words.
TEXT = " ".join([S1, S2.replace("not criticize", "not\n  criticize"), S3, S4, S5, S6, S7, S9])
PUBLISHED = dt.date(2024, 3, 6)


def gold_event(sentence, type, source, target, status="asserted", negated=False, date=None, cameo="010"):
    return GoldEvent(
        sentence=sentence,
        trigger=sentence.split()[1],
        type=type,
        cameo=cameo,
        source=tuple(source),
        target=tuple(target),
        status=status,
        negated=negated,
        date=tuple(dt.date.fromisoformat(day) for day in date) if date else None,
    )


GOLD_EVENTS = [
    gold_event(S1, "ASSAULT", ["RUS"], ["UKR"], date=("2024-03-04", "2024-03-04")),  # g1
    gold_event(S2, "ACCUSE", ["FRA", "DEU"], ["IRNGOV"], negated=True),  # g2
    gold_event(S3, "REQUEST", ["IGONAT"], ["IRN"], date=("2024-03-01", "2024-03-31")),  # g3
    gold_event(S4, "REQUEST", ["IGOUNO"], ["SYR"], status="reported"),  # g4
    gold_event(S5, "ASSAULT", ["-"], ["USA"]),  # g5: one-sided
    gold_event(S6, "CONSULT", ["IRN", "IRQ"], ["IRN", "IRQ"], date=("2024-03-04", "2024-03-04")),  # g6
    gold_event("This sentence is not in the text.", "AID", ["USA"], ["UKR"]),  # g8: skipped
    gold_event(S9, "THREATEN", ["JPN"], ["CHN"]),  # g9
]

ACTORS = {  # id: (kind, country, code)
    "rus": ("state", "RUS", "RUS"),
    "ukr": ("state", "UKR", "UKR"),
    "fra": ("state", "FRA", "FRA"),
    "irn": ("state", "IRN", "IRN"),
    "nato": ("igo", None, "IGOWSTNAT"),
    "iaea": ("igo", None, "IGOUNOIAE"),
    "syr": ("state", "SYR", "SYR"),
    "usa": ("person", "USA", "USAGOV"),
    "irq": ("state", "IRQ", "IRQ"),
    "jpn": ("state", "JPN", "JPN"),
    "chn": ("state", "CHN", "CHN"),
    "nobody": ("organization", None, None),  # named, but with no country: no key
}


def span(text, part):
    start = text.index(part)
    return Span(start=start, end=start + len(part), text=part)


def sentence_span(text, sentence):
    start, end = locate_sentence(sentence, text)
    return Span(start=start, end=end, text=text[start:end])


def event(id, sentence, type, source, target, negated=False, status="asserted", time=None, text=TEXT):
    located = sentence_span(text, sentence)
    return Event(
        id=id,
        type=type,
        cameo="010",
        source=source,
        target=target,
        trigger=Span(start=located.start, end=located.start + 1, text=located.text[0]),
        sentence=located,
        negated=negated,
        status=status,
        time=time,
    )


def document(id="a1", text=TEXT, events=None):
    # The IAEA stands where the gold says the UN does: IGOUNOIAE is not IGOUNO.
    events = (
        events
        if events is not None
        else [
            event("s1", S1, "ASSAULT", ["rus"], ["ukr"], time="t1"),  # fully right, date exact
            event("s2", S2, "ACCUSE", ["fra"], ["irn"], status="reported"),  # negation wrong
            event("s3", S3, "REQUEST", ["nato"], ["irn"], time="t2"),  # IGOWSTNAT is IGONAT; date overlaps
            event("s4", S4, "REQUEST", ["iaea"], ["syr"], status="reported"),  # source wrong
            event("s5", S5, "ASSAULT", [], ["usa"]),  # unnamed source, as the gold's "-": right
            event("s5b", S5, "ASSAULT", ["irn"], ["usa"]),  # a named source for an unnamed one: wrong
            event("s6", S6, "CONSULT", ["irn"], []),  # target missing: wrong; undated
            event("s6b", S6, "AGREE", ["irn"], ["irq"]),  # no AGREE in gold: spurious, sides right
            event("s7", S7, "SUPPORT", ["fra"], ["nobody"]),  # no gold in this sentence; one-sided
            event("s9", S9, "ACCUSE", ["jpn"], ["chn"]),  # wrong type, right sides
        ]
    )
    return Document(
        id=id,
        text=text,
        published=PUBLISHED,
        actors=[
            Actor(id=actor_id, name=actor_id, kind=kind, country=country, code=code)
            for actor_id, (kind, country, code) in ACTORS.items()
        ],
        events=events,
        timexes=[
            Timex(id="t1", span=span(text, "Monday"), type="date", start="2024-03-04", end="2024-03-04"),
            Timex(id="t2", span=span(text, "Monday"), type="date", start="2024-03-10", end="2024-03-10"),
        ],
    )


@pytest.fixture
def scores():
    article = GoldArticle(id="a1", published=PUBLISHED, events=tuple(GOLD_EVENTS))
    return score_articles([article], [document()], origin="gold.jsonl")


# --- keys and sentences -----------------------------------------------------------------


@pytest.mark.parametrize(
    "found, gold, same",
    [
        ("IGOWSTNAT", "IGONAT", True),  # the regional infix is dropped
        ("IGOEUREEC", "IGOEU", True),
        ("IGOG7", "IGOGOS", True),
        ("IGOECOWAS", "IGOWAS", True),
        ("IGOUNOSEC", "IGOUNO", True),  # the Security Council is the UN to the gold
        ("IGOUNOICC", "IGOICC", True),
        ("IGOUNOICJ", "IGOUNOICJ", True),
        ("IGOUNOIAE", "IGOUNO", False),  # the IAEA is not the UN
        ("IGOUNOICJ", "IGOUNO", False),
        ("IGOWSTNAT", "IGOEU", False),
    ],
)
def test_igo_codes_compare_by_organisation(found, gold, same):
    assert (igo_key(found) == igo_key(gold)) is same


def test_gold_keys_drop_the_unnamed_and_read_codes_by_country():
    assert gold_keys(["-"]) == frozenset()
    assert gold_keys(["USAGOV", "-", "JAP"]) == {"USA", "JPN"}
    assert gold_keys(["IGOUNO", "IGOWSTNAT"]) == {"IGOUNO", "IGONAT"}


def test_locate_sentence_exactly_then_by_its_words():
    assert locate_sentence(S1, TEXT) == (0, len(S1))
    start, end = locate_sentence(S2, TEXT)
    assert TEXT[start:end] == "France and Germany did not\n  criticize Iran."
    assert locate_sentence("Nowhere in the text.", TEXT) is None


# --- the figures ------------------------------------------------------------------------


def test_dyadic_precision_and_recall(scores):
    # Two-sided Dossier events: s1 s2 s3 s4 s5b s6b s9 (s5, s6, s7 have a side with no key);
    # fully right: s1 (countries) and s3 (NATO as IGOWSTNAT against IGONAT).
    assert (scores.dyadic.system_right, scores.dyadic.system) == (2, 7)
    # Two-sided gold events: g1 g2 g3 g4 g6 g9 (g5's source is "-"); right: g1 g3.
    assert (scores.dyadic.gold_right, scores.dyadic.gold) == (2, 6)
    assert scores.dyadic.precision == pytest.approx(2 / 7)
    assert scores.dyadic.f1 == pytest.approx(2 * (2 / 7) * (2 / 6) / (2 / 7 + 2 / 6))


def test_sentence_and_type(scores):
    # s6b (AGREE), s7 (no gold in its sentence) and s9 (ACCUSE for THREATEN) have no candidate.
    assert (scores.sentence_type.system_right, scores.sentence_type.system) == (7, 10)
    # g9 has none; g8 is not in the text and is not counted.
    assert (scores.sentence_type.gold_right, scores.sentence_type.gold) == (6, 7)
    assert scores.gold_events == 7 and scores.system_events == 10


def test_an_empty_side_matches_only_an_empty_side(scores):
    # Fully right over all events: s1, s3 and s5 (unnamed source against "-"), not s5b
    # (named source against "-") nor s6 (no target against a named one).
    assert (scores.full.system_right, scores.full.system) == (3, 10)
    assert (scores.full.gold_right, scores.full.gold) == (3, 7)
    by_id = {(error.kind, error.event.source, error.event.target): error.wrong for error in scores.errors}
    assert by_id[("wrong", ("IRN",), ("USA",))] == ("source",)  # s5b
    assert by_id[("wrong", ("IRN",), ("-",))] == ("target",)  # s6
    assert by_id[("missed", ("IRN", "IRQ"), ("IRN", "IRQ"))] == ("target",)  # g6, against s6


def test_sides_and_negation_are_what_is_wrong(scores):
    errors = {(error.kind, error.event.type, error.event.source): error for error in scores.errors}
    accuse = errors[("wrong", "ACCUSE", ("FRA",))]
    assert accuse.wrong == ("negated",)
    assert accuse.counterpart.negated is True and accuse.counterpart.source == ("DEU", "FRA")
    iaea = errors[("wrong", "REQUEST", ("IGOUNOIAE",))]
    assert iaea.wrong == ("source",) and iaea.counterpart.source == ("IGOUNO",)
    assert errors[("missed", "REQUEST", ("IGOUNO",))].wrong == ("source",)
    assert errors[("missed", "THREATEN", ("JPN",))].counterpart is None
    assert {error.kind for error in scores.errors} == {"wrong", "spurious", "missed"}
    assert sum(error.kind == "spurious" for error in scores.errors) == 3  # s6b, s7, s9
    assert sum(error.kind == "wrong" for error in scores.errors) == 4  # s2, s4, s5b, s6
    assert sum(error.kind == "missed" for error in scores.errors) == 4  # g2, g4, g6, g9


def test_sides_right_whatever_the_type(scores):
    # g1 g2 g3 g6 (by s6b, an AGREE) g9 (by s9, an ACCUSE); not g4 (the IAEA is not the UN).
    assert (scores.sides_right, scores.sides_gold) == (5, 6)


def test_status_negation_and_date_on_matched_pairs(scores):
    # Pairs: g1-s1 g2-s2 g3-s3 g4-s4 g5-s5 (fully right beats s5b) g6-s6.
    assert scores.pairs == 6
    assert scores.status_matched == 5  # g2 asserted, s2 reported
    assert scores.status_confusion[("asserted", "reported")] == 1
    assert scores.negation_matched == 5  # g2 negated, s2 not
    # Gold-dated pairs: g1 (exact), g3 (2024-03-10 inside March: overlap), g6 (undated).
    assert (scores.dated_pairs, scores.date_exact, scores.date_overlap, scores.date_undated) == (3, 1, 2, 1)


def test_per_type_figures(scores):
    types = scores.type_scores()
    assert list(types) == ["AGREE", "CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "THREATEN", "ASSAULT"]  # contract order
    request, assault = types["REQUEST"], types["ASSAULT"]
    assert (request.gold, request.system) == (2, 2)
    assert (request.sentence_type.precision, request.sentence_type.recall) == (1.0, 1.0)
    assert (request.dyadic.precision, request.dyadic.recall) == (0.5, 0.5)
    assert (assault.gold, assault.system) == (2, 3)
    assert (assault.dyadic.system_right, assault.dyadic.system) == (1, 2)  # s1 right, s5b wrong
    assert (assault.dyadic.gold_right, assault.dyadic.gold) == (1, 1)  # g5 is one-sided
    assert types["THREATEN"].system == 0 and types["THREATEN"].sentence_type.precision is None
    assert types["THREATEN"].sentence_type.f1 is None
    assert types["ACCUSE"].sentence_type.recall == 1.0 and types["ACCUSE"].sentence_type.precision == 0.5


def test_a_sentence_not_in_the_text_is_skipped_and_named(scores):
    assert [str(skip) for skip in scores.skipped] == [
        "gold.jsonl: article 'a1': gold sentence not found in the text: “This sentence is not in the text.”"
    ]


def test_to_dict_is_json(scores):
    figures = json.loads(json.dumps(scores.to_dict()))
    assert figures["dyadic"]["system_right"] == 2 and figures["dyadic"]["gold"] == 6
    assert figures["date"] == {
        "pairs": 3, "exact": 1 / 3, "overlap": 2 / 3, "exact_matched": 1, "overlap_matched": 2, "undated": 1,
    }  # fmt: skip
    assert figures["status"]["confusion"]["asserted"] == {"asserted": 4, "reported": 1}
    assert len(figures["errors"]) == 11
    assert "errors" not in scores.to_dict(errors=False)


def test_an_event_in_an_overlapping_sentence_counts():
    # Dossier's sentence runs over two gold sentences: it is in both.
    text = f"{S1} {S9}"
    both = Span(start=0, end=len(text), text=text)
    found = event("e", S1, "THREATEN", ["jpn"], ["chn"], text=text).model_copy(update={"sentence": both})
    article = GoldArticle("a", None, (gold_event(S9, "THREATEN", ["JPN"], ["CHN"]),))
    scores = score_articles([article], [document("a", text, [found])])
    assert scores.dyadic.gold_right == 1 and scores.dyadic.system_right == 1


def test_a_document_missing_is_skipped():
    article = GoldArticle("gone", None, (gold_event(S1, "ASSAULT", ["RUS"], ["UKR"]),))
    scores = score_articles([article], [], origin="g.jsonl")
    assert scores.articles == 0 and scores.gold_events == 0
    assert scores.dyadic.precision is None and scores.dyadic.recall is None
    assert [str(skip) for skip in scores.skipped] == ["g.jsonl: article 'gone': no document for this article"]


# --- the files --------------------------------------------------------------------------


def gold_line(id, events, published="2024-03-06"):
    return json.dumps({"id": id, "published": published, "events": events})


GOLD_JSON = [
    {"sentence": S1, "trigger": "attacked", "type": "ASSAULT", "cameo": "190", "source": ["RUS"],
     "target": ["UKR"], "status": "asserted", "negated": False, "date": ["2024-03-04", "2024-03-04"]},
    {"sentence": S3, "trigger": "urged", "type": "REQUEST", "cameo": "020", "source": ["IGONAT"],
     "target": ["IRN"], "status": "asserted", "negated": False, "date": None},
]  # fmt: skip


def write_files(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(gold_line("a1", GOLD_JSON) + "\n" + gold_line("a2", GOLD_JSON[:1]) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a1", "title": "A story", "url": "https://example.invalid/a1",
                    "published": "2024-03-05 23:10:00Z", "text": TEXT}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    return gold, corpus


@pytest.fixture
def fake_extractor(monkeypatch):
    """Make evaluate_articles read the hand-built document instead of running spaCy."""
    seen = []

    def extract_articles(records, **kwargs):
        seen.extend(records)
        return [document(record.id, record.text) for record in records], []

    monkeypatch.setattr(articles_eval, "extract_articles", extract_articles)
    return seen


def test_read_articles(tmp_path):
    gold, _ = write_files(tmp_path)
    articles = read_articles(gold)
    assert [article.id for article in articles] == ["a1", "a2"]
    first = articles[0].events[0]
    assert first.source == ("RUS",) and first.date == (dt.date(2024, 3, 4), dt.date(2024, 3, 4))
    assert articles[0].published == dt.date(2024, 3, 6) and articles[0].events[1].date is None


@pytest.mark.parametrize(
    "event, message",
    [
        ({"type": "PARLEY"}, "type 'PARLEY' is not a PLOVER event type"),
        ({"status": "rumoured"}, "status 'rumoured' is not one of"),
        ({"date": ["2024-03-04"]}, "'date' must be null or [start, end]"),
        ({"source": "RUS", "negated": "no"}, "'negated' must be true or false"),
    ],
)
def test_a_malformed_gold_event_names_the_line_and_article(tmp_path, event, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        gold_line("ok", GOLD_JSON) + "\n" + gold_line("bad", [GOLD_JSON[0] | event]) + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        read_articles(gold)
    assert str(error.value).startswith(f"{gold}:2: article 'bad' event 1: {message}")


def test_evaluate_articles_goes_on_past_an_article_the_corpus_lacks(tmp_path, fake_extractor):
    gold, corpus = write_files(tmp_path)
    scores = evaluate_articles(gold, corpus)
    assert scores.articles == 1
    assert [str(skip) for skip in scores.skipped] == [f"{gold}: article 'a2': not in the corpus {corpus}"]
    # The gold's publication date wins over the corpus's; the corpus's title and url come along.
    [record] = fake_extractor
    assert (record.id, record.published, record.title, record.url) == (
        "a1", dt.date(2024, 3, 6), "A story", "https://example.invalid/a1",
    )  # fmt: skip
    assert (scores.dyadic.gold_right, scores.dyadic.gold) == (2, 2)


@pytest.fixture
def runner():
    return CliRunner()


def test_eval_articles_command(tmp_path, fake_extractor, runner):
    gold, corpus = write_files(tmp_path)
    result = runner.invoke(app, ["eval", "articles", str(gold), "--corpus", str(corpus), "--errors"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [f"warning: {gold}: article 'a2': not in the corpus {corpus}"]
    assert "dyadic (two-sided, fully right)" in result.stdout
    assert "100.0%  (2/2)" in result.stdout  # dyadic recall
    assert "spurious" in result.stdout and "REQUEST 010" in result.stdout

    as_json = runner.invoke(app, ["eval", "articles", str(gold), "--corpus", str(corpus), "-f", "json", "-n", "1"])
    assert as_json.exit_code == 0, as_json.output
    figures = json.loads(as_json.stdout)
    assert figures["articles"] == 1 and figures["skipped"] == [] and "errors" not in figures
    assert figures["dyadic"]["recall"] == 1.0 and figures["dyadic"]["system"] == 7


def test_eval_articles_bad_files(tmp_path, fake_extractor, runner):
    gold, corpus = write_files(tmp_path)
    missing = runner.invoke(app, ["eval", "articles", str(gold), "--corpus", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 1
    assert "nope.jsonl" in missing.stderr and "error:" in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    broken = runner.invoke(app, ["eval", "articles", str(bad), "--corpus", str(corpus)])
    assert broken.exit_code == 1 and f"error: {bad}:1: not valid JSON" in broken.stderr


def test_eval_articles_end_to_end_through_the_pipeline(tmp_path, runner):
    # The event extractor is work in progress: check that the command runs and reports
    # figures, not what they are.
    gold, corpus = write_files(tmp_path)
    result = runner.invoke(app, ["eval", "articles", str(gold), "--corpus", str(corpus), "-f", "json", "--errors"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles"] == 1 and figures["gold_events"] == 2
    assert figures["sentence_type"]["gold"] == 2
    assert 0 <= figures["dyadic"]["gold_right"] <= 2

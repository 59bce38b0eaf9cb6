"""What the top of an article says about it: headline, dateline, outlet; and language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.errors import InputError
from dossier.ingest import Header, Record, complete_record, read_header, record_from_text
from dossier.ingest.metadata import looks_english, parse_date

BODY = "Sylvania recalled its ambassador to Freedonia on Monday, the foreign ministry said.\n"
SEEDS = Path("/work/shared/samples/seeds")

# --- headline ----------------------------------------------------------------------


def test_headline_followed_by_blank_line_is_the_title():
    header = read_header("Sylvania Recalls Envoy as Border Row Deepens\n\n" + BODY)
    assert header == Header(title="Sylvania Recalls Envoy as Border Row Deepens")


def test_headline_followed_by_header_lines_is_the_title():
    text = "Sylvania Recalls Envoy\nBy Jane Doe, Associated Press\nJune 25, 2020\n\n" + BODY
    assert read_header(text) == Header(
        title="Sylvania Recalls Envoy", published=dt.date(2020, 6, 25), outlet="Associated Press"
    )


def test_first_line_glued_to_the_body_is_not_a_title():
    assert read_header("Sylvania Recalls Envoy\n" + BODY).title is None


def test_sentence_is_not_a_title():
    assert read_header("The talks collapsed on Monday.\n\n" + BODY).title is None
    assert read_header('"We will not bow," the minister said:\n\n' + BODY).title is None
    assert read_header("Will the talks resume?\n\n" + BODY).title is None


def test_headline_ending_in_an_initialism_is_a_title():
    assert read_header("Sylvania Warns U.S.\n\n" + BODY).title == "Sylvania Warns U.S."


def test_long_first_line_is_not_a_title():
    line = " ".join(["word"] * 30).capitalize()
    assert read_header(line + "\n\n" + BODY).title is None


def test_list_item_is_not_a_title():
    assert read_header("- Sylvania recalled its envoy\n\n" + BODY).title is None


def test_single_line_text_has_no_title():
    assert read_header("Sylvania Recalls Envoy") == Header()


# --- dateline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Thursday, June 25, 2020",
        "June 25, 2020",
        "Jun. 25, 2020",
        "25 June 2020",
        "Thursday 25th June, 2020",
        "2020-06-25",
        "Published: June 25, 2020 10:32 a.m. EDT",
        "Posted on 2020-06-25T08:15:00Z",
    ],
)
def test_date_line_is_the_published_date(line):
    assert read_header(line + "\n\n" + BODY).published == dt.date(2020, 6, 25)


def test_published_date_wins_over_updated_date():
    text = "Updated June 26, 2020\nPublished June 25, 2020\n\n" + BODY
    assert read_header(text).published == dt.date(2020, 6, 25)


def test_impossible_date_is_no_date():
    assert read_header("June 31, 2020\n\n" + BODY).published is None


@pytest.mark.parametrize(
    ("opening", "published", "outlet"),
    [
        ("SEOUL, April 24, 2024 (Reuters) - ", dt.date(2024, 4, 24), "Reuters"),
        ("WASHINGTON, June 25, 2020 — ", dt.date(2020, 6, 25), None),
        ("KYIV, Ukraine, June 25, 2020 (AP) — ", dt.date(2020, 6, 25), "AP"),
        ("UNITED NATIONS, June 25 (AP) — ", None, "AP"),
        ("GENEVA (AFP) -- ", None, "AFP"),
    ],
)
def test_wire_dateline_opening_the_first_paragraph(opening, published, outlet):
    header = read_header(opening + BODY)
    assert (header.published, header.outlet) == (published, outlet)


def test_wire_dateline_after_a_headline():
    text = "Sylvania Recalls Envoy\n\nSEOUL, April 24, 2024 (Reuters) - " + BODY
    assert read_header(text) == Header(title="Sylvania Recalls Envoy", published=dt.date(2024, 4, 24), outlet="Reuters")


def test_place_without_date_or_agency_dates_nothing():
    assert read_header("GENEVA — " + BODY) == Header()


def test_date_in_body_prose_is_not_the_dateline():
    text = "Officials met on June 25, 2020, in Geneva, the ministry said.\n\nJune 25, 2020\n"
    assert read_header(text).published is None


def test_date_line_below_the_body_is_not_the_dateline():
    text = "Sylvania Recalls Envoy\n\n" + BODY + "\nThursday, June 25, 2020\n"
    assert read_header(text).published is None


# --- outlet ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("- The Harbor Times", "The Harbor Times"),
        ("— Reuters", "Reuters"),
        ("– Voice of America", "Voice of America"),
        ("By Jane Doe, Associated Press", "Associated Press"),
        ("By JANE DOE and JOHN ROE | Reuters", "Reuters"),
        ("By Jane Doe, Staff Writer", None),
        ("By Jane Doe", None),
    ],
)
def test_outlet_line(line, outlet):
    assert read_header(line + "\nJune 25, 2020\n\n" + BODY) == Header(published=dt.date(2020, 6, 25), outlet=outlet)


def test_outlet_then_dateline_leaves_no_title():
    header = read_header("- The Harbor Times\nThursday, June 25, 2020\n\n" + BODY)
    assert header == Header(published=dt.date(2020, 6, 25), outlet="The Harbor Times")


def test_text_without_header():
    assert read_header(BODY + "\n" + BODY) == Header()
    assert read_header("") == Header()


# --- the seed articles, read in place (never copied) -----------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")
def test_seed_with_outlet_and_dateline():
    (path,) = SEEDS.glob("004_*.txt")
    header = read_header(path.read_text(encoding="utf-8"))
    assert header.published == dt.date(2020, 6, 25)
    assert header.outlet == "The Washington Times"
    assert header.title is None


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")
def test_seed_with_headline():
    (path,) = SEEDS.glob("000_*.txt")
    text = path.read_text(encoding="utf-8")
    header = read_header(text)
    assert header.title == text.splitlines()[0].strip()
    assert header.published is None and header.outlet is None


# --- dates and language ------------------------------------------------------------


def test_parse_date_reads_iso_timestamps_and_written_dates():
    assert parse_date("2025-03-14 20:30:26Z") == dt.date(2025, 3, 14)
    assert parse_date("June 25, 2020") == dt.date(2020, 6, 25)
    with pytest.raises(ValueError):
        parse_date("last Tuesday")


def test_english_is_recognised():
    assert looks_english(BODY)
    assert not looks_english("El presidente dijo el martes que las conversaciones continuarían.")
    assert not looks_english("Der Präsident sagte am Dienstag, dass die Gespräche weitergehen.")
    assert not looks_english("Sylvania")


# --- completing records ------------------------------------------------------------


def test_complete_record_fills_only_what_is_missing():
    text = "Sylvania Recalls Envoy\n\n" + "SEOUL, April 24, 2024 (Reuters) - " + BODY
    record = complete_record(Record(text=text, title="Given title"))
    assert record.title == "Given title"
    assert record.published == dt.date(2024, 4, 24)
    assert record.outlet == "Reuters"
    assert record.language == "en"


def test_complete_record_keeps_given_values_and_language():
    given = Record(
        text="- The Harbor Times\nJune 25, 2020\n\n" + BODY,
        published=dt.date(2020, 6, 24),
        outlet="Harbor Daily",
        language="fr",
    )
    record = complete_record(given)
    assert (record.published, record.outlet, record.language) == (dt.date(2020, 6, 24), "Harbor Daily", "fr")
    assert given.title is None  # the input record is left as it was


def test_complete_record_leaves_language_unknown_for_other_languages():
    assert complete_record(Record(text="El presidente dijo el martes que no habrá acuerdo.")).language is None


def test_record_from_text_accepts_a_published_string_or_date():
    assert record_from_text(BODY, published="2020-06-25").published == dt.date(2020, 6, 25)
    assert record_from_text(BODY, published=dt.date(2020, 6, 25)).published == dt.date(2020, 6, 25)
    assert record_from_text(BODY, published="2025-03-14 20:30:26Z").published == dt.date(2025, 3, 14)


def test_record_from_text_completes_the_record():
    record = record_from_text("- The Harbor Times\nJune 25, 2020\n\n" + BODY, id=7, url="https://x.example/a")
    assert (record.id, record.published, record.outlet, record.url, record.language) == (
        "7",
        dt.date(2020, 6, 25),
        "The Harbor Times",
        "https://x.example/a",
        "en",
    )
    assert record.text.endswith(BODY)
    assert record.origin == "<text>"


def test_record_from_text_refuses_bad_input():
    with pytest.raises(InputError, match="'published' is not a date or timestamp"):
        record_from_text(BODY, published="soon")
    with pytest.raises(InputError, match="text is empty"):
        record_from_text("  ")

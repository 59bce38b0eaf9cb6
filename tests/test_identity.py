"""Who is who across documents: the rules of ``resolve.identity`` and ``resolve.event_identity``."""

import datetime as dt

import pytest

from dossier.resolve.event_identity import Placing, dyads, narrowest, overlaps, placing, side_key
from dossier.resolve.identity import Identity, initials, match, name_key, proposed_id, slug


def known(id_, kind, name, country=None, code=None, roles=()):
    return Identity(kind=kind, name=name, country=country, code=code, roles=tuple(roles), id=id_)


KIM_JONG_UN = known("kim-jong-un", "person", "Kim Jong-un", "PRK", "PRKGOV", ["Supreme Leader"])
LAMI_KIM = known("lami-kim", "person", "Lami Kim", "USA", "USAEDU", ["professor of security studies"])
IAEA = known("international-atomic-energy-agency", "igo", "International Atomic Energy Agency", None, "IGOUNOIAE")


@pytest.mark.parametrize(
    "name, key",
    [
        ("Kim Jong-un", "kim jong un"),
        ("Kim Jong Un", "kim jong un"),
        ("the U.S. State Department", "us state department"),
        ("Bogotá", "bogota"),
        ("Korea University’s Ilmin Institute", "korea university ilmin institute"),
    ],
)
def test_names_fold_to_one_key(name, key):
    assert name_key(name) == key


def test_ids_read_like_names_and_states_are_their_country():
    assert slug("Kim Jong-un") == "kim-jong-un"
    assert proposed_id(Identity(kind="state", name="North Korea", country="PRK")) == "PRK"
    assert proposed_id(Identity(kind="organization", name="Korean Central News Agency", country="PRK")) == (
        "korean-central-news-agency"
    )
    assert initials("international atomic energy agency") == "iaea"


def test_a_state_is_its_country_whatever_the_text_calls_it():
    graph = [known("PRK", "state", "North Korea", "PRK")]
    found = match(Identity(kind="state", name="Democratic People's Republic of Korea", country="PRK"), graph)
    assert found.id == "PRK" and found.reason == "same state PRK"


def test_a_full_name_matches_however_it_is_spelled():
    found = match(Identity(kind="person", name="Kim Jong Un", country="PRK", roles=("leader",)), [KIM_JONG_UN])
    assert found.id == "kim-jong-un"
    assert "same full name" in found.reason


def test_a_full_name_in_another_country_is_someone_else():
    namesake = Identity(kind="person", name="Lami Kim", country="KOR")
    assert match(namesake, [LAMI_KIM]) is None


def test_a_full_name_without_a_country_joins_the_one_with():
    found = match(Identity(kind="person", name="Lami Kim", roles=("professor",)), [LAMI_KIM])
    assert found.id == "lami-kim"


def test_a_surname_with_country_and_role_joins_the_only_person_who_fits():
    kim = Identity(kind="person", name="Kim", country="PRK", roles=("leader",))
    found = match(kim, [KIM_JONG_UN, LAMI_KIM])
    assert found.id == "kim-jong-un"
    assert "short name 'Kim'" in found.reason and "PRK" in found.reason


def test_the_professor_named_kim_is_not_the_north_korean_leader():
    professor = Identity(kind="person", name="Kim", country="USA", roles=("professor",))
    assert match(professor, [KIM_JONG_UN]) is None
    assert match(Identity(kind="person", name="Kim", country="PRK", roles=("professor",)), [KIM_JONG_UN]) is None


def test_a_surname_two_people_share_stays_apart():
    sister = known("kim-yo-jong", "person", "Kim Yo-jong", "PRK", "PRKGOV")
    assert match(Identity(kind="person", name="Kim", country="PRK"), [KIM_JONG_UN, sister]) is None


def test_a_surname_without_a_country_is_nobody_in_particular():
    assert match(Identity(kind="person", name="Kim"), [KIM_JONG_UN]) is None


def test_an_organization_matches_its_initials():
    found = match(Identity(kind="organization", name="IAEA"), [IAEA])
    assert found.id == IAEA.id and "initials" in found.reason


def test_an_intergovernmental_body_is_its_code():
    found = match(Identity(kind="igo", name="U.N. nuclear watchdog", code="IGOUNOIAE"), [IAEA])
    assert found.id == IAEA.id


def test_organizations_of_different_countries_stay_apart():
    ministry_a = known("ministry-of-foreign-affairs", "organization", "Ministry of Foreign Affairs", "PRK")
    assert match(Identity(kind="organization", name="Ministry of Foreign Affairs", country="IRN"), [ministry_a]) is None


def test_places_and_groups_need_the_same_name_and_country():
    tehran = known("tehran", "location", "Tehran", "IRN")
    assert match(Identity(kind="location", name="Tehran", country="IRN"), [tehran]).id == "tehran"
    assert match(Identity(kind="group", name="Tehran", country="IRN"), [tehran]) is None


# -- events -------------------------------------------------------------------------------

APRIL_23 = dt.date(2024, 4, 23)


def test_an_undated_report_is_placed_in_the_week_before_publication():
    where = placing(None, None, dt.date(2024, 4, 24))
    assert where == Placing(dt.date(2024, 4, 18), dt.date(2024, 4, 24), False)


def test_a_dated_report_keeps_the_texts_date():
    assert placing(APRIL_23, APRIL_23, dt.date(2024, 4, 26)) == Placing(APRIL_23, APRIL_23, True)


def test_reports_of_one_week_overlap_and_years_apart_do_not():
    tuesday = Placing(APRIL_23, APRIL_23, True)
    assert overlaps(tuesday, placing(None, None, dt.date(2024, 4, 26)))
    assert not overlaps(tuesday, placing(None, None, dt.date(2020, 6, 25)))


def test_a_decade_is_too_vague_to_join_two_reports():
    eighties = Placing(dt.date(1980, 1, 1), dt.date(1989, 12, 31), True)
    march_1985 = Placing(dt.date(1985, 3, 1), dt.date(1985, 3, 31), True)
    assert not overlaps(eighties, march_1985)


def test_an_event_takes_the_most_precise_date_its_reports_give():
    week = placing(None, None, dt.date(2024, 4, 26))
    april = Placing(dt.date(2024, 4, 1), dt.date(2024, 4, 30), True)
    tuesday = Placing(APRIL_23, APRIL_23, True)
    assert narrowest([week, april, tuesday]) == tuesday
    assert narrowest([week, april]) == april
    assert narrowest([Placing(None, None, False)]).start is None


def test_sides_are_sorted_and_pairs_say_how_they_meet():
    assert side_key(["PRK", "IRN", "PRK"]) == "IRN,PRK"
    assert dyads(["IRN", "PRK"], ["RUS"]) == [
        ("IRN", "PRK", "together"),
        ("IRN", "RUS", "between"),
        ("PRK", "RUS", "between"),
    ]
    assert dyads(["IRN", "PRK"], ["IRN", "PRK"]) == [("IRN", "PRK", "between")]
    assert dyads(["USA"], []) == []


def test_two_letters_are_too_few_to_stand_for_a_name():
    amnesty = known("amnesty-international", "organization", "Amnesty International", "GBR")
    assert match(Identity(kind="organization", name="AI", country="GBR"), [amnesty]) is None


def test_thin_reports_join_only_in_the_same_words_and_dated_alike():
    from dossier.resolve.event_identity import Report, same_event, thin

    monday = Placing(dt.date(2025, 3, 3), dt.date(2025, 3, 3), True)
    week = placing(None, None, dt.date(2025, 3, 5))
    assert thin("USA", "") and thin("USA", "USA") and not thin("IRN,PRK", "IRN,PRK") and not thin("PRK", "IRN")
    steel = Report("a", monday, "imposed tariffs", "The U.S. imposed tariffs on steel.")
    cars = Report("b", week, "imposed tariffs", "The U.S. imposed tariffs on cars.")
    again = Report("c", week, "imposed tariffs", "The U.S. imposed tariffs on steel.")
    assert not same_event(cars, steel, thin_sides=True)
    assert same_event(again, steel, thin_sides=True)  # one story in two versions
    assert same_event(cars, steel, thin_sides=False)  # two sides named: the week is enough


def test_undated_reports_in_undated_articles_join_only_at_home():
    from dossier.resolve.event_identity import Report, same_event

    nowhere = Placing(None, None, False)
    first, second = Report("a", nowhere, "talks", "x"), Report("a", nowhere, "talks", "y")
    assert same_event(second, first, thin_sides=False)
    assert not same_event(Report("b", nowhere, "talks", "y"), first, thin_sides=False)

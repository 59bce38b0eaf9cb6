"""The CAMEO event-code table: names, Goldstein scores, quad classes, user extensions."""

from importlib import resources

import pytest

from dossier.errors import ConfigError
from dossier.resolve.cameo import (
    CameoCode,
    cameo_name,
    cameo_table,
    goldstein,
    is_cameo_code,
    quad_class,
)

ROOTS = [f"{root:02d}" for root in range(1, 21)]


@pytest.fixture(autouse=True)
def builtin_table_only(monkeypatch):
    """Each test starts from the built-in table and leaves no cached user rows behind."""
    monkeypatch.delenv("DOSSIER_LEXICON_DIR", raising=False)
    cameo_table.cache_clear()
    yield
    cameo_table.cache_clear()


@pytest.fixture
def lexicon_dir(tmp_path, monkeypatch):
    """A DOSSIER_LEXICON_DIR folder; write its cameo.tsv with ``lexicon_dir(text)``."""

    def write(text):
        (tmp_path / "cameo.tsv").write_text(text, encoding="utf-8")
        monkeypatch.setenv("DOSSIER_LEXICON_DIR", str(tmp_path))
        cameo_table.cache_clear()
        return tmp_path / "cameo.tsv"

    return write


def test_a_visit_scores_as_mild_cooperation():
    assert goldstein("042") == 1.9
    assert goldstein("043") == 2.8
    assert cameo_name("042") == "make a visit"
    assert cameo_name("043") == "host a visit"
    assert quad_class("042") == 1


def test_use_of_force_is_the_most_conflictual_material_conflict():
    assert goldstein("190") == -10.0
    assert quad_class("190") == 4
    assert cameo_name("190") == "use conventional military force"


def test_the_roots_carry_their_standard_scores():
    expected = {
        "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
        "08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0,
        "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0,
        "20": -10.0,
    }  # fmt: skip
    assert {root: goldstein(root) for root in ROOTS} == expected


def test_sanctions_and_agreements_sit_at_opposite_ends():
    assert cameo_name("163") == "impose embargo, boycott or sanctions"
    assert goldstein("163") < goldstein("161") < 0 < goldstein("046") < goldstein("057")


@pytest.mark.parametrize(
    ("code", "quad"),
    [("010", 1), ("057", 1), ("06", 2), ("0874", 2), ("09", 3), ("139", 3), ("141", 4), ("2042", 4)],
)
def test_quad_class_follows_the_root(code, quad):
    assert quad_class(code) == quad


@pytest.mark.parametrize("code", [None, "", "4", "42x", "00", "21", "210", "12345", "abc"])
def test_what_is_not_a_code_has_no_score_class_or_name(code):
    assert goldstein(code) is None
    assert quad_class(code) is None
    assert cameo_name(code) is None
    assert not is_cameo_code(code)


def test_an_unlisted_longer_code_falls_back_to_its_parent():
    assert not is_cameo_code("0315")
    assert goldstein("0315") == goldstein("031") == 5.2
    assert not is_cameo_code("0435")
    assert goldstein("0435") == goldstein("043")
    assert not is_cameo_code("199")
    assert goldstein("199") == goldstein("19")
    assert goldstein("1999") == goldstein("19")


def test_the_fallback_gives_no_name():
    assert cameo_name("0315") is None


def test_a_listed_four_digit_code_keeps_its_own_score():
    assert goldstein("0874") == 10.0 and goldstein("087") == 9.0
    assert goldstein("1823") == -10.0 and goldstein("182") == -9.5
    assert cameo_name("1041") == "demand a change in leadership"
    assert is_cameo_code("1721") and is_cameo_code("0311")


def test_surrounding_blanks_are_ignored():
    assert goldstein(" 042 ") == 1.9
    assert is_cameo_code("042\n")


def test_every_code_under_a_root_has_its_parents_listed():
    table = cameo_table()
    assert all(root in table for root in ROOTS)
    for code in table:
        assert code[:2] in table, code
        if len(code) == 4:
            assert code[:3] in table, code


def test_every_root_has_its_not_specified_code():
    table = cameo_table()
    for root in ROOTS:
        assert root + "0" in table


def test_every_score_is_within_the_goldstein_range_and_every_row_is_named():
    for row in cameo_table().values():
        assert isinstance(row, CameoCode)
        assert -10.0 <= row.goldstein <= 10.0, row
        assert row.name, row


def test_the_builtin_file_lists_each_code_once():
    text = resources.files("dossier.data").joinpath("cameo.tsv").read_text(encoding="utf-8")
    codes = [line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#")]
    assert codes[0] == "code"
    assert len(codes[1:]) == len(set(codes[1:])) == len(cameo_table())


def test_a_user_file_overrides_a_score_and_adds_codes(lexicon_dir):
    lexicon_dir(
        "# our own CAMEO extensions\n"
        "code\tgoldstein\tname\n"
        "042\t2.5\t\n"
        "1834\t-10.0\tcarry out a location bombing\n"
        "155\t-7.2\tmobilize cyber forces\n"
    )
    assert goldstein("042") == 2.5
    assert cameo_name("042") == "make a visit"  # an empty name keeps the built-in one
    assert is_cameo_code("1834") and cameo_name("1834") == "carry out a location bombing"
    assert goldstein("155") == -7.2 and quad_class("155") == 4
    assert goldstein("043") == 2.8  # the rest of the built-in table is still there


def test_the_user_file_is_read_only_once_cached(lexicon_dir):
    path = lexicon_dir("042\t2.5\tpay a visit\n")
    assert cameo_name("042") == "pay a visit"
    path.write_text("042\t1.0\tdrop by\n", encoding="utf-8")
    assert cameo_name("042") == "pay a visit"
    cameo_table.cache_clear()
    assert cameo_name("042") == "drop by"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("042\tabout two\tmake a visit", "not a number"),
        ("42a\t1.0\tmake a visit", "not a CAMEO code"),
        ("04200\t1.0\tmake a visit", "not a CAMEO code"),
        ("21\t1.0\tno such root", "not a CAMEO code"),
        ("042\t11\ttoo friendly", "outside -10..10"),
        ("042", "field"),
    ],
)
def test_a_malformed_user_row_is_an_error_naming_the_file_and_line(lexicon_dir, row, reason):
    path = lexicon_dir(f"# comment\ncode\tgoldstein\tname\n{row}\n")
    with pytest.raises(ConfigError, match=reason) as caught:
        cameo_table()
    assert str(caught.value).startswith(f"{path}:3: ")

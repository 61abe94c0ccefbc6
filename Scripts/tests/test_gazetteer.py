"""Scripts/geodata/gazetteer.py: which alternate names are kept, the name key (as the Swift PlaceNameKey), and the
committed GeoData/gazetteer.tsv's shape (the full regeneration is test_regenerate's)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from geodata.gazetteer import COLUMNS, alternates, key, latin  # noqa: E402


def test_key_folds_case_accents_and_punctuation():
    assert key("Tillabéri") == key("TILLABERI") == "tillaberi"
    assert key("N'Djamena") == key("N Djamena") == key("Ndjamena")
    assert key("Bobo-Dioulasso") == "bobodioulasso"


def test_alternates_keep_latin_spellings_only():
    c = {"name": "Ouagadougou", "alternatenames": ["OUA", "Ouagadougou", "Wagadugu", "Уагадугу", "wa jia du gu",
                                                   "Ouaga", "OUAGADOUGOU", "Wagadúgú", "  "]}
    assert alternates(c) == ["Ouaga", "Wagadugu"]   # codes, other scripts, romanisations and repeats dropped
    assert latin("Ɲafunke") and not latin("تمبكتو") and not latin("1234")


def test_committed_gazetteer_shape(root):
    lines = (root / "GeoData" / "gazetteer.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# SahelMap gazetteer") and lines[2].split("\t") == COLUMNS
    rows = [line.split("\t") for line in lines[3:]]
    assert all(len(r) == len(COLUMNS) for r in rows)
    assert len({r[0] for r in rows}) == len(rows)   # ids unique
    by_name = {(r[1], r[2]): r for r in rows}
    assert "Tombouctou" in by_name[("Timbuktu", "MLI")][9].split("|")
    assert by_name[("Sévaré", "MLI")][7] == "2" and by_name[("Solhan", "BFA")][7] == "1"
    assert [r[:3] for r in rows] == sorted([r[:3] for r in rows], key=lambda r: (r[2], key(r[1]), r[1], r[0]))

import json
import re

from common import ACLED_HEADER, dump, fc_text, feature, fmt_num, fold, slug, write_fc


def test_slug_drops_accents_and_apostrophes():
    assert slug("N'Djamena") == "ndjamena"
    assert slug("N\u2019Djamena") == "ndjamena"
    assert slug("Lac Débo") == "lac-debo"
    assert slug("Fada N'Gourma") == "fada-ngourma"
    assert slug("  Tillabéri  ") == "tillaberi"


def test_slug_separates_words_on_dashes_and_punctuation():
    assert slug("G5 Sahel Joint Force HQ – Sévaré") == "g5-sahel-joint-force-hq-sevare"
    assert slug("Mayo-Kebbi Est") == "mayo-kebbi-est"
    assert slug("Ségou (2021)") == "segou-2021"
    assert slug("Ville de N'Djamena") == "ville-de-ndjamena"


def test_fold_is_case_accent_and_dash_insensitive():
    assert fold("Tillabéri") == "tillaberi"
    assert fold("  Mayo-Kebbi   Est ") == "mayo kebbi est"
    assert fold("Côte d\u2019Ivoire") == "cote d'ivoire"
    assert fold("Hadjer_Lamis") == fold("hadjer-lamis") == "hadjer lamis"


def test_fmt_num_fixed_precision():
    assert fmt_num(1.234567) == "1.23457"
    assert fmt_num(2.5) == "2.5"
    assert fmt_num(3.0) == "3"
    assert fmt_num(-0.000001) == "0"
    assert fmt_num(-0.0) == "0"
    assert fmt_num(12.3456, 3) == "12.346"
    assert fmt_num(7) == "7"
    assert fmt_num(None) == "null"
    assert fmt_num(True) == "true"
    assert fmt_num("Ségou") == '"Ségou"'


def test_dump_is_compact_and_keeps_key_order():
    f = feature("x:1", {"b": 1, "a": None}, {"type": "Point", "coordinates": [1.0, -2.123456]})
    assert dump(f) == ('{"type":"Feature","id":"x:1","properties":{"b":1,"a":null},'
                       '"geometry":{"type":"Point","coordinates":[1,-2.12346]}}')


def test_fc_text_one_feature_per_line(tmp_path):
    feats = [feature(f"p:{i}", {"i": i}, None) for i in range(3)]
    text = fc_text(feats)
    lines = text.split("\n")
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[-2:] == ["]}", ""]
    assert len(lines) == 6 and all(ln.startswith('{"type":"Feature"') for ln in lines[1:4])
    assert json.loads(text)["features"][2]["id"] == "p:2"
    size = write_fc(tmp_path / "x.geojson", feats)
    assert (tmp_path / "x.geojson").read_bytes() == text.encode()
    assert size == len(text.encode())


def test_acled_header_has_the_swift_importer_columns_in_order(root):
    assert len(ACLED_HEADER) == 31 and len(set(ACLED_HEADER)) == 31
    swift = (root / "Sources/Layers/Import/ACLEDColumn.swift").read_text()
    used = re.findall(r'case \.\w+: "(\w+)"', swift)
    assert len(used) == 22
    positions = [ACLED_HEADER.index(name) for name in used]
    assert positions == sorted(positions)

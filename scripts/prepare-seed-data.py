"""One-off: copies the reference data that SOURCES.md allows into prisma/data/ for the seed.

Run from the repository root with ../shared/data present:  python3 scripts/prepare-seed-data.py
Keeps only the USA.gov federal agencies (public domain) and the directory.gov.au enquiry lines
(CC BY 4.0, credited), and the FTC Do Not Call file (public domain), byte for byte.
"""
import json, shutil, pathlib

SRC = pathlib.Path("../shared/data")
OUT = pathlib.Path("prisma/data")
OUT.mkdir(parents=True, exist_ok=True)

# directory.gov.au cuts names at 40 characters. Completed only where the full name is certain.
COMPLETIONS = {
    "ASIO - Australian Security Intelligence": "ASIO - Australian Security Intelligence Organisation",
    "Australian Prudential Regulation Authori": "Australian Prudential Regulation Authority",
    "Australian Securities and Investments Co": "Australian Securities and Investments Commission",
}

orgs = json.load(open(SRC / "organisations.json"))
keep = []
for o in orgs:
    path = o["source"]["path"]
    if o["country"] == "US" and path.startswith("usagov_md/"):
        credit = "USA.gov (U.S. government work, public domain)"
    elif o["country"] == "AU" and path == "data/raw/government_services.csv":
        credit = "directory.gov.au (CC BY 4.0)"
    else:
        continue
    phones = []
    for p in o.get("phones", []):
        n = p.get("normalised") or {}
        if p.get("notAPhoneNumber") or not n.get("valid") or not n.get("e164"):
            continue
        phones.append({"e164": n["e164"], "raw": p["raw"], "kind": p.get("kind"), "label": p.get("label")})
    website = next((w["url"] for w in o.get("websites", []) if w.get("url")), None)
    keep.append({
        "sourceId": o["id"],
        "name": COMPLETIONS.get(o["name"], o["name"]),
        "sourceName": o["name"],
        "acronym": o.get("acronym"),
        "country": o["country"],
        "website": website,
        "description": (o.get("description") or "")[:600] or None,
        "phones": phones,
        "sourceUrl": o.get("sourceUrl"),
        "credit": credit,
    })
json.dump(keep, open(OUT / "organisations.json", "w"), indent=0, ensure_ascii=False)
shutil.copyfile(SRC / "ftc-dnc-reported-calls-2021-07-08.csv", OUT / "ftc-dnc-reported-calls-2021-07-08.csv")
print(f"{len(keep)} organisations, {sum(len(o['phones']) for o in keep)} numbers")

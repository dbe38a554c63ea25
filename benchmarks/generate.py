#!/usr/bin/env python3
"""Generate a realistic, deterministic synthetic resolvetool project tree, optionally with planted errors.

    python benchmarks/generate.py OUT_DIR --resolutions N [--seed S] [--inject KIND[:COUNT] ...] [--verify]

Writes OUT_DIR/records/ in the layout of the hand-written records (organizations/, bodies/, sessions/,
instruments/, reports/, agreements/, resolutions/<year>/) and OUT_DIR/manifest.json (what was written and
which errors were planted where). The same arguments always give the same bytes.

Without --inject the tree validates with no problems at all (no errors, no warnings). Each --inject KIND
plants one error of that kind (KIND:3 plants three, in three files; `--inject all` one of each kind) in
files chosen in advance, so that the rest of the tree is byte-for-byte the same as without --inject and
no planted error causes other problems. The summary printed at the end says which file got which error
and which diagnostic code `resolvetool validate` must report for it; --verify runs validate (with the
Python running this script) and checks exactly that.

Only the standard library is used; the files are written with plain string formatting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

END_YEAR = 2024  # the most recent sessions are held in this year; fixed so that output never depends on today
MAX_YEARS = 80  # past this many years of history, bodies meet more often instead of for longer
WIDTH = 98  # folded text is wrapped to lines of about this many characters, indentation included

SCHEMA_LINE = "# yaml-language-server: $schema={up}schemas/{kind}.schema.json\n"

# --------------------------------------------------------------------------------------------------
# The static world: organizations, bodies, instruments
# --------------------------------------------------------------------------------------------------

ORGANIZATIONS = [
    {
        "id": "interpol",
        "name": "International Criminal Police Organization – INTERPOL",
        "acronym": "INTERPOL",
        "other_names": ["ICPO-INTERPOL"],
        "category": "intergovernmental police organization",
        "description": "Enables police in its member countries to work together to fight transnational crime "
        "and make the world a safer place, through databases, expertise and operational support.",
        "membership": (196, "member countries", "global"),
        "head": "secretary-general",
        "offices": [
            ("secretary-general", "Secretary General"),
            ("president", "President"),
            ("executive-director-police-services", "Executive Director of Police Services"),
        ],
        "units": [
            (
                "global-complex-for-innovation",
                "INTERPOL Global Complex for Innovation",
                None,
                "Singapore",
                "established",
            ),
            ("digital-crime-centre", "INTERPOL Digital Crime Centre", "global-complex-for-innovation", None, "planned"),
            ("command-and-coordination-centre", "Command and Coordination Centre", None, "Lyon", "established"),
            ("criminal-analysis-sub-directorate", "Criminal Analysis Sub-Directorate", None, None, None),
            ("commission-for-the-control-of-files", "Commission for the Control of INTERPOL's Files", None, None, None),
        ],
        "relationships": [],
    },
    {
        "id": "itu",
        "name": "International Telecommunication Union",
        "acronym": "ITU",
        "other_names": [],
        "category": "United Nations specialized agency",
        "description": "Allocates global radio spectrum and satellite orbits, develops the technical standards that "
        "ensure networks and technologies seamlessly interconnect, and strives to improve access "
        "to information and communication technologies.",
        "membership": (193, "States", "global"),
        "head": "secretary-general",
        "offices": [
            ("secretary-general", "Secretary-General"),
            ("deputy-secretary-general", "Deputy Secretary-General"),
        ],
        "units": [
            ("radiocommunication-bureau", "Radiocommunication Bureau", None, "Geneva", "established"),
            (
                "telecommunication-standardization-bureau",
                "Telecommunication Standardization Bureau",
                None,
                "Geneva",
                "established",
            ),
            (
                "telecommunication-development-bureau",
                "Telecommunication Development Bureau",
                None,
                "Geneva",
                "established",
            ),
        ],
        "relationships": [],
    },
    {
        "id": "impact",
        "name": "International Multilateral Partnership Against Cyber Threats",
        "acronym": "IMPACT",
        "other_names": [],
        "category": None,
        "description": "Brings together governments, academia and industry experts to enhance the global community's "
        "capabilities in dealing with cyberthreats.",
        "membership": None,
        "head": "chief-executive-officer",
        "offices": [("chief-executive-officer", "Chief Executive Officer")],
        "units": [("global-response-centre", "Global Response Centre", None, "Cyberjaya", "established")],
        "relationships": [
            (
                "executing-arm-of",
                "itu",
                "the cybersecurity executing arm of the United Nations specialized agency – the "
                "International Telecommunication Union (ITU)",
            )
        ],
    },
    {
        "id": "unodc",
        "name": "United Nations Office on Drugs and Crime",
        "acronym": "UNODC",
        "other_names": [],
        "category": "United Nations office",
        "description": "Assists Member States in their struggle against illicit drugs, crime and terrorism, through "
        "field-based technical cooperation, research and normative work.",
        "membership": None,
        "head": "executive-director",
        "offices": [("executive-director", "Executive Director")],
        "units": [
            ("division-for-treaty-affairs", "Division for Treaty Affairs", None, "Vienna", "established"),
            (
                "global-programme-against-money-laundering",
                "Global Programme against Money-Laundering",
                None,
                None,
                None,
            ),
        ],
        "relationships": [],
    },
    {
        "id": "wco",
        "name": "World Customs Organization",
        "acronym": "WCO",
        "other_names": ["Customs Co-operation Council"],
        "category": "intergovernmental organization",
        "description": "Enhances the effectiveness and efficiency of customs administrations across the world.",
        "membership": (185, "customs administrations", "global"),
        "head": "secretary-general",
        "offices": [
            ("secretary-general", "Secretary General"),
            ("deputy-secretary-general", "Deputy Secretary General"),
        ],
        "units": [
            (
                "compliance-and-facilitation-directorate",
                "Compliance and Facilitation Directorate",
                None,
                "Brussels",
                "established",
            ),
            (
                "tariff-and-trade-affairs-directorate",
                "Tariff and Trade Affairs Directorate",
                None,
                "Brussels",
                "established",
            ),
        ],
        "relationships": [],
    },
    {
        "id": "imo",
        "name": "International Maritime Organization",
        "acronym": "IMO",
        "other_names": ["Inter-Governmental Maritime Consultative Organization"],
        "category": "United Nations specialized agency",
        "description": "Sets global standards for the safety, security and environmental performance of "
        "international shipping.",
        "membership": (175, "Member States", "global"),
        "head": "secretary-general",
        "offices": [("secretary-general", "Secretary-General")],
        "units": [
            ("maritime-safety-division", "Maritime Safety Division", None, "London", "established"),
            ("marine-environment-division", "Marine Environment Division", None, "London", "established"),
            ("legal-affairs-division", "Legal Affairs and External Relations Division", None, "London", "established"),
        ],
        "relationships": [],
    },
    {
        "id": "icao",
        "name": "International Civil Aviation Organization",
        "acronym": "ICAO",
        "other_names": [],
        "category": "United Nations specialized agency",
        "description": "Works with the Member States of the Chicago Convention and industry groups to reach consensus "
        "on international civil aviation standards and recommended practices.",
        "membership": (193, "Member States", "global"),
        "head": "secretary-general",
        "offices": [
            ("secretary-general", "Secretary General"),
            ("president-of-the-council", "President of the Council"),
        ],
        "units": [
            ("air-navigation-bureau", "Air Navigation Bureau", None, "Montréal", "established"),
            ("air-transport-bureau", "Air Transport Bureau", None, "Montréal", "established"),
        ],
        "relationships": [],
    },
    {
        "id": "europol",
        "name": "European Union Agency for Law Enforcement Cooperation",
        "acronym": "Europol",
        "other_names": ["European Police Office"],
        "category": "European Union agency",
        "description": "Supports the law enforcement authorities of the Member States of the European Union in "
        "preventing and combating serious international crime and terrorism.",
        "membership": None,
        "head": "executive-director",
        "offices": [("executive-director", "Executive Director")],
        "units": [
            ("european-cybercrime-centre", "European Cybercrime Centre", None, "The Hague", "established"),
            (
                "european-counter-terrorism-centre",
                "European Counter Terrorism Centre",
                None,
                "The Hague",
                "established",
            ),
        ],
        "relationships": [],
    },
]
ORG_BY_ID = {o["id"]: o for o in ORGANIZATIONS}


@dataclass
class BodyDef:
    id: str
    org: str
    name: str
    formula: str
    session_prefix: str  # session ids are <prefix>-<number>
    freq: int  # sessions a year
    every: int  # ... in one year out of `every`
    month: int  # month of the first session of the year
    days: tuple[int, int]  # how long a session lasts, in days after its first
    weight: float  # how many resolutions a session adopts, relatively
    first: int  # number of the first session generated
    res_symbol: str | None  # format of resolution symbols (None: resolutions carry no symbol)
    symbol_rate: float  # share of resolutions with a symbol
    rep_symbol: str
    numbered: bool  # operative clauses carry printed numbers
    head: str  # who "the Secretary General" is in the body's texts
    style: str


BODIES = [
    BodyDef(
        "interpol-general-assembly",
        "interpol",
        "General Assembly",
        "The ICPO-INTERPOL General Assembly",
        "interpol-ga",
        1,
        1,
        11,
        (3, 4),
        3.0,
        40,
        "AG-{year}-RES-{k:02d}",
        0.7,
        "AG-{year}-RAP-{k:02d}",
        False,
        "the Secretary General",
        "interpol",
    ),
    BodyDef(
        "interpol-executive-committee",
        "interpol",
        "Executive Committee",
        "The Executive Committee of ICPO-INTERPOL",
        "interpol-ec",
        3,
        1,
        3,
        (2, 3),
        0.8,
        100,
        "CE-{year}-RES-{k:02d}",
        0.5,
        "CE-{year}-RAP-{k:02d}",
        False,
        "the Secretary General",
        "interpol",
    ),
    BodyDef(
        "itu-council",
        "itu",
        "Council",
        "The Council of the International Telecommunication Union",
        "itu-council",
        1,
        1,
        6,
        (7, 9),
        1.2,
        20,
        "ITU-C/RES/{year}/{k}",
        0.6,
        "C{year}/{k}",
        True,
        "the Secretary-General",
        "itu",
    ),
    BodyDef(
        "itu-plenipotentiary-conference",
        "itu",
        "Plenipotentiary Conference",
        "The Plenipotentiary Conference of the International Telecommunication Union",
        "itu-pp",
        1,
        4,
        10,
        (14, 18),
        4.0,
        5,
        "PP-{year}/RES/{k}",
        1.0,
        "PP-{year}/DOC/{k}",
        True,
        "the Secretary-General",
        "itu",
    ),
    BodyDef(
        "wco-council",
        "wco",
        "Council",
        "The Customs Co-operation Council",
        "wco-council",
        1,
        1,
        6,
        (2, 4),
        1.0,
        60,
        "WCO/SC/{year}/{k}",
        0.5,
        "SC{year}{k:04d}",
        False,
        "the Secretary General",
        "wco",
    ),
    BodyDef(
        "imo-assembly",
        "imo",
        "Assembly",
        "The Assembly of the International Maritime Organization",
        "imo-a",
        1,
        2,
        11,
        (8, 10),
        3.0,
        10,
        "A.{seq}({number})",
        1.0,
        "A {number}/{k}",
        True,
        "the Secretary-General",
        "imo",
    ),
    BodyDef(
        "imo-council",
        "imo",
        "Council",
        "The Council of the International Maritime Organization",
        "imo-c",
        2,
        1,
        7,
        (4, 5),
        0.7,
        90,
        "C/{number}/RES/{k}",
        0.4,
        "C {number}/{k}",
        True,
        "the Secretary-General",
        "imo",
    ),
    BodyDef(
        "imo-maritime-safety-committee",
        "imo",
        "Maritime Safety Committee",
        "The Maritime Safety Committee",
        "imo-msc",
        2,
        1,
        5,
        (4, 8),
        1.5,
        60,
        "MSC.{seq}({number})",
        1.0,
        "MSC {number}/{k}",
        True,
        "the Secretary-General",
        "imo",
    ),
    BodyDef(
        "icao-assembly",
        "icao",
        "Assembly",
        "The Assembly of the International Civil Aviation Organization",
        "icao-a",
        1,
        3,
        9,
        (10, 12),
        3.5,
        20,
        "A{number}-{k}",
        0.9,
        "A{number}-WP/{k}",
        False,
        "the Secretary General",
        "icao",
    ),
    BodyDef(
        "icao-council",
        "icao",
        "Council",
        "The Council of the International Civil Aviation Organization",
        "icao-c",
        3,
        1,
        2,
        (9, 12),
        0.6,
        150,
        None,
        0.0,
        "C-WP/{seq}",
        False,
        "the Secretary General",
        "icao",
    ),
    BodyDef(
        "commission-on-narcotic-drugs",
        "unodc",
        "Commission on Narcotic Drugs",
        "The Commission on Narcotic Drugs",
        "cnd",
        1,
        1,
        3,
        (4, 5),
        1.5,
        20,
        "CND {number}/{k}",
        1.0,
        "E/CN.7/{year}/{k}",
        True,
        "the Executive Director",
        "un",
    ),
    BodyDef(
        "europol-management-board",
        "europol",
        "Management Board",
        "The Management Board of Europol",
        "europol-mb",
        4,
        1,
        2,
        (1, 2),
        0.5,
        1,
        None,
        0.0,
        "EDOC#{seq:06d}",
        False,
        "the Executive Director",
        "eu",
    ),
]

INSTRUMENTS = [  # (id, organization, title, type, articles)
    ("interpol-constitution", "interpol", "Constitution of the ICPO-INTERPOL", "constitution", 50),
    ("interpol-general-regulations", "interpol", "General Regulations of the ICPO-INTERPOL", "regulations", 60),
    (
        "interpol-rules-on-the-processing-of-data",
        "interpol",
        "INTERPOL's Rules on the Processing of Data",
        "regulations",
        135,
    ),
    ("interpol-financial-regulations", "interpol", "Financial Regulations", "regulations", 40),
    ("itu-constitution", "itu", "Constitution of the International Telecommunication Union", "constitution", 58),
    ("itu-convention", "itu", "Convention of the International Telecommunication Union", "convention", 42),
    ("itu-council-rules-of-procedure", "itu", "Rules of Procedure of the Council", "rules-of-procedure", 20),
    ("wco-convention", "wco", "Convention establishing a Customs Co-operation Council", "convention", 20),
    (
        "wco-council-rules-of-procedure",
        "wco",
        "Rules of Procedure of the Customs Co-operation Council",
        "rules-of-procedure",
        40,
    ),
    ("imo-convention", "imo", "Convention on the International Maritime Organization", "convention", 82),
    ("imo-assembly-rules-of-procedure", "imo", "Rules of Procedure of the Assembly", "rules-of-procedure", 60),
    ("solas-convention", "imo", "International Convention for the Safety of Life at Sea", "convention", 13),
    ("chicago-convention", "icao", "Convention on International Civil Aviation", "convention", 96),
    (
        "icao-assembly-standing-rules-of-procedure",
        "icao",
        "Standing Rules of Procedure of the Assembly",
        "rules-of-procedure",
        66,
    ),
    ("single-convention-on-narcotic-drugs", "unodc", "Single Convention on Narcotic Drugs, 1961", "convention", 51),
    (
        "cnd-rules-of-procedure",
        "unodc",
        "Rules of Procedure of the Functional Commissions of the Economic and Social Council",
        "rules-of-procedure",
        79,
    ),
    ("europol-regulation", "europol", "Regulation (EU) 2016/794 on Europol", "regulations", 77),
    (
        "europol-management-board-rules-of-procedure",
        "europol",
        "Rules of Procedure of the Management Board",
        "rules-of-procedure",
        25,
    ),
]

VENUES = [
    ("Rome", "Italy"),
    ("Lyon", "France"),
    ("Singapore", "Singapore"),
    ("Hanoi", "Viet Nam"),
    ("Monaco", "Monaco"),
    ("Kigali", "Rwanda"),
    ("Santiago", "Chile"),
    ("Dubai", "United Arab Emirates"),
    ("Istanbul", "Türkiye"),
    ("Beijing", "China"),
    ("Bali", "Indonesia"),
    ("Buenos Aires", "Argentina"),
    ("Oslo", "Norway"),
    ("Geneva", "Switzerland"),
    ("Busan", "Republic of Korea"),
    ("Guadalajara", "Mexico"),
    ("Antalya", "Türkiye"),
    ("Brussels", "Belgium"),
    ("London", "United Kingdom"),
    ("Montréal", "Canada"),
    ("Vienna", "Austria"),
    ("The Hague", "Netherlands"),
    ("Cape Town", "South Africa"),
    ("Marrakesh", "Morocco"),
    ("Doha", "Qatar"),
    ("Lisbon", "Portugal"),
    ("Yokohama", "Japan"),
    ("New Delhi", "India"),
    ("Nairobi", "Kenya"),
    ("Lima", "Peru"),
]

# Resolution subjects: (title, id slug, subject as it runs in a sentence)
TOPICS = [
    ("Fight against cybercrime", "cybercrime", "the fight against cybercrime"),
    (
        "Protection of cultural property",
        "cultural-property",
        "the protection of cultural property against theft and illicit trafficking",
    ),
    ("Maritime piracy", "maritime-piracy", "the prevention and suppression of piracy and armed robbery against ships"),
    (
        "Exchange of police information",
        "information-exchange",
        "the secure exchange of police information between member countries",
    ),
    ("Security of major events", "major-events", "the security of major sporting and cultural events"),
    ("Disaster victim identification", "disaster-victim-identification", "the identification of victims of disasters"),
    (
        "Trafficking in human beings",
        "human-trafficking",
        "the prevention of trafficking in human beings and the smuggling of migrants",
    ),
    (
        "Protection of personal data",
        "data-protection",
        "the protection of personal data processed through the Organization's channels",
    ),
    (
        "Illicit drug trafficking",
        "drug-trafficking",
        "the fight against illicit trafficking in narcotic drugs and psychotropic substances",
    ),
    (
        "Training of law enforcement officers",
        "training",
        "the training of law enforcement officers in member countries",
    ),
    ("Use of biometric data", "biometrics", "the lawful use of fingerprints, DNA profiles and facial images"),
    (
        "Environmental crime",
        "environmental-crime",
        "the fight against environmental crime, including illegal logging and wildlife trafficking",
    ),
    (
        "Financial management of the Organization",
        "financial-management",
        "the sound financial management of the Organization",
    ),
    ("Asset recovery", "asset-recovery", "the tracing, freezing and recovery of the proceeds of crime"),
    (
        "Counterfeit medical products",
        "counterfeit-medicines",
        "the fight against counterfeit and falsified medical products",
    ),
    (
        "Protection of children online",
        "child-protection",
        "the protection of children against sexual exploitation online",
    ),
    ("Financing of terrorism", "terrorism-financing", "the suppression of the financing of terrorism"),
    ("Aviation security", "aviation-security", "the security of international civil aviation"),
    ("Search for fugitives", "fugitives", "the location and arrest of fugitives wanted for serious crimes"),
    ("Prevention of corruption", "corruption", "the prevention of corruption and the recovery of stolen assets"),
    (
        "Modernization of customs procedures",
        "customs-modernization",
        "the simplification and harmonization of customs procedures",
    ),
    ("Safety of navigation", "navigation-safety", "the safety of navigation and the protection of life at sea"),
    (
        "Prevention of pollution from ships",
        "ship-pollution",
        "the prevention of pollution of the marine environment by ships",
    ),
    (
        "Radio-frequency spectrum",
        "spectrum",
        "the rational, equitable and efficient use of the radio-frequency spectrum",
    ),
    (
        "Telecommunication infrastructure",
        "infrastructure",
        "the development of telecommunication infrastructure in developing countries",
    ),
    ("Firearms trafficking", "firearms", "the fight against the illicit manufacturing of and trafficking in firearms"),
    (
        "Governance of the Organization",
        "governance",
        "the governance, transparency and accountability of the Organization",
    ),
    ("Gender equality", "gender-equality", "gender equality and the empowerment of women in the Organization's work"),
    (
        "Stolen and lost travel documents",
        "travel-documents",
        "the detection of stolen and lost travel documents at borders",
    ),
    ("Regional cooperation", "regional-cooperation", "cooperation with regional law enforcement bodies"),
    ("Working languages", "languages", "the use of the working languages of the Organization"),
    ("Seafarers' welfare", "seafarers", "the welfare and fair treatment of seafarers"),
    ("Air navigation capacity", "air-navigation", "the capacity and efficiency of global air navigation"),
    ("Drug demand reduction", "demand-reduction", "the reduction of drug demand through prevention and treatment"),
]

PREAMBLE_PLAIN = [  # (phrase, the words after it, around the subject {s})
    ("MINDFUL", "of the importance of {s}"),
    ("CONSIDERING", "that {s} requires the concerted action of all member countries"),
    ("CONVINCED", "that {s} can only be achieved through sustained international cooperation"),
    ("DEEPLY CONCERNED", "about the persistent obstacles to {s}"),
    ("AWARE", "that the resources devoted to {s} remain insufficient in many regions"),
    ("RECOGNIZING", "that {s} is a shared responsibility of member countries and the Organization"),
    ("NOTING", "the progress achieved in {s} since its previous session"),
    ("EMPHASIZING", "the need for a coordinated approach to {s}"),
    ("STRESSING", "the urgency of {s}"),
    ("DESIRING", "to strengthen the contribution of the Organization to {s}"),
    ("BELIEVING", "that new technologies offer new opportunities for {s}"),
    ("CONSCIOUS", "of the need to improve {s}"),
]
OPERATIVE = [  # (phrase, who or what it is addressed to, leading to a verb phrase)
    ("DECIDES", "to"),
    ("REQUESTS", "{head} to"),
    ("INVITES", "member countries to"),
    ("URGES", "all member countries to"),
    ("ENCOURAGES", "member countries and partner organizations to"),
    ("INSTRUCTS", "the General Secretariat to"),
    ("CALLS UPON", "the regional bureaus to"),
    ("AUTHORIZES", "{head} to"),
    ("RECOMMENDS", "that member countries"),
    ("ENTRUSTS", "{head} with the task to"),
]
VERB_PHRASES = [
    "develop a comprehensive strategy on",
    "strengthen cooperation on",
    "provide technical assistance to member countries regarding",
    "establish a working group to examine",
    "allocate the necessary resources for",
    "take all appropriate measures to promote",
    "report to the next session on progress made in",
    "prepare guidelines on",
    "organize a regional conference on",
    "update the relevant manuals and procedures concerning",
    "designate national contact points for",
    "evaluate the effectiveness of current action on",
    "share best practices and lessons learned concerning",
    "support research and the collection of statistics on",
]
FILLERS = [
    "in accordance with the relevant provisions of the Constitution",
    "with due regard to national legislation",
    "within the limits of available resources",
    "in close cooperation with regional and international bodies",
    "taking into account the views expressed by member countries",
    "as set out in the documents submitted to this session",
    "and in particular the need for a coordinated response",
    "so that member countries may benefit from shared expertise",
    "while respecting the principle of national sovereignty",
    "and to report thereon at its next session",
    "through the exchange of information and best practices",
    "with a view to strengthening international cooperation",
    "including the provision of technical assistance where requested",
    "in order to ensure the effective use of the Organization's resources",
    "by means of training, capacity building and operational support",
    "and to submit proposals for consideration by the governing bodies",
    "on the basis of the principles of transparency and accountability",
    "subject to the availability of extra-budgetary funding",
    "in all regions and in all the working languages",
    "in consultation with the relevant international organizations",
    "bearing in mind the rapid development of new technologies",
    "and the growing involvement of organized criminal groups",
    "as well as the private sector and civil society",
    "without prejudice to existing bilateral arrangements",
    "as a matter of priority",
    "for the benefit of all member countries",
    "in a timely and effective manner",
    "and with full respect for human rights",
    "consistent with the Organization's strategic framework",
    "in particular in developing countries and small island States",
    "and to keep the matter under review",
]
PROVISIONS = [
    "the Organization shall act in a spirit of neutrality",
    "the governing bodies may adopt rules for its application",
    "any amendment shall enter into force upon adoption",
    "the budget shall be approved by the supreme governing body",
    "the Secretariat shall carry out the decisions of the governing bodies",
    "members shall contribute to the expenses of the Organization",
    "cooperation agreements shall be approved before they are signed",
    "the working languages are determined by the governing bodies",
]
ITEM_PHRASES = [  # after "... to:"
    "collect and analyse information on",
    "convene experts from member countries to examine",
    "publish an annual report on",
    "facilitate the exchange of information on",
    "assess the financial implications of measures concerning",
    "draft model legislation on",
    "coordinate the work of the regional bureaus on",
    "raise awareness of",
]
METHODS = ["vote", "without-vote", "consensus", "unanimous", "acclamation"]
OUTCOMES = {
    "vote": "Adopted",
    "without-vote": "Adopted",
    "consensus": "Adopted",
    "unanimous": "Adopted unanimously",
    "acclamation": "Adopted by acclamation",
}
FILLER_PIECES = [tuple(" ".join(f.split()[i : i + 3]) for i in range(0, len(f.split()), 3)) for f in FILLERS]
FILLER_LENGTHS = [len(f) + 1 for f in FILLERS]
LETTERS = "abcdefghij"

# --------------------------------------------------------------------------------------------------
# Planted errors
# --------------------------------------------------------------------------------------------------

# kind -> (code validate must report, what is done, the kind of file it is planted in)
INJECTIONS: dict[str, tuple[str, str, str]] = {
    "syntax": ("RT010", "a missing ':' after 'status' (status adopted)", "resolution"),
    "duplicate-key": ("RT011", "the 'status:' line written twice", "resolution"),
    "yaml11-boolean": ("RT020", "venue country written as plain NO (Norway)", "session"),
    "anchor-alias": ("RT013", "an anchor &body on the body and an alias *body in notes (also RT014)", "resolution"),
    "tag": ("RT016", "status: !!str adopted", "resolution"),
    "multi-document": ("RT012", "a second YAML document after '---'", "resolution"),
    "empty": ("RT007", "the file holds only its schema comment", "resolution"),
    "bom": ("RT005", "a UTF-8 byte order mark before the first line", "resolution"),
    "not-utf8": ("RT004", "notes with 'Côte d'Ivoire' saved as Windows-1252", "resolution"),
    "nul": ("RT006", "a NUL byte inside the title", "resolution"),
    "too-large": ("RT003", "notes of 1.1 MB, over the 1 MiB max-file-size", "resolution"),
    "missing-field": ("RT101", "the required 'status:' line removed", "resolution"),
    "unknown-field": ("RT102", "an extra top-level field 'adopted_on:'", "resolution"),
    "wrong-type": ("RT103", 'vote count written as a string (in_favour: "NN")', "resolution"),
    "bad-date": ("RT106", "adoption date February 30", "resolution"),
    "unknown-kind": ("RT105", "kind: resolutoin", "resolution"),
    "duplicate-id": (
        "RT201",
        "a copy of a resolution in the next year's folder (same file name, same id)",
        "resolution",
    ),
    "id-mismatch": ("RT202", "id changed to differ from the file name", "resolution"),
    "wrong-folder": ("RT203", "a report moved into agreements/", "report"),
    "duplicate-symbol": ("RT204", "symbol copied from another resolution", "resolution"),
    "missing-reference": ("RT205", "supersedes: an id with a typo", "resolution"),
    "missing-fragment": ("RT206", "amends: an article number the instrument does not have", "resolution"),
    "wrong-kind-reference": ("RT207", "session: the id of the body instead of the session", "resolution"),
    "session-dates-reversed": ("RT401", "start and end dates swapped", "session"),
    "lifecycle-out-of-order": ("RT402", "the dates of 'signed' and 'in-force' swapped", "agreement"),
    "adoption-outside-session": ("RT403", "adoption date two days after the session ended", "resolution"),
    # beyond the list in the brief: every other code a tree can be made to show
    "control-character": ("RT008", "an ESC control character in notes", "resolution"),
    "too-many-problems": ("RT009", "110 annexes titled with plain 'no' (110 RT020 warnings, 100 listed)", "resolution"),
    "merge-key": ("RT015", "a merge key << inside adoption", "resolution"),
    "not-mapping": ("RT017", "the whole record written as a one-item list", "resolution"),
    "complex-key": ("RT018", "a flow-sequence key '? [draft, final]'", "resolution"),
    "nesting-too-deep": ("RT019", "notes holding 70 nested flow lists", "resolution"),
    "yaml11-octal": ("RT021", "meeting: 0700", "resolution"),
    "yaml11-sexagesimal": ("RT022", "meeting: 10:30", "resolution"),
    "invalid-value": ("RT104", "status: approved (not an allowed status)", "resolution"),
    "duplicate-fragment": ("RT209", "an article of an instrument listed twice", "instrument"),
    "outside-kind-folder": ("RT208", "an organization record in records/drafts/", "new"),
    "broken-symlink": ("RT002", "a symbolic link to a file that does not exist", "new"),
}
ALSO = {"anchor-alias": ["RT014"], "too-many-problems": ["RT020"]}


# --------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------

_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`0123456789+. ")
_YAML_WORDS = frozenset(
    [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "y",
        "Y",
        "n",
        "N",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "null",
        "Null",
        "NULL",
        "~",
    ]
)


def plain_ok(text: str) -> bool:
    """Whether `text` can be written as a plain YAML scalar and be read back as the same string."""
    return (
        bool(text)
        and text[0] not in _PLAIN_BAD_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text not in _YAML_WORDS
        and "\n" not in text
        and text[-1] != " "
    )


def scalar(out: list[str], indent: str, key: str, pieces: list[str] | tuple[str, ...] | str) -> None:
    """Append `key: text` at `indent`: plain when short and safe, else a folded `>-` block wrapped near WIDTH.

    `pieces` are runs of words; folded lines break only between pieces (each piece is kept whole).
    """
    if isinstance(pieces, str):
        pieces = (pieces,)
    text = " ".join(pieces)
    if len(indent) + len(key) + 2 + len(text) <= WIDTH and plain_ok(text):
        out.append(f"{indent}{key}: {text}\n")
        return
    inner = indent + "  "
    room = WIDTH - len(inner)
    lines = []
    current = ""
    for piece in pieces:
        if not current:
            current = piece
        elif len(current) + 1 + len(piece) > room:
            lines.append(current)
            current = piece
        else:
            current = current + " " + piece
    lines.append(current)
    out.append(f"{indent}{key}: >-\n{inner}" + f"\n{inner}".join(lines) + "\n")


_SPLIT_CACHE: dict[tuple[str, int], tuple[str, ...]] = {}


def split_words(text: str, size: int = 5) -> tuple[str, ...]:
    """A sentence cut into pieces of `size` words, so that `scalar` can wrap it (cached: texts repeat)."""
    found = _SPLIT_CACHE.get((text, size))
    if found is None:
        words = text.split(" ")
        found = tuple(" ".join(words[i : i + size]) for i in range(0, len(words), size))
        if len(_SPLIT_CACHE) < 100_000:
            _SPLIT_CACHE[(text, size)] = found
    return found


def plain(text: str) -> str:
    """`text` as a one-line scalar: plain when that reads back as the same string, else double-quoted."""
    return text if plain_ok(text) else json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.") or "x"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------------
# The plan: everything that references need to know, decided before any file is written
# --------------------------------------------------------------------------------------------------


@dataclass
class SessionPlan:
    index: int
    id: str
    body: BodyDef
    number: int
    year: int
    start: dt.date
    end: dt.date
    city: str
    country: str
    dated: bool  # whether the day of adoption of its resolutions is recorded
    resolutions: list[int] = field(default_factory=list)  # global indices
    reports: list[int] = field(default_factory=list)
    agreements: list[int] = field(default_factory=list)


@dataclass
class ResolutionPlan:
    index: int
    id: str
    session: int
    title: str
    subject: str
    date: dt.date | None
    symbol: str | None
    n_pre: int
    n_op: int
    reserved: bool  # kept free of references, for planted errors
    agreement: int | None = None  # the agreement it approves


@dataclass
class ReportPlan:
    index: int
    id: str
    symbol: str
    session: int
    subject: str
    appendices: list[tuple[str, int | None]]  # (title, agreement index or None)


@dataclass
class AgreementPlan:
    index: int
    id: str
    title: str
    parties: tuple[str, str]
    session: int
    report: int
    appendix: int  # number of the report's appendix that holds it
    resolution: int  # the resolution that approves it


@dataclass
class World:
    sessions: list[SessionPlan]
    resolutions: list[ResolutionPlan]
    reports: list[ReportPlan]
    agreements: list[AgreementPlan]
    instruments: list[tuple[str, str, str, str, int]]
    ids: set[str]


@dataclass
class Names:
    """The ids and symbols given so far, and the counters symbols are numbered by."""

    ids: set[str]
    symbols: set[str]
    symbol_counter: dict[tuple[str, int, str], int] = field(default_factory=dict)
    seq_counter: dict[tuple[str, str], int] = field(default_factory=dict)

    def unique(self, base: str) -> str:
        candidate, k = base, 2
        while candidate in self.ids:
            candidate, k = f"{base}-{k}", k + 1
        self.ids.add(candidate)
        return candidate

    def symbol_for(self, fmt: str, body: BodyDef, s: SessionPlan, what: str) -> str:
        key = (body.id, s.year, what)
        self.symbol_counter[key] = self.symbol_counter.get(key, 0) + 1
        seq_key = (body.id, what)
        self.seq_counter[seq_key] = self.seq_counter.get(seq_key, 1000 if what == "res" else 0) + 1
        base = fmt.format(year=s.year, k=self.symbol_counter[key], number=s.number, seq=self.seq_counter[seq_key])
        candidate, k = base, 2
        while candidate in self.symbols:
            candidate, k = f"{base}/{k}", k + 1
        self.symbols.add(candidate)
        return candidate


def plan_sessions(n: int, rng: random.Random, ids: set[str]) -> list[SessionPlan]:
    # Sessions: the most recent slots of a calendar of every body's meetings.
    n_sessions = max(1, round(n / 40))
    per_year = sum(b.freq / b.every for b in BODIES)
    mult = max(1, -(-n_sessions // int(per_year * MAX_YEARS)))
    span = max(1, -(-n_sessions // int(per_year * mult)) + 1)
    slots = []
    for year in range(END_YEAR - span + 1, END_YEAR + 1):
        for bi, body in enumerate(BODIES):
            if year % body.every:
                continue
            count = body.freq * mult
            for k in range(count):
                month = 1 + (body.month - 1 + (12 * k) // count) % 12
                slots.append((year, min(month, 11), bi, k))
    slots.sort()
    slots = slots[-n_sessions:]
    counters = {b.id: 0 for b in BODIES}
    sessions: list[SessionPlan] = []
    for year, month, bi, _ in slots:
        body = BODIES[bi]
        number = body.first + counters[body.id]
        counters[body.id] += 1
        start = dt.date(year, month, rng.randint(1, 18))
        end = start + dt.timedelta(days=rng.randint(*body.days))
        city, country = VENUES[rng.randrange(len(VENUES))]
        sid = f"{body.session_prefix}-{number}"
        ids.add(sid)
        sessions.append(
            SessionPlan(len(sessions), sid, body, number, year, start, end, city, country, dated=rng.random() > 0.06)
        )
    if len(sessions) >= 2 and all(s.dated for s in sessions):
        sessions[0].dated = False  # at least one session whose adoption days are not recorded

    return sessions


def resolution_counts(sessions: list[SessionPlan], n: int, rng: random.Random) -> list[int]:
    # How many resolutions each session adopts.
    weights = [s.body.weight * rng.uniform(0.6, 1.4) for s in sessions]
    total = sum(weights)
    counts = [int(n * w / total) for w in weights]
    for i in range(n - sum(counts)):
        counts[i % len(counts)] += 1

    return counts


def reserved_resolutions(sessions: list[SessionPlan], counts: list[int], n: int, seed: int) -> set[int]:
    # Resolutions kept free of references (never cited, never approving anything), to plant errors in.
    dated_indices = []
    start_index = 0
    for s, c in zip(sessions, counts, strict=True):
        if s.dated:
            dated_indices.extend(range(start_index, start_index + c))
        start_index += c
    n_reserved = min(len(dated_indices), n // 3, max(64, n // 200))
    reserved = set(random.Random(seed * 7919 + 17).sample(dated_indices, n_reserved))

    return reserved


def plan_report_appendices(report_ids: list[ReportPlan], agreements: list[AgreementPlan], rng: random.Random) -> None:
    """Each report's subject (naming the agreements it sets out) and its other appendices."""
    for report in report_ids:
        if report.appendices:
            titles = " and ".join(ORG_BY_ID[agreements[a].parties[1]]["acronym"] for _, a in report.appendices)
            report.subject = (
                f"Sets out draft agreements with {titles} for approval, and describes the cooperation that led to them."
            )
        for _ in range(rng.choice((0, 1, 1, 2))):
            report.appendices.append(
                (
                    rng.choice(
                        (
                            "Financial implications",
                            "Statistics for the period under review",
                            "List of participating member countries",
                            "Draft work plan",
                            "Summary of replies to the questionnaire",
                        )
                    ),
                    None,
                )
            )


def plan_session_resolutions(
    s: SessionPlan,
    body: BodyDef,
    rng: random.Random,
    names: Names,
    reserved: set[int],
    approver_of: dict[int, AgreementPlan],
) -> list[ResolutionPlan]:
    """The resolutions a session adopts: those approving its agreements, and the others on a topic."""
    resolutions: list[ResolutionPlan] = []
    for i in s.resolutions:
        if i in approver_of:
            agreement = approver_of[i]
            other = ORG_BY_ID[agreement.parties[1]]
            title = f"Draft {agreement.title}"
            base = f"{s.id}-{agreement.parties[1]}-cooperation"
            subject = f"cooperation with the {other['name']}"
        else:
            topic = TOPICS[rng.randrange(len(TOPICS))]
            title, subject = topic[0], topic[2]
            base = f"{s.id}-{topic[1]}"
            if rng.random() < 0.08:
                title, subject, base = (
                    f"Budget for the {s.year + 1} financial year",
                    "the budget of the Organization",
                    f"{s.id}-budget-{s.year + 1}",
                )
        rid = names.unique(base)
        symbol = None
        if body.res_symbol and i not in reserved and rng.random() < body.symbol_rate:
            symbol = names.symbol_for(body.res_symbol, body, s, "res")
        date = s.start + dt.timedelta(days=rng.randint(0, (s.end - s.start).days)) if s.dated else None
        plan = ResolutionPlan(
            i,
            rid,
            s.index,
            title,
            subject,
            date,
            symbol,
            rng.randint(2, 10),
            rng.randint(1, 8),
            i in reserved,
            approver_of[i].index if i in approver_of else None,
        )
        if plan.agreement is not None:
            plan.n_op = max(plan.n_op, 2)
        resolutions.append(plan)
    return resolutions


def plan_world(n: int, rng: random.Random, seed: int) -> World:
    ids: set[str] = {o["id"] for o in ORGANIZATIONS} | {b.id for b in BODIES} | {i[0] for i in INSTRUMENTS}
    symbols: set[str] = set()

    sessions = plan_sessions(n, rng, ids)

    counts = resolution_counts(sessions, n, rng)

    reserved = reserved_resolutions(sessions, counts, n, seed)

    resolutions: list[ResolutionPlan] = []
    reports: list[ReportPlan] = []
    agreements: list[AgreementPlan] = []
    rep_acc = agr_acc = 0.0
    org_ids = [o["id"] for o in ORGANIZATIONS]

    names = Names(ids, symbols)

    for s, c in zip(sessions, counts, strict=True):
        body = s.body
        first = len(resolutions)
        s.resolutions = list(range(first, first + c))
        free = [i for i in s.resolutions if i not in reserved]
        rep_before, agr_before = int(rep_acc), int(agr_acc)
        rep_acc += c / 5
        agr_acc += c / 10
        n_agr = min(int(agr_acc) - agr_before, len(free))
        n_rep = max(int(rep_acc) - rep_before, 1 if n_agr else 0)
        approvers = sorted(rng.sample(free, n_agr)) if n_agr else []
        approver_of = {}
        # Reports first (their appendices hold the agreements), then the agreements.
        report_ids = []
        for _ in range(n_rep):
            topic = TOPICS[rng.randrange(len(TOPICS))]
            symbol = names.symbol_for(body.rep_symbol, body, s, "rep")
            rid = names.unique(slugify(symbol))
            report = ReportPlan(
                len(reports),
                rid,
                symbol,
                s.index,
                f"Sets out the activities of the Organization regarding {topic[2]}, and proposals "
                f"for the coming period.",
                [],
            )
            reports.append(report)
            s.reports.append(report.index)
            report_ids.append(report)
        for k, res_index in enumerate(approvers):
            other = org_ids[rng.randrange(len(org_ids))]
            while other == body.org:
                other = org_ids[rng.randrange(len(org_ids))]
            a, b = ORG_BY_ID[body.org], ORG_BY_ID[other]
            kind = "cooperation" if rng.random() < 0.7 else "memorandum"
            if kind == "cooperation":
                title = f"Cooperation Agreement between the {a['name']} and the {b['name']}"
            else:
                title = f"Memorandum of Understanding between the {a['name']} and the {b['name']}"
            base = f"{body.org}-{other}-{kind}"
            aid = names.unique(base if base not in ids else f"{base}-{s.year}")
            report = report_ids[k % len(report_ids)]
            report.appendices.append((f"Draft {title}", len(agreements)))
            agreement = AgreementPlan(
                len(agreements), aid, title, (body.org, other), s.index, report.index, len(report.appendices), res_index
            )
            agreements.append(agreement)
            s.agreements.append(agreement.index)
            approver_of[res_index] = agreement
        plan_report_appendices(report_ids, agreements, rng)
        resolutions += plan_session_resolutions(s, body, rng, names, reserved, approver_of)
    instruments = [(iid, org, title, typ, count) for iid, org, title, typ, count in INSTRUMENTS]
    return World(sessions, resolutions, reports, agreements, instruments, ids)


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------


def render_organization(o: dict) -> str:
    out = [SCHEMA_LINE.format(up="../../", kind="organization"), f"id: {o['id']}\n", "kind: organization\n"]
    scalar(out, "", "name", o["name"])
    out.append(f"acronym: {o['acronym']}\n")
    if o["other_names"]:
        out.append("other_names:\n")
        for name in o["other_names"]:
            out.append(f"  - {plain(name)}\n")
    if o["category"]:
        out.append(f"category: {o['category']}\n")
    scalar(out, "", "description", split_words(o["description"], 4))
    if o["membership"]:
        count, members, scope = o["membership"]
        out.append(f"membership:\n  count: {count}\n  members: {members}\n  scope: {scope}\n")
    if o["relationships"]:
        out.append("relationships:\n")
        for relation, target, description in o["relationships"]:
            out.append(f"  - relation: {relation}\n    target: {target}\n")
            scalar(out, "    ", "description", split_words(description, 4))
    if o["units"]:
        out.append("units:\n")
        for uid, name, part_of, location, status in o["units"]:
            out.append(f"  - id: {uid}\n")
            scalar(out, "    ", "name", name)
            if part_of:
                out.append(f"    part_of: {part_of}\n")
            if location:
                out.append(f"    location: {location}\n")
            if status:
                out.append(f"    status: {status}\n")
    out.append("offices:\n")
    for oid, title in o["offices"]:
        out.append(f"  - id: {oid}\n    title: {title}\n")
    return "".join(out)


def render_body(b: BodyDef) -> str:
    return "".join(
        [
            SCHEMA_LINE.format(up="../../", kind="body"),
            f"id: {b.id}\n",
            "kind: body\n",
            f"name: {b.name}\n",
            f"organization: {b.org}\n",
            f"formula: {b.formula}\n",
            f"house_style: {b.style}\n",
        ]
    )


def render_session(s: SessionPlan, *, country: str | None = None, reversed_dates: bool = False) -> str:
    start, end = (s.end, s.start) if reversed_dates else (s.start, s.end)
    return "".join(
        [
            SCHEMA_LINE.format(up="../../", kind="session"),
            f"id: {s.id}\n",
            "kind: session\n",
            f"body: {s.body.id}\n",
            f"number: {s.number}\n",
            f"title: {s.body.name}, {ordinal(s.number)} session\n",
            f"venue:\n  city: {s.city}\n  country: {country or s.country}\n",
            f"start: {start.isoformat()}\n",
            f"end: {end.isoformat()}\n",
        ]
    )


def render_instrument(inst: tuple, rng: random.Random, *, duplicate_article: bool = False) -> tuple[str, list[str]]:
    iid, org, title, typ, count = inst
    out = [SCHEMA_LINE.format(up="../../", kind="instrument"), f"id: {iid}\n", "kind: instrument\n"]
    scalar(out, "", "title", title)
    out.append(f"organization: {org}\ntype: {typ}\narticles:\n")
    numbers = []
    for k in range(1, count + 1):
        number = str(k)
        numbers.append(number)
        out.append(f'  - number: "{number}"\n')
        r = rng.random()
        if r < 0.5:
            scalar(out, "    ", "title", capitalized(TOPICS[rng.randrange(len(TOPICS))][2].replace("the ", "", 1)))
        if r < 0.3:
            text = f"{capitalized(PROVISIONS[rng.randrange(len(PROVISIONS))])}, {FILLERS[rng.randrange(len(FILLERS))]}."
            scalar(out, "    ", "text", split_words(text, 4))
    if duplicate_article:
        out.append('  - number: "3"\n    title: Duplicate of article 3, entered twice by mistake\n')
    return "".join(out), numbers


def render_report(r: ReportPlan, w: World) -> str:
    s = w.sessions[r.session]
    out = [
        SCHEMA_LINE.format(up="../../", kind="report"),
        f"id: {r.id}\n",
        "kind: report\n",
        f"symbol: {plain(r.symbol)}\n",
        f"body: {s.body.id}\n",
        f"session: {s.id}\n",
    ]
    scalar(out, "", "subject", split_words(r.subject, 4))
    if r.appendices:
        out.append("appendices:\n")
        for k, (title, agreement) in enumerate(r.appendices, 1):
            out.append(f'  - number: "{k}"\n')
            scalar(out, "    ", "title", split_words(title, 4))
            if agreement is not None:
                out.append(f"    contains: {w.agreements[agreement].id}\n")
    return "".join(out)


def render_agreement(a: AgreementPlan, w: World, rng: random.Random, *, swap: bool = False) -> tuple[str, bool]:
    """The agreement's text, and whether its 'signed' and 'in-force' dates were swapped (only when `swap`
    is asked for and it has both)."""
    report = w.reports[a.report]
    resolution = w.resolutions[a.resolution]
    location = f"{report.id}#appendix-{a.appendix}"
    org = ORG_BY_ID[a.parties[0]]
    r = rng.random()
    signed = in_force = None
    if r < 0.75 and resolution.date:
        signed = resolution.date + dt.timedelta(days=rng.randint(5, 200))
        if r < 0.55:
            in_force = signed + dt.timedelta(days=rng.randint(1, 120))
    swapped = swap and in_force is not None
    if swapped:
        signed, in_force = in_force, signed
    out = [SCHEMA_LINE.format(up="../../", kind="agreement"), f"id: {a.id}\n", "kind: agreement\n"]
    scalar(out, "", "title", split_words(a.title, 4))
    out.append(f"parties:\n  - {a.parties[0]}\n  - {a.parties[1]}\n")
    out.append(f"text_location: {location}\n")
    out.append(f"lifecycle:\n  - event: drafted\n    document: {location}\n  - event: approved\n")
    if resolution.date:
        out.append(f"    date: {resolution.date.isoformat()}\n")
    out.append(f"    by: {resolution.id}\n")
    if signed:
        out.append(f"  - event: signed\n    date: {signed.isoformat()}\n    by: {a.parties[1]}\n")
    if in_force:
        out.append(f"  - event: in-force\n    date: {in_force.isoformat()}\n")
        if r < 0.08:
            out.append("  - event: amended\n")
            scalar(out, "    ", "note", "the annex on the exchange of information was replaced")
    out.append(f"signature_authorizations:\n  - signatory: {a.parties[0]}#{org['head']}\n    by: {resolution.id}\n")
    return "".join(out), swapped


class ResolutionWriter:
    """Renders resolutions, choosing what their clauses cite among the records that came before."""

    def __init__(self, w: World, rng: random.Random, instrument_articles: dict[str, list[str]]) -> None:
        self.w = w
        self.rng = rng
        self.articles = instrument_articles
        self.instruments_by_org: dict[str, list[tuple]] = {}
        for inst in w.instruments:
            self.instruments_by_org.setdefault(inst[1], []).append(inst)
        self.previous: list[ResolutionPlan] = []  # resolutions already written that may be cited
        self.reports_so_far: list[ReportPlan] = []
        self.agreements_so_far: list[AgreementPlan] = []

    # --- what a clause cites --------------------------------------------------------------------

    def _report(self, session_reports: list[ReportPlan]) -> ReportPlan | None:
        rng = self.rng
        if session_reports and rng.random() < 0.7:
            return session_reports[rng.randrange(len(session_reports))]
        if self.reports_so_far:
            return self.reports_so_far[rng.randrange(len(self.reports_so_far))]
        return None

    def _earlier(self) -> ResolutionPlan | None:
        prev = self.previous
        if not prev:
            return None
        rng = self.rng
        if rng.random() < 0.5:
            return prev[max(0, len(prev) - 1 - rng.randrange(300))]
        return prev[rng.randrange(len(prev))]

    def _article(self, org: str) -> tuple[str, str, str]:
        rng = self.rng
        pool = self.instruments_by_org.get(org) if rng.random() < 0.85 else None
        inst = (pool or self.w.instruments)[rng.randrange(len(pool or self.w.instruments))]
        numbers = self.articles[inst[0]]
        number = numbers[rng.randrange(len(numbers))]
        return inst[0], inst[2], number

    def _fill(self, pieces: list[str], target: int) -> None:
        """Add filler phrases (each a few pieces of three words) until the text is about `target` long."""
        rng = self.rng
        length = sum(len(p) + 1 for p in pieces)
        count = len(FILLER_PIECES)
        last = -1
        while length < target:
            k = rng.randrange(count)
            if k == last:
                k = (k + 1) % count
            last = k
            pieces.extend(FILLER_PIECES[k])
            length += FILLER_LENGTHS[k]

    @staticmethod
    def _pieces(text: str) -> list[str]:
        return split_words(text, 3)

    # --- clauses --------------------------------------------------------------------------------

    def preamble(self, res: ResolutionPlan, s: SessionPlan, session_reports: list[ReportPlan]):
        """(phrase, pieces, refs)"""
        rng = self.rng
        r = rng.random()
        refs: list[str] = []
        if r < 0.2 and (report := self._report(session_reports)):
            phrase = ("HAVING EXAMINED", "HAVING CONSIDERED", "TAKING NOTE OF", "HAVING STUDIED")[rng.randrange(4)]
            if report.appendices and rng.random() < 0.4:
                k = rng.randrange(len(report.appendices)) + 1
                title = report.appendices[k - 1][0]
                pieces = [
                    f"Appendix {k} to Report {report.symbol},",
                    "which sets out the",
                    *self._pieces(title[:1].lower() + title[1:] + ","),
                ]
                refs.append(f"{report.id}#appendix-{k}")
            else:
                pieces = [
                    f"Report {report.symbol}",
                    *self._pieces(report.subject[:-1].replace("Sets out", "which sets out", 1)),
                ]
                refs.append(report.id)
        elif r < 0.35:
            iid, title, number = self._article(s.body.org)
            phrase = ("BEARING IN MIND", "RECALLING", "HAVING REGARD TO", "CONSIDERING")[rng.randrange(4)]
            pieces = [
                f"Article {number} of the {title},",
                "which provides that",
                *self._pieces(PROVISIONS[rng.randrange(len(PROVISIONS))]),
            ]
            refs.append(f"{iid}#article-{number}")
        elif r < 0.55 and (earlier := self._earlier()):
            phrase = ("RECALLING", "REAFFIRMING", "BEARING IN MIND", "FURTHER RECALLING")[rng.randrange(4)]
            name = f"resolution {earlier.symbol}" if earlier.symbol else "its earlier resolution"
            title = earlier.title[6:] if earlier.title.startswith("Draft ") else earlier.title.lower()
            pieces = [f"{name} on", *self._pieces(title)]
            if rng.random() < 0.5:
                k = rng.randrange(earlier.n_op) + 1
                pieces.append(f"and in particular paragraph {k} thereof")
                refs.append(f"{earlier.id}#operative-{k}")
            else:
                refs.append(earlier.id)
        elif r < 0.7:
            o = ORGANIZATIONS[rng.randrange(len(ORGANIZATIONS))]
            phrase = ("RECOGNIZING", "ACKNOWLEDGING", "WELCOMING", "NOTING WITH APPRECIATION")[rng.randrange(4)]
            pieces = [f"the work of the {o['name']} ({o['acronym']})", "in the field of", *self._pieces(res.subject)]
            refs.append(o["id"])
            if o["units"] and rng.random() < 0.4:
                unit = o["units"][rng.randrange(len(o["units"]))]
                pieces += ["and in particular of its", unit[1]]
                refs.append(f"{o['id']}#{unit[0]}")
        elif r < 0.75 and self.agreements_so_far:
            a = self.agreements_so_far[rng.randrange(len(self.agreements_so_far))]
            phrase = ("NOTING", "RECALLING")[rng.randrange(2)]
            pieces = ["the", *self._pieces(a.title), "and the cooperation carried out under it"]
            refs.append(a.id)
        else:
            phrase, words = PREAMBLE_PLAIN[rng.randrange(len(PREAMBLE_PLAIN))]
            subject = res.subject if rng.random() < 0.6 else TOPICS[rng.randrange(len(TOPICS))][2]
            pieces = list(self._pieces(words.format(s=subject)))
        self._fill(pieces, 100 + int(300 * rng.random() ** 2.5))
        pieces[-1] += ","
        return phrase, pieces, refs

    def operative(self, res: ResolutionPlan, s: SessionPlan, session_reports: list[ReportPlan], last: bool):
        """(phrase, pieces, refs, items)"""
        rng = self.rng
        refs: list[str] = []
        items: list[tuple[str, list[str], list[str]]] = []
        phrase, lead = OPERATIVE[rng.randrange(len(OPERATIVE))]
        lead = lead.format(head=s.body.head)
        r = rng.random()
        if r < 0.15 and lead.endswith(" to"):
            # A clause that lists its items: "REQUESTS the Secretary General to: (a) ...; (b) ...".
            pieces = [lead + ":"]
            n_items = rng.randint(2, 4)
            for k in range(n_items):
                item = [
                    ITEM_PHRASES[rng.randrange(len(ITEM_PHRASES))],
                    *self._pieces(res.subject if rng.random() < 0.5 else TOPICS[rng.randrange(len(TOPICS))][2]),
                ]
                self._fill(item, rng.randint(60, 150))
                item_refs = []
                if rng.random() < 0.2:
                    o = ORGANIZATIONS[rng.randrange(len(ORGANIZATIONS))]
                    item += ["together with the", o["name"]]
                    item_refs.append(o["id"])
                item[-1] += ("; and" if k == n_items - 2 else ";") if k < n_items - 1 else ("." if last else ";")
                items.append((f"({LETTERS[k]})", item, item_refs))
            return phrase, pieces, refs, items
        pieces = [lead, VERB_PHRASES[rng.randrange(len(VERB_PHRASES))], *self._pieces(res.subject)]
        if r < 0.35:
            o = ORGANIZATIONS[rng.randrange(len(ORGANIZATIONS))]
            pieces += ["in cooperation with the", o["name"]]
            refs.append(o["id"])
            if o["units"] and rng.random() < 0.5:
                unit = o["units"][rng.randrange(len(o["units"]))]
                pieces += ["and its", unit[1]]
                refs.append(f"{o['id']}#{unit[0]}")
        elif r < 0.45 and (report := self._report(session_reports)):
            pieces += ["as proposed in Report", report.symbol]
            refs.append(report.id)
        elif r < 0.55:
            iid, title, number = self._article(s.body.org)
            pieces += [f"in accordance with Article {number}", f"of the {title}"]
            refs.append(f"{iid}#article-{number}")
        elif r < 0.62 and (earlier := self._earlier()):
            k = rng.randrange(earlier.n_pre) + 1
            pieces += ["having regard to the considerations", f"recalled in resolution {earlier.symbol or earlier.id}"]
            refs.append(f"{earlier.id}#preamble-{k}")
        self._fill(pieces, 100 + int(260 * rng.random() ** 2.5))
        pieces[-1] += "." if last else ";"
        return phrase, pieces, refs, items

    # --- the whole resolution -------------------------------------------------------------------

    def render(self, res: ResolutionPlan, session_reports: list[ReportPlan]) -> str:
        rng = self.rng
        w = self.w
        s = w.sessions[res.session]
        body = s.body
        out = [SCHEMA_LINE.format(up="../../../", kind="resolution"), f"id: {res.id}\n", "kind: resolution\n"]
        if res.symbol:
            out.append(f"symbol: {plain(res.symbol)}\n")
        scalar(out, "", "title", split_words(res.title, 4))
        out.append(f"body: {body.id}\nsession: {s.id}\nstatus: adopted\nadoption:\n")
        if res.date:
            out.append(f"  date: {res.date.isoformat()}\n")
            meeting = rng.randint(1, 12)
            out.append(f"  meeting: {ordinal(meeting)} plenary meeting\n")
            method = "vote" if res.reserved else METHODS[rng.randrange(len(METHODS))]
            out.append(f"  method: {method}\n")
            if method == "vote":
                yes = rng.randint(60, 180)
                out.append(
                    f"  vote:\n    in_favour: {yes}\n    against: {rng.randint(0, 20)}\n"
                    f"    abstaining: {rng.randint(0, 30)}\n"
                )
            out.append(f"  outcome: {OUTCOMES[method]}\n")
        else:
            out.append(f"  outcome: {('Approved', 'Adopted')[rng.randrange(2)]}\n")
        out.append("preamble:\n")
        for _ in range(res.n_pre):
            phrase, pieces, refs = self.preamble(res, s, session_reports)
            out.append(f"  - phrase: {phrase}\n")
            scalar(out, "    ", "text", pieces)
            if refs:
                out.append("    refs:\n" + "".join(f"      - {ref}\n" for ref in refs))
        out.append("operative:\n")
        agreement = w.agreements[res.agreement] if res.agreement is not None else None
        for k in range(res.n_op):
            number = f'  - number: "{k + 1}."\n' if body.numbered else None
            if agreement is not None and k < 2:
                report = w.reports[agreement.report]
                location = f"{report.id}#appendix-{agreement.appendix}"
                if k == 0:
                    phrase = "APPROVES"
                    pieces = [
                        f"the Draft {agreement.title.split(' between ')[0]}",
                        f"given at Appendix {agreement.appendix}",
                        f"to Report {report.symbol};",
                    ]
                    refs = [agreement.id, location]
                else:
                    phrase = "AUTHORIZES"
                    head = ORG_BY_ID[agreement.parties[0]]["head"]
                    pieces = [f"{body.head} to sign it" + ("." if res.n_op == 2 else ";")]
                    refs = [f"{agreement.parties[0]}#{head}", agreement.id]
                items = []
            else:
                phrase, pieces, refs, items = self.operative(res, s, session_reports, k == res.n_op - 1)
            if number:
                out.append(number)
                out.append(f"    phrase: {phrase}\n")
            else:
                out.append(f"  - phrase: {phrase}\n")
            scalar(out, "    ", "text", pieces)
            if items:
                out.append("    items:\n")
                for label, item_pieces, item_refs in items:
                    out.append(f"      - label: {label}\n")
                    scalar(out, "        ", "text", item_pieces)
                    if item_refs:
                        out.append("        refs:\n" + "".join(f"          - {ref}\n" for ref in item_refs))
            if refs:
                out.append("    refs:\n" + "".join(f"      - {ref}\n" for ref in refs))
        if agreement is not None:
            out.append(f"approves:\n  - {agreement.id}\n")
        return "".join(out)


# --------------------------------------------------------------------------------------------------
# Planting errors in rendered text
# --------------------------------------------------------------------------------------------------


def _replace_once(text: str, old: str, new: str) -> str:
    if old not in text:
        raise AssertionError(f"cannot plant: {old!r} not found")
    return text.replace(old, new, 1)


def _sub_once(pattern: str, replacement: str, text: str) -> str:
    new, count = re.subn(pattern, replacement, text, count=1)
    if not count:
        raise AssertionError(f"cannot plant: {pattern!r} not found")
    return new


def plant_in_resolution(kind: str, text: str, res: ResolutionPlan, w: World, context: dict) -> bytes:  # noqa: C901 (one branch per kind of error: a table)
    """The resolution's bytes with one error of `kind` planted."""
    s = w.sessions[res.session]
    if kind == "syntax":
        return _replace_once(text, "\nstatus: adopted\n", "\nstatus adopted\n").encode()
    if kind == "duplicate-key":
        return _replace_once(text, "\nstatus: adopted\n", "\nstatus: adopted\nstatus: adopted\n").encode()
    if kind == "anchor-alias":
        text = _replace_once(text, f"\nbody: {s.body.id}\n", f"\nbody: &body {s.body.id}\n")
        return (text + "notes: *body\n").encode()
    if kind == "tag":
        return _replace_once(text, "\nstatus: adopted\n", "\nstatus: !!str adopted\n").encode()
    if kind == "multi-document":
        return (text + f"---\nid: {res.id}-corrigendum\nkind: resolution\n").encode()
    if kind == "empty":
        return text.split("\n", 1)[0].encode() + b"\n"
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if kind == "not-utf8":
        return text.encode() + "notes: Submitted by the delegation of Côte d'Ivoire\n".encode("cp1252")
    if kind == "nul":
        head, tail = text.split("\ntitle: ", 1)
        return (head + "\ntitle: ").encode() + tail[:10].encode() + b"\0" + tail[10:].encode()
    if kind == "too-large":
        line = "  " + "lorem ipsum dolor sit amet " * 3 + "\n"
        return (text + "notes: >-\n" + line * (1_150_000 // len(line))).encode()
    if kind == "missing-field":
        return _replace_once(text, "\nstatus: adopted\n", "\n").encode()
    if kind == "unknown-field":
        return _replace_once(
            text, "\nstatus: adopted\n", f"\nstatus: adopted\nadopted_on: {res.date.isoformat()}\n"
        ).encode()
    if kind == "wrong-type":
        return _sub_once(r"\n    in_favour: (\d+)\n", r'\n    in_favour: "\1"\n', text).encode()
    if kind == "bad-date":
        return _replace_once(text, f"\n  date: {res.date.isoformat()}\n", f"\n  date: {res.date.year}-02-30\n").encode()
    if kind == "unknown-kind":
        return _replace_once(text, "\nkind: resolution\n", "\nkind: resolutoin\n").encode()
    if kind == "id-mismatch":
        return _replace_once(text, f"\nid: {res.id}\n", f"\nid: {context['new_id']}\n").encode()
    if kind == "duplicate-symbol":
        return _replace_once(
            text, "\nkind: resolution\n", f"\nkind: resolution\nsymbol: {context['symbol']}\n"
        ).encode()
    if kind == "missing-reference":
        return (text + f"supersedes:\n  - {context['typo']}\n").encode()
    if kind == "missing-fragment":
        return (text + f"amends:\n  - {context['instrument']}#article-{context['article']}\n").encode()
    if kind == "wrong-kind-reference":
        return _replace_once(text, f"\nsession: {s.id}\n", f"\nsession: {s.body.id}\n").encode()
    if kind == "adoption-outside-session":
        late = s.end + dt.timedelta(days=2)
        return _replace_once(text, f"\n  date: {res.date.isoformat()}\n", f"\n  date: {late.isoformat()}\n").encode()
    if kind == "control-character":
        return (text + "notes: Text pasted from a terminal \x1b[0m with an escape sequence\n").encode()
    if kind == "too-many-problems":
        return (text + "annexes:\n" + "".join(f'  - number: "{k}"\n    title: no\n' for k in range(1, 111))).encode()
    if kind == "merge-key":
        return _replace_once(text, "\nadoption:\n", "\nadoption:\n  <<: {outcome: Adopted}\n").encode()
    if kind == "not-mapping":
        head, tail = text.split("\n", 1)
        lines = tail.rstrip("\n").split("\n")
        return (head + "\n- " + lines[0] + "\n" + "".join("  " + line + "\n" for line in lines[1:])).encode()
    if kind == "complex-key":
        return (text + "? [draft, final]\n: both texts were circulated\n").encode()
    if kind == "nesting-too-deep":
        return (text + "notes: " + "[" * 70 + "]" * 70 + "\n").encode()
    if kind == "yaml11-octal":
        return _sub_once(r"\n  meeting: [^\n]*\n", "\n  meeting: 0700\n", text).encode()
    if kind == "yaml11-sexagesimal":
        return _sub_once(r"\n  meeting: [^\n]*\n", "\n  meeting: 10:30\n", text).encode()
    if kind == "invalid-value":
        return _replace_once(text, "\nstatus: adopted\n", "\nstatus: approved\n").encode()
    if kind == "duplicate-id":
        return text.encode()  # the file itself is untouched; its copy is written elsewhere
    raise AssertionError(f"no way to plant {kind} in a resolution")


def typo_of(record_id: str, taken: set[str]) -> str:
    """`record_id` with two letters of its last long word swapped (seafarers -> seafaerrs), not an existing id."""
    parts = record_id.split("-")
    for i in range(len(parts) - 1, -1, -1):
        word = parts[i]
        if len(word) >= 4 and word.isalpha():
            for j in range(len(word) - 2, 0, -1):
                if word[j] != word[j + 1]:
                    candidate = "-".join(
                        [*parts[:i], word[:j] + word[j + 1] + word[j] + word[j + 2 :], *parts[i + 1 :]]
                    )
                    if candidate not in taken:
                        return candidate
    candidate = record_id + "x"
    while candidate in taken:
        candidate += "x"
    return candidate


def parse_injections(values: list[str]) -> list[tuple[str, int]]:
    wanted: dict[str, int] = {}
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            name, _, count = part.partition(":")
            kinds = list(INJECTIONS) if name == "all" else [name]
            if name != "all" and name not in INJECTIONS:
                raise SystemExit(f"generate.py: unknown --inject kind {name!r}; known: all, {', '.join(INJECTIONS)}")
            try:
                n = int(count) if count else 1
            except ValueError:
                raise SystemExit(f"generate.py: --inject {part}: the count after ':' must be a number") from None
            for kind in kinds:
                wanted[kind] = max(wanted.get(kind, 0), n)
    return [(kind, n) for kind, n in wanted.items()]


# --------------------------------------------------------------------------------------------------
# Writing the tree
# --------------------------------------------------------------------------------------------------


@dataclass
class Stats:
    files: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, size: int) -> None:
        self.files[kind] = self.files.get(kind, 0) + 1
        self.bytes[kind] = self.bytes.get(kind, 0) + size


@dataclass
class Output:
    """Where the tree is written, with what was written (by kind) and what was planted where."""

    out_dir: Path
    stats: Stats = field(default_factory=Stats)
    planted: list[dict] = field(default_factory=list)

    def write(self, path: Path, data: str | bytes, kind: str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(path, "wb") as handle:
            handle.write(data)
        self.stats.add(kind, len(data))

    def rel(self, path: Path) -> str:
        return path.relative_to(self.out_dir).as_posix()

    def note(self, kind: str, path: Path, extra: str = "") -> None:
        code = INJECTIONS[kind][0]
        self.planted.append(
            {
                "kind": kind,
                "code": code,
                "also": ALSO.get(kind, []),
                "path": self.rel(path),
                "what": INJECTIONS[kind][1] + extra,
            }
        )


@dataclass
class Targets:
    """Where each planted error goes."""

    resolutions: dict[int, tuple[str, dict]]  # resolution index -> (kind, what planting it needs)
    others: dict[tuple[str, int], str]  # (what, index) -> kind
    new_files: list[str]  # kinds planted as files of their own


def generate(out_dir: Path, n: int, seed: int, injections: list[tuple[str, int]]) -> dict:
    started = time.perf_counter()
    rng = random.Random(seed)
    w = plan_world(n, rng, seed)
    records = out_dir / "records"
    folders = {
        kind: records / folder
        for kind, folder in (
            ("organization", "organizations"),
            ("body", "bodies"),
            ("session", "sessions"),
            ("instrument", "instruments"),
            ("report", "reports"),
            ("agreement", "agreements"),
            ("resolution", "resolutions"),
        )
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    out = Output(out_dir)
    targets = choose_targets(w, injections, seed, n)
    articles = write_fixed_records(out, folders, w, rng, targets)
    duplicate_sources = write_sessions(out, folders, w, rng, articles, targets)
    write_planted_files(out, folders, records, w, duplicate_sources, targets.new_files)

    elapsed = time.perf_counter() - started
    out.planted.sort(key=lambda p: (p["code"], p["path"]))
    manifest = {
        "generator": "benchmarks/generate.py",
        "resolutions": n,
        "seed": seed,
        "files": out.stats.files,
        "bytes": out.stats.bytes,
        "seconds": round(elapsed, 3),
        "injections": out.planted,
    }
    with open(out_dir / "manifest.json", "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return manifest


def choose_targets(w: World, injections: list[tuple[str, int]], seed: int, n: int) -> Targets:
    """Where each error goes, drawn from a random stream of its own (the tree is the same with or without)."""
    pick = random.Random(f"{seed}:inject")
    reserved = [r.index for r in w.resolutions if r.reserved]
    pick.shuffle(reserved)
    targets = Targets({}, {}, [])
    need = sum(count for kind, count in injections if INJECTIONS[kind][2] == "resolution")
    if need > len(reserved):
        raise SystemExit(
            f"generate.py: {need} planted errors need resolutions kept for them, but only "
            f"{len(reserved)} exist with --resolutions {n}; generate more resolutions"
        )
    symbol_sources = [r for r in w.resolutions if r.symbol and not r.reserved] or list(w.reports)
    for kind, count in injections:
        where = INJECTIONS[kind][2]
        for k in range(count):
            if where == "resolution":
                index = reserved.pop()
                targets.resolutions[index] = (kind, resolution_context(kind, index, k, w, pick, symbol_sources))
            elif where in ("session", "agreement", "report", "instrument"):
                key = other_target(kind, where, k, w, pick, targets.others)
                targets.others[key] = kind
            else:
                targets.new_files.append(kind)
    return targets


def resolution_context(kind: str, index: int, k: int, w: World, pick: random.Random, symbol_sources: list) -> dict:
    """What planting `kind` in resolution `index` needs: the id, symbol, reference or fragment to put there."""
    res = w.resolutions[index]
    context: dict = {}
    if kind == "id-mismatch":
        context["new_id"] = next(c for c in (f"{res.id}-rev{j}" for j in range(1, 100)) if c not in w.ids)
    elif kind == "duplicate-symbol":
        source = symbol_sources[pick.randrange(len(symbol_sources))]
        symbol_sources.remove(source)
        context["symbol"], context["other"] = source.symbol, source
    elif kind == "missing-reference":
        context["typo"] = typo_of(w.resolutions[max(0, index - 1)].id, w.ids)
    elif kind == "missing-fragment":
        inst = w.instruments[pick.randrange(len(w.instruments))]
        context["instrument"], context["article"] = inst[0], inst[4] + 50 + k
    return context


def other_target(
    kind: str, where: str, k: int, w: World, pick: random.Random, others: dict[tuple[str, int], str]
) -> tuple[str, int]:
    """The session, agreement, report or instrument the k-th error of `kind` goes in."""
    if where == "session":
        candidates = [
            s.index
            for s in w.sessions
            if (not s.dated) == (kind == "session-dates-reversed") and ("session", s.index) not in others
        ]
        if kind == "session-dates-reversed":
            candidates = [i for i in candidates if w.sessions[i].start != w.sessions[i].end]
        if not candidates:
            raise SystemExit(f"generate.py: no session left to plant {kind} in; generate more resolutions")
        return ("session", candidates[pick.randrange(len(candidates))])
    if where == "agreement":
        return ("agreement-candidate", k)  # resolved when agreements are rendered
    if where == "report":
        candidates = [r.index for r in w.reports if ("report", r.index) not in others]
        if not candidates:
            raise SystemExit(f"generate.py: no report left to plant {kind} in")
        return ("report", candidates[pick.randrange(len(candidates))])
    free = [i for i in range(len(w.instruments)) if ("instrument", i) not in others]
    if not free:
        raise SystemExit(f"generate.py: no instrument left to plant {kind} in")
    return ("instrument", free[pick.randrange(len(free))])


def write_fixed_records(
    out: Output, folders: dict[str, Path], w: World, rng: random.Random, targets: Targets
) -> dict[str, list[str]]:
    """The organizations, bodies and instruments; the article numbers of each instrument."""
    for o in ORGANIZATIONS:
        out.write(folders["organization"] / f"{o['id']}.yaml", render_organization(o), "organization")
    for b in BODIES:
        out.write(folders["body"] / f"{b.id}.yaml", render_body(b), "body")
    articles: dict[str, list[str]] = {}
    for i, inst in enumerate(w.instruments):
        kind = targets.others.get(("instrument", i))
        text, numbers = render_instrument(inst, rng, duplicate_article=kind == "duplicate-fragment")
        articles[inst[0]] = numbers
        path = folders["instrument"] / f"{inst[0]}.yaml"
        out.write(path, text, "instrument")
        if kind:
            out.note(kind, path)
    return articles


def write_sessions(
    out: Output,
    folders: dict[str, Path],
    w: World,
    rng: random.Random,
    articles: dict[str, list[str]],
    targets: Targets,
) -> list[tuple[Path, bytes, ResolutionPlan]]:
    """Sessions, with their reports, agreements and resolutions, oldest first; the resolutions planted with
    duplicate-id, whose copies are written afterwards."""
    writer = ResolutionWriter(w, rng, articles)
    year_dirs: set[int] = set()
    swappable_left = [kind for key, kind in targets.others.items() if key[0] == "agreement-candidate"]
    duplicate_sources: list[tuple[Path, bytes, ResolutionPlan]] = []
    for s in w.sessions:
        session_reports = write_session_and_reports(out, folders, w, s, targets)
        writer.reports_so_far.extend(session_reports)
        year_dir = folders["resolution"] / str(s.year)
        if s.year not in year_dirs:
            year_dir.mkdir(exist_ok=True)
            year_dirs.add(s.year)
        for i in s.resolutions:
            res = w.resolutions[i]
            text = writer.render(res, session_reports)
            path = year_dir / f"{res.id}.yaml"
            target = targets.resolutions.get(i)
            if target is None:
                out.write(path, text, "resolution")
            else:
                plant_resolution(out, path, text, res, w, target, duplicate_sources)
            if not res.reserved:
                writer.previous.append(res)
        for a_index in s.agreements:
            a = w.agreements[a_index]
            text, swapped = render_agreement(a, w, rng, swap=bool(swappable_left))
            path = folders["agreement"] / f"{a.id}.yaml"
            out.write(path, text, "agreement")
            if swapped:
                out.note(swappable_left.pop(), path)
        writer.agreements_so_far.extend(w.agreements[i] for i in s.agreements)
    if swappable_left:
        raise SystemExit(
            "generate.py: no agreement with both a signed and an in-force date to plant "
            "lifecycle-out-of-order in; generate more resolutions"
        )
    return duplicate_sources


def write_session_and_reports(
    out: Output, folders: dict[str, Path], w: World, s: SessionPlan, targets: Targets
) -> list[ReportPlan]:
    """A session's record and its reports'; the reports."""
    kind = targets.others.get(("session", s.index))
    path = folders["session"] / f"{s.id}.yaml"
    out.write(
        path,
        render_session(
            s, country="NO" if kind == "yaml11-boolean" else None, reversed_dates=kind == "session-dates-reversed"
        ),
        "session",
    )
    if kind:
        out.note(
            kind,
            path,
            f" ({s.start} to {s.end}, {len(s.resolutions)} resolutions without adoption dates)"
            if kind == "session-dates-reversed"
            else "",
        )
    session_reports = [w.reports[i] for i in s.reports]
    for report in session_reports:
        kind = targets.others.get(("report", report.index))
        path = (folders["agreement"] if kind == "wrong-folder" else folders["report"]) / f"{report.id}.yaml"
        out.write(path, render_report(report, w), "report")
        if kind:
            out.note(kind, path)
    return session_reports


def plant_resolution(
    out: Output,
    path: Path,
    text: str,
    res: ResolutionPlan,
    w: World,
    target: tuple[str, dict],
    duplicate_sources: list[tuple[Path, bytes, ResolutionPlan]],
) -> None:
    """A resolution written with its planted error, and noted where validate must report it."""
    kind, context = target
    data = plant_in_resolution(kind, text, res, w, context)
    out.write(path, data, "resolution")
    extra = {
        "missing-reference": f" ({context.get('typo')})",
        "id-mismatch": f" ({context.get('new_id')})",
        "missing-fragment": f" ({context.get('instrument')}#article-{context.get('article')})",
    }.get(kind, "")
    if kind == "duplicate-id":
        duplicate_sources.append((path, data, res))
    elif kind == "duplicate-symbol":
        # Of two records with one symbol, the later in path order is the one reported.
        other = context["other"]
        if isinstance(other, ResolutionPlan):
            other_path = f"records/resolutions/{w.sessions[other.session].year}/{other.id}.yaml"
        else:
            other_path = f"records/reports/{other.id}.yaml"
        if other_path > out.rel(path):
            out.planted.append(
                {
                    "kind": kind,
                    "code": "RT204",
                    "also": [],
                    "path": other_path,
                    "what": f"{INJECTIONS[kind][1]}: {out.rel(path)} was given the symbol "
                    f"{context['symbol']} of this file, which sorts after it",
                }
            )
        else:
            out.note(kind, path, f" ({context['symbol']}, also in {other_path})")
    else:
        out.note(kind, path, extra)


def write_planted_files(
    out: Output,
    folders: dict[str, Path],
    records: Path,
    w: World,
    duplicate_sources: list[tuple[Path, bytes, ResolutionPlan]],
    new_files: list[str],
) -> None:
    """Files planted outside the usual places: copies of a record, a record outside its kind's folder, a
    broken link."""
    for path, data, res in duplicate_sources:
        year = w.sessions[res.session].year + 1
        copy_dir = folders["resolution"] / str(year)
        copy_dir.mkdir(exist_ok=True)
        copy = copy_dir / path.name
        out.write(copy, data, "resolution")
        out.note("duplicate-id", copy, f" (a copy of {out.rel(path)})")
    made: dict[str, int] = {}
    for kind in new_files:
        made[kind] = k = made.get(kind, 0)
        made[kind] += 1
        if kind == "outside-kind-folder":
            drafts = records / "drafts"
            drafts.mkdir(exist_ok=True)
            path = drafts / f"observer-organization-{k + 1}.yaml"
            out.write(
                path,
                "".join(
                    [
                        SCHEMA_LINE.format(up="../../", kind="organization"),
                        f"id: observer-organization-{k + 1}\n",
                        "kind: organization\n",
                        "name: Observer Organization awaiting admission\n",
                    ]
                ),
                "organization",
            )
            out.note(kind, path)
        elif kind == "broken-symlink":
            year = w.sessions[-1].year
            path = folders["resolution"] / str(year) / f"linked-resolution-{k + 1}.yaml"
            if path.is_symlink() or path.exists():
                path.unlink()
            os.symlink(f"../../drafts/missing-resolution-{k + 1}.yaml", path)
            out.stats.add("symlink", 0)
            out.note(kind, path)


# --------------------------------------------------------------------------------------------------
# Summary and verification
# --------------------------------------------------------------------------------------------------

ORDER = ["organization", "body", "session", "instrument", "report", "agreement", "resolution", "symlink"]


def print_summary(out_dir: Path, manifest: dict) -> None:
    files, sizes = manifest["files"], manifest["bytes"]
    total_files, total_bytes = sum(files.values()), sum(sizes.values())
    print(
        f"wrote {out_dir / 'records'} ({manifest['resolutions']} resolutions, seed {manifest['seed']}) "
        f"in {manifest['seconds']:.2f} s"
    )
    print(f"  {'kind':<14}{'files':>9}{'bytes':>15}{'average':>10}")
    for kind in ORDER:
        if kind in files:
            average = sizes[kind] / files[kind] if files[kind] else 0
            print(f"  {kind:<14}{files[kind]:>9,}{sizes[kind]:>15,}{average:>10,.0f}")
    print(f"  {'total':<14}{total_files:>9,}{total_bytes:>15,}{total_bytes / max(total_files, 1):>10,.0f}")
    if manifest["injections"]:
        print(f"planted errors ({len(manifest['injections'])}); `resolvetool validate` must report:")
        for p in manifest["injections"]:
            also = f" (+{', '.join(p['also'])})" if p["also"] else ""
            print(f"  {p['code']}{also:<10} {p['kind']:<25} {p['path']}")
            print(f"  {'':<16}{'':<25} {p['what']}")
    print(f"manifest: {out_dir / 'manifest.json'}")


def verify(out_dir: Path, manifest: dict) -> bool:
    """Run `resolvetool validate` on the tree; True when it reports exactly what was planted."""
    env = dict(os.environ, NO_COLOR="1")
    command = [sys.executable, "-m", "resolvetool", "--root", str(out_dir), "validate", "--no-cache", "-f", "json"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=out_dir, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"verify: resolvetool validate failed (exit {result.returncode}):\n{result.stderr}", file=sys.stderr)
        return False
    found: dict[tuple[str, str], int] = {}
    for d in report["diagnostics"]:
        found[(d["path"], d["code"])] = found.get((d["path"], d["code"]), 0) + 1
    expected: set[tuple[str, str]] = set()
    ok = True
    for p in manifest["injections"]:
        for code in [p["code"], *p["also"]]:
            expected.add((p["path"], code))
            if (p["path"], code) not in found:
                print(f"verify: MISSING {code} at {p['path']} ({p['kind']})")
                ok = False
    unexpected = {key: count for key, count in found.items() if key not in expected}
    for (path, code), count in sorted(unexpected.items()):
        print(f"verify: UNEXPECTED {code} x{count} at {path}")
        ok = False
    summary = report["summary"]
    print(
        f"verify: validate took {elapsed:.2f} s, exit {result.returncode}: {summary['files']} files, "
        f"{summary['records']} valid records, {summary['errors']} errors, {summary['warnings']} warnings; "
        f"{len(expected)} planted codes " + ("all reported, nothing else" if ok else "NOT as planted")
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a deterministic synthetic resolvetool project tree (OUT_DIR/records/...).",
        epilog="Kinds for --inject: all, " + ", ".join(INJECTIONS),
    )
    parser.add_argument("out_dir", type=Path, help="folder to write records/ and manifest.json into")
    parser.add_argument("--resolutions", "-n", type=int, required=True, help="number of resolutions")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--inject",
        action="append",
        default=[],
        metavar="KIND[:COUNT]",
        help="plant errors of this kind (repeatable, comma-separated; 'all' for one of each)",
    )
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR/records if it exists")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="run `resolvetool validate` afterwards and check it reports exactly what was planted",
    )
    args = parser.parse_args(argv)
    if args.resolutions < 1:
        parser.error("--resolutions must be at least 1")
    injections = parse_injections(args.inject)
    out_dir = args.out_dir.resolve()
    records = out_dir / "records"
    if records.exists():
        if not args.force:
            parser.error(f"{records} exists; pass --force to replace it")
        shutil.rmtree(records)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = generate(out_dir, args.resolutions, args.seed, injections)
    print_summary(out_dir, manifest)
    if args.verify:
        return 0 if verify(out_dir, manifest) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

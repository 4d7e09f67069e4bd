"""Content tests for the guidance pages: facts that must stay right, where each page says its
information comes from, the menu, the glossary terms, external links and readability.

The facts below were checked against the sources listed on over/bronnen.md; a test that finds a
wrong sentence names the page and the sentence, so an editor knows what to fix.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import textstat

from test_content import ROOT, nav_sources

pytestmark = pytest.mark.reference  # about this repository's own workbook (conftest.py)

SITE_NAME = "Werkboek Digitale Inclusie"
SOURCES_PAGE = "over/bronnen.md"


def built_page(built_site: Path, source: Path) -> Path:
    """The HTML file the build made of a Markdown page (directory URLs)."""
    name = source.relative_to(ROOT / "docs").with_suffix("")
    folder = built_site if name.name == "index" else built_site / name
    return folder / "index.html"


def article_html(built_site: Path, source: Path) -> str:
    markup = built_page(built_site, source).read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', markup, re.S)
    assert match, f"{source.name}: geen inhoud gevonden"
    return match[1]


def prose(fragment: str) -> str:
    """The readable text of an HTML fragment: blocks end a sentence, markup and widgets go."""
    text = re.sub(r"<(script|style|template)\b.*?</\1>", " ", fragment, flags=re.S | re.I)
    text = re.sub(r'<a class="headerlink".*?</a>', " ", text, flags=re.S)
    text = re.sub(r"</(p|li|h\d|td|th|dt|dd|label|legend|div)>", ". ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\.\s*){2,}", ". ", text).strip()


def markdown(path: str) -> str:
    return re.sub(r"\s+", " ", (ROOT / "docs" / path).read_text(encoding="utf-8"))


PAGES = nav_sources()
PAGE_IDS = [str(p.relative_to(ROOT / "docs")) for p in PAGES]


# -- facts ------------------------------------------------------------------------------------------

# page -> sentences (whitespace-normalised) that must stand on it, and wrong ones that must not.
FACTS = {
    "achtergrond/wat-is-een-ido.md": {
        "must": ["Op 1 juli 2019 begonnen de eerste vijftien bibliotheken met een IDO.",
                 "bibliotheek van Venlo", "De Rijksoverheid maakte de start dezelfde dag bekend.",
                 "In april 2020 verscheen een uitleg"],
        "not": ["In 2020 begonnen de eerste bibliotheken", "toen de IDO's van start gingen", "spreadsheet"],
    },
    "handleiding/stap-3-plan-van-aanpak.md": {
        "must": ["online met twee gemeenten in gesprek ging, voor de opening van haar IDO's"],
        "not": ["in 2021 met twee gemeenten om de tafel"],
    },
    "achtergrond/praktijkverhaal.md": {
        "must": ["gepland in februari 2021", "noemt geen datum voor de bijeenkomst"],
        "not": ["één cijfer", "in januari 2021"],
    },
    "handleiding/waarom-nu.md": {
        "must": ["verantwoordelijk voor dat de IDO's blijven bestaan",
                 "verantwoordelijk voor dat de dienstverlening breder wordt",
                 "In het najaar van 2022 deed bureau Berenschot een nulmeting", "Het rapport is van oktober 2022."],
        "not": ["mogen de dienstverlening ook uitbreiden", "In oktober 2022 deed"],
    },
    "handleiding/drie-tips.md": {
        "must": ["De blog en het werkboek komen uit hetzelfde traject", "werkt de tips verder uit"],
        "not": ["uit die tips gegroeid"],
    },
    "over/hoe-dit-werkboek-ontstond.md": {
        "must": ["In het werkboek van 2023 vertelt Anton Furnee, toen programmeur bij Bibliotheek Amstelland"],
        "not": ["feedback", "checklist"],
    },
    "over/colofon.md": {
        "must": ["Deze website is een uitgave van", "Probiblio heeft deze website niet gemaakt en beheert haar ook niet.",
                 "gebaseerd op het werkboek *Profileren van Digitale inclusie bij gemeente(s)* van Probiblio, van september 2023",
                 "(bronnen.md)"],
        "not": [],
    },
    "over/toegankelijkheid.md": {
        "must": ["Daarom zeggen we niet dat de website aan alle richtlijnen voldoet.",
                 "Deze beschrijving klopt met de tests van december 2026.", "axe draaien we niet in WebKit en Firefox.",
                 "In drie soorten browsers."],
        "not": ["Daarom volgen we de internationale richtlijnen", "We hebben niet getest in Firefox."],
    },
}


@pytest.mark.parametrize("page", FACTS)
def test_page_states_the_facts_right(page):
    text = markdown(page)
    for sentence in FACTS[page]["must"]:
        assert sentence in text, f"{page} mist: {sentence!r}"
    for wrong in FACTS[page]["not"]:
        assert wrong not in text, f"{page} zegt nog: {wrong!r}"


def test_no_page_dates_the_first_idos_in_2020(built_site):
    for source in PAGES:
        text = prose(article_html(built_site, source))
        wrong = re.search(r"[^.]*\beerste\b[^.]*\b(begonnen|startten|gingen)\b[^.]*\b2020\b[^.]*\.", text)
        assert not wrong, f"{source.name}: {wrong[0]!r}"


def test_the_words_per_minute_are_a_rule_of_thumb():
    for source in PAGES:
        text = re.sub(r"\s+", " ", source.read_text(encoding="utf-8"))
        for sentence in re.findall(r"[^.!?]*130 woorden per minuut[^.!?]*", text):
            assert "vuistregel" in sentence, f"{source.name}: 130 woorden per minuut zonder 'vuistregel': {sentence!r}"


@pytest.mark.parametrize("source", PAGES, ids=PAGE_IDS)
def test_every_page_says_what_it_is_based_on(built_site, source):
    text = prose(article_html(built_site, source))
    match = re.search(r"Stand van zaken: ([^*]+?)(?:Zie Bronnen\.|$)", text)
    assert match, f"{source.name} zegt niet waar de informatie op gebaseerd is (Stand van zaken: ...)"
    assert re.search(r"\b20(19|2\d)\b", match[1]), f"{source.name}: 'Stand van zaken' noemt geen jaar"


# -- the path through the workbook ------------------------------------------------------------------

@pytest.mark.parametrize("source", PAGES, ids=PAGE_IDS)
def test_menu_title_is_the_page_title(built_site, source):
    markup = built_page(built_site, source).read_text(encoding="utf-8")
    heading = re.sub(r'<a class="headerlink".*?</a>', "", re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S)[1])
    heading = html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()
    title = html.unescape(re.search(r"<title>(.*?)</title>", markup, re.S)[1])
    expected = SITE_NAME if source.name == "index.md" and source.parent == ROOT / "docs" else f"{heading} - {SITE_NAME}"
    assert title == expected


def test_the_three_tips_come_first_and_the_start_page_links_them():
    names = [str(p.relative_to(ROOT / "docs")) for p in PAGES]
    assert names[:2] == ["index.md", "handleiding/drie-tips.md"]
    start = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    first_section = start[:start.index("\n## ")]
    assert "(handleiding/drie-tips.md)" in first_section, "de startpagina linkt niet bovenaan naar de drie tips"


def test_start_page_describes_one_set_of_three_steps():
    start = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^## .*\bstappen\b", start, flags=re.M | re.I)) == 1
    assert not re.search(r"^\d\. \*\*(Lees|Vul in|Print)", start, flags=re.M)


def test_how_the_workbook_came_about_sits_under_about():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    about = config[config.index("  - Over dit werkboek:"):]
    assert "over/hoe-dit-werkboek-ontstond.md" in about
    assert "over/bronnen.md" in about


def test_one_instruction_for_several_municipalities():
    include = (ROOT / "includes" / "meer-gemeenten.md").read_text(encoding="utf-8")
    assert "per gemeente een eigen werkmap" in include and "kopiëren naar een nieuwe werkmap" in include
    for page in ["index.md", "werkbladen/werkblad-1.md", "mijn-plan.md"]:
        assert '--8<-- "includes/meer-gemeenten.md"' in (ROOT / "docs" / page).read_text(encoding="utf-8"), page
    for source in PAGES:
        assert "Beantwoord de vragen dan per gemeente" not in source.read_text(encoding="utf-8"), source.name


@pytest.mark.parametrize("sheet", ["werkblad-1", "werkblad-2", "werkblad-3"])
def test_each_worksheet_says_how_long_and_who(sheet):
    text = (ROOT / "docs" / "werkbladen" / f"{sheet}.md").read_text(encoding="utf-8")
    assert re.search(r"^\*\*Tijd:\*\* .*\b(uur|kwartier|minuten)\b", text, flags=re.M), f"{sheet}: hoe lang?"
    assert re.search(r"^\*\*Wie:\*\* ", text, flags=re.M), f"{sheet}: wie vult wat in?"


def test_meeting_checklist_is_complete_and_linked_from_the_plan(built_site):
    text = markdown("gesprek-voorbereiden.md")
    for topic in ["## Een agenda", "**Kies wie er gaan.**", "## Wat je meeneemt", "je cijfers",
                  "je overzicht van partners", "je elevator pitch", "Vraag eerst wat de gemeente wil bereiken",
                  "**Spreek de volgende stappen af.**"]:
        assert topic in text, f"Het gesprek voorbereiden mist: {topic!r}"
    assert "(gesprek-voorbereiden.md)" in markdown("mijn-plan.md")


# -- words ------------------------------------------------------------------------------------------

TERMS = ["Digitale inclusie", "Coalitieakkoord", "Motie", "Mandaat", "Sociale kaart", "Warm doorverwijzen",
         "Kernboodschap", "Elevator pitch", "Sociaal domein", "Beleidsambtenaar", "Gemeenteraad",
         "Positioneren", "Profileren", "Randvoorwaarden", "Collectief geheugen", "Werkmap"]


def test_begrippen_defines_terms_besides_abbreviations(built_site):
    page = (built_site / "begrippen" / "index.html").read_text(encoding="utf-8")
    page = page[page.index('id="begrippen"'):page.index('id="afkortingen"')]
    defined = {prose(term).rstrip(". ") for term in re.findall(r"<dt>(.*?)</dt>", page, re.S)}
    missing = set(TERMS) - defined
    assert not missing, f"Begrippen legt niet uit: {sorted(missing)}"
    for term in re.findall(r"<dd>(.*?)</dd>", page, re.S):
        assert len(prose(term).split()) >= 6, f"te korte uitleg: {prose(term)!r}"


ANGLICISMS = ["feedback", "HR", "spreadsheet", "checklist", "toolkit", "webinar"]


def test_no_anglicisms_where_dutch_words_fit():
    for source in PAGES:
        text = source.read_text(encoding="utf-8")
        for word in ANGLICISMS:
            assert not re.search(rf"(?<![\w-]){word}(?![\w-])", text, flags=re.I), f"{source.name}: '{word}'"


def test_no_doubled_or_broken_sentences():
    for source in PAGES:
        text = re.sub(r"\s+", " ", source.read_text(encoding="utf-8"))
        assert "Wat doen ze, en mogen ze?" not in text, source.name
        sentences = [s.strip() for s in re.split(r"(?<=[.?!])\s", text) if len(s.split()) >= 6]
        doubled = {s for s in sentences if sentences.count(s) > 1 and "Stand van zaken" not in s}
        assert not doubled, f"{source.name} zegt twee keer: {sorted(doubled)}"
        assert not re.search(r", en waarom\.", text), f"{source.name}: '..., en waarom.' herhaalt de vraag"


# -- links ------------------------------------------------------------------------------------------

def external_links(fragment: str) -> list[tuple[str, str]]:
    """(whole <a> tag, href) of every link that leaves the site."""
    return [(tag, html.unescape(href)) for tag, href in re.findall(r'(<a\b[^>]*\bhref="(https?:[^"]*)"[^>]*>)', fragment)]


def well_formed(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme == "https" and "." in parts.netloc and not re.search(r"\s", url)
            and parts.netloc == parts.netloc.lower() and not parts.username)


def test_every_external_link_is_well_formed_plain_and_on_the_sources_page(built_site):
    listed = {href for _, href in external_links(article_html(built_site, ROOT / "docs" / SOURCES_PAGE))}
    for source in PAGES:
        for tag, href in external_links(article_html(built_site, source)):
            assert well_formed(href), f"{source.name}: onjuiste link {href!r}"
            assert href in listed, f"{source.name}: {href} staat niet op de pagina Bronnen"
            attributes = set(re.findall(r"\s([\w-]+)=", tag)) - {"href", "title"}
            assert not attributes, f"{source.name}: link {href} is geen gewone link ({sorted(attributes)})"


def test_sources_page_lists_at_least_six_links_each_with_its_year(built_site):
    fragment = article_html(built_site, ROOT / "docs" / SOURCES_PAGE)
    items = re.findall(r"<li>(.*?)</li>", fragment, re.S)
    linked = [item for item in items if external_links(item)]
    assert len(linked) >= 6
    for item in linked:
        for _, href in external_links(item):
            link_text = prose(re.search(rf'href="{re.escape(html.escape(href))}"[^>]*>(.*?)</a>', item, re.S)[1])
            assert re.search(r"\((19|20)\d\d\)", link_text), f"de link naar {href} noemt geen jaar"
    hosts = {urlsplit(href).netloc for item in linked for _, href in external_links(item)}
    for needed in ["www.rijksoverheid.nl", "www.berenschot.nl", "www.probiblio.nl", "prodemos.nl",
                   "www.bibliotheeknetwerk.nl", "vng.nl"]:
        assert needed in hosts, f"de pagina Bronnen linkt niet naar {needed}"


# -- readability ------------------------------------------------------------------------------------

# Flesch-Douma (the Dutch Flesch formula: 206.84 - 0.93 x words per sentence - 77 x syllables per
# word), as textstat computes it for lang "nl". Floors sit just under today's pages: a page may get
# easier, not quietly harder. Begrippen explains long words one by one, so its floor is lower.
FLOOR = 60
FLOORS = {"begrippen.md": 45}


def test_textstat_computes_flesch_douma():
    textstat.set_lang("nl")
    text = "De bibliotheek helpt inwoners met vragen over de overheid. Zo kan iedereen meedoen."
    words, sentences, syllables = textstat.lexicon_count(text), textstat.sentence_count(text), textstat.syllable_count(text)
    assert (words, sentences) == (13, 2)
    douma = 206.835 - 0.93 * words / sentences - 77 * syllables / words
    assert textstat.flesch_reading_ease(text) == pytest.approx(douma)


def test_every_page_stays_easy_to_read(built_site, report):
    textstat.set_lang("nl")
    scores = {}
    for source in PAGES:
        name = str(source.relative_to(ROOT / "docs"))
        scores[name] = textstat.flesch_reading_ease(prose(article_html(built_site, source)))
    report("Leesbaarheid per pagina (Flesch-Douma, hoger is makkelijker):",
           [f"  {score:5.1f}  {name}" for name, score in sorted(scores.items(), key=lambda item: item[1])])
    too_hard = {name: round(score, 1) for name, score in scores.items() if score < FLOORS.get(name, FLOOR)}
    assert not too_hard, f"te moeilijk geworden (ondergrens {FLOOR}, Begrippen {FLOORS['begrippen.md']}): {too_hard}"

/* The engine's own interface texts, in one table. A workbook may override any of them in
 * mkdocs.yml (extra.werkboek.texts); they reach us as manifest.texts. {name} is filled in.
 * Each bundle carries only the texts its own code names (macros/assets.py cuts the table), and
 * adds them to the one table: bundles loaded later (the plan after a worksheet) bring theirs.
 * The build reads this table too, to write the first state of what the scripts draw.
 */
(function () {
  "use strict";

  var DEFAULTS = {
    // Blocks the build writes into the page (macros/templates): a workbook may word them, too
    "progress.heading": "Je voortgang",
    "progress.noScript": "Hier zie je hoe ver je bent als JavaScript aanstaat in je browser.",
    "example.heading": "Hoe ziet een ingevuld werkboek eruit?",
    "example.noScript": "Het ingevulde voorbeeld werkt alleen als JavaScript aanstaat in je browser.",
    "example.open": "Bekijk een ingevuld voorbeeld",
    "plan.print": "Afdrukken of opslaan als pdf",
    "plan.printBlank": "Lege werkbladen afdrukken",
    "handout.print": "{title} afdrukken",
    "handout.word": "{title} als Word-bestand",
    "plan.word": "Alle antwoorden als Word-bestand",
    "plan.label": "Je plan",
    "plan.noScript": "Je plan verschijnt hier als JavaScript aanstaat in je browser. Je antwoorden worden alleen in " +
      "je browser bewaard, daarom is JavaScript nodig.",
    "diagnosis.heading": "Je diagnose in één oogopslag",
    "diagnosis.noScript": "Hier zie je per onderdeel je eigen oordeel als JavaScript aanstaat in je browser.",
    "table.choose": "Kies…",
    "table.row": "rij",
    "table.remove": "Verwijder",
    "table.removeHeading": "Rij verwijderen",
    "table.addTo": "aan: {label}",
    "table.add": "Rij toevoegen",
    "header.note": "(vul je één keer in; ze staan op elk werkblad)",
    "header.legend": "Je gegevens",
    "table.name": "tabel",
    "sets.heading": "Werkmappen en back-up",
    "sets.noScript": "Werkmappen en back-ups werken alleen als JavaScript aanstaat in je browser.",
    "sets.list": "Je werkmappen",
    "sets.exampleOnly": "Je bekijkt nu het voorbeeld. Back-ups maken, kopiëren en wissen kan alleen in je eigen " +
      "werkmap.",
    "sets.renameLabel": "Naam van de werkmap waarin je nu werkt",
    "sets.renameButton": "Naam opslaan",
    "sets.newLabel": "Nieuwe werkmap maken",
    "sets.newButton": "Werkmap maken",
    "copy.nameLabel": "Naam van de nieuwe werkmap",
    "copy.what": "Wat neem je mee?",
    "copy.button": "Kopie maken",
    "backup.heading": "Back-up maken",
    "backup.intro": "Een back-up is een bestand met alle antwoorden uit je werkmap. Bewaar het goed. Met dat bestand " +
      "zet je je antwoorden terug, of ga je verder op een andere computer. Je kunt het ook naar een collega sturen.",
    "export.textIntro": "Wil je je antwoorden in een e-mail of in Word zetten? Gebruik dan de tekstversie.",
    "export.textButton": "Antwoorden als tekst downloaden",
    "export.copyButton": "Antwoorden als tekst kopiëren",
    "import.heading": "Back-up terugzetten",
    "import.label": "Kies een back-upbestand (.json)",
    "import.hint": "Je ziet eerst wat er verandert. Er gebeurt pas iets als je dat bevestigt.",
    "clear.heading": "Antwoorden wissen",
    "clear.intro": "Wil je opnieuw beginnen? Dan wis je alle antwoorden in de werkmap waarin je nu werkt. Maak eerst " +
      "een back-up als je de antwoorden misschien nog nodig hebt.",
    "clear.button": "Alle antwoorden in deze werkmap wissen",
    // The offline copy opened in Firefox (overrides/main.html)
    "offline.title": "Let op: in Firefox blijven je antwoorden op hun eigen pagina",
    "offline.why": "Je hebt het werkboek vanaf je computer of een USB-stick geopend in Firefox. Firefox bewaart " +
      "wat je invult dan per pagina. Antwoorden die je op de ene pagina invult, zie je niet op de " +
      "andere pagina's. Ook niet in je plan.",
    "offline.advice": "Open het werkboek daarom in Chrome of Edge. Of gebruik de online versie van het werkboek.",
    // Options the engine adds: yes/no, "other" with its follow-up question
    "option.yes": "Ja", "option.no": "Nee",
    "option.other": "Anders, namelijk", "option.otherWhat": "Wat nog meer?",
    // Storage notices
    "notice.geblokkeerd": "Let op: je antwoorden worden niet bewaard. Je browser staat niet toe dat deze website " +
      "iets opslaat. Je kunt verder typen, maar na het sluiten van de pagina ben je je antwoorden kwijt. " +
      "Druk je antwoorden af of sla ze op als pdf voordat je stopt.",
    "notice.vol": "Let op: je laatste wijziging is niet bewaard, want de opslag van je browser is vol. Wat je typte " +
      "staat nog op het scherm. Maak ruimte, bijvoorbeeld door een oude werkmap te verwijderen, " +
      "of druk je antwoorden af.",
    "notice.onleesbaar": "We konden je eerder opgeslagen antwoorden niet lezen. We hebben ze apart bewaard in je " +
      "browser, zodat er niets verloren gaat. Je kunt gewoon verder werken.",
    // Fields
    "wordcount": "{words} {wordUnit}, ongeveer {duration} spreektijd.",
    "word": "woord", "words": "woorden",
    "second": "seconde", "seconds": "seconden", "minute": "minuut", "minutes": "minuten", "and": "en",
    // Werkmappen
    "set.default": "Mijn werkmap",
    // Werkmappen block (written into the page by the build; a workbook may say for what or whom
    // people keep separate werkmappen)
    "sets.intro": "Een werkmap is een set antwoorden. Vul je het werkboek vaker in, bijvoorbeeld voor " +
      "verschillende partners? Maak dan voor elke keer een eigen werkmap. Je werkt altijd in één werkmap tegelijk.",
    "sets.newHint": "Kies een naam die je herkent. De nieuwe werkmap is leeg en je gaat er meteen in werken.",
    "copy.title": "Werkmap kopiëren",
    "copy.intro": "Wil je een deel van je antwoorden opnieuw gebruiken? Neem het mee naar een nieuwe werkmap. " +
      "De werkmap waarin je nu werkt, blijft zoals hij is. Je gaat meteen in de nieuwe werkmap werken.",
    "copy.nameHint": "Kies een naam die je herkent.",
    "set.restored": "Teruggezette werkmap",
    "set.active": "Je werkt nu in werkmap ",
    "set.current": "Hierin werk je nu",
    "set.open": "Open",
    "set.delete": "Verwijder",
    "set.hidden": " werkmap {name}",
    "set.switched": "Je werkt nu in werkmap {name}.",
    "set.confirmDelete": "Weet je zeker dat je werkmap \"{name}\" wilt verwijderen? " +
      "Alle antwoorden in deze werkmap ben je dan kwijt. Dat kun je niet ongedaan maken.",
    "set.deleted": "Werkmap {name} is verwijderd. Je werkt nu in werkmap {active}.",
    "set.confirmClear": "Weet je zeker dat je alle antwoorden in werkmap \"{name}\" wilt wissen? " +
      "Dat kun je niet ongedaan maken.",
    "set.cleared": "Alle antwoorden in werkmap {name} zijn gewist.",
    "set.nameMissing": "Vul eerst een naam in.",
    "set.created": "Werkmap {name} is gemaakt. Je werkt nu in deze werkmap.",
    "set.renamed": "De werkmap heet nu {name}.",
    "set.exampleTag": "Voorbeeld",
    // Copying a werkmap (e.g. for another municipality)
    "copy.header": "Je gegevens: {label}",
    "copy.full": "Je browser heeft geen ruimte meer voor een nieuwe werkmap. Er is niets veranderd. " +
      "Maak ruimte, bijvoorbeeld door een oude werkmap te verwijderen.",
    "copy.nothing": "Kies eerst wat je wilt meenemen naar de nieuwe werkmap.",
    "copy.done": "Werkmap {name} is gemaakt, met: {what}. Je werkt nu in werkmap {name}. " +
      "Werkmap {from} blijft zoals hij was.",
    // The filled example
    "example.offer": "Bekijk verzonnen antwoorden als voorbeeld. Het voorbeeld opent als aparte werkmap. " +
      "Je eigen antwoorden blijven zoals ze zijn, en met één klik ben je terug in je eigen werkmap.",
    "example.notice": "Je bekijkt een voorbeeld. Dit zijn niet jouw antwoorden, maar verzonnen antwoorden. " +
      "Je kunt in het voorbeeld niets veranderen.",
    "example.mark": "Voorbeeld: de antwoorden hieronder zijn verzonnen.",
    "example.back": "Terug naar mijn eigen werkmap",
    "example.left": "Je werkt weer in je eigen werkmap {name}. Je antwoorden zijn niet veranderd.",
    "example.full": "Je browser heeft geen ruimte meer om het voorbeeld te openen. Je eigen antwoorden zijn niet veranderd.",
    "example.failed": "Het voorbeeld kon niet worden geladen. Laad de pagina opnieuw en probeer het nog eens.",
    "example.removed": "Het voorbeeld is weggehaald. Je werkt nu in werkmap {active}.",
    // Back-up reminder
    "backup.last": "Je laatste back-up van deze werkmap maakte je op {date}.",
    "backup.none": "Je hebt van deze werkmap nog geen back-up gemaakt.",
    "backup.changed": "Let op: je hebt antwoorden veranderd na je laatste back-up. ",
    "backup.onlyHere": "Let op: je antwoorden staan alleen in deze browser. ",
    "backup.advice": "Maak een back-up, dan raak je niets kwijt. " +
      "Sommige browsers wissen je antwoorden als je deze website een week niet bezoekt.",
    "backup.button": "Back-up downloaden (bestand)",
    "backup.link": "Maak een back-up",
    // Progress and the worksheet status line
    "progress.new": "Nog niet begonnen",
    "progress.done": "Ingevuld",
    "progress.busy": "Bezig ({done} van {total})",
    "status.set": "Je werkt in werkmap ",
    "status.setEnd": ". ",
    "status.count": "Je hebt {done} van {total} vragen beantwoord.",
    "status.saved": " Wat je invult, bewaart je browser meteen.",
    "status.otherSet": "Andere werkmap kiezen",
    // Plan and diagnosis
    "answer.none": "Nog niet ingevuld",
    "answer.change": "Wijzigen",
    "plan.set": "Werkmap",
    "verdict.none": "Nog niet beoordeeld",
    "verdict.yours": "Jouw oordeel: {verdict}",
    "verdict.count": "{answered} van {total} vragen beantwoord",
    // How a verdict's tone shows beside its words (colour is only an extra)
    "verdict.symbol.good": "✓", "verdict.symbol.partly": "◐", "verdict.symbol.open": "✗", "verdict.symbol.none": "–",
    "diagnosis.title": "Diagnose in één oogopslag",
    "diagnosis.missing": "Dit werkblad heeft geen oordeel per onderdeel.",
    "improve.title": "Verbeterpunten",
    "improve.none": "Je hebt alle onderdelen beoordeeld als op orde en alle vragen beantwoord.",
    "improve.intro": "Deze onderdelen en vragen zijn nog niet op orde of nog open. " +
      "Hier kun je je dienstverlening verder ontwikkelen.",
    "improve.verdict": " – jouw oordeel: {verdict}.",
    "improve.open": "Nog open: {label} ",
    // Printing
    "print.withAnswers": "Werkblad afdrukken met antwoorden",
    "print.blank": "Leeg werkblad afdrukken",
    "print.kindBlank": "leeg werkblad",
    "print.footerSet": " – werkmap {name}",
    "print.footerDate": "Afgedrukt op {date} – pagina ",
    "print.footerOf": " van ",
    "print.footerLine": " – afgedrukt op {date}",
    "blank.date": "Datum: ____ – ____ – ________",
    "blank.multi": "Je mag meer dan één hokje aankruisen.",
    "blank.when": "Als je {option} hebt gekozen:",
    // The handout and the Word files
    "handout.contact": "Contactpersoon",
    "handout.step": "Onderdeel",
    "handout.verdict": "Oordeel",
    "word.done": "Het Word-bestand {name} is gedownload.",
    "word.failed": "Het Word-bestand maken is niet gelukt. Druk je plan af of download de tekstversie. Je antwoorden zijn bewaard.",
    // Readable text export
    "text.made": "Gemaakt op: {date}",
    "text.row": "Rij {n}:",
    "text.others": "ANTWOORDEN BIJ VRAGEN DIE NIET MEER IN HET WERKBOEK STAAN",
    // Export
    "export.done": "Je back-up is gedownload. Bewaar het bestand op een veilige plek.",
    "export.textDone": "De tekstversie is gedownload. Je kunt hem openen in Word of in een e-mail plakken.",
    "export.copied": "De tekst staat op het klembord. Plak hem in je e-mail of document.",
    "export.copyFailed": "Kopiëren lukt niet in deze browser. Download de tekstversie en kopieer daaruit.",
    "export.fileSet": "werkmap",
    // Import
    "import.unreadable": "Dit bestand kunnen we niet lezen. Het is geen back-up van het werkboek, of het is beschadigd. Er is niets veranderd.",
    "import.notBackup": "Dit bestand is geen back-up van het werkboek. Kies een bestand dat je met de knop 'Back-up downloaden' hebt gemaakt. Er is niets veranderd.",
    "import.otherWorkbook": "Dit bestand is een back-up van een ander werkboek. Er is niets veranderd.",
    "import.version": "We herkennen de versie van dit bestand niet. Er is niets veranderd.",
    "import.newer": "Dit bestand is gemaakt met een nieuwere versie van het werkboek. Laad de pagina opnieuw en probeer het nog eens. Er is niets veranderd.",
    "import.noAnswers": "In dit bestand staan geen antwoorden die we kunnen lezen. Er is niets veranderd.",
    "import.tooMany": "In dit bestand staan te veel antwoorden. Het is geen back-up van het werkboek. Er is niets veranderd.",
    "import.tooBig": "Dit bestand is te groot ({size} MB). Een back-up van het werkboek is kleiner dan 1 MB. Kies het juiste bestand. Er is niets veranderd.",
    "import.cannotOpen": "We konden dit bestand niet openen. Er is niets veranderd.",
    "import.cannotUse": "Dit bestand kunnen we niet gebruiken. Er is niets veranderd.",
    "import.title": "Dit staat in het bestand",
    "import.summary": "Werkmap {name}{date}, met {count} {answerUnit}.",
    "import.noName": "zonder naam",
    "import.ofDate": ", back-up van {date}",
    "import.answer": "antwoord", "import.answers": "antwoorden",
    "import.skipped": "Let op: {count} {partUnit} van dit bestand {partVerb} niet in een back-up. Dat laten we weg.",
    "import.part": "onderdeel", "import.parts": "onderdelen", "import.partVerb": "hoort", "import.partsVerb": "horen",
    "import.wrong": "Let op: {count} {answerUnit} {answerVerb} niet bij de vraag in het werkboek (bijvoorbeeld een tekst waar een keuze hoort). Die laten we weg.",
    "import.answerVerb": "past", "import.answersVerb": "passen",
    "import.unknown": "{count} {answerUnit} {belongVerb} bij een vraag die niet meer in het werkboek staat. We bewaren ze wel.",
    "import.belongVerb": "hoort", "import.belongsVerb": "horen",
    "import.intro": "Als je de antwoorden in werkmap ",
    "import.introEnd": " vervangt, verandert dit:",
    "import.added": "Nieuw ingevuld",
    "import.changed": "Ander antwoord",
    "import.removed": "Leeg, want niet ingevuld in het bestand",
    "import.more": "en nog {count} andere",
    "import.same": "Niets: de antwoorden zijn hetzelfde.",
    "import.choose": "Kies wat je wilt doen. Je andere werkmappen blijven zoals ze zijn.",
    "import.asNew": "Zet terug als nieuwe werkmap",
    "import.replace": "Vervang de antwoorden in werkmap ",
    "import.cancel": "Annuleren",
    "import.cancelled": "Er is niets veranderd.",
    "import.newDone": "De back-up staat nu in de nieuwe werkmap {name}. Je werkt nu in die werkmap.",
    "import.confirmReplace": "Weet je zeker dat je de antwoorden in werkmap \"{name}\" wilt vervangen " +
      "door die uit het bestand? Dat kun je niet ongedaan maken.",
    "import.replaced": "De antwoorden in werkmap {name} zijn vervangen door die uit de back-up.",
    "import.full": "Je browser heeft geen ruimte meer om deze back-up te bewaren. Er is niets veranderd. " +
      "Maak ruimte, bijvoorbeeld door een oude werkmap te verwijderen, en probeer het opnieuw."
  };

  Werkboek.define("texts", function () {
    var table = {};

    /* t("key", {name: "x"}): the workbook's text for key, else ours, with {name} filled in. */
    function t(key, values) {
      var overrides = (window.WerkboekManifest || {}).texts || {};
      var text = typeof overrides[key] === "string" ? overrides[key] : table[key];
      if (text === undefined) text = key;
      return text.replace(/\{(\w+)\}/g, function (whole, name) {
        return values && values[name] !== undefined ? String(values[name]) : whole;
      });
    }

    /* A count with its noun: plural("import.answer", "import.answers", 2) -> "antwoorden". */
    function plural(one, many, count) { return t(count === 1 ? one : many); }

    function add(texts) { Object.keys(texts).forEach(function (key) { table[key] = texts[key]; }); }

    return { t: t, plural: plural, add: add };
  });
  Werkboek.texts.add(DEFAULTS);
})();

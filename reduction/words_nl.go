package reduction

import "github.com/itemreduce/itemreduce/internal/chart"

// dutchWords are the Dutch phrases of the files people read. The rule
// names follow the report's words: stabiel, plafond, weinig spreiding,
// overlappend (redundant) and vloer; a tick is a vinkje.
var dutchWords = Words{
	LangName: "Nederlands",
	Keep:     "behouden",
	Drop:     "schrappen",
	Rules:    ruleWords{Stable: "stabiel", Ceiling: "plafond", LowSpread: "weinig spreiding", Redundant: "overlappend", Floor: "vloer"},
	Undecided: undecidedWords{
		NotAskedCurrent:   "niet gevraagd in de laatste meting: geen enkele regel beslist",
		NoAnswersCurrent:  "geen antwoorden in de laatste meting: geen enkele regel beslist",
		NoPreviousWave:    "stabiel: geen vorige meting opgegeven",
		NotAskedPrevious:  "stabiel: niet gevraagd in de vorige meting",
		NoAnswersPrevious: "stabiel: geen antwoorden in de vorige meting",
		TooFewForSD:       "weinig spreiding: voor een SD zijn minstens 2 antwoorden nodig",
		RUndefined:        "overlappend: r niet te berekenen met %d ander(e) item(s) (minder dan %d respondenten die beide beantwoordden, of geen variantie)",
		WithheldCurrent:   "weggelaten in een samenvatting van de laatste meting (op een locatie beantwoordden minder mensen het item dan het minimum): geen enkele regel beslist",
		WithheldPrevious:  "stabiel: weggelaten in een samenvatting van de vorige meting (op een locatie beantwoordden minder mensen het item dan het minimum)",
		RWithheld:         "overlappend: r weggelaten met %d ander(e) item(s) in een samenvatting van de laatste meting (op een locatie beantwoordden minder mensen beide items dan het minimum)",
	},
	Review: reviewWords{
		Header: `# Beoordelingsbestand: het oordeel van de onderzoekers over de screening
# van de items.
#
# Per item heeft het programma ingevuld: de vinkjes (flags: stable =
# stabiel, ceiling = plafond, low_spread = weinig spreiding, redundant =
# overlappend); de cijfers erachter (evidence: per regel de statistiek, de
# drempel en n, ook als de regel niet aansloeg; bij redundant de items
# boven de drempel, anders max_r, het andere item met de sterkste
# samenhang); bij een item met overlappende partners de groep (group; de
# items die via overlappende paren met elkaar verbonden zijn) en de
# vertegenwoordiger (representative; het item van de groep waarmee het
# overlapt en dat de suggestie behoudt; het redundant-vinkje van de
# vertegenwoordiger zelf telt niet mee); een suggestie (suggestion):
# schrappen als het item minstens drop_from_ticks vinkjes heeft (zie
# screening: hieronder), anders behouden; en een controlegetal (digest) van
# deze velden, waarmee itemreduce decide velden weigert die met de hand zijn
# veranderd. Per item vult u zelf in:
#
#   decision:  behouden of schrappen; laat het leeg om de suggestie te volgen
#   reason:    waarom; verplicht als uw besluit afwijkt van de suggestie
#   note:      wat u verder bij het item wilt bewaren (niet verplicht)
#
# De namen vóór de dubbele punt (decision:, reason:, note:) blijven Engels;
# u schrijft alleen wat erachter komt. Ook keep en drop worden gelezen, in
# hoofdletters of kleine letters. Toelichting (regels die met # beginnen)
# mag overal staan.
#
# Voer itemreduce review opnieuw uit met dezelfde --out om dit bestand bij
# te werken na nieuwe gegevens of andere drempels: screening:, text, flags,
# evidence, suggestion en digest worden opnieuw berekend; uw besluiten,
# redenen, notities en toelichtingen blijven precies zoals u ze schreef. Een
# item dat niet meer in de itembank staat, krijgt in_bank: false en houdt uw
# besluit; een nieuw item van de itembank komt erbij met een leeg besluit.
#
# Onderaan het bestand staan onder add: nieuwe items voor de vragenlijst van
# volgend jaar en onder merge: items die samen door één nieuw item worden
# vervangen. Voer daarna itemreduce decide uit.
`,
		Footer: `
# Nieuwe items voor de vragenlijst van volgend jaar, bijvoorbeeld:
#   - id: OR23
#     text: "Ik kan mijn werk registreren zonder dubbel werk."
#     scale: likert5
#     theme: "Organisatorische randvoorwaarden"
#     after: OR22        # niet verplicht: waar het komt (anders: achteraan zijn thema)
#     reason: "voorgesteld door de teamleiders"
add:

# Items die door één nieuw item worden vervangen, bijvoorbeeld een lichte en
# een zware variant van dezelfde vraag:
#   - id: ER12M
#     text: "Inwoners met een hulpvraag kan ik snel verder helpen."
#     scale: likert5
#     from: [ER12, ER13]
#     reason: "één vraag in plaats van twee"
merge:
`,
	},
	Proposal: proposalWords{
		Title:   "# Voorstel voor de volgende versie van %s.\n",
		NoTitle: "de vragenlijst",
		Instructions: `#
# Hieronder staat elk item van de vragenlijst van dit jaar onder keep:
# (behouden), één per regel, met de tekst van de vraag achter het #-teken.
# Verwijder de regel van elk item dat u zou weglaten; laat de regels staan
# van de items die u wilt houden. Regels die met # beginnen zijn
# toelichting en mogen blijven staan.
#
# Vul achter by: uw naam in en, als u naar een bepaalde lengte streeft,
# achter target_length: het aantal items. Stuur het bestand daarna terug
# naar de onderzoekers.

`,
		TargetComment: "# niet verplicht: het aantal items waar u naar streeft",
	},
	Audit: auditWords{
		HTMLLang: "nl",
		Title:    "Verantwoording van de itemreductie: %s",
		NoTitle:  "de vragenlijst",

		TotalsBase:   "%d items: %d behouden, %d geschrapt",
		TotalsMerged: ", %d samengevoegd tot %d",
		TotalsAdded:  "; %d nieuw",
		TotalsNext:   " → %d items volgend jaar",

		Sources:         "Bronnen",
		CombineRule:     "Combinatieregel %s: %s.",
		CombineAny:      "behouden als minstens één van de %d bronnen het item behoudt",
		CombineAll:      "alleen behouden als alle %d bronnen het item behouden",
		CombineAtLeast:  "behouden als minstens %d van de %d bronnen het item behouden",
		CombineMajority: "behouden als minstens de helft van de %d bronnen het item behoudt (%d of meer)",
		SourceColumns:   []string{"bron", "bestand", "items behouden", "beoogde lengte"},
		Researchers:     "onderzoekers",
		ProposalKind:    "voorstel",

		Themes:       "Items per thema",
		ThemeColumns: []string{"thema", "dit jaar", "volgend jaar"},
		AllThemes:    "alle thema's",
		NoTheme:      "(geen thema)",

		Overrides:         "Waar het oordeel afweek van de statistiek",
		NoOverrides:       "Nergens: elk eindbesluit volgt de suggestie van de statistiek.",
		OverridesIntro:    "Items waarbij het besluit van de onderzoekers of het eindbesluit afwijkt van de suggestie van de statistiek.",
		VotesKey:          "Stemmen: B = behouden, S = schrappen, in de volgorde van de bronnen hierboven",
		VotesCount:        ", met het aantal bronnen dat het item behoudt",
		VoteKeep:          "B",
		VoteDrop:          "S",
		OverrideColumns:   []string{"item", "vinkjes", "suggestie", "onderzoekers", "reden", "stemmen", "eindbesluit"},
		FollowsSuggestion: "volgt de suggestie",

		Costs:               "Wat het besluit kost",
		SeriesEnd:           "Tijdreeksen die stoppen",
		SeriesEndNote:       "(%d items geschrapt, geen vergelijking met eerdere metingen)",
		None:                "geen",
		Composites:          "Samengestelde indicatoren",
		CompositesKept:      "elke samengestelde indicator van de itembank is nog te berekenen.",
		CompositesLost:      "Samengestelde indicatoren die niet meer te berekenen zijn:",
		Lacks:               "%s: mist %s",
		Merged:              "Samengevoegde items",
		MergedNotComparable: "Samengevoegde items, niet één op één te vergelijken met de items die ze vervangen:",
		Replaces:            "vervangt",

		ReliabilityTitle:     "Betrouwbaarheid op de antwoorden van dit jaar",
		ReliabilityNote:      ", vóór (alle items) en na (de behouden items; samengevoegde en nieuwe items hebben nog geen antwoorden):",
		ReliabilityColumns:   []string{"soort", "naam", "items vóór", "items na", "alfa vóór", "alfa na", "omega vóór", "omega na"},
		ThemeKind:            "thema",
		CompositeKind:        "samengestelde indicator",
		NoLongerComputed:     "niet meer te berekenen",
		ReliabilityHintTitle: "Betrouwbaarheid",
		ReliabilityHint:      "geef `itemreduce decide` de antwoorden van dit jaar met --current om van elk thema en elke samengestelde indicator de alfa en omega vóór en na het besluit te zien.",

		NewItems:       "Nieuwe items",
		NewItemColumns: []string{"item", "tekst", "schaal", "thema", "reden"},

		EveryItem:           "Alle items",
		TicksIntro:          "Bij elk vinkje staan de statistiek, de drempel die werd overschreden en het aantal antwoorden (n).",
		ItemColumns:         []string{"item", "tekst", "vinkjes met onderbouwing", "suggestie", "onderzoekers", "reden", "stemmen", "eindbesluit"},
		Undecided:           "niet beslist",
		Override:            "afwijkend",
		FinalKeep:           "behouden",
		FinalDrop:           "geschrapt",
		MergedInto:          "samengevoegd in %s",
		Left:                "In het beoordelingsbestand, maar niet meer in de itembank (geen besluit): %s",
		GroupRepresentative: "groep %d, vertegenwoordiger: dit item (zijn vinkje voor overlap telt niet mee)",
		GroupMember:         "groep %d, vertegenwoordiger: %s",

		Statistics: "De vier statistieken van elk item",
		StatisticsIntro: "De statistieken van elk item zoals het beoordelingsbestand ze geeft, ook als de regel niet aansloeg: " +
			"n, gemiddelde en sd van de laatste meting, n van de vorige meting, de verschuiving van het gemiddelde van de vorige naar de laatste meting, " +
			"en r met het andere item met de sterkste samenhang (de grootste |r|), met het aantal respondenten dat beide vragen beantwoordde.",
		StatisticsBold:    "Een %s getal gaf het item zijn vinkje; de drempels per schaal staan onder %s.",
		Bold:              "vetgedrukt",
		StatisticsColumns: []string{"item", "schaal", "n", "vorige n", "verschuiving", "gemiddelde", "sd", "r (grootste |r|)", "met", "n beide"},

		Reproduce:        "Zo is het besluit te herhalen",
		CommandIntro:     "De opdracht, met elk bestand genoemd zonder zijn map:",
		DecidedWith:      "besloten met: %s, combinatieregel %s",
		ScreenedWith:     "gescreend met: %s; %d respondenten in de vorige meting, %d in de laatste",
		RowsWhere:        " (rijen waar %s)",
		AllRows:          " (alle rijen)",
		FromSheet:        " uit het werkblad %s",
		And:              " en ",
		SuggestionRule:   "suggestie: schrappen vanaf %d vinkje(s)",
		ReviewChecked:    "beoordelingsbestand: de vinkjes, onderbouwing en suggesties van alle %d items kloppen met hun controlegetal en de geldende regels",
		ThresholdLine:    "drempels: %s; overlappend: |r| > %s",
		BasisFraction:    "delen van het bereik van de schaal (max - min)",
		BasisAbsolute:    "absoluut per schaal waar het regelbestand ze geeft, anders delen van het bereik van de schaal",
		FromFraction:     "deel van het bereik",
		FromAbsolute:     "absoluut",
		ThresholdColumns: []string{"schaal", "bereik", "stabiel: |verschuiving| <", "plafond: gemiddelde >", "weinig spreiding: sd <"},
		InputColumns:     []string{"invoer", "bestand", "SHA-256"},
		OutputColumns:    []string{"uitvoer", "bestand", "SHA-256"},
		Roles: roleWords{
			Bank:            "itembank",
			Review:          "beoordelingsbestand",
			Proposal:        "voorstel",
			Current:         "antwoorden van dit jaar (voor de betrouwbaarheid)",
			BankScreened:    "gescreende itembank (vastgelegd in het beoordelingsbestand)",
			Config:          "regelbestand (vastgelegd in het beoordelingsbestand)",
			Previous:        "vorige meting (vastgelegd in het beoordelingsbestand)",
			CurrentScreened: "laatste meting (vastgelegd in het beoordelingsbestand)",
			Next:            "itembank van volgend jaar",
		},
		OwnSHA:            "De SHA-256 van deze verantwoording is %s.",
		OwnSHANotRecorded: "niet vastgelegd: een bestand kan zijn eigen SHA-256 niet bevatten; bereken die uit het bestand met sha256sum",
		OwnSHAFile:        "niet vastgelegd: een bestand kan zijn eigen SHA-256 niet bevatten; bereken die uit het bestand: sha256sum %s",
		Warnings:          "Waarschuwingen",

		TickStable:            "|verschuiving| %s < %s (n %d, vorige n %d)",
		TickMean:              "gemiddelde %s %s %s (n %d%s)",
		ReflectedFavourable:   "; negatief geformuleerd, getoetst aan de gunstige kant",
		ReflectedUnfavourable: "; negatief geformuleerd, getoetst aan de ongunstige kant",
		WaveTest:              "toets tussen de metingen: %s (%s): p %s, Holm %s, effect %s",
		WaveIndependent:       "n %d vorige, %d laatste",
		WavePaired:            "gepaard, %d gekoppeld",
		Linked:                ", waarvan %d gekoppeld via de id's in kolom %s (gepaarde toetsen tussen de metingen)",
		TickLowSpread:         "sd %s < %s (n %d)",
		TickRedundant:         "|r| > %s met",
		TickPartner:           " %s (r %s, n %d%s)",
		TickKeep:              ", %s behouden",

		Chart: chartWords{
			ReliabilityWords: chart.ReliabilityWords{Items: "items", Alpha: "alfa", Omega: "omega totaal",
				Before: "vóór", After: "na", NA: "n.v.t."},
			Title: "Wat het besluit kost per thema en samengestelde indicator",
			Desc: "Per thema en samengestelde indicator: het aantal items vóór (grijs) en na (blauw), " +
				"en alfa en omega totaal vóór (ring) en na (stip), op de antwoorden van dit jaar.",
			Hover: "%s %s: %d items vóór, %d na",
		},
	},
}

package main

// itemParams drives one item of the latent-factor model (see the package
// comment). Means, spreads and shifts are on the item's own scale, before
// rounding: a mean close to the top of the scale comes out a little lower.
type itemParams struct {
	mean  float64 // latent mean in 2016
	sd    float64 // latent spread
	shift float64 // change of the latent mean from 2016 to 2017
	theme float64 // loading on the trait of the item's theme
	group string  // trait shared with near-duplicate items, "" for none
	load  float64 // loading on the group trait
}

// params holds the parameters of every bank item. Design intent, per rule:
//   - stable: items with shift 0 barely move; the others moved 0.5-0.7 on a
//     1-5 scale or about 1 on 1-10, a real change between the years. TB04
//     moved 0.85: stable under the default 0.9 on 1-10, not under the 0.8
//     the report printed;
//   - ceiling: latent means of 4.5 and up (8.3 and up for grades);
//   - low spread: a small latent sd, or a mean near the top of the scale,
//     which squeezes the answers together; items that should be at the
//     ceiling but still spread (SA14, IN21, WE01) get a large sd instead;
//   - redundant: groups with loadings of 0.75 and up, most notably each
//     competence's "possess" and "want to work towards" grades (c01-c10),
//     the three light/heavy problem pairs (licht1-3) and a few clusters of
//     near-synonymous statements; theme loadings stay at 0.45 or less, so
//     items outside a group have no partner above .5.
var params = map[string]itemParams{
	//      mean  sd   shift theme  group    load
	"SA01": {3.0, 1.2, 0, .40, "", 0},
	"SA02": {4.0, .95, 0, .35, "leider", .80},
	"SA03": {3.5, 1.0, .6, .35, "leider", .80},
	"SA04": {4.4, .85, -.5, .40, "", 0},
	"SA05": {3.3, 1.2, 0, .40, "", 0},
	"SA06": {3.7, 1.0, 0, .40, "", 0},
	"SA07": {4.1, 1.0, 0, .35, "", 0},
	"SA08": {3.5, 1.05, .6, .35, "feedback", .85},
	"SA09": {3.7, 1.0, .5, .35, "feedback", .85},
	"SA10": {3.9, .95, 0, .35, "", 0},
	"SA11": {4.7, .55, 0, .35, "kwaliteit", .85},
	"SA12": {4.1, .85, 0, .35, "kwaliteit", .85},
	"SA13": {3.7, 1.05, 0, .40, "", 0},
	"SA14": {4.8, 1.3, 0, .40, "", 0},
	"SA15": {2.6, 1.25, 0, .30, "", 0},
	"SA16": {4.0, .80, 0, .35, "", 0},
	"SA17": {3.6, 1.1, -.6, .25, "", 0},
	"SA18": {3.3, 1.0, .6, .30, "", 0},
	"SA19": {3.9, .95, 0, .30, "", 0},
	"SA20": {3.8, .95, 0, .40, "", 0},
	"SA21": {3.2, 1.0, 0, .30, "", 0},
	"SA22": {4.5, .60, 0, .40, "", 0},
	"SA23": {3.4, 1.2, -.6, .30, "", 0},
	"SA24": {7.4, 1.1, 0, .45, "", 0},

	"ER01": {4.4, .60, 0, .35, "", 0},
	"ER02": {4.5, .75, -.6, .30, "", 0},
	"ER03": {3.7, .95, 0, .30, "", 0},
	"ER04": {3.3, 1.35, 0, .15, "", 0},
	"ER05": {3.0, 1.25, 0, .25, "", 0},
	"ER06": {3.6, .90, .5, .35, "", 0},
	"ER07": {3.9, .95, 0, .30, "aandacht", .75},
	"ER08": {4.1, .90, 0, .30, "aandacht", .75},
	"ER09": {3.9, .95, 0, .30, "aandacht", .75},
	"ER10": {3.6, .90, 0, .30, "", 0},
	"ER11": {3.5, .95, .6, .10, "", 0},
	"ER12": {4.1, .85, 0, .30, "licht1", .80},
	"ER13": {3.3, 1.0, -.5, .30, "licht1", .80},
	"ER14": {3.8, 1.3, 0, .25, "", 0},
	"ER15": {3.6, 1.05, 0, .30, "", 0},
	"ER16": {3.4, 1.1, 0, .30, "vrijwilligers", .85},
	"ER17": {3.5, 1.05, 0, .30, "vrijwilligers", .85},
	"ER18": {3.9, 1.0, -.6, .25, "", 0},
	"ER19": {3.1, 1.0, 0, .20, "", 0},
	"ER20": {3.5, 1.0, 0, .25, "", 0},
	"ER21": {3.7, .90, 0, .35, "", 0},
	"ER22": {3.5, .95, .5, .35, "", 0},
	"ER23": {3.4, 1.15, .7, .30, "", 0},
	"ER24": {7.2, .90, 0, .40, "", 0},

	"IN01": {4.2, .90, 0, .25, "", 0},
	"IN02": {3.8, 1.1, -.6, .30, "", 0},
	"IN03": {2.7, 1.0, 0, .35, "", 0},
	"IN04": {3.1, 1.0, 0, .35, "", 0},
	"IN05": {3.3, 1.0, 0, .35, "", 0},
	"IN06": {3.5, 1.2, 0, .30, "", 0},
	"IN07": {3.9, 1.0, -.5, .35, "", 0},
	"IN08": {2.8, 1.0, .6, .30, "", 0},
	"IN09": {2.7, 1.1, 0, .30, "", 0},
	"IN10": {4.2, .70, 0, .30, "licht2", .80},
	"IN11": {3.4, .95, 0, .30, "licht2", .80},
	"IN12": {4.75, .50, 0, .25, "afstemmen", .90},
	"IN13": {2.5, 1.1, 0, .25, "", 0},
	"IN14": {4.55, .55, 0, .25, "afstemmen", .90},
	"IN15": {4.2, .75, 0, .35, "", 0},
	"IN16": {4.2, .90, 0, .30, "licht3", .80},
	"IN17": {3.6, 1.0, 0, .30, "licht3", .80},
	"IN18": {3.8, .90, 0, .35, "", 0},
	"IN19": {4.55, .60, 0, .30, "", 0},
	"IN20": {4.75, .50, 0, .25, "", 0},
	"IN21": {4.8, 1.3, 0, .30, "", 0},
	"IN22": {4.1, .95, 0, .30, "", 0},
	"IN23": {3.3, 1.0, .6, .25, "", 0},
	"IN24": {3.2, 1.05, 0, .25, "", 0},
	"IN25": {3.9, .85, 0, .25, "", 0},
	"IN26": {4.1, .90, 0, .30, "", 0},
	"IN27": {3.7, 1.1, 0, .30, "", 0},
	"IN28": {3.0, 1.0, 0, .35, "", 0},
	"IN29": {2.8, 1.1, .6, .30, "", 0},
	"IN30": {3.6, 1.0, 0, .35, "", 0},
	"IN31": {3.8, 1.0, 0, .35, "", 0},
	"IN32": {3.4, .95, 0, .35, "", 0},
	"IN33": {3.0, 1.05, -.6, .25, "", 0},
	"IN34": {3.9, .95, 0, .25, "", 0},

	"EC01": {4.8, .45, 0, .20, "", 0},
	"EC02": {3.9, .95, 0, .30, "", 0},
	"EC03": {3.0, 1.2, 0, .10, "", 0},
	"EC04": {3.7, .90, .5, .35, "", 0},
	"EC05": {3.3, 1.1, .6, .25, "", 0},
	"EC06": {4.1, .70, 0, .35, "", 0},
	"EC07": {4.0, 1.0, 0, .30, "", 0},
	"EC08": {7.5, .85, 0, .45, "", 0},
	"TB01": {7.2, 2.3, 0, .45, "c01", .75},
	"TB02": {7.0, 2.0, 0, .45, "c02", .75},
	"TB03": {7.0, 2.3, 0, .45, "c03", .75},
	"TB04": {6.3, 2.0, .85, .45, "c04", .75},
	"TB05": {5.9, 2.3, 1.0, .45, "c05", .75},
	"TB06": {7.5, 1.2, 0, .45, "c06", .75},
	"TB07": {8.35, .95, 0, .45, "c07", .75},
	"TB08": {6.2, 2.0, 1.0, .45, "c08", .75},
	"TB09": {6.8, 1.9, 0, .45, "c09", .75},
	"TB10": {7.9, 1.1, 0, .45, "c10", .75},
	"TW01": {7.8, 2.3, 0, .35, "c01", .75},
	"TW02": {7.6, 2.3, 0, .35, "c02", .75},
	"TW03": {7.7, 2.3, 0, .35, "c03", .75},
	"TW04": {7.5, 2.0, 0, .35, "c04", .75},
	"TW05": {7.0, 2.2, 0, .35, "c05", .75},
	"TW06": {8.0, 1.2, 0, .35, "c06", .75},
	"TW07": {8.5, 1.0, 0, .35, "c07", .75},
	"TW08": {7.5, 2.1, 0, .35, "c08", .75},
	"TW09": {7.5, 2.3, 0, .35, "c09", .75},
	"TW10": {8.0, 1.0, 0, .35, "c10", .75},

	"OR01": {3.8, 1.0, 0, .35, "kaders", .75},
	"OR02": {3.6, 1.05, 0, .35, "kaders", .75},
	"OR03": {2.9, 1.0, -.6, .30, "", 0},
	"OR04": {3.8, .90, 0, .35, "", 0},
	"OR05": {3.8, 1.0, 0, .15, "", 0},
	"OR06": {3.6, .95, -.6, .15, "", 0},
	"OR07": {3.8, 1.0, 0, .20, "", 0},
	"OR08": {3.0, 1.2, 0, .25, "", 0},
	"OR09": {4.1, .90, 0, .30, "administratie", .75},
	"OR10": {3.9, .95, 0, .30, "administratie", .75},
	"OR11": {2.6, 1.0, .6, .35, "", 0},
	"OR12": {3.4, 1.0, .6, .35, "", 0},
	"OR13": {3.0, 1.0, 0, .40, "", 0},
	"OR14": {3.4, 1.0, 0, .35, "", 0},
	"OR15": {3.6, 1.3, 0, .25, "", 0},
	"OR16": {4.5, .75, 0, .20, "", 0},
	"OR17": {3.2, 1.1, .6, .35, "", 0},
	"OR18": {2.9, 1.05, -.6, .35, "", 0},
	"OR19": {2.9, .95, 0, .40, "", 0},
	"OR20": {3.7, 1.0, .6, .25, "", 0},
	"OR21": {3.3, .95, 0, .40, "", 0},
	"OR22": {3.9, .90, 0, .30, "", 0},

	"WE01": {4.8, 1.3, 0, .40, "", 0},
	"WE02": {3.1, 1.2, 0, .35, "", 0},
	"WE03": {4.1, .80, 0, .40, "", 0},
	"WE04": {4.1, .95, 0, .40, "", 0},
	"WE05": {4.65, .55, 0, .30, "plezier", .90},
	"WE06": {4.75, .50, 0, .25, "plezier", .90},
	"WE07": {3.8, 1.0, 0, .35, "", 0},
	"WE08": {4.15, .70, 0, .30, "", 0},
	"WE09": {4.1, 1.0, 0, .30, "", 0},
	"WE10": {3.6, .95, .5, .30, "werkdruk", .85},
	"WE11": {2.9, 1.1, 0, .30, "werkdruk", .85},
	"WE12": {3.8, .90, -.5, .40, "", 0},
	"WE13": {4.1, .70, 0, .30, "plezier", .75},
	"WE14": {3.9, 1.2, -.6, .30, "", 0},
	"WE15": {4.0, .85, 0, .40, "", 0},
	"WE16": {7.8, .90, 0, .30, "plezier", .80},
	"WE17": {3.8, 1.0, 0, .25, "werkdruk", .85},
}

// newIn2017 lists items first asked in 2017: the 2016 file has no column for them.
var newIn2017 = map[string]bool{"OR22": true, "WE17": true}

// Missing answers.
const (
	emptyRate    = 0.015  // share of answers left empty
	dontKnowRate = 0.01   // share of statements answered "weet niet" (missing code 9)
	breakOffRate = 0.02   // share of respondents who stop before breakOffFrom
	breakOffFrom = "OR01" // first item a respondent who breaks off leaves empty
)

// Items that respondents skip or answer "weet niet" more often than others.
var (
	extraEmpty    = map[string]float64{"ER14": .04, "ER19": .07, "IN24": .09, "OR05": .03, "OR07": .04, "TB05": .03, "TW05": .03}
	extraDontKnow = map[string]float64{"ER06": .05, "ER19": .06, "IN24": .05, "OR13": .04, "OR19": .05, "OR21": .04}
)

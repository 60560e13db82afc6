* Dataset shared by enquete.sps and enquete_1252.sps: a short staff
* survey with Likert items, user-missing codes of every kind, system-missing
* values, a short, a long and a very long string variable, and Dutch labels
* with non-ASCII characters.

DATA LIST LIST
  /resp_id (F4.0) werkdruk_ervaren (F1.0) samenwerking (F2.0)
   coordinatie (F2.0) tevredenheid (F5.2) leeftijd (F3.0) uren (F8.1)
   geslacht (A1) team (A12) toelichting (A400).
BEGIN DATA
1 4 8 2 3.25 34 36.5 v "Zorg één" "Coördinatie kan beter."
2 5 10 1 4.50 51 1234.5 m "Wijk Noord" "Geen opmerkingen."
3 9 98 0 -1 . . ? "onbekend" ""
4 . 97 99 -2 0 0 x "Zorg één" "Te veel overleg, te weinig tijd voor cliënten."
5 1 1 5 1.00 -5 -3 m "Wijk Noord" "Werkdruk is hoog; ik ervaar weinig steun."
6 3 . 97 -3 29 0.25 v "" ""
7 2 6 4 2.75 62 1e10 v "Wijk Zuid" "Prettige samenwerking met de huisartsen."
8 4 7 3 . 45 -0.5 m "Zorg één" "Het team is coördinerend bezig; één keer per week overleg."
9 5 99 . 5.00 38 40 " " "Wijk Zuid" "—"
10 3 5 3 3.00 41 24.75 v "Wijk Noord" "Laatste respondent."
END DATA.

* Very long values for toelichting, with multi-byte characters around the
* 255-byte segment boundary.
LOOP #i = 1 TO 9.
DO IF (resp_id = 1 OR resp_id = 8).
COMPUTE toelichting = CONCAT(RTRIM(toelichting), ' Overleg één: coördinatie; ', STRING(#i, F1.0), '.').
END IF.
END LOOP.

FILE LABEL Enquête werkdruk wijkteams.
DOCUMENT Testbestand voor het inlezen van SPSS-systeembestanden.

VARIABLE LABELS
  resp_id 'Respondentnummer'
  /werkdruk_ervaren 'Ik ervaar een hoge werkdruk'
  /samenwerking 'Rapportcijfer samenwerking (1-10)'
  /coordinatie 'Coördinatie tussen teams is goed geregeld'
  /tevredenheid 'Gemiddelde tevredenheid'
  /uren 'Gewerkte uren per week'
  /team 'Wijkteam'
  /toelichting 'Toelichting (open vraag)'.

VALUE LABELS
  werkdruk_ervaren 1 'helemaal oneens' 2 'oneens' 3 'neutraal' 4 'eens'
    5 'helemaal eens' 9 'weet niet / geen antwoord'
  /samenwerking 1 'zeer slecht' 10 'uitstekend' 97 'n.v.t.' 98 'weigert'
    99 'geen antwoord'
  /coordinatie 0 'niet ingevuld' 1 'één: helemaal oneens' 5 'vijf: helemaal eens'
    97 'n.v.t.'
  /tevredenheid -1 'geen mening' 3.25 'drie en een kwart'
  /geslacht 'm' 'man' 'v' 'vrouw' 'x' 'anders' '?' 'onbekend'
  /team 'Zorg één' 'Zorgteam één' 'Wijk Noord' 'Wijkteam Noord'.

MISSING VALUES
  werkdruk_ervaren (9)
  /samenwerking (97 THRU 99)
  /coordinatie (97 THRU 99, 0)
  /tevredenheid (-1, -2, -3)
  /leeftijd (LO THRU 0)
  /geslacht ('?')
  /team ('onbekend').

VARIABLE LEVEL werkdruk_ervaren samenwerking coordinatie (ORDINAL)
  /geslacht team (NOMINAL) /tevredenheid leeftijd uren (SCALE).

* Writes the SPSS versions of the example's answers, as a survey tool or a
* researcher would hand them over:
*
*   responses-2017.sav          the 2017 wave (bytecode-compressed)
*   responses-alle-jaren.zsav   both waves in one file, with a column jaar
*                               (zlib-compressed)
*   responses-alle-jaren.csv    both waves in one file as a Dutch Excel saves
*                               CSV: separated by semicolons
*
* Item variables carry the question text as variable label, the answer
* labels of the bank as value labels and 9 (weet niet) as user-missing
* value. In the .sav and .zsav files gemeente is a number with the
* municipality's name as value label, as SPSS files usually have it.
*
* The committed outputs were written by GNU PSPP 1.6.2. To write them again,
* from this folder:
*
*   pspp make-spss.sps
*
* The tests read the committed files; they do not need PSPP.

SET DECIMAL=DOT.

GET DATA /TYPE=TXT
  /FILE="responses-2016.csv" /ENCODING="UTF-8"
  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2
  /DELIMITERS="," /QUALIFIER='"'
  /VARIABLES=
    respondent A8
    gemeente A20
    team A30
    functie A25
    leeftijd F3.0
    geslacht A1
    jaren_ervaring F2.0
    SA01 F2.0
    SA02 F2.0
    SA03 F2.0
    SA04 F2.0
    SA05 F2.0
    SA06 F2.0
    SA07 F2.0
    SA08 F2.0
    SA09 F2.0
    SA10 F2.0
    SA11 F2.0
    SA12 F2.0
    SA13 F2.0
    SA14 F2.0
    SA15 F2.0
    SA16 F2.0
    SA17 F2.0
    SA18 F2.0
    SA19 F2.0
    SA20 F2.0
    SA21 F2.0
    SA22 F2.0
    SA23 F2.0
    SA24 F2.0
    ER01 F2.0
    ER02 F2.0
    ER03 F2.0
    ER04 F2.0
    ER05 F2.0
    ER06 F2.0
    ER07 F2.0
    ER08 F2.0
    ER09 F2.0
    ER10 F2.0
    ER11 F2.0
    ER12 F2.0
    ER13 F2.0
    ER14 F2.0
    ER15 F2.0
    ER16 F2.0
    ER17 F2.0
    ER18 F2.0
    ER19 F2.0
    ER20 F2.0
    ER21 F2.0
    ER22 F2.0
    ER23 F2.0
    ER24 F2.0
    IN01 F2.0
    IN02 F2.0
    IN03 F2.0
    IN04 F2.0
    IN05 F2.0
    IN06 F2.0
    IN07 F2.0
    IN08 F2.0
    IN09 F2.0
    IN10 F2.0
    IN11 F2.0
    IN12 F2.0
    IN13 F2.0
    IN14 F2.0
    IN15 F2.0
    IN16 F2.0
    IN17 F2.0
    IN18 F2.0
    IN19 F2.0
    IN20 F2.0
    IN21 F2.0
    IN22 F2.0
    IN23 F2.0
    IN24 F2.0
    IN25 F2.0
    IN26 F2.0
    IN27 F2.0
    IN28 F2.0
    IN29 F2.0
    IN30 F2.0
    IN31 F2.0
    IN32 F2.0
    IN33 F2.0
    IN34 F2.0
    EC01 F2.0
    EC02 F2.0
    EC03 F2.0
    EC04 F2.0
    EC05 F2.0
    EC06 F2.0
    EC07 F2.0
    EC08 F2.0
    TB01 F2.0
    TB02 F2.0
    TB03 F2.0
    TB04 F2.0
    TB05 F2.0
    TB06 F2.0
    TB07 F2.0
    TB08 F2.0
    TB09 F2.0
    TB10 F2.0
    TW01 F2.0
    TW02 F2.0
    TW03 F2.0
    TW04 F2.0
    TW05 F2.0
    TW06 F2.0
    TW07 F2.0
    TW08 F2.0
    TW09 F2.0
    TW10 F2.0
    OR01 F2.0
    OR02 F2.0
    OR03 F2.0
    OR04 F2.0
    OR05 F2.0
    OR06 F2.0
    OR07 F2.0
    OR08 F2.0
    OR09 F2.0
    OR10 F2.0
    OR11 F2.0
    OR12 F2.0
    OR13 F2.0
    OR14 F2.0
    OR15 F2.0
    OR16 F2.0
    OR17 F2.0
    OR18 F2.0
    OR19 F2.0
    OR20 F2.0
    OR21 F2.0
    WE01 F2.0
    WE02 F2.0
    WE03 F2.0
    WE04 F2.0
    WE05 F2.0
    WE06 F2.0
    WE07 F2.0
    WE08 F2.0
    WE09 F2.0
    WE10 F2.0
    WE11 F2.0
    WE12 F2.0
    WE13 F2.0
    WE14 F2.0
    WE15 F2.0
    WE16 F2.0.
NUMERIC jaar (F4.0).
COMPUTE jaar = 2016.
SAVE /OUTFILE="golf2016.tmp.sav".

GET DATA /TYPE=TXT
  /FILE="responses-2017.csv" /ENCODING="UTF-8"
  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2
  /DELIMITERS="," /QUALIFIER='"'
  /VARIABLES=
    respondent A8
    gemeente A20
    team A30
    functie A25
    leeftijd F3.0
    geslacht A1
    jaren_ervaring F2.0
    SA01 F2.0
    SA02 F2.0
    SA03 F2.0
    SA04 F2.0
    SA05 F2.0
    SA06 F2.0
    SA07 F2.0
    SA08 F2.0
    SA09 F2.0
    SA10 F2.0
    SA11 F2.0
    SA12 F2.0
    SA13 F2.0
    SA14 F2.0
    SA15 F2.0
    SA16 F2.0
    SA17 F2.0
    SA18 F2.0
    SA19 F2.0
    SA20 F2.0
    SA21 F2.0
    SA22 F2.0
    SA23 F2.0
    SA24 F2.0
    ER01 F2.0
    ER02 F2.0
    ER03 F2.0
    ER04 F2.0
    ER05 F2.0
    ER06 F2.0
    ER07 F2.0
    ER08 F2.0
    ER09 F2.0
    ER10 F2.0
    ER11 F2.0
    ER12 F2.0
    ER13 F2.0
    ER14 F2.0
    ER15 F2.0
    ER16 F2.0
    ER17 F2.0
    ER18 F2.0
    ER19 F2.0
    ER20 F2.0
    ER21 F2.0
    ER22 F2.0
    ER23 F2.0
    ER24 F2.0
    IN01 F2.0
    IN02 F2.0
    IN03 F2.0
    IN04 F2.0
    IN05 F2.0
    IN06 F2.0
    IN07 F2.0
    IN08 F2.0
    IN09 F2.0
    IN10 F2.0
    IN11 F2.0
    IN12 F2.0
    IN13 F2.0
    IN14 F2.0
    IN15 F2.0
    IN16 F2.0
    IN17 F2.0
    IN18 F2.0
    IN19 F2.0
    IN20 F2.0
    IN21 F2.0
    IN22 F2.0
    IN23 F2.0
    IN24 F2.0
    IN25 F2.0
    IN26 F2.0
    IN27 F2.0
    IN28 F2.0
    IN29 F2.0
    IN30 F2.0
    IN31 F2.0
    IN32 F2.0
    IN33 F2.0
    IN34 F2.0
    EC01 F2.0
    EC02 F2.0
    EC03 F2.0
    EC04 F2.0
    EC05 F2.0
    EC06 F2.0
    EC07 F2.0
    EC08 F2.0
    TB01 F2.0
    TB02 F2.0
    TB03 F2.0
    TB04 F2.0
    TB05 F2.0
    TB06 F2.0
    TB07 F2.0
    TB08 F2.0
    TB09 F2.0
    TB10 F2.0
    TW01 F2.0
    TW02 F2.0
    TW03 F2.0
    TW04 F2.0
    TW05 F2.0
    TW06 F2.0
    TW07 F2.0
    TW08 F2.0
    TW09 F2.0
    TW10 F2.0
    OR01 F2.0
    OR02 F2.0
    OR03 F2.0
    OR04 F2.0
    OR05 F2.0
    OR06 F2.0
    OR07 F2.0
    OR08 F2.0
    OR09 F2.0
    OR10 F2.0
    OR11 F2.0
    OR12 F2.0
    OR13 F2.0
    OR14 F2.0
    OR15 F2.0
    OR16 F2.0
    OR17 F2.0
    OR18 F2.0
    OR19 F2.0
    OR20 F2.0
    OR21 F2.0
    OR22 F2.0
    WE01 F2.0
    WE02 F2.0
    WE03 F2.0
    WE04 F2.0
    WE05 F2.0
    WE06 F2.0
    WE07 F2.0
    WE08 F2.0
    WE09 F2.0
    WE10 F2.0
    WE11 F2.0
    WE12 F2.0
    WE13 F2.0
    WE14 F2.0
    WE15 F2.0
    WE16 F2.0
    WE17 F2.0.
NUMERIC jaar (F4.0).
COMPUTE jaar = 2017.

ADD FILES /FILE="golf2016.tmp.sav" /FILE=*
  /KEEP=respondent jaar gemeente team functie leeftijd geslacht jaren_ervaring
    SA01 TO OR21 OR22 WE01 TO WE16 WE17.
EXECUTE.
ERASE FILE="golf2016.tmp.sav".

VARIABLE LABELS
   respondent "Respondentnummer"
  /jaar "Jaar van de meting"
  /gemeente "Gemeente"
  /team "Wijkteam"
  /functie "Functie"
  /leeftijd "Leeftijd in jaren"
  /geslacht "Geslacht"
  /jaren_ervaring "Jaren werkervaring"
   SA01 "De samenwerking binnen ons team kan beter dan nu het geval is."
  /SA02 "Onze teamleider moedigt het team aan om zelf oplossingen te bedenken."
  /SA03 "Onze teamleider laat het team ruimte om eigen keuzes te maken."
  /SA04 "In het team krijg ik de ruimte om met eigen ideeën en oplossingen te komen."
  /SA05 "In ons team worden besluiten op tijd genomen."
  /SA06 "Afspraken die we als team maken, worden ook nagekomen."
  /SA07 "Mijn teamgenoten zijn goed bereikbaar als ik ze nodig heb."
  /SA08 "Er zijn genoeg vaste momenten waarop we elkaar feedback geven op onze werkwijze."
  /SA09 "Ook buiten het overleg om spreken collega's elkaar aan op hoe een casus wordt aangepakt."
  /SA10 "De casusbesprekingen in ons team helpen mij verder in mijn werk."
  /SA11 "In ons team is genoeg deskundigheid aanwezig om het werk goed te doen."
  /SA12 "De hulp die ons team biedt, is van voldoende kwaliteit."
  /SA13 "Sinds ik in dit team werk, werk ik efficiënter dan voorheen."
  /SA14 "Dankzij de samenstelling van ons team sluiten we goed aan bij de vragen van inwoners."
  /SA15 "Ons team komt niet verder dan de voorzieningen die strikt noodzakelijk zijn."
  /SA16 "Ons team slaagt er geregeld in om het gedrag van een inwoner positief te veranderen."
  /SA17 "Ons team zou beter zichtbaar moeten zijn in de wijk."
  /SA18 "Inwoners weten ons team goed te vinden."
  /SA19 "Ik weet welke kennis en ervaring mijn teamgenoten meebrengen."
  /SA20 "In ons team vullen generalisten en specialisten elkaar goed aan."
  /SA21 "Ons team werkt goed samen met de gemeente als opdrachtgever."
  /SA22 "Bij een ingewikkelde casus kan ik snel een collega inschakelen."
  /SA23 "Nieuwe collega's worden in ons team goed ingewerkt."
  /SA24 "Welk rapportcijfer geeft u de samenwerking binnen uw team?"
  /ER01 "Ik heb de vaardigheden die nodig zijn voor de nieuwe manier van werken."
  /ER02 "Ik hecht eraan om in dit team nieuwe vaardigheden te leren."
  /ER03 "Ik ben bij met de geldende regels, procedures en standaarden."
  /ER04 "In mijn werk ben ik meer generalist dan specialist."
  /ER05 "Mijn werk wordt schraler doordat andere disciplines taken van mijn vak overnemen."
  /ER06 "Inwoners laten mij merken dat ze tevreden zijn over onze aanpak."
  /ER07 "Ik heb in het team ruimte om op te komen voor de belangen van inwoners."
  /ER08 "Ik heb in het team ruimte om misstanden rond inwoners te signaleren."
  /ER09 "Ik heb in het team ruimte om de kwaliteiten van inwoners te benutten."
  /ER10 "Inwoners staan open voor de hulp die wij bieden."
  /ER11 "De hulpvragen van inwoners worden ingewikkelder."
  /ER12 "Inwoners met lichte problematiek kan ik snel verder helpen."
  /ER13 "Inwoners met zware problematiek kan ik snel verder helpen."
  /ER14 "Het afgelopen jaar heb ik mantelzorgers of vrijwilligers ingezet bij mijn hulpverlening."
  /ER15 "Als ze goed ondersteund worden, kunnen vrijwilligers en mantelzorgers taken van sociaal werkers overnemen."
  /ER16 "Ik weet hoe ik vrijwilligers kan aansturen en ondersteunen."
  /ER17 "Ik wil genoeg tijd kunnen besteden aan het voorbereiden van vrijwilligers op hun taak."
  /ER18 "Ik zou vaker ervaringsdeskundigen willen inzetten."
  /ER19 "Andere organisaties zorgen al voldoende voor de toerusting van vrijwilligers."
  /ER20 "De mantelzorgers die ik spreek, zijn overbelast."
  /ER21 "Inwoners kunnen ons team snel bereiken als er iets aan de hand is."
  /ER22 "Ik heb zicht op wat de hulp die ik bied, oplevert."
  /ER23 "Wachtlijsten staan goede hulp aan inwoners in de weg."
  /ER24 "Welk rapportcijfer zouden inwoners uw team volgens u geven?"
  /IN01 "Ik wil meer preventief werken."
  /IN02 "Voor algemene voorlichting aan inwoners die nog geen hulpvraag hebben, heb ik te weinig tijd."
  /IN03 "Problemen als eenzaamheid merken we bij inwoners vroeg genoeg op."
  /IN04 "Ik ken de talenten en de kennis die inwoners in de wijk in huis hebben."
  /IN05 "Ik probeer hulpvragen van verschillende inwoners met elkaar te verbinden."
  /IN06 "Het stimuleren en ondersteunen van initiatieven van inwoners hoort bij mijn werk."
  /IN07 "Bij een hulpvraag zoek ik aansluiting bij initiatieven die al in de wijk bestaan."
  /IN08 "Ik werk vaker groepsgericht dan een jaar geleden."
  /IN09 "Samen met buurtbewoners werk ik aan collectieve voorzieningen in de wijk."
  /IN10 "Bij lichte problematiek laat ik de regie bij de inwoner."
  /IN11 "Bij zware problematiek laat ik de regie bij de inwoner."
  /IN12 "Het doel van de hulp bepaal ik samen met de inwoner."
  /IN13 "Door de nadruk op eigen regie van de inwoner komt mijn zorgzaamheid als professional in de knel."
  /IN14 "Ik sluit in mijn hulp aan bij wat de inwoner zelf belangrijk vindt."
  /IN15 "Ik ga uit van de eigen kracht van de inwoner."
  /IN16 "Bij lichte problematiek betrek ik familie, vrienden of buren bij de hulpvraag."
  /IN17 "Bij zware problematiek betrek ik familie, vrienden of buren bij de hulpvraag."
  /IN18 "Ik ondersteun de mensen uit het informele netwerk van een inwoner."
  /IN19 "Ik breng een hulpvraag in de volle breedte in kaart."
  /IN20 "Vraagt een situatie om een integrale aanpak, dan werk ik samen met professionals buiten het team."
  /IN21 "Professionals die al bij een inwoner betrokken zijn, betrek ik bij de hulpvraag."
  /IN22 "De samenwerking met zorgaanbieders verloopt naar mijn ervaring goed."
  /IN23 "De samenwerking met huisartsen verloopt goed."
  /IN24 "De samenwerking met scholen en kinderopvang verloopt goed."
  /IN25 "De samenwerking met de wijkverpleging verloopt goed."
  /IN26 "Ik weet naar welke specialistische hulp ik een inwoner kan doorverwijzen."
  /IN27 "Per huishouden werken we met één plan en één vaste regisseur."
  /IN28 "Ik kom eraan toe om een netwerk in de wijk op te bouwen."
  /IN29 "Ik ben regelmatig te vinden op plekken in de wijk waar inwoners samenkomen."
  /IN30 "Bij signalen van zorgen stap ik zelf op een inwoner af, ook zonder hulpvraag."
  /IN31 "Met de inwoner spreek ik vooraf af welk resultaat we willen bereiken."
  /IN32 "Ik maak een bewuste afweging tussen collectieve en individuele ondersteuning."
  /IN33 "Ik heb voldoende tijd voor de inwoners met wie ik werk."
  /IN34 "Voordat ik maatwerk inzet, kijk ik eerst naar algemene voorzieningen."
  /EC01 "Ik wil mijn eigen vakinhoudelijke kennis in mijn werk blijven gebruiken."
  /EC02 "Mijn werk voldoet aan de kwaliteitseisen die ik mezelf stel."
  /EC03 "Voor een bredere inzet ben ik bereid een deel van mijn specialistische kennis los te laten."
  /EC04 "Ik kan goed uitleggen wat ik voor een inwoner heb bereikt."
  /EC05 "In het belang van een inwoner durf ik af te wijken van regels of procedures."
  /EC06 "Ik sta geregeld stil bij mijn eigen handelen."
  /EC07 "Mijn werk geeft mij professionele voldoening."
  /EC08 "Welk rapportcijfer geeft u uw eigen vakmanschap?"
  /TB01 "Ik beschik over transitiecompetentie 'integraal denken'."
  /TB02 "Ik beschik over transitiecompetentie 'overtuigingskracht en lef hebben'."
  /TB03 "Ik beschik over transitiecompetentie 'creativiteit aanwenden'."
  /TB04 "Ik beschik over transitiecompetentie 'mobiliserend vermogen aanwenden'."
  /TB05 "Ik beschik over transitiecompetentie 'ondernemerschap aan de dag leggen'."
  /TB06 "Ik beschik over transitiecompetentie 'reflectief vermogen aanwenden'."
  /TB07 "Ik beschik over transitiecompetentie 'nieuwsgierig zijn'."
  /TB08 "Ik beschik over transitiecompetentie 'innoverend vermogen inzetten'."
  /TB09 "Ik beschik over transitiecompetentie 'inzicht geven in resultaten'."
  /TB10 "Ik beschik over transitiecompetentie 'situaties en kwesties analyseren'."
  /TW01 "Ik wil toewerken naar transitiecompetentie 'integraal denken'."
  /TW02 "Ik wil toewerken naar transitiecompetentie 'overtuigingskracht en lef hebben'."
  /TW03 "Ik wil toewerken naar transitiecompetentie 'creativiteit aanwenden'."
  /TW04 "Ik wil toewerken naar transitiecompetentie 'mobiliserend vermogen aanwenden'."
  /TW05 "Ik wil toewerken naar transitiecompetentie 'ondernemerschap aan de dag leggen'."
  /TW06 "Ik wil toewerken naar transitiecompetentie 'reflectief vermogen aanwenden'."
  /TW07 "Ik wil toewerken naar transitiecompetentie 'nieuwsgierig zijn'."
  /TW08 "Ik wil toewerken naar transitiecompetentie 'innoverend vermogen inzetten'."
  /TW09 "Ik wil toewerken naar transitiecompetentie 'inzicht geven in resultaten'."
  /TW10 "Ik wil toewerken naar transitiecompetentie 'situaties en kwesties analyseren'."
  /OR01 "De organisatorische kaders waarbinnen ik werk, zijn helder."
  /OR02 "Het is duidelijk welke taken wel en welke niet bij medewerkers van het team horen."
  /OR03 "Ons team plant zijn activiteiten voor de langere termijn."
  /OR04 "Het ondersteuningsplan en vergelijkbare instrumenten maken het mij makkelijker om op resultaat te sturen."
  /OR05 "Bij mijn beslissingen houd ik rekening met wat de hulp kost."
  /OR06 "Er moeten meer kosteneffectieve programma's komen die passen bij de inwoner."
  /OR07 "Dat een voorziening te duur is, is zelden de reden dat ik die niet aanbied."
  /OR08 "Privacyregels houden mij soms tegen om een inwoner goed te helpen."
  /OR09 "Registratie en verslaglegging kosten mij te veel tijd."
  /OR10 "De administratieve last gaat ten koste van de tijd voor inwoners."
  /OR11 "De registratiesystemen passen bij mijn manier van werken."
  /OR12 "Ik heb voldoende mandaat om zelf over de inzet van hulp te beslissen."
  /OR13 "De werkprocessen van het team en de gemeente sluiten goed op elkaar aan."
  /OR14 "De informatie die ik over een inwoner nodig heb, is snel beschikbaar."
  /OR15 "Onze werkplek is geschikt voor het werk dat we doen."
  /OR16 "Ik beschik over de digitale middelen die ik voor mijn werk nodig heb."
  /OR17 "Er is genoeg budget voor scholing en deskundigheidsbevordering."
  /OR18 "Het aantal casussen dat ik onder mijn hoede heb, is hanteerbaar."
  /OR19 "Mijn werkgever en de gemeente hebben dezelfde verwachtingen van mij."
  /OR20 "Wachttijden bij specialistische zorg belemmeren mijn werk met inwoners."
  /OR21 "Het gemeentelijk beleid voor het sociaal domein is mij duidelijk."
  /OR22 "Voor advies over een casus kan ik terecht bij een gedragswetenschapper."
  /WE01 "Binnen mijn team durf ik te laten zien hoe het met mij gaat."
  /WE02 "Mijn werk is af binnen de tijd die ervoor staat."
  /WE03 "Ik heb genoeg invloed op hoe ik mijn werk plan en uitvoer."
  /WE04 "Deze functie biedt mij voldoende mogelijkheden om mij te ontwikkelen."
  /WE05 "Ik begin met plezier aan mijn werkdag."
  /WE06 "Ik vind mijn werk zinvol."
  /WE07 "Mijn werk en mijn privéleven zijn goed met elkaar in balans."
  /WE08 "Als mij informatie ontbreekt, weet ik waar ik die kan vinden."
  /WE09 "Met problemen in mijn werk kan ik bij een vertrouwenspersoon terecht."
  /WE10 "Ik ervaar een hoge werkdruk."
  /WE11 "Na een werkdag voel ik mij vaak uitgeput."
  /WE12 "Ik krijg waardering voor het werk dat ik doe."
  /WE13 "Ik ben trots op wat ons team bereikt."
  /WE14 "Ik verwacht over twee jaar nog in dit team te werken."
  /WE15 "Ik heb de ruimte om mijn eigen professionele afwegingen te maken."
  /WE16 "Welk rapportcijfer geeft u uw werkplezier?"
  /WE17 "De werkdruk in ons team is het afgelopen jaar gestegen.".

VALUE LABELS
  SA01 SA02 SA03 SA04 SA05 SA06 SA07 SA08 SA09 SA10 SA11 SA12 SA13 SA14
  SA15 SA16 SA17 SA18 SA19 SA20 SA21 SA22 SA23 ER01 ER02 ER03 ER04 ER05
  ER06 ER07 ER08 ER09 ER10 ER11 ER12 ER13 ER14 ER15 ER16 ER17 ER18 ER19
  ER20 ER21 ER22 ER23 IN01 IN02 IN03 IN04 IN05 IN06 IN07 IN08 IN09 IN10
  IN11 IN12 IN13 IN14 IN15 IN16 IN17 IN18 IN19 IN20 IN21 IN22 IN23 IN24
  IN25 IN26 IN27 IN28 IN29 IN30 IN31 IN32 IN33 IN34 EC01 EC02 EC03 EC04
  EC05 EC06 EC07 OR01 OR02 OR03 OR04 OR05 OR06 OR07 OR08 OR09 OR10 OR11
  OR12 OR13 OR14 OR15 OR16 OR17 OR18 OR19 OR20 OR21 OR22 WE01 WE02 WE03
  WE04 WE05 WE06 WE07 WE08 WE09 WE10 WE11 WE12 WE13 WE14 WE15 WE17
    1 "oneens" 2 "deels oneens" 3 "niet eens/niet oneens" 4 "deels eens"
    5 "eens" 9 "weet niet"
  /SA24 ER24 EC08 TB01 TB02 TB03 TB04 TB05 TB06 TB07 TB08 TB09 TB10 TW01 TW02
TW03 TW04 TW05 TW06 TW07 TW08 TW09 TW10 WE16
    1 "zeer slecht" 10 "uitstekend"
  /geslacht "m" "man" "v" "vrouw".

MISSING VALUES
  SA01 SA02 SA03 SA04 SA05 SA06 SA07 SA08 SA09 SA10 SA11 SA12 SA13 SA14
  SA15 SA16 SA17 SA18 SA19 SA20 SA21 SA22 SA23 ER01 ER02 ER03 ER04 ER05
  ER06 ER07 ER08 ER09 ER10 ER11 ER12 ER13 ER14 ER15 ER16 ER17 ER18 ER19
  ER20 ER21 ER22 ER23 IN01 IN02 IN03 IN04 IN05 IN06 IN07 IN08 IN09 IN10
  IN11 IN12 IN13 IN14 IN15 IN16 IN17 IN18 IN19 IN20 IN21 IN22 IN23 IN24
  IN25 IN26 IN27 IN28 IN29 IN30 IN31 IN32 IN33 IN34 EC01 EC02 EC03 EC04
  EC05 EC06 EC07 OR01 OR02 OR03 OR04 OR05 OR06 OR07 OR08 OR09 OR10 OR11
  OR12 OR13 OR14 OR15 OR16 OR17 OR18 OR19 OR20 OR21 OR22 WE01 WE02 WE03
  WE04 WE05 WE06 WE07 WE08 WE09 WE10 WE11 WE12 WE13 WE14 WE15 WE17 (9).

VARIABLE LEVEL
  SA01 SA02 SA03 SA04 SA05 SA06 SA07 SA08 SA09 SA10 SA11 SA12 SA13 SA14
  SA15 SA16 SA17 SA18 SA19 SA20 SA21 SA22 SA23 ER01 ER02 ER03 ER04 ER05
  ER06 ER07 ER08 ER09 ER10 ER11 ER12 ER13 ER14 ER15 ER16 ER17 ER18 ER19
  ER20 ER21 ER22 ER23 IN01 IN02 IN03 IN04 IN05 IN06 IN07 IN08 IN09 IN10
  IN11 IN12 IN13 IN14 IN15 IN16 IN17 IN18 IN19 IN20 IN21 IN22 IN23 IN24
  IN25 IN26 IN27 IN28 IN29 IN30 IN31 IN32 IN33 IN34 EC01 EC02 EC03 EC04
  EC05 EC06 EC07 OR01 OR02 OR03 OR04 OR05 OR06 OR07 OR08 OR09 OR10 OR11
  OR12 OR13 OR14 OR15 OR16 OR17 OR18 OR19 OR20 OR21 OR22 WE01 WE02 WE03
  WE04 WE05 WE06 WE07 WE08 WE09 WE10 WE11 WE12 WE13 WE14 WE15 WE17 SA24
  ER24 EC08 TB01 TB02 TB03 TB04 TB05 TB06 TB07 TB08 TB09 TB10 TW01 TW02
  TW03 TW04 TW05 TW06 TW07 TW08 TW09 TW10 WE16 (ORDINAL)
  /leeftijd jaren_ervaring jaar (SCALE)
  /gemeente team functie geslacht (NOMINAL).

SAVE TRANSLATE /OUTFILE="responses-alle-jaren.csv" /TYPE=CSV /REPLACE
  /FIELDNAMES /TEXTOPTIONS DELIMITER=";" DECIMAL=COMMA.

AUTORECODE VARIABLES=gemeente /INTO gemeente_nr.
DELETE VARIABLES gemeente.
RENAME VARIABLES (gemeente_nr = gemeente).
VARIABLE LABELS gemeente "Gemeente".
VARIABLE LEVEL gemeente (NOMINAL).
FORMATS gemeente (F1.0).

SAVE /OUTFILE="responses-alle-jaren.zsav" /ZCOMPRESSED
  /KEEP=respondent jaar gemeente team functie leeftijd geslacht jaren_ervaring
    SA01 TO WE17.

SELECT IF jaar = 2017.
SAVE /OUTFILE="responses-2017.sav" /COMPRESSED
  /KEEP=respondent gemeente team functie leeftijd geslacht jaren_ervaring SA01 TO WE17.

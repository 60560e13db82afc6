* Measurement levels for bank init: a labelled nominal variable (which
* answers would fit a 1-4 scale), an ordinal and a scale item, a string
* variable, and a ratio with more than four decimals.
SET LOCALE='UTF-8'.
DATA LIST FREE / woonvorm (F1.0) tevreden (F1.0) cijfer (F2.0) toelichting (A12) ratio (F8.6).
BEGIN DATA
1 4 7 'prima' 0.123456
2 5 8 'te druk' 0.654321
4 3 6 'geen' 0.5
3 2 9 'goed' 0.333333
END DATA.
VARIABLE LABELS woonvorm 'Woonvorm' tevreden 'Ik ben tevreden over mijn team' cijfer 'Rapportcijfer team' ratio 'Aandeel uren in de wijk'.
VALUE LABELS woonvorm 1 'alleen' 2 'met partner' 3 'met kinderen' 4 'anders'
 /tevreden 1 'helemaal oneens' 5 'helemaal eens'.
VARIABLE LEVEL woonvorm toelichting (NOMINAL) /tevreden (ORDINAL) /cijfer ratio (SCALE).
SAVE OUTFILE='levels.sav' /COMPRESSED.

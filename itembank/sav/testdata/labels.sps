* Value labels with trailing blanks, which SPSS and PSPP keep in the
* file: --where VotInte="Labor Party" must still find VotInte 1.
SET LOCALE='UTF-8'.
DATA LIST FREE / VotInte (F1.0) q1 (F1.0).
BEGIN DATA
1 3
2 4
1 5
END DATA.
VALUE LABELS VotInte 1 'Labor Party   ' 2 'Liberal Party '.
SAVE OUTFILE='labels.sav' /COMPRESSED.

* Many cases of three numeric variables: with bytecode compression an
* 8-byte control block then holds codes of two or three different cases.
SET LOCALE='UTF-8'.
INPUT PROGRAM.
LOOP #i = 1 TO 50.
COMPUTE nr = #i.
COMPUTE score = MOD(#i * 7, 10) + 1.
DO IF (MOD(#i, 6) = 0).
COMPUTE gewicht = $SYSMIS.
ELSE IF (MOD(#i, 5) = 0).
COMPUTE gewicht = #i / 8.
ELSE.
COMPUTE gewicht = 200 + #i.
END IF.
END CASE.
END LOOP.
END FILE.
END INPUT PROGRAM.
FORMATS nr (F3.0) score (F2.0) gewicht (F8.3).
MISSING VALUES score (10).
VALUE LABELS score 1 'laag' 10 'hoog'.
SAVE OUTFILE='reeks_uncompressed.sav' /UNCOMPRESSED.
SAVE OUTFILE='reeks_compressed.sav' /COMPRESSED.
SAVE OUTFILE='reeks.zsav' /ZCOMPRESSED.

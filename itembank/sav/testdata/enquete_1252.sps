* Writes the same survey in windows-1252, as SPSS on Windows does.
SET LOCALE='windows-1252'.
INSERT FILE='enquete_data.sps' ENCODING='UTF-8'.
SAVE OUTFILE='enquete_1252.sav' /COMPRESSED.

* Writes the survey in UTF-8 with each kind of compression.
SET LOCALE='UTF-8'.
INSERT FILE='enquete_data.sps' ENCODING='UTF-8'.
SAVE OUTFILE='enquete_uncompressed.sav' /UNCOMPRESSED.
SAVE OUTFILE='enquete_compressed.sav' /COMPRESSED.
SAVE OUTFILE='enquete.zsav' /ZCOMPRESSED.

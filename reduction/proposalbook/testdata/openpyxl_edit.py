"""Open a checklist workbook with openpyxl, change it as a team leader
would in Excel, and save it again: openpyxl rewrites every part (shared
strings, styles, the sheet), as Excel does when it saves.

    python3 openpyxl_edit.py IN.xlsx OUT.xlsx EDITS.json

EDITS is an object with any of:
    "cells":       {"D9": "Nee", "B4": 60, "B3": null}   values to set
    "delete_rows": [10]                                 rows to delete
    "sheet_first": "Notities"                           a sheet added in front
"""
import json
import sys

import openpyxl


def main():
    src, dst, edits = sys.argv[1], sys.argv[2], json.loads(open(sys.argv[3]).read())
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    for cell, value in edits.get("cells", {}).items():
        ws[cell] = value
    for row in sorted(edits.get("delete_rows", []), reverse=True):
        ws.delete_rows(row)
    if "sheet_first" in edits:
        notes = wb.create_sheet(edits["sheet_first"], 0)
        notes["A1"] = "overleg met het team"
    wb.save(dst)


main()

"""Print, as JSON, every value of every sheet of a workbook as openpyxl
reads it: numbers as numbers, text as text, empty cells as null, formulas
as their text (=COUNTIF(...)). Also each sheet's frozen panes and
drop-down lists, to check the layout a reader of the workbook meets.

    python3 dump.py BOOK.xlsx
"""
import json
import sys

import openpyxl


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    sheets = []
    for ws in wb.worksheets:
        sheets.append({
            "name": ws.title,
            "rows": [list(row) for row in ws.iter_rows(values_only=True)],
            "freeze": ws.freeze_panes,
            "lists": [[str(dv.sqref), dv.formula1] for dv in ws.data_validations.dataValidation if dv.type == "list"],
            "protected": bool(ws.protection.sheet),
        })
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


main()

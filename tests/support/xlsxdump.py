#!/usr/bin/python3
"""Dump an XLSX workbook as JSON with an independent reader (Debian's
python3-openpyxl), for tests/integration/test_export.c to compare with
the CSV, the database and /api/stats.

    xlsxdump.py FILE  ->  {"active": NAME, "sheets": [{"name", "freeze",
        "filter", "widths": {"A": 11.7, ...}, "rows": [[cell, ...], ...]}]}

active is the name of the sheet the workbook opens on; sheets are in the
workbook's order.

A cell is [value, type, number_format, bold, fill]: value a string
(a date-time as "YYYY-MM-DD HH:MM", a number as repr), type openpyxl's
data_type ('s' string, 'n' number, 'd' date, 'f' formula), fill the
foreground colour of a solid fill or "".  Empty cells are null.
"""
import datetime
import json
import sys

import openpyxl


def cell(c):
    if c.value is None:
        return None
    v = c.value
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%d %H:%M")
    elif isinstance(v, float) or isinstance(v, int):
        s = repr(v)
    else:
        s = str(v)
    fill = ""
    if c.fill is not None and c.fill.fill_type == "solid":
        fill = str(c.fill.fgColor.rgb)
    return [s, c.data_type, c.number_format, bool(c.font and c.font.b), fill]


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"active": wb.active.title, "sheets": []}
    for ws in wb.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items()
                  if d.width}
        rows = [[cell(c) for c in row] for row in ws.iter_rows()]
        out["sheets"].append({
            "name": ws.title,
            "freeze": ws.freeze_panes or "",
            "filter": ws.auto_filter.ref or "",
            "widths": widths,
            "rows": rows,
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

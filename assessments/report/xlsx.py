"""Workbooks people can work in: a bold, frozen header row, columns of a sensible width, money,
weeks and dates kept as exact numbers and date cells with a format to read them by (the
assessment's, from `assessments.engine.formats`), and text made formula-safe exactly as in the
CSV downloads (`csv_safe`)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from assessments.engine.formats import date_number_format
from assessments.report.soa import csv_safe

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT_FORMAT = "0%"
HEADER_ROWS = 1


@dataclass(frozen=True)
class Column:
    """A column's header, width (in characters) and number format ("" for text); long text
    wraps."""

    header: str
    width: int
    number_format: str = ""
    wrap: bool = False


def _value(value):
    """A cell's value: text formula-safe and free of what a workbook cannot hold."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", csv_safe(value)) or None
    return value


Sheet = tuple[str, Sequence[Column], Iterable[Sequence]]  # its name, columns and rows


def _sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    date_format: str,
) -> None:
    """A sheet with a bold, frozen header row and the first column frozen beside it; every date
    in `date_format`."""
    sheet = workbook.create_sheet(title)
    sheet.append([column.header for column in columns])
    for cell in sheet[HEADER_ROWS]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = date_format
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if not (column.number_format or column.wrap):
            continue
        for (cell,) in sheet.iter_rows(min_row=HEADER_ROWS + 1, min_col=index, max_col=index):
            if column.number_format:
                cell.number_format = column.number_format
            if column.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=HEADER_ROWS + 1, column=2)
    sheet.auto_filter.ref = sheet.dimensions


def workbook_build(*, title: str, sheets: Iterable[Sheet], locale: str) -> Workbook:
    """A workbook of the sheets, in their order, its dates written in `locale`'s style."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "Certpath"
    workbook.properties.title = title
    for name, columns, rows in sheets:
        _sheet(workbook, name, columns, rows, date_number_format(locale=locale))
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

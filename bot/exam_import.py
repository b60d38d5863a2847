"""Exam scores from an uploaded table (CSV or XLSX): read, then check every row.

Columns: a person (name or employee number) and a score; a header row is optional.
Every bad row is reported at once (unknown person, a name two members share, a score
that is not a number or above full marks, a person listed twice), and nothing is
imported until the whole file is clean. Plain Python; no Telegram, no database.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any

from bot.members import InvalidInput
from bot.study import fmt_score, parse_score

MAX_FILE_BYTES = 1_000_000
MAX_ROWS = 500
ABSENT = frozenset({"缺考", "缺席", "请假", "absent", "-", "—"})
_NAME_HEADERS = {"姓名", "名字", "职工姓名", "name"}
_NUMBER_HEADERS = {"工号", "员工号", "员工编号", "职工号", "编号", "employee no", "employee_no",
                   "employee number"}
_SCORE_HEADERS = {"成绩", "分数", "得分", "考试成绩", "score", "scores", "mark", "marks"}


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str
    employee_no: str | None


@dataclass(frozen=True)
class RowError:
    line: int
    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Checked:
    scores: list[tuple[int, float]] = field(default_factory=list)
    absent: int = 0
    errors: list[RowError] = field(default_factory=list)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """The rows of the first sheet as text cells (numbers without a trailing .0). Blank
    rows are kept, so row numbers match the file, and only trailing ones dropped."""
    name = filename.lower()
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput("exam-file-big", limit=MAX_FILE_BYTES // 1000)
    if name.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif name.endswith((".csv", ".txt")):
        rows = _read_csv(data)
    elif name.endswith(".xls"):
        raise InvalidInput("exam-file-xls")
    else:
        raise InvalidInput("exam-file-type")
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise InvalidInput("exam-file-empty")
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput("exam-file-unreadable")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",\t;，", key=first.count)  # the separator the first line uses most
    rows = []
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            if i > MAX_ROWS:
                raise InvalidInput("exam-file-rows", limit=MAX_ROWS)
            rows.append([_cell(c) for c in row])
    except csv.Error:  # e.g. a field past the csv module's limit, an unclosed quote
        raise InvalidInput("exam-file-unreadable") from None
    return rows


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # imported when a file arrives, not at start-up

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError, SyntaxError):
        raise InvalidInput("exam-file-unreadable") from None  # SyntaxError: broken XML
    try:
        sheet = book.worksheets[0]
        rows = []
        for i, row in enumerate(sheet.iter_rows(values_only=True)):
            if i > MAX_ROWS:
                raise InvalidInput("exam-file-rows", limit=MAX_ROWS)
            rows.append([_cell(c) for c in row])
        return rows
    except InvalidInput:
        raise
    except (IndexError, KeyError, ValueError, OSError, SyntaxError):  # a broken workbook
        raise InvalidInput("exam-file-unreadable") from None
    finally:
        book.close()


def _columns(first: list[str]) -> tuple[bool, int | None, int | None, int]:
    """(has a header, name column, employee-number column, score column)."""
    lowered = [c.lower() for c in first]
    score = next((i for i, c in enumerate(lowered) if c in _SCORE_HEADERS), None)
    name = next((i for i, c in enumerate(lowered) if c in _NAME_HEADERS), None)
    number = next((i for i, c in enumerate(lowered) if c in _NUMBER_HEADERS), None)
    if score is None and name is None and number is None:
        return False, 0, None, 1  # no header: person, then score
    if score is None:
        raise InvalidInput("exam-file-no-score-column")
    if name is None and number is None:
        raise InvalidInput("exam-file-no-person-column")
    return True, name, number, score


def _cell_at(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


class Roster:
    """Who may have a score: a team's members, found by employee number or name."""

    def __init__(self, people: list[Person]) -> None:
        self.by_number = {p.employee_no.upper(): p for p in people if p.employee_no}
        self.by_name: dict[str, list[Person]] = {}
        for person in people:
            self.by_name.setdefault(" ".join(person.name.split()), []).append(person)

    def typed(self, text: str) -> Person | None:
        """The one member a typed employee number (any case) or full name names."""
        typed = " ".join(text.split())
        if typed.upper() in self.by_number:
            return self.by_number[typed.upper()]
        found = self.by_name.get(typed, [])
        return found[0] if len(found) == 1 else None

    def find(self, name: str, number: str) -> Person | RowError:
        if number:
            person = self.by_number.get(number.upper())
            if person is None:
                return RowError(0, "exam-row-unknown", {"who": number})
            if name and " ".join(person.name.split()) != name:
                return RowError(0, "exam-row-mismatch", {"who": f"{name} / {number}"})
            return person
        found = self.by_name.get(name, [])
        if not found:
            return RowError(0, "exam-row-unknown", {"who": name})
        if len(found) > 1:
            return RowError(0, "exam-row-ambiguous", {"who": name})
        return found[0]


def check_rows(rows: list[list[str]], people: list[Person], full_marks: float) -> Checked:
    """Every row checked; `scores` is only meaningful when `errors` is empty."""
    top = next((i for i, row in enumerate(rows) if any(row)), len(rows))
    if top == len(rows):
        raise InvalidInput("exam-file-empty")
    has_header, name_col, number_col, score_col = _columns(rows[top])
    roster, result = Roster(people), Checked()
    seen: dict[int, int] = {}
    start = top + 1 if has_header else top
    if not any(any(row) for row in rows[start:]):
        raise InvalidInput("exam-file-empty")
    for line, row in enumerate(rows[start:], start=start + 1):
        if not any(row):
            continue
        name, number = _cell_at(row, name_col), _cell_at(row, number_col)
        if not has_header and roster.by_number.get(name.upper()):  # a number typed as "who"
            name, number = "", name
        raw = _cell_at(row, score_col)
        if not name and not number:
            result.errors.append(RowError(line, "exam-row-no-person"))
            continue
        found = roster.find(name, number)
        if isinstance(found, RowError):
            result.errors.append(RowError(line, found.key, found.args))
            continue
        if found.member_id in seen:
            result.errors.append(RowError(line, "exam-row-duplicate",
                                          {"who": found.name, "first": seen[found.member_id]}))
            continue
        seen[found.member_id] = line
        if raw.lower() in ABSENT:
            result.absent += 1
            continue
        if not raw:
            result.errors.append(RowError(line, "exam-row-score-missing", {"who": found.name}))
            continue
        try:
            score = parse_score(raw, full_marks)
        except InvalidInput as bad:
            key = "exam-row-score-over" if bad.key == "exam-score-over" else "exam-row-score-bad"
            result.errors.append(RowError(line, key, {"who": found.name, "score": raw,
                                                      "full": fmt_score(full_marks)}))
            continue
        result.scores.append((found.member_id, score))
    return result

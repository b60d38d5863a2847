"""Exam scores from an uploaded table: reading CSV (UTF-8 or GB18030, any usual
delimiter) and XLSX, refusing what cannot be read, then checking every row against the
team's roster with every problem reported at once."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import Workbook

from bot.exam_import import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Checked,
    Person,
    Roster,
    RowError,
    check_rows,
    read_table,
)
from bot.members import InvalidInput

PEOPLE = [
    Person(1, "张三", "1001"),
    Person(2, "李四", "1002"),
    Person(3, "王五", "A7"),
    Person(4, "王五", "1004"),    # two members share a name
    Person(5, "赵  六", None),    # no employee number; spaces in the name
]


def xlsx(*rows: list[object], extra_sheet: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("其他").append(["不读", "这页"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused_file(filename: str, data: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        read_table(filename, data)
    return caught.value


def check(rows: list[list[str]], full_marks: float = 100.0) -> Checked:
    return check_rows(rows, PEOPLE, full_marks)


def errors(checked: Checked) -> list[tuple[int, str, dict[str, object]]]:
    return [(e.line, e.key, e.args) for e in checked.errors]


# ---------------------------------------------------------------- reading CSV

TABLE = [["姓名", "成绩"], ["张三", "85"], ["李四", "90.5"]]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_delimiters(delimiter: str) -> None:
    text = "\n".join(delimiter.join(row) for row in TABLE) + "\n"
    assert read_table("成绩.csv", text.encode()) == TABLE


def test_csv_full_width_comma() -> None:
    text = "姓名，成绩\n张三，85\n李四，90.5\n"
    assert read_table("成绩.csv", text.encode()) == TABLE


@pytest.mark.parametrize(("data", "label"), [
    ("姓名,成绩\n张三,85\n李四,90.5\n".encode(), "utf-8"),
    ("姓名,成绩\n张三,85\n李四,90.5\n".encode("utf-8-sig"), "utf-8 with BOM"),
    ("姓名,成绩\n张三,85\n李四,90.5\n".encode("gb18030"), "GB18030 (Excel in China)"),
    ("姓名,成绩\r\n张三,85\r\n李四,90.5\r\n".encode(), "CRLF"),
    ('"姓名","成绩"\n"张三","85"\n"李四","90.5"\n'.encode(), "quoted"),
    ("姓名,成绩\n张三,８５\n李四,９０.５\n".encode(), "full-width digits"),
    ("姓名 , 成绩 \n 张三,85\n李四 ,90.5\n".encode(), "outer spaces"),
])
def test_csv_encodings_and_forms(data: bytes, label: str) -> None:
    assert read_table("scores.csv", data) == TABLE, label


def test_csv_cells_are_normalised_and_blank_rows_kept_for_row_numbers() -> None:
    data = "姓名,成绩\n\n赵  六,85\n,\n , \n李四,缺考\n\n,\n".encode()
    assert read_table("s.txt", data) == [["姓名", "成绩"], [], ["赵 六", "85"], ["", ""],
                                         ["", ""], ["李四", "缺考"]]


@pytest.mark.parametrize("filename", ["S.CSV", "s.Txt", "成绩表.csv"])
def test_csv_extension_any_case(filename: str) -> None:
    assert read_table(filename, "张三,85\n".encode()) == [["张三", "85"]]


def test_undecodable_csv_refused() -> None:
    # Neither UTF-8 nor GB18030 (an incomplete four-byte sequence).
    assert refused_file("s.csv", bytes([0x81, 0x30, 0x81])).key == "exam-file-unreadable"


# ---------------------------------------------------------------- reading XLSX

def test_xlsx_numbers_become_plain_text() -> None:
    data = xlsx(["工号", "姓名", "成绩"],
                [1001, "张三", 85.0],
                [1002.0, "李四", 90.5],
                ["A7", "王五", "缺考"],
                [None, "赵  六", 0])
    assert read_table("s.xlsx", data) == [
        ["工号", "姓名", "成绩"],
        ["1001", "张三", "85"],
        ["1002", "李四", "90.5"],
        ["A7", "王五", "缺考"],
        ["", "赵 六", "0"],
    ]


def with_stored_values(data: bytes, values: dict[str, str]) -> bytes:
    """The workbook with numbers stored as other tools write them ('85.0', '1.001E3');
    openpyxl itself writes 85.0 as '85'."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, stored in values.items():
                    content = content.replace(f"<v>{old}</v>".encode(),
                                              f"<v>{stored}</v>".encode())
            target.writestr(item, content)
    return out.getvalue()


def test_xlsx_float_cells_lose_the_trailing_zero() -> None:
    data = with_stored_values(xlsx(["工号", "成绩"], [1001, 85], [1002, 90.5]),
                              {"1001": "1.001E3", "85": "85.0"})
    assert read_table("s.xlsx", data) == [["工号", "成绩"], ["1001", "85"], ["1002", "90.5"]]


def test_xlsx_first_sheet_only_and_trailing_blank_rows_dropped() -> None:
    data = xlsx(["姓名", "成绩"], ["张三", 85], [None, None], extra_sheet=True)
    assert read_table("S.XLSX", data) == [["姓名", "成绩"], ["张三", "85"]]


@pytest.mark.parametrize(("label", "data"), [
    ("not a zip", b"PK? not really a workbook"),
    ("a zip without a workbook", None),
])
def test_broken_xlsx_refused(label: str, data: bytes | None) -> None:
    if data is None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("readme.txt", "hello")
        data = out.getvalue()
    assert refused_file("s.xlsx", data).key == "exam-file-unreadable", label


# ---------------------------------------------------------------- refused files

@pytest.mark.parametrize(("filename", "key"), [
    ("成绩.xls", "exam-file-xls"),
    ("成绩.XLS", "exam-file-xls"),
    ("成绩.docx", "exam-file-type"),
    ("成绩.pdf", "exam-file-type"),
    ("成绩", "exam-file-type"),
    ("", "exam-file-type"),
])
def test_file_types_refused(filename: str, key: str) -> None:
    assert refused_file(filename, "张三,85\n".encode()).key == key


@pytest.mark.parametrize("filename", ["s.csv", "s.xlsx", "s.xls", "s.docx"])
def test_big_file_refused_before_reading(filename: str) -> None:
    bad = refused_file(filename, b"x" * (MAX_FILE_BYTES + 1))
    assert (bad.key, bad.args_for_text) == ("exam-file-big", {"limit": MAX_FILE_BYTES // 1000})


@pytest.mark.parametrize(("filename", "data"), [
    ("s.csv", b""),
    ("s.csv", b"\n\n \n"),
    ("s.csv", b",,\n,,\n"),
    ("s.xlsx", xlsx([None, None], [])),
])
def test_empty_table_refused(filename: str, data: bytes) -> None:
    assert refused_file(filename, data).key == "exam-file-empty"


def csv_rows(count: int) -> bytes:
    """A header and count - 1 score rows."""
    return ("姓名,成绩\n" + "".join(f"职工{i},80\n" for i in range(count - 1))).encode()


def xlsx_rows(count: int) -> bytes:
    return xlsx(["姓名", "成绩"], *([f"职工{i}", 80] for i in range(count - 1)))


@pytest.mark.parametrize(("filename", "make"), [("s.csv", csv_rows), ("s.xlsx", xlsx_rows)])
def test_row_limit_is_a_header_and_max_rows(filename: str,
                                            make: Callable[[int], bytes]) -> None:
    assert len(read_table(filename, make(MAX_ROWS + 1))) == MAX_ROWS + 1
    bad = refused_file(filename, make(MAX_ROWS + 2))
    assert (bad.key, bad.args_for_text) == ("exam-file-rows", {"limit": MAX_ROWS})


# ---------------------------------------------------------------- checking rows

def test_no_header_person_then_score() -> None:
    checked = check([["张三", "85"], ["1002", "90.5"], ["a7", "60"], ["赵 六", "0"]])
    assert checked.errors == []
    assert checked.scores == [(1, 85.0), (2, 90.5), (3, 60.0), (5, 0.0)]
    assert checked.absent == 0


@pytest.mark.parametrize("header", [
    ["姓名", "成绩"], ["名字", "分数"], ["职工姓名", "得分"], ["姓名", "考试成绩"],
    ["Name", "Score"], ["NAME", "marks"],
])
def test_name_and_score_headers(header: list[str]) -> None:
    checked = check([header, ["张三", "85"], ["李四", "70"]])
    assert (checked.errors, checked.scores) == ([], [(1, 85.0), (2, 70.0)])


@pytest.mark.parametrize("header", [
    ["工号", "成绩"], ["员工号", "分数"], ["员工编号", "得分"], ["职工号", "成绩"],
    ["编号", "成绩"], ["Employee No", "Score"], ["employee_no", "mark"],
])
def test_number_and_score_headers(header: list[str]) -> None:
    checked = check([header, ["1001", "85"], ["A7", "70"]])
    assert (checked.errors, checked.scores) == ([], [(1, 85.0), (3, 70.0)])


def test_header_columns_in_any_order() -> None:
    rows = [["备注", "成绩", "姓名", "工号"],
            ["", "85", "张三", "1001"],
            ["补考", "70", "王五", "A7"],
            ["", "66", "王五", "1004"]]
    checked = check(rows)
    assert checked.errors == []
    assert checked.scores == [(1, 85.0), (3, 70.0), (4, 66.0)]


@pytest.mark.parametrize(("rows", "key"), [
    ([["姓名", "备注"], ["张三", "85"]], "exam-file-no-score-column"),
    ([["工号", "总分"], ["1001", "85"]], "exam-file-no-score-column"),
    ([["备注", "成绩"], ["张三", "85"]], "exam-file-no-person-column"),
    ([["姓名", "成绩"]], "exam-file-empty"),
    ([["工号", "姓名", "成绩"]], "exam-file-empty"),
])
def test_bad_headers_refused(rows: list[list[str]], key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(rows)
    assert caught.value.key == key


def test_every_row_error_reported_with_its_row_number() -> None:
    rows = [["工号", "姓名", "成绩"],
            ["", "张三", "85"],         # 2: fine
            ["", "王五", "80"],         # 3: two members are called 王五
            ["", "钱七", "70"],         # 4: not a member
            ["1001", "", "60"],         # 5: 张三 again, already on row 2
            ["", "李四", ""],           # 6: no score
            ["", "赵 六", "abc"],       # 7: not a number
            ["", "", "50"],             # 8: nobody
            ["1004", "王五", "101"],    # 9: above the full marks
            ["1002", "", "70"],         # 10: 李四 again, first on row 6
            ["A7", "王五", "缺考"]]     # 11: fine, absent
    checked = check(rows)
    assert errors(checked) == [
        (3, "exam-row-ambiguous", {"who": "王五"}),
        (4, "exam-row-unknown", {"who": "钱七"}),
        (5, "exam-row-duplicate", {"who": "张三", "first": 2}),
        (6, "exam-row-score-missing", {"who": "李四"}),
        (7, "exam-row-score-bad", {"who": "赵  六", "score": "abc", "full": "100"}),
        (8, "exam-row-no-person", {}),
        (9, "exam-row-score-over", {"who": "王五", "score": "101", "full": "100"}),
        (10, "exam-row-duplicate", {"who": "李四", "first": 6}),
    ]
    assert (checked.scores, checked.absent) == ([(1, 85.0)], 1)


def test_row_numbers_without_a_header_start_at_one() -> None:
    checked = check([["钱七", "1"], ["张三", "2"], ["孙八", "3"]])
    assert [(e.line, e.key) for e in checked.errors] == [
        (1, "exam-row-unknown"), (3, "exam-row-unknown")]


@pytest.mark.parametrize(("raw", "full", "key", "full_text"), [
    ("101", 100.0, "exam-row-score-over", "100"),
    ("50.5", 50.0, "exam-row-score-over", "50"),
    ("60", 59.5, "exam-row-score-over", "59.5"),
    ("85.555", 100.0, "exam-row-score-bad", "100"),
    ("-3", 100.0, "exam-row-score-bad", "100"),
    ("八十", 100.0, "exam-row-score-bad", "100"),
])
def test_score_errors_name_the_score_and_full_marks(raw: str, full: float, key: str,
                                                     full_text: str) -> None:
    checked = check([["张三", raw]], full)
    assert checked.errors == [RowError(1, key, {"who": "张三", "score": raw,
                                                "full": full_text})]
    assert checked.scores == []


@pytest.mark.parametrize(("raw", "score"), [
    ("85", 85.0), ("85.5", 85.5), ("85.25", 85.25), ("85分", 85.0), ("85.0", 85.0),
    ("100", 100.0), ("0", 0.0),
])
def test_scores_parsed(raw: str, score: float) -> None:
    assert check([["张三", raw]]).scores == [(1, score)]


@pytest.mark.parametrize("raw", ["缺考", "缺席", "请假", "absent", "Absent", "-", "—"])
def test_absent_is_counted_not_scored(raw: str) -> None:
    checked = check([["姓名", "成绩"], ["张三", raw], ["李四", "90"]])
    assert (checked.errors, checked.absent, checked.scores) == ([], 1, [(2, 90.0)])


def test_absent_person_listed_again_is_a_duplicate() -> None:
    checked = check([["张三", "缺考"], ["1001", "85"]])
    assert errors(checked) == [(2, "exam-row-duplicate", {"who": "张三", "first": 1})]
    assert checked.absent == 1


def test_same_person_by_name_and_by_number_is_a_duplicate() -> None:
    checked = check([["工号", "姓名", "成绩"], ["", "张三", "85"], ["1001", "", "90"]])
    assert errors(checked) == [(3, "exam-row-duplicate", {"who": "张三", "first": 2})]


def test_name_and_number_columns() -> None:
    rows = [["工号", "姓名", "成绩"],
            ["1001", "张三", "85"],      # both, matching
            ["1002", "张三", "80"],      # both, not matching
            ["a7", "", "70"],            # number only, any case
            ["", "赵 六", "60"],          # name only
            ["1004", "王五", "50"],      # the shared name, told apart by number
            ["9999", "孙八", "40"]]      # an unknown number
    checked = check(rows)
    assert checked.scores == [(1, 85.0), (3, 70.0), (5, 60.0), (4, 50.0)]
    assert errors(checked) == [
        (3, "exam-row-mismatch", {"who": "张三 / 1002"}),
        (7, "exam-row-unknown", {"who": "9999"}),
    ]


def test_clean_table_end_to_end_from_xlsx() -> None:
    data = xlsx(["工号", "成绩"], [1001, 85.0], [1002, 90.5], [1004, "缺考"])
    checked = check_rows(read_table("成绩.xlsx", data), PEOPLE, 100.0)
    assert (checked.errors, checked.scores, checked.absent) == (
        [], [(1, 85.0), (2, 90.5)], 1)


def test_row_numbers_match_the_file_after_a_blank_row() -> None:
    data = "姓名,成绩\n张三,85\n\n李四,abc\n".encode()
    checked = check_rows(read_table("成绩.csv", data), PEOPLE, 100.0)
    assert [(e.line, e.key) for e in checked.errors] == [(4, "exam-row-score-bad")]


def test_a_row_counter_column_is_not_taken_for_employee_numbers() -> None:
    checked = check([["No.", "姓名", "成绩"], ["1", "张三", "85"], ["2", "李四", "70"]])
    assert (checked.errors, checked.scores) == ([], [(1, 85.0), (2, 70.0)])


def test_a_typed_name_or_employee_number_names_one_member() -> None:
    roster = Roster(PEOPLE)
    assert roster.typed("a7") == PEOPLE[2] and roster.typed(" 1001 ") == PEOPLE[0]
    assert roster.typed("张三") == PEOPLE[0] and roster.typed("赵 六") == PEOPLE[4]
    assert roster.typed("王五") is None  # two members share the name
    assert roster.typed("钱七") is None

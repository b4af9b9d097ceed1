"""The catalogue of bad inputs: what trusts and the national feeds really send wrong, each with
the exact outcome the pipeline must give.

Outcomes:
- `Refused`: the file cannot be read as its contract says. The extract's step fails with an
  ExtractError naming the landing file (and the row and column where there is one); nothing
  downstream runs.
- `Blocked`: an error-level rule fails. The check's message names the file, row and column; the
  row is quarantined; nothing downstream runs.
- `Flagged`: a warning. The year still publishes; the check names the trust(s) or the row.
- `Accepted`: a harmless difference of form (encoding, delimiter, column order...). The year
  publishes exactly the figures the clean files give.
Whatever the outcome, the snapshots already published stay byte for byte as they were.
"""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.reliability.editing import (
    ESR,
    ETR,
    SURVEY,
    Where,
    first_csv_return,
    first_xlsx_return,
    read_rows,
    replace_with_symlink,
    set_value,
    trust_of,
    without_trust,
    write_rows,
    write_xlsx,
    xlsx_rows,
)

YEAR = 2024
ESR_STEP, RETURN_STEP = "staging__esr_staff_in_post", "staging__trust_return"
ESR_ASSET, RETURN_ASSET = "staging/esr_staff_in_post", "staging/trust_return"
SURVEY_ASSET, RECONCILIATION = "staging/staff_survey", "core/trust_reconciliation"


@dataclass(frozen=True)
class Refused:
    step: str
    reason: str  # part of the error's text


@dataclass(frozen=True)
class Blocked:
    asset: str
    check: str


@dataclass(frozen=True)
class Flagged:
    asset: str
    check: str


@dataclass(frozen=True)
class Accepted:
    pass


@dataclass(frozen=True)
class BadInput:
    id: str
    edit: Callable[[Path, Path], Where]  # (year folder, a scratch folder outside the landing)
    outcome: Refused | Blocked | Flagged | Accepted


CATALOGUE: list[BadInput] = []


def bad(id: str, outcome):
    def register(edit):
        CATALOGUE.append(BadInput(id, edit, outcome))
        return edit
    return register


def _esr_rows(folder):
    return read_rows(folder / ESR)


# --- whole-file problems ---------------------------------------------------------------------

@bad("esr_empty_file", Refused(ESR_STEP, "the file is empty (0 bytes)"))
def _(folder, _):
    (folder / ESR).write_bytes(b"")
    return Where(ESR)


@bad("esr_header_only", Blocked(ESR_ASSET, "not_empty"))
def _(folder, _):
    write_rows(folder / ESR, _esr_rows(folder)[:1])
    return Where(ESR)


@bad("esr_truncated_last_line", Refused(ESR_STEP, "has 5 fields; the header has 10"))
def _(folder, _):
    rows = _esr_rows(folder)
    rows[-1] = rows[-1][:5]  # the upload stopped half way through the last line
    write_rows(folder / ESR, rows)
    return Where(ESR, len(rows))


@bad("esr_missing_column", Refused(ESR_STEP, "missing column(s) fte"))
def _(folder, _):
    write_rows(folder / ESR, [row[:-1] for row in _esr_rows(folder)])
    return Where(ESR, 1, "fte")


@bad("esr_extra_column", Refused(ESR_STEP, "unexpected column(s) notes"))
def _(folder, _):
    rows = _esr_rows(folder)
    write_rows(folder / ESR, [rows[0] + ["notes"]] + [r + [""] for r in rows[1:]])
    return Where(ESR, 1, "notes")


@bad("esr_renamed_column", Refused(ESR_STEP, "missing column(s) pay_grade"))
def _(folder, _):
    rows = _esr_rows(folder)
    rows[0][rows[0].index("pay_grade")] = "grade"
    write_rows(folder / ESR, rows)
    return Where(ESR, 1, "grade")


@bad("esr_reordered_columns", Accepted())
def _(folder, _):
    write_rows(folder / ESR, [row[::-1] for row in _esr_rows(folder)])
    return Where(ESR)


@bad("esr_header_in_capitals_with_spaces", Accepted())
def _(folder, _):
    rows = _esr_rows(folder)
    rows[0] = [f" {name.upper()} " for name in rows[0]]
    write_rows(folder / ESR, rows)
    return Where(ESR)


@bad("esr_semicolon_delimited", Accepted())
def _(folder, _):
    write_rows(folder / ESR, _esr_rows(folder), delimiter=";")
    return Where(ESR)


@bad("esr_pipe_delimited", Refused(ESR_STEP, "cannot find a delimiter"))
def _(folder, _):
    write_rows(folder / ESR, _esr_rows(folder), delimiter="|")
    return Where(ESR, 1)


@bad("esr_utf8_byte_order_mark", Accepted())
def _(folder, _):
    (folder / ESR).write_bytes(b"\xef\xbb\xbf" + (folder / ESR).read_bytes())
    return Where(ESR)


@bad("esr_mixed_line_endings", Accepted())
def _(folder, _):
    write_rows(folder / ESR, _esr_rows(folder), line_ends=("\r\n", "\n"))
    return Where(ESR)


@bad("esr_symlink_out_of_landing_zone", Refused(ESR_STEP, "resolves outside the landing zone"))
def _(folder, scratch):
    return replace_with_symlink(folder, ESR, scratch / "elsewhere" / ESR)


@bad("esr_upload_in_progress", Refused(ESR_STEP, "still being written"))
def _(folder, _):
    (folder / ESR).rename(folder / f"{ESR}.part")
    return Where(f"{ESR}.part")


@bad("esr_zero_byte_xlsx", Refused(ESR_STEP, "the file is empty (0 bytes)"))
def _(folder, _):
    (folder / ESR).unlink()
    (folder / "esr_staff_in_post.xlsx").write_bytes(b"")
    return Where("esr_staff_in_post.xlsx")


# --- values ----------------------------------------------------------------------------------

def _esr_value(id, check, column, value, row=2, outcome=Blocked):
    bad(id, outcome(ESR_ASSET, check))(
        lambda folder, _: set_value(folder, ESR, row, column, value))


_esr_value("esr_fte_in_words", "fte_parses", "fte", "full time")
_esr_value("esr_fte_nan", "fte_parses", "fte", "NaN")
_esr_value("esr_fte_infinity", "fte_parses", "fte", "inf")
_esr_value("esr_fte_enormous", "fte_parses", "fte", "99999999999999999999")
_esr_value("esr_fte_decimal_comma", "fte_parses", "fte", "0,5")
_esr_value("esr_fte_negative", "fte_in_range", "fte", "-0.5")
_esr_value("esr_impossible_date", "snapshot_date_parses", "snapshot_date", "2024-02-30")
_esr_value("esr_date_out_of_range", "snapshot_date_parses", "snapshot_date", "2024-13-45")
_esr_value("esr_unknown_trust", "organisation_code_known_trust", "organisation_code", "R9Z")
_esr_value("esr_sql_in_trust_code", "organisation_code_format", "organisation_code",
           "R0A'); DROP TABLE validated.esr_staff_in_post; --")
_esr_value("esr_unknown_pay_band", "pay_grade_known", "pay_grade", "Band 10")
_esr_value("esr_unknown_staff_group", "staff_group_known", "staff_group",
           "Robert'); DROP TABLE students;--")
_esr_value("esr_unknown_ethnic_category", "ethnic_category_known", "ethnic_category", "Q",
           outcome=Flagged)
_esr_value("esr_person_id_not_hex", "person_id_format", "person_id", "JOHN SMITH")


@bad("esr_duplicate_assignment_id", Blocked(ESR_ASSET, "assignment_id_unique"))
def _(folder, _):
    rows = _esr_rows(folder)
    column = rows[0].index("assignment_id")
    rows[2][column] = rows[1][column]  # row 3 repeats row 2's assignment
    write_rows(folder / ESR, rows)
    return Where(ESR, 2, "assignment_id")


@bad("esr_closed_trust", Blocked(ESR_ASSET, "organisation_code_known_trust"))
def _(folder, _):
    closed = next(row[0] for row in read_rows(folder / ETR)
                  if row[11] and row[11] < f"{YEAR}0331" and row[0] != trust_of(folder, ESR))
    return set_value(folder, ESR, 2, "organisation_code", closed)


@bad("esr_wrong_years_file", Blocked(ESR_ASSET, "snapshot_date_is_31_march"))
def _(folder, _):
    rows = _esr_rows(folder)  # last year's extract dropped into this year's folder
    column = rows[0].index("snapshot_date")
    for row in rows[1:]:
        row[column] = f"{YEAR - 1}-03-31"
    write_rows(folder / ESR, rows)
    return Where(ESR, 2, "snapshot_date")


@bad("esr_all_unknown_ethnicity_for_a_trust", Flagged(RECONCILIATION, "unknown_ethnicity_share"))
def _(folder, _):
    rows = _esr_rows(folder)
    code, column = trust_of(folder, ESR), rows[0].index("ethnic_category")
    for row in rows[1:]:
        if row[1] == code:
            row[column] = ""
    write_rows(folder / ESR, rows)
    return Where(ESR, column=code)  # the check names the trust


@bad("esr_trust_missing", Flagged(RECONCILIATION, "every_trust_has_esr_staff"))
def _(folder, _):
    code = trust_of(folder, ESR)
    without_trust(folder, ESR, code)
    return Where(ESR, column=code)


# --- trust returns ---------------------------------------------------------------------------

def _return_value(id, check, column, value, outcome=Blocked):
    bad(id, outcome(RETURN_ASSET, check))(
        lambda folder, _: set_value(folder, first_csv_return(folder), 2, column, value))


_return_value("return_thousands_separator", "shortlisted_applicants_parses",
              "shortlisted_applicants", "1,234")
_return_value("return_fractional_count", "accessed_non_mandatory_training_parses",
              "accessed_non_mandatory_training", "12.5")
_return_value("return_negative_count", "entered_formal_disciplinary_in_range",
              "entered_formal_disciplinary", "-3")
_return_value("return_enormous_count", "declared_headcount_parses", "declared_headcount",
              "99999999999999999999999")
_return_value("return_count_as_words", "board_voting_members_parses", "board_voting_members",
              "twelve")
_return_value("return_unknown_trust", "organisation_code_known_trust", "organisation_code",
              "R9Z")
_return_value("return_wrong_year", "reporting_year_matches_folder", "reporting_year",
              str(YEAR - 1))
_return_value("return_unknown_ethnic_group", "ethnic_group_known", "ethnic_group", "Other")


@bad("return_appointed_above_shortlisted", Blocked(RETURN_ASSET, "appointed_not_above_shortlisted"))
def _(folder, _):
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    shortlisted = int(rows[1][rows[0].index("shortlisted_applicants")])
    return set_value(folder, file, 2, "appointed_from_shortlisting", str(shortlisted + 1))


@bad("return_training_courses_not_people", Blocked(RETURN_ASSET, "training_not_above_headcount"))
def _(folder, _):
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    headcount = int(rows[1][rows[0].index("declared_headcount")])
    return set_value(folder, file, 2, "accessed_non_mandatory_training", str(headcount * 3))


@bad("return_board_executive_above_voting", Blocked(RETURN_ASSET, "executive_within_voting"))
def _(folder, _):
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    voting = int(rows[1][rows[0].index("board_voting_members")])
    return set_value(folder, file, 2, "board_executive_members", str(voting + 1))


@bad("return_training_above_esr_headcount",
     Blocked(RECONCILIATION, "training_not_above_esr_headcount"))
def _(folder, _):
    # Within the declared headcount (which is raised with it), above the ESR headcount that
    # indicator 4's rate divides by.
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    tripled = str(int(rows[1][rows[0].index("declared_headcount")]) * 3)
    set_value(folder, file, 2, "declared_headcount", tripled)
    set_value(folder, file, 2, "accessed_non_mandatory_training", tripled)
    return Where(file, column=trust_of(folder, file))  # the check names the trust


@bad("return_sent_twice", Blocked(RETURN_ASSET, "key_unique"))
def _(folder, _):
    file = first_csv_return(folder)
    shutil.copy(folder / file, folder / file.replace(".csv", "_resubmitted.csv"))
    return Where(file, 2, "organisation_code")


@bad("return_missing_for_a_trust", Flagged(RECONCILIATION, "every_trust_with_staff_sent_a_return"))
def _(folder, _):
    file = first_csv_return(folder)
    code = trust_of(folder, file)
    (folder / file).unlink()
    return Where(file, column=code)


@bad("return_xlsx_with_formulas", Refused(RETURN_STEP, "formula"))
def _(folder, _):
    file = first_xlsx_return(folder)
    rows = xlsx_rows(folder / file)
    column = rows[0].index("board_voting_members")
    rows[2][column] = "=3+4"  # openpyxl saves no computed value, as many tools do
    write_xlsx(folder / file, {"Return": rows})
    return Where(file, 3, "board_voting_members")


@bad("return_xlsx_numbers_as_text", Accepted())
def _(folder, _):
    file = first_xlsx_return(folder)
    rows = xlsx_rows(folder / file)
    write_xlsx(folder / file, {"Return": [[None if v is None else str(v) for v in row]
                                          for row in rows]})
    return Where(file)


@bad("return_xlsx_with_a_notes_sheet", Accepted())
def _(folder, _):
    file = first_xlsx_return(folder)
    write_xlsx(folder / file, {"Return": xlsx_rows(folder / file),
                               "Notes": [["Figures signed off by the board"]]})
    return Where(file)


@bad("return_xlsx_cover_sheet_first", Refused(RETURN_STEP, "worksheet 'Cover'"))
def _(folder, _):
    file = first_xlsx_return(folder)
    write_xlsx(folder / file, {"Cover": [["WRES return"], ["Prepared by the workforce team"]],
                               "Return": xlsx_rows(folder / file)})
    return Where(file, 1)


@bad("return_zero_byte_xlsx", Refused(RETURN_STEP, "the file is empty (0 bytes)"))
def _(folder, _):
    file = first_xlsx_return(folder)
    (folder / file).write_bytes(b"")
    return Where(file)


@bad("return_damaged_xlsx", Refused(RETURN_STEP, "cannot open as an XLSX workbook"))
def _(folder, _):
    file = first_xlsx_return(folder)
    (folder / file).write_bytes((folder / file).read_bytes()[:200])
    return Where(file)


@bad("return_path_traversal_file_name", Refused(RETURN_STEP, "not a safe file name"))
def _(folder, _):
    file = first_csv_return(folder)
    unsafe = "trust_returns/..\\..\\..\\etc\\" + file.split("/")[1]
    (folder / file).rename(folder / unsafe)
    return Where(unsafe)


@bad("return_folder_symlink_out_of_landing_zone",
     Refused(RETURN_STEP, "resolves outside the landing zone"))
def _(folder, scratch):
    outside = scratch / "shared_drive" / "trust_returns"
    shutil.move(folder / "trust_returns", outside)
    (folder / "trust_returns").symlink_to(outside, target_is_directory=True)
    return Where("trust_returns/")


# --- staff survey and organisations ----------------------------------------------------------

def _survey_value(id, check, column, value):
    bad(id, Blocked(SURVEY_ASSET, check))(
        lambda folder, _: set_value(folder, SURVEY, 2, column, value))


_survey_value("survey_wrong_year", "survey_year_is_year_before", "survey_year", str(YEAR - 3))
_survey_value("survey_unknown_question", "question_code_known", "question_code", "Q99z")
_survey_value("survey_respondents_infinity", "respondents_parses", "respondents", "Infinity")
_survey_value("survey_respondents_thousands_separator", "respondents_parses", "respondents",
              "4,040")


@bad("survey_positive_above_respondents", Blocked(SURVEY_ASSET, "positive_not_above_respondents"))
def _(folder, _):
    rows = read_rows(folder / SURVEY)
    respondents = int(rows[1][rows[0].index("respondents")])
    return set_value(folder, SURVEY, 2, "positive", str(respondents + 5))


@bad("survey_trust_missing", Flagged(RECONCILIATION, "every_trust_in_staff_survey"))
def _(folder, _):
    code = trust_of(folder, SURVEY)
    without_trust(folder, SURVEY, code)
    return Where(SURVEY, column=code)


WINDOWS_NAME = "ST MARY\u2019S \u2013 CR\u00c8CHE NHS FOUNDATION TRUST"


@bad("ods_windows_1252_trust_name", Accepted())
def _(folder, _):
    rows = read_rows(folder / ETR)
    code = trust_of(folder, ESR)
    for row in rows:
        if row[0] == code:
            row[1] = WINDOWS_NAME
    write_rows(folder / ETR, rows, encoding="cp1252")
    return Where(ETR, column=code)


# The rest of the catalogue: codes, landed files, row numbers, encodings, markers. Imported last:
# it registers its cases with `bad` above.
from tests.reliability import catalogue_codes_and_files  # noqa: E402, F401

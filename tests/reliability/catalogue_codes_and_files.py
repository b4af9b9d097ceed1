"""More of the bad-input catalogue (tests/reliability/catalogue.py registers these): coded values
matched as codes, every landed file read or refused by name, spreadsheet row numbers, encodings,
suppression markers and totals rows, and values too long to echo."""

import shutil

from tests.reliability.catalogue import (
    ESR_ASSET,
    ESR_STEP,
    RECONCILIATION,
    RETURN_ASSET,
    RETURN_STEP,
    SURVEY_ASSET,
    Accepted,
    Blocked,
    Flagged,
    Refused,
    bad,
)
from tests.reliability.editing import (
    ESR,
    ETR,
    SURVEY,
    Where,
    first_csv_return,
    first_xlsx_return,
    read_rows,
    set_value,
    trust_of,
    write_rows,
)
from wres_pipeline.reference import table

ORGANISATIONS_STEP = "organisations__extracts"
DESCRIPTION = {r["national_code"]: r["description"] for r in table("ethnic_categories")}


def _recode(folder, change, only_trust=None):
    """Rewrite the ESR ethnic categories through `change(code)`, for one trust or all."""
    rows = read_rows(folder / ESR)
    code_column = rows[0].index("ethnic_category")
    for row in rows[1:]:
        if row[code_column] and (only_trust is None or row[1] == only_trust):
            row[code_column] = change(row[code_column])
    write_rows(folder / ESR, rows)


def _national(code):
    return code if code == "99" else code[0]


# --- ethnic categories: codes, descriptions and free text --------------------------------

@bad("esr_ethnic_data_dictionary_descriptions", Accepted())
def _(folder, _):
    _recode(folder, lambda code: DESCRIPTION[_national(code)])
    return Where(ESR)


@bad("esr_ethnic_esr_code_and_description", Accepted())
def _(folder, _):
    _recode(folder, lambda code: f"{_national(code)} {DESCRIPTION[_national(code)]}")
    return Where(ESR)


@bad("esr_ethnic_descriptions_in_lower_case_with_en_dashes", Accepted())
def _(folder, _):
    _recode(folder, lambda code: DESCRIPTION[_national(code)].lower().replace(" - ", " \u2013 "))
    return Where(ESR)


@bad("esr_ethnic_codes_in_lower_case_with_spaces", Accepted())
def _(folder, _):
    _recode(folder, lambda code: f"  {code.lower()} ")
    return Where(ESR)


def _free_text(id, text):
    @bad(id, Blocked(RECONCILIATION, "ethnic_category_is_a_code"))
    def _(folder, _):
        code = trust_of(folder, ESR)
        _recode(folder, lambda _: text, only_trust=code)
        return Where(ESR, column=code)  # the check names the trust


# Read by their first letter these would be White (A, B, C) or BME (M, N): never.
_free_text("esr_ethnic_free_text_asian", "Asian")
_free_text("esr_ethnic_free_text_black", "Black")
_free_text("esr_ethnic_free_text_british", "British")
_free_text("esr_ethnic_free_text_mixed", "Mixed")
_free_text("esr_ethnic_free_text_not_given", "Not given")
_free_text("esr_ethnic_near_miss_description", "Asian or Asian British - Indiaan")


@bad("esr_ethnic_not_stated_for_a_trust", Flagged(RECONCILIATION, "unknown_ethnicity_share"))
def _(folder, _):
    code = trust_of(folder, ESR)  # "Not stated" is Z (Unknown), never N (Black African)
    _recode(folder, lambda _: "Not stated", only_trust=code)
    return Where(ESR, column=code)


# --- other coded values: case and spaces set aside ------------------------------------------

def _rewrite_column(folder, file, column, change):
    """Rewrite every value of one column of a CSV with a header through `change`."""
    rows = read_rows(folder / file)
    index = rows[0].index(column)
    for row in rows[1:]:
        row[index] = change(row[index])
    write_rows(folder / file, rows)
    return Where(file)


bad("esr_pay_grades_in_lower_case", Accepted())(
    lambda folder, _: _rewrite_column(folder, ESR, "pay_grade", str.lower))
bad("esr_staff_groups_with_doubled_spaces_in_capitals", Accepted())(
    lambda folder, _: _rewrite_column(folder, ESR, "staff_group",
                                      lambda v: v.upper().replace(" ", "  ")))
bad("return_ethnic_groups_in_capitals", Accepted())(
    lambda folder, _: _rewrite_column(folder, first_csv_return(folder), "ethnic_group",
                                      str.upper))
bad("survey_question_codes_in_other_case", Accepted())(
    lambda folder, _: _rewrite_column(folder, SURVEY, "question_code", str.swapcase))


# --- every landed file read or refused by name ----------------------------------------------

def _rename(folder, file, new):
    (folder / file).rename(folder / new)
    return Where(new)


@bad("return_csv_extension_in_capitals", Accepted())
def _(folder, _):
    file = first_csv_return(folder)
    return _rename(folder, file, file.replace(".csv", ".CSV"))


@bad("return_xlsx_extension_in_capitals", Accepted())
def _(folder, _):
    file = first_xlsx_return(folder)
    return _rename(folder, file, file.replace(".xlsx", ".XLSX"))


@bad("esr_extension_in_capitals", Accepted())
def _(folder, _):
    return _rename(folder, ESR, "esr_staff_in_post.CSV")


def _stray(id, step, reason, name, content=b"PK\x03\x04 not read"):
    @bad(id, Refused(step, reason))
    def _(folder, _):
        (folder / name).write_bytes(content)
        return Where(name)


_stray("return_saved_as_xls", RETURN_STEP, "save it as .xlsx", "trust_returns/R1A.xls")
_stray("return_saved_as_ods", RETURN_STEP, "save it as .xlsx", "trust_returns/R1A.ods")
_stray("return_saved_as_xlsm", RETURN_STEP, "save it as .xlsx", "trust_returns/R1A.xlsm")
_stray("returns_sent_as_zip", RETURN_STEP, "an archive is not read", "trust_returns/all.zip")
_stray("return_saved_as_text", RETURN_STEP, "no extract reads this file",
       "trust_returns/R1A.txt", b"reporting_year\t...")
_stray("stray_notes_beside_the_extracts", ESR_STEP, "no extract reads this file", "notes.txt",
       b"sent late")
_stray("esr_saved_as_xls_beside_the_csv", ESR_STEP, "save it as .xlsx",
       "esr_staff_in_post.xls")
_stray("ods_second_download", ORGANISATIONS_STEP, "no extract reads this file",
       "organisations/etr (1).csv", b"R0A,OLD COPY")


@bad("return_stray_folder", Refused(RETURN_STEP, "a folder no extract reads"))
def _(folder, _):
    old = folder / "trust_returns" / "old"
    old.mkdir()
    shutil.copy(folder / first_csv_return(folder), old / "R0A.csv")
    return Where("trust_returns/old")


@bad("return_office_lock_file_beside_it", Accepted())
def _(folder, _):
    file = first_xlsx_return(folder)
    lock = file.replace("trust_returns/", "trust_returns/~$")
    (folder / lock).write_bytes(b"\x00owner")
    return Where(lock)


@bad("finder_metadata_file", Accepted())
def _(folder, _):
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return Where(".DS_Store")


# --- rows as a spreadsheet numbers them; encodings -----------------------------------------

@bad("esr_blank_lines_before_an_error", Blocked(ESR_ASSET, "fte_parses"))
def _(folder, _):
    rows = read_rows(folder / ESR)
    rows[9][rows[0].index("fte")] = "full time"  # the tenth line...
    rows[4:4] = [[], []]  # ...is spreadsheet row 12 once two blank lines come before it
    write_rows(folder / ESR, rows)
    return Where(ESR, 12, "fte")


@bad("return_blank_lines_at_the_end", Accepted())
def _(folder, _):
    file = first_csv_return(folder)
    write_rows(folder / file, read_rows(folder / file) + [[], []])
    return Where(file)


@bad("ods_trust_name_with_a_line_break", Accepted())
def _(folder, _):
    rows = read_rows(folder / ETR)
    code = trust_of(folder, ESR)
    for row in rows:
        if row[0] == code:
            row[1] = row[1] + "\nMAIN SITE"
    write_rows(folder / ETR, rows)
    return Where(ETR, column=code)


@bad("survey_quoted_line_break_before_an_error", Blocked(SURVEY_ASSET, "respondents_parses"))
def _(folder, _):
    rows = read_rows(folder / SURVEY)
    rows[1][rows[0].index("positive")] = "5\n4"  # row 2 spans two lines, inside quotes
    rows[4][rows[0].index("respondents")] = "many"  # spreadsheet row 5, sixth line
    write_rows(folder / SURVEY, rows)
    return Where(SURVEY, 5, "respondents")


@bad("esr_excel_unicode_text", Refused(ESR_STEP, "UTF-16"))
def _(folder, _):
    text = (folder / ESR).read_text(encoding="utf-8").replace(",", "\t")
    (folder / ESR).write_bytes(text.encode("utf-16"))
    return Where(ESR)


@bad("return_excel_unicode_text", Refused(RETURN_STEP, "UTF-16"))
def _(folder, _):
    file = first_csv_return(folder)
    (folder / file).write_bytes((folder / file).read_text(encoding="utf-8").encode("utf-16"))
    return Where(file)


# --- suppression markers, totals rows, Excel dates, enormous values ------------------------

def _return_marker(id, column, marker):
    bad(id, Blocked(RETURN_ASSET, f"{column}_parses"))(
        lambda folder, _: set_value(folder, first_csv_return(folder), 2, column, marker))


_return_marker("return_suppression_asterisk", "shortlisted_applicants", "*")
_return_marker("return_dash_for_zero", "entered_formal_disciplinary", "-")
_return_marker("return_small_number_marker", "accessed_non_mandatory_training", "<5")


@bad("survey_suppressed_positive", Blocked(SURVEY_ASSET, "positive_parses"))
def _(folder, _):
    return set_value(folder, SURVEY, 2, "positive", "*")


@bad("return_totals_row", Blocked(RETURN_ASSET, "ethnic_group_known"))
def _(folder, _):
    file = first_csv_return(folder)
    rows = read_rows(folder / file)
    total = list(rows[1])
    total[rows[0].index("ethnic_group")] = "Total"
    write_rows(folder / file, rows + [total])
    return Where(file, len(rows) + 1, "ethnic_group")


@bad("esr_totals_row_at_the_end", Blocked(ESR_ASSET, "person_id_present"))
def _(folder, _):
    rows = read_rows(folder / ESR)
    total = [""] * len(rows[0])
    total[rows[0].index("organisation_code")] = "Total"
    total[rows[0].index("fte")] = "1234.5"
    write_rows(folder / ESR, rows + [total])
    return Where(ESR, len(rows) + 1, "person_id")


_esr_date = bad("esr_snapshot_date_as_excel_shows_it", Blocked(ESR_ASSET, "snapshot_date_parses"))
_esr_date(lambda folder, _: set_value(folder, ESR, 2, "snapshot_date", "31/03/2024"))


@bad("esr_ten_megabyte_field", Blocked(ESR_ASSET, "staff_group_known"))
def _(folder, _):
    return set_value(folder, ESR, 2, "staff_group", "X" * 10_000_000)

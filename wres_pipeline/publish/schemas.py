"""The published tables' explicit schemas: every column's type and description.

Codes repeated on many rows (levels, areas, measures, breakdowns, groups) are dictionary-encoded;
descriptions go into the Parquet field metadata so a reader sees them without this project.
"""

import pyarrow as pa

CODE = pa.dictionary(pa.int32(), pa.string())


def _f(name, kind, description):
    return pa.field(name, kind, metadata={"description": description})


INDICATORS = [
    _f("year", pa.int16(), "WRES year: the workforce at 31 March of this year"),
    _f("level", CODE, "trust, icb, region, trust_type or england"),
    _f("area_code", CODE, "ODS trust code, ICB code, NHS England region code, trust type or "
                          "E92000001"),
    _f("area_name", CODE, "Name of the trust, ICB, region, trust type or England"),
    _f("indicator", pa.int8(), "WRES indicator number, 1 to 9"),
    _f("measure", CODE, "share, share_of_known, rate, unknown_share, relative_likelihood, "
                        "percent or gap_pp"),
    _f("breakdown", CODE, "all; clinical:<grade>, non_clinical:<grade>, all:<grade> "
                          "(indicator 1); board_voting, board_executive, "
                          "board_non_executive, workforce (indicator 9)"),
    _f("group", CODE, "White, BME, Unknown, or all for likelihoods and gaps"),
    _f("numerator", pa.int64(), "Count of the group's staff, events or answers"),
    _f("denominator", pa.int64(), "Count the numerator is out of"),
    _f("value", pa.float64(), "Percent for shares, rates and percents; ratio for likelihoods; "
                              "percentage points for gaps"),
    _f("ci_lower", pa.float64(), "Lower bound of the 95 % interval: Wilson for rates and "
                                 "survey percents, log method or MOVER-R for likelihoods, "
                                 "Newcombe for survey gaps; none for census shares"),
    _f("ci_upper", pa.float64(), "Upper bound of the 95 % interval"),
    _f("significant", pa.bool_(), "Likelihoods: the interval excludes 1"),
    _f("adverse_significant", pa.bool_(), "Likelihoods: the interval lies above 1 (adverse to "
                                          "BME staff)"),
    _f("outside_non_adverse_range", pa.bool_(), "Likelihoods: below 0.80 or above 1.25"),
    _f("null_reason", CODE, "Why the value is missing (a zero count), if it is"),
    _f("detail", CODE, "Survey question code (5-8) or indicator 3's pooled window"),
    _f("trusts", pa.int32(), "Number of trusts whose counts are pooled in the row"),
]
SUPPRESSION = [
    _f("suppressed", pa.bool_(), "Public edition: the row's counts and values are withheld"),
    _f("suppression_reason", CODE, "Public edition: why they are withheld"),
]
DISTRIBUTION = [
    _f("year", pa.int16(), "WRES year"),
    _f("indicator", pa.int8(), "WRES indicator number"),
    _f("measure", CODE, "relative_likelihood or gap_pp"),
    _f("breakdown", CODE, "all, board_voting, board_executive or board_non_executive"),
    _f("trusts", pa.int64(), "Trusts included: a value, or no events in the reference group "
                             "while the other group had some (adverse, no finite ratio)"),
    _f("trusts_zero_reference", pa.int64(), "Included trusts with no events in the reference "
                                            "group (counted above 1.25)"),
    _f("trusts_excluded", pa.int64(), "Trusts of the year with no comparison"),
    _f("excluded_reasons", CODE, "Why trusts are excluded, with how many each"),
    _f("lower_quartile", pa.float64(), "25th percentile of included trusts' finite values"),
    _f("median", pa.float64(), "Median of included trusts' finite values"),
    _f("upper_quartile", pa.float64(), "75th percentile of included trusts' finite values"),
    _f("minimum", pa.float64(), "Lowest finite trust value"),
    _f("maximum", pa.float64(), "Highest finite trust value"),
    _f("trusts_above_range", pa.int64(), "Likelihoods: trusts above 1.25 (zero reference "
                                         "rates included)"),
    _f("trusts_adverse_significant", pa.int64(), "Likelihoods: trusts significantly above 1"),
    _f("percent_above_range", pa.float64(), "Share of included trusts above 1.25, percent"),
    _f("percent_adverse_significant", pa.float64(), "Share of included trusts significantly "
                                                    "adverse, percent"),
]
MODEL_EMPLOYER = [
    _f("year", pa.int16(), "WRES year"),
    _f("organisation_code", CODE, "ODS trust code"),
    _f("band", CODE, "band_8a, band_8b, band_8c, band_8d, band_9 or vsm"),
    _f("headcount", pa.int64(), "Staff in the band"),
    _f("bme_headcount", pa.int64(), "BME staff in the band"),
    _f("bme_share", pa.float64(), "BME share of the band, percent"),
    _f("baseline_share", pa.float64(), "The band's BME share in the baseline year, percent"),
    _f("overall_share", pa.float64(), "The trust's overall BME share this year, percent"),
    _f("target_share", pa.float64(), "This year's point on the trajectory, percent"),
    _f("target_headcount", pa.int64(), "Fewest BME staff reaching the target share"),
    _f("gap_people", pa.int64(), "Target headcount minus BME headcount (positive: short)"),
    _f("baseline_year", pa.int16(), "Baseline year of the trajectory"),
    _f("target_year", pa.int16(), "Year the trajectory reaches the overall share"),
    _f("null_reason", CODE, "Why there is no target, if there is none"),
]
DATA_QUALITY_TRUSTS = [
    _f("year", pa.int16(), "WRES year"),
    _f("organisation_code", CODE, "ODS trust code"),
    _f("organisation_name", CODE, "Trust name"),
    _f("region_name", CODE, "NHS England region"),
    _f("trust_type", CODE, "Trust type"),
    _f("esr_headcount", pa.int64(), "Staff in the WRES scope in ESR (people)"),
    _f("esr_unknown", pa.int64(), "Of those, staff whose ethnicity is unknown"),
    _f("unknown_share", pa.float64(), "Unknown-ethnicity share of staff, percent"),
    _f("has_return", pa.bool_(), "The trust's WRES return arrived and passed validation"),
    _f("in_survey", pa.bool_(), "Staff survey results for the trust arrived"),
    _f("declared_headcount", pa.int64(), "Headcount the trust declared in its return"),
    _f("declared_difference", pa.float64(), "Declared minus ESR headcount, percent of ESR"),
]
DATA_QUALITY_TABLES = [
    _f("year", pa.int16(), "WRES year"),
    _f("table", CODE, "Raw table (extract) name"),
    _f("rule", CODE, "Validation rule, or (all) for the table's totals"),
    _f("severity", CODE, "error or warning; (all) rows have none"),
    _f("rows", pa.int64(), "Rows received in the table"),
    _f("quarantined_rows", pa.int64(), "Rows set aside by the rule (or in all)"),
]
ORGANISATIONS = [
    _f("year", pa.int16(), "WRES year"),
    _f("organisation_code", CODE, "ODS trust code"),
    _f("organisation_name", CODE, "Trust name as ODS publishes it"),
    _f("region_code", CODE, "NHS England region code"),
    _f("region_name", CODE, "NHS England region"),
    _f("icb_code", CODE, "Integrated care board (ICB) code, as ODS gives it (Q-code)"),
    _f("icb_name", CODE, "Integrated care board name (ONS ICB names and codes lookup)"),
    _f("trust_type", CODE, "acute, acute_specialist, mental_health_learning_disability, "
                           "community or ambulance"),
    _f("open_date", pa.date32(), "Date the trust opened"),
    _f("close_date", pa.date32(), "Date the trust closed, if it has"),
]
TABLES = {
    "indicators": INDICATORS,
    "trust_distribution": DISTRIBUTION,
    "model_employer": MODEL_EMPLOYER,
    "data_quality_trusts": DATA_QUALITY_TRUSTS,
    "data_quality_tables": DATA_QUALITY_TABLES,
    "organisations": ORGANISATIONS,
}
TITLES = {
    "indicators": "WRES indicators for trusts, regions, trust types and England",
    "trust_distribution": "Distribution of trusts' likelihoods and gaps",
    "model_employer": "Model Employer targets for senior bands",
    "data_quality_trusts": "Data quality by trust",
    "data_quality_tables": "Rows received and quarantined by raw table and rule",
    "organisations": "Organisations covered",
}


def schema(table: str, edition: str) -> pa.Schema:
    fields = TABLES[table] + (SUPPRESSION if edition == "public" and table in (
        "indicators", "model_employer", "data_quality_trusts") else [])
    return pa.schema(fields, metadata={"title": TITLES[table], "edition": edition})


def conform(data: pa.Table, table: str, edition: str) -> pa.Table:
    """The data in the published schema: columns in order, types cast, codes dictionary-encoded."""
    target = schema(table, edition)
    columns = []
    for field in target:
        column = data.column(field.name)
        if pa.types.is_dictionary(field.type):
            column = column.cast(pa.string()).dictionary_encode().cast(field.type)
        else:
            column = column.cast(field.type)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=target)

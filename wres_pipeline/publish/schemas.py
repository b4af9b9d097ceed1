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
    _f("level", CODE, "trust, icb, region, trust_type or england"),
    _f("area_code", CODE, "ODS trust code, ICB code, region code, trust type or E92000001"),
    _f("area_name", CODE, "Name of the trust, ICB, region, trust type or England"),
    _f("band", CODE, "band_8a, band_8b, band_8c, band_8d, band_9, vsm, or the pooled senior "
                     "bands (band_8c_to_vsm: each person once)"),
    _f("headcount", pa.int64(), "Staff in the band"),
    _f("bme_headcount", pa.int64(), "BME staff in the band"),
    _f("bme_share", pa.float64(), "BME share of the band, percent"),
    _f("baseline_share", pa.float64(), "Trusts: the band's BME share in the baseline year, %"),
    _f("overall_share", pa.float64(), "Trusts: the trust's overall BME share this year, %"),
    _f("goal_share", pa.float64(), "Trusts: the share the band aims for in the target year, %"),
    _f("target_share", pa.float64(), "Trusts: this year's point on the trajectory, percent"),
    _f("target_headcount", pa.int64(), "Fewest BME staff reaching this year's target share "
                                       "(areas: summed over trusts with a target)"),
    _f("gap_people", pa.int64(), "Target headcount minus BME headcount (positive: short; "
                                 "areas: net over trusts with a target)"),
    _f("more_needed_now", pa.int64(), "More BME staff needed to reach this year's target "
                                      "(areas: the sum of their trusts' shortfalls)"),
    _f("more_needed_by_target_year", pa.int64(), "More BME staff needed to reach the goal "
                                                 "share at today's headcount"),
    _f("on_trajectory", pa.bool_(), "Trusts: the band's BME staff reach this year's target"),
    _f("trusts", pa.int32(), "Trusts with staff in the band"),
    _f("trusts_with_target", pa.int32(), "Of those, trusts with a target this year"),
    _f("trusts_on_trajectory", pa.int32(), "Of those, trusts on their trajectory"),
    _f("baseline_year", pa.int16(), "Baseline year of the trajectory"),
    _f("target_year", pa.int16(), "Year the trajectory reaches the goal share"),
    _f("null_reason", CODE, "Why there is no target, if there is none"),
]
_CHANGE = "this year's minus {when}'s"
TRENDS = [
    _f("year", pa.int16(), "WRES year"),
    _f("level", CODE, "icb, region, trust_type or england"),
    _f("area_code", CODE, "ICB code, NHS England region code, trust type or E92000001"),
    _f("area_name", CODE, "Name of the ICB, region, trust type or England"),
    _f("indicator", pa.int8(), "WRES indicator number"),
    _f("measure", CODE, "share, rate, relative_likelihood, percent or gap_pp"),
    _f("breakdown", CODE, "The indicator's breakdown (a band for indicator 1)"),
    _f("group", CODE, "White, BME or all"),
    _f("label", CODE, "What the measure is, in words"),
    _f("numerator", pa.int64(), "This year's count behind the value (e.g. BME staff)"),
    _f("denominator", pa.int64(), "This year's count the numerator is out of"),
    _f("value", pa.float64(), "This year's value (percent, ratio or percentage points)"),
    _f("value_1y_before", pa.float64(), "The value one year before, as that year published it"),
    _f("change_1y", pa.float64(), "Value " + _CHANGE.format(when="a year before")),
    _f("change_1y_percent", pa.float64(), "change_1y as a percent of the earlier value"),
    _f("numerator_1y_before", pa.int64(), "The count one year before"),
    _f("numerator_change_1y", pa.int64(), "Count " + _CHANGE.format(when="a year before")),
    _f("numerator_change_1y_percent", pa.float64(), "Count change over one year, percent"),
    _f("value_5y_before", pa.float64(), "The value five years before, as that year "
                                        "published it"),
    _f("change_5y", pa.float64(), "Value " + _CHANGE.format(when="five years before")),
    _f("change_5y_percent", pa.float64(), "change_5y as a percent of the earlier value"),
    _f("numerator_5y_before", pa.int64(), "The count five years before"),
    _f("numerator_change_5y", pa.int64(), "Count " + _CHANGE.format(when="five years before")),
    _f("numerator_change_5y_percent", pa.float64(), "Count change over five years, percent"),
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
CELL = [
    _f("year", pa.int16(), "WRES year of the count"),
    _f("level", CODE, "trust, icb, region, trust_type or england"),
    _f("area_code", CODE, "Code of the trust or area"),
    _f("indicator", pa.int8(), "WRES indicator number"),
    _f("breakdown", CODE, "Breakdown of the count (single_year: indicator 3's entries of one "
                          "year, which no table shows)"),
    _f("group", CODE, "White, BME, Unknown or all"),
    _f("role", CODE, "x: the people or events counted; n: the population they are out of"),
]
DISCLOSURE_WITHHELD = CELL + [
    _f("reason", CODE, "The primary rule, or the secondary suppression, that withholds it"),
    _f("certificate_up", pa.int32(), "The certificate moving it furthest up (none: none does)"),
    _f("certificate_down", pa.int32(), "The certificate moving it furthest down"),
]
DISCLOSURE_CERTIFICATES = [
    _f("certificate", pa.int32(), "Certificate number: one perturbation of the year's counts "
                                  "that keeps everything the public edition publishes"),
    *CELL,
    _f("change", pa.float64(), "What the certificate adds to the count's true value"),
]
# The internal edition's proof of its public edition: written under the disclosure model only.
PROOF_TABLES = ("disclosure_withheld", "disclosure_certificates")
TABLES = {
    "indicators": INDICATORS,
    "trust_distribution": DISTRIBUTION,
    "model_employer": MODEL_EMPLOYER,
    "trends": TRENDS,
    "data_quality_trusts": DATA_QUALITY_TRUSTS,
    "data_quality_tables": DATA_QUALITY_TABLES,
    "organisations": ORGANISATIONS,
    "disclosure_withheld": DISCLOSURE_WITHHELD,
    "disclosure_certificates": DISCLOSURE_CERTIFICATES,
}
TITLES = {
    "indicators": "WRES indicators for trusts, regions, trust types and England",
    "trust_distribution": "Distribution of trusts' likelihoods and gaps",
    "model_employer": "Model Employer in people: senior bands' targets and BME staff needed",
    "trends": "Headline measures by area: change over one and five years",
    "data_quality_trusts": "Data quality by trust",
    "data_quality_tables": "Rows received and quarantined by raw table and rule",
    "organisations": "Organisations covered",
    "disclosure_withheld": "Internal: the counts the public edition withholds, and why",
    "disclosure_certificates": "Internal: the perturbations that prove each withheld count "
                               "protected (docs/publishing.md)",
}


def schema(table: str, edition: str) -> pa.Schema:
    fields = TABLES[table] + (SUPPRESSION if edition == "public" and table in (
        "indicators", "model_employer", "trends", "data_quality_trusts",
        "trust_distribution") else [])
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

"""The staging layer's assets, one per extract and WRES year: the ESR staff in post, the trusts'
returns and the staff survey, each checked against the trusts of the year.

Each runs wres_pipeline/ingest/extract.py: the year's files are archived immutably, typed into
`staging.<table>` (assets/staging/<table>.sql) and validated with the extract's suites; every
rule is an asset check, and an error-level failure blocks everything downstream and leaves
`validated.<table>` as it was.
"""

import dagster as dg

from wres_pipeline.ingest.extract import CODE, extract_check_specs, ingest_extract, sql_files
from wres_pipeline.layers import asset_key, layer_asset
from wres_pipeline.organisations.assets import trusts_in_year
from wres_pipeline.resources import WresSettings

DESCRIPTIONS = {
    "esr_staff_in_post": """ESR staff in post at 31 March of the WRES year: one row per assignment,
with a pseudonymous person id, ethnic category, pay band or grade, staff group, clinical flag,
assignment category and FTE; landed, archived, staged and validated
(assets/staging/esr_staff_in_post.sql).""",
    "trust_return": """Each trust's WRES return (one CSV or XLSX file per trust): shortlisting and
appointments, formal disciplinary entries, non-mandatory training, board members and declared
headcount, by ethnic group; landed, archived, staged and validated
(assets/staging/trust_return.sql).""",
    "staff_survey": """NHS Staff Survey results by ethnicity (the survey of autumn Y-1): for each
trust, question and group, respondents and those giving the indicator's answer; landed,
archived, staged and validated (assets/staging/staff_survey.sql).""",
}


def staging_asset(extract: str) -> dg.AssetsDefinition:
    """The ingest-and-validate asset of one extract (its contracts say files, columns, rules)."""
    key = asset_key(f"staging/{extract}")

    @layer_asset(f"staging/{extract}", sql=sql_files(extract), code=CODE,
                 deps=[trusts_in_year], kinds={"duckdb", "great_expectations"},
                 description=DESCRIPTIONS[extract],
                 check_specs=extract_check_specs(extract, key))
    def _asset(context: dg.AssetExecutionContext, settings: WresSettings) -> dg.MaterializeResult:
        return ingest_extract(context, settings, extract)

    return _asset


esr_staff_in_post = staging_asset("esr_staff_in_post")
trust_return = staging_asset("trust_return")
staff_survey = staging_asset("staff_survey")

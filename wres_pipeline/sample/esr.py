"""Draw the ESR staff-in-post extract: people, their ethnic category and their assignments.

Each person belongs to one trust, holds one main assignment (a national cell: clinical flag,
role group and grade) and sometimes more; ethnicity is drawn once per person from the cell's
unknown share and the calibrated BME model, then coded as ESR holds it.
"""

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wres_pipeline.reference import table
from wres_pipeline.sample.model import BME_SUBGROUPS, YearModel, reference_frame
from wres_pipeline.sample.randomness import expit, splitmix64, stream

WHITE, BME, UNKNOWN = 0, 1, 2
# National codes within each group. The split of White and of each BME subgroup into codes is
# assumed (ESR's published tables stop at the five ONS groups); unknowns mix Z, 99, X and blank.
WHITE_CODES = (("A", 0.78), ("B", 0.02), ("C", 0.20))
SUBGROUP_CODES = {
    "asian": (("H", 0.45), ("J", 0.15), ("K", 0.05), ("L", 0.35)),
    "black": (("M", 0.20), ("N", 0.65), ("P", 0.15)),
    "chinese": (("R", 1.0),),
    "mixed": (("D", 0.25), ("E", 0.15), ("F", 0.25), ("G", 0.35)),
    "other": (("S", 1.0),),
}
UNKNOWN_CODES = (("Z", 0.55), ("99", 0.25), ("", 0.15), ("X", 0.05))
LOCAL_SUBCODE_SHARE = 0.08
LOCAL_SUBCODES = np.array(list("123456789ABCDEFGHJKLMNPQRSTUVWXY"))
EXTRA_ASSIGNMENTS = ((0, 0.93), (1, 0.06), (2, 0.01))
HONORARY_SHARE = 0.01


@dataclass(frozen=True)
class EsrSample:
    """The extract and the truth the other extracts are drawn from."""

    table: pa.Table  # the rows as they will be written (all text)
    group_headcount: np.ndarray  # trusts x (white, bme, unknown): people in scope


def _pick(rng: np.random.Generator, choices, size: int) -> np.ndarray:
    codes = np.array([code for code, _ in choices], dtype=object)
    weights = np.array([weight for _, weight in choices])
    return codes[rng.choice(len(codes), size=size, p=weights / weights.sum())]


def _draw_cells(rng, model: YearModel, trust_of_person: np.ndarray) -> np.ndarray:
    cells = np.empty(len(trust_of_person), dtype=np.int64)
    types = model.trusts["trust_type"].to_numpy()[trust_of_person]
    for trust_type, probs in model.cell_probs.items():
        mask = types == trust_type
        cells[mask] = np.searchsorted(np.cumsum(probs), rng.random(mask.sum()) * probs.sum())
    return np.minimum(cells, len(model.cells) - 1)


def _ethnic_categories(rng, model: YearModel, trust_idx, cell_idx) -> tuple[np.ndarray, np.ndarray]:
    trusts, cells = model.trusts, model.cells
    unknown_p = np.minimum(0.9, trusts["unknown_factor"].to_numpy()[trust_idx] *
                           cells["unknown_share"].to_numpy()[cell_idx])
    bme_p = expit(model.alpha + trusts["bme_effect"].to_numpy()[trust_idx] +
                  cells["bme_delta"].to_numpy()[cell_idx])
    n = len(trust_idx)
    group = np.where(rng.random(n) < unknown_p, UNKNOWN,
                     np.where(rng.random(n) < bme_p, BME, WHITE))
    codes = np.empty(n, dtype=object)
    codes[group == WHITE] = _pick(rng, WHITE_CODES, int((group == WHITE).sum()))
    codes[group == UNKNOWN] = _pick(rng, UNKNOWN_CODES, int((group == UNKNOWN).sum()))
    # BME people take the subgroup mix of their own cell (grade and role).
    mix = cells[list(BME_SUBGROUPS)].to_numpy(dtype=float) + 1e-9
    cumulative = np.cumsum(mix / mix.sum(axis=1, keepdims=True), axis=1)
    bme_rows = np.flatnonzero(group == BME)
    subgroup = (rng.random(len(bme_rows))[:, None] > cumulative[cell_idx[bme_rows]]).sum(axis=1)
    for index, name in enumerate(BME_SUBGROUPS):
        rows = bme_rows[subgroup == index]
        codes[rows] = _pick(rng, SUBGROUP_CODES[name], len(rows))
    local = (rng.random(n) < LOCAL_SUBCODE_SHARE) & (group != UNKNOWN)
    codes[local] = codes[local] + LOCAL_SUBCODES[rng.integers(0, len(LOCAL_SUBCODES), local.sum())]
    return codes, group


def _staff_groups(rng, role_groups: np.ndarray) -> np.ndarray:
    mapping = reference_frame("calibration/role_group_staff_groups.csv")
    out = np.empty(len(role_groups), dtype=object)
    for role, rows in mapping.groupby("role_group", sort=True):
        mask = role_groups == role
        out[mask] = _pick(rng, list(zip(rows["esr_staff_group"], rows["share"], strict=True)),
                          int(mask.sum()))
    return out


def _extra_cells(rng, model: YearModel, main_cells: np.ndarray) -> np.ndarray:
    """Cells of second and third assignments: the same post 60% of the time, else another grade
    in the same role group."""
    cells = model.cells
    out = main_cells.copy()
    move = rng.random(len(main_cells)) >= 0.6
    roles = cells["role_group"].to_numpy()
    for role in sorted(set(roles[main_cells[move]])):
        members = np.flatnonzero(roles == role)
        weights = cells["headcount"].to_numpy()[members].astype(float)
        rows = np.flatnonzero(move & (roles[main_cells] == role))
        out[rows] = members[rng.choice(len(members), size=len(rows), p=weights / weights.sum())]
    return out


def generate(model: YearModel, seed: int) -> EsrSample:
    """The year's ESR extract, sorted by trust then person."""
    rng = stream(seed, model.year, "esr")
    counts = model.trusts["headcount"].to_numpy()
    trust_idx = np.repeat(np.arange(len(counts)), counts)
    n_people = len(trust_idx)
    cell_idx = _draw_cells(rng, model, trust_idx)
    ethnic, group = _ethnic_categories(rng, model, trust_idx, cell_idx)
    staff_group = _staff_groups(rng, model.cells["role_group"].to_numpy()[cell_idx])

    extra = rng.choice([k for k, _ in EXTRA_ASSIGNMENTS], size=n_people,
                       p=[p for _, p in EXTRA_ASSIGNMENTS])
    honorary = rng.random(n_people) < HONORARY_SHARE
    person = np.concatenate([np.arange(n_people), np.flatnonzero(extra >= 1),
                             np.flatnonzero(extra >= 2), np.flatnonzero(honorary)])
    number = np.concatenate([np.ones(n_people, int), np.full((extra >= 1).sum(), 2),
                             np.full((extra >= 2).sum(), 3), 2 + extra[honorary]])
    kind = np.concatenate([np.zeros(n_people, int), np.ones((extra >= 1).sum() +
                                                             (extra >= 2).sum(), int),
                           np.full(honorary.sum(), 2)])
    cells = np.concatenate([cell_idx, _extra_cells(rng, model, cell_idx[person[n_people:]][
        : (extra >= 1).sum() + (extra >= 2).sum()]), cell_idx[honorary]])
    order = np.lexsort((number, person))
    person, number, kind, cells = person[order], number[order], kind[order], cells[order]
    return EsrSample(
        table=_as_table(rng, model, seed, trust_idx, person, number, kind, cells, ethnic,
                        staff_group),
        group_headcount=np.stack([np.bincount(trust_idx[group == g], minlength=len(counts))
                                  for g in (WHITE, BME, UNKNOWN)], axis=1),
    )


def _as_table(rng, model, seed, trust_idx, person, number, kind, cells, ethnic, staff_group):
    n = len(person)
    grades = model.cells["esr_grade"].to_numpy()[cells]
    medical = np.isin(grades, [r["esr_grade"] for r in table("pay_grades")
                               if r["family"] == "medical"])
    category = np.where(medical, _pick(rng, (("Permanent", 0.80), ("Fixed Term Temp", 0.15),
                                             ("Locum", 0.05)), n),
                        _pick(rng, (("Permanent", 0.90), ("Fixed Term Temp", 0.10)), n))
    category[kind == 2] = "Honorary"
    fte = np.where(rng.random(n) < 0.62, 1.0, np.round(rng.uniform(0.1, 0.99, n), 2))
    fte = np.where(kind == 0, fte, np.round(rng.uniform(0.05, 0.5, n), 2))
    keys = splitmix64(np.uint64(seed * 1_000_003 + model.year) * np.uint64(1 << 32) +
                      np.arange(len(trust_idx), dtype=np.uint64))
    ids = pa.array([f"{k:016X}" for k in keys.tolist()], pa.string())
    person_ids = pc.take(ids, pa.array(person))
    codes = model.trusts["organisation_code"].to_numpy(dtype=object)[trust_idx[person]]
    return pa.table({
        "snapshot_date": pa.array([f"{model.year}-03-31"] * n, pa.string()),
        "organisation_code": pa.array(codes, pa.string()),
        "person_id": person_ids,
        "assignment_id": pc.binary_join_element_wise(
            person_ids, pc.cast(pa.array(number), pa.string()), "-"),
        "ethnic_category": pa.array(ethnic[person], pa.string()),
        "pay_grade": pa.array(grades, pa.string()),
        "staff_group": pa.array(staff_group[person], pa.string()),
        "clinical": pa.array(model.cells["clinical"].to_numpy()[cells], pa.string()),
        "assignment_category": pa.array(category, pa.string()),
        "fte": pc.cast(pa.array(fte), pa.string()),
    })

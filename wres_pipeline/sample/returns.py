"""Draw each trust's WRES return from its true ESR headcount by ethnic group.

Rates vary from trust to trust around national levels; each trust's relative likelihood is
drawn on the log scale around the year's published national figure, with the spread corrected so
the pooled national ratio stays on target. Small trusts get small, noisy counts, as in life.
"""

import numpy as np
import pyarrow as pa

from wres_pipeline.sample.esr import BME, WHITE, EsrSample
from wres_pipeline.sample.model import YearModel, target
from wres_pipeline.sample.randomness import expit, logit, stream

GROUP_LABELS = ("White", "BME", "Unknown")
SPREAD = {"rl2": 0.25, "rl3": 0.35, "rl4": 0.25}
SHORTLISTED_PER_HEAD = 0.45
WHITE_APPOINTMENT_RATE = 0.30
WHITE_DISCIPLINARY_RATE = 0.0075
WHITE_TRAINING_RATE = 0.45


def _ratio(rng, goal: float, spread: float, n: int, inverse: bool) -> np.ndarray:
    """Per-trust ratios around `goal` whose mean (or mean inverse) equals the goal."""
    z = rng.normal(0.0, spread, n)
    shift = spread**2 / 2
    return goal * np.exp(z + (shift if inverse else -shift))


def generate(model: YearModel, esr: EsrSample, seed: int) -> dict[str, pa.Table]:
    """One return table per trust code, rows White, BME, Unknown, all values as text."""
    rng = stream(seed, model.year, "returns")
    heads = esr.group_headcount.astype(float)
    n = len(heads)
    known = heads[:, WHITE] + heads[:, BME]
    bme_known = np.clip(heads[:, BME] / np.maximum(known, 1), 0.01, 0.95)

    shortlisted_total = rng.poisson(heads.sum(axis=1) * SHORTLISTED_PER_HEAD *
                                    np.exp(rng.normal(0, 0.3, n)))
    # BME applicants are over-represented among those shortlisted relative to the workforce.
    bme_share = expit(logit(bme_known) + 0.6)
    unknown_share = np.clip(rng.normal(0.03, 0.01, n), 0.0, 0.2)
    shares = np.stack([(1 - unknown_share) * (1 - bme_share), (1 - unknown_share) * bme_share,
                       unknown_share], axis=1)
    shortlisted = np.stack([rng.multinomial(total, p) for total, p in
                            zip(shortlisted_total, shares, strict=True)])

    white_rate = np.clip(WHITE_APPOINTMENT_RATE * np.exp(rng.normal(0, 0.2, n)), 0.02, 0.9)
    rl2 = _ratio(rng, target(model.year, "rl2_appointment"), SPREAD["rl2"], n, inverse=True)
    appoint_rate = np.stack([white_rate, white_rate / rl2, white_rate * 0.9], axis=1)
    appointed = rng.binomial(shortlisted, np.clip(appoint_rate, 0, 1))

    white_disc = WHITE_DISCIPLINARY_RATE * np.exp(rng.normal(0, 0.3, n))
    rl3 = _ratio(rng, target(model.year, "rl3_disciplinary"), SPREAD["rl3"], n, inverse=False)
    disciplinary = rng.binomial(heads.astype(int),
                                np.clip(np.stack([white_disc, white_disc * rl3, white_disc],
                                                 axis=1), 0, 1))

    white_train = np.clip(WHITE_TRAINING_RATE * np.exp(rng.normal(0, 0.3, n)), 0.02, 0.95)
    rl4 = _ratio(rng, target(model.year, "rl4_training"), SPREAD["rl4"], n, inverse=True)
    training = rng.binomial(heads.astype(int),
                            np.clip(np.stack([white_train, white_train / rl4, white_train],
                                             axis=1), 0, 1))

    voting, executive = _board(rng, model, bme_known, n)
    declared = np.round(heads * np.exp(np.where(rng.random(n) < 0.05, rng.normal(0, 0.05, n),
                                                rng.normal(0, 0.005, n)))[:, None]).astype(int)
    # A trust counts its own staff: no more trained or in a disciplinary process than it
    # declares (a declared headcount a little below ESR's would otherwise allow it).
    training = np.minimum(training, declared)
    disciplinary = np.minimum(disciplinary, declared)
    counts = {
        "shortlisted_applicants": shortlisted,
        "appointed_from_shortlisting": appointed,
        "entered_formal_disciplinary": disciplinary,
        "accessed_non_mandatory_training": training,
        "board_voting_members": voting,
        "board_executive_members": executive,
        "declared_headcount": declared,
    }
    codes = model.trusts["organisation_code"].tolist()
    return {code: pa.table({
        "reporting_year": [str(model.year)] * 3,
        "organisation_code": [code] * 3,
        "ethnic_group": list(GROUP_LABELS),
        **{name: [str(int(v)) for v in values[i]] for name, values in counts.items()},
    }) for i, code in enumerate(codes)}


def _board(rng, model: YearModel, bme_known: np.ndarray, n: int):
    """Board voting members by group and, among them, the executive members; the BME share
    tracks the trust's workforce, scaled so the national share meets the year's published
    figure."""
    voting_total = rng.integers(10, 17, n)
    executive_total = rng.integers(5, 9, n)
    relative = bme_known**0.8
    goal = target(model.year, "board_bme_pct") / 100
    p_bme = np.clip(relative * goal / np.average(relative, weights=voting_total), 0, 0.9)
    p = np.stack([(1 - p_bme) * 0.98, p_bme * 0.98, np.full(n, 0.02)], axis=1)
    voting = np.stack([rng.multinomial(t, row) for t, row in zip(voting_total, p, strict=True)])
    # Executive members are some of the voting members (the rest are non-executive).
    executive = np.stack([rng.multivariate_hypergeometric(row, min(t, row.sum()))
                          for t, row in zip(executive_total, voting, strict=True)])
    return voting, executive

"""Deterministic random streams: one independent numpy generator per (seed, year, purpose).

Each purpose ("esr", "returns", ...) gets its own stream so that changing how one extract is
drawn never shifts the numbers of another; the same seed always gives the same bytes.
"""

import zlib

import numpy as np

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def stream(seed: int, year: int, purpose: str) -> np.random.Generator:
    """The generator for one purpose of one year."""
    return np.random.default_rng([seed, year, zlib.crc32(purpose.encode())])


def splitmix64(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a bijection on 64-bit integers, so distinct inputs stay distinct."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return (z ^ (z >> np.uint64(31))) & _MASK


def expit(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def logit(p: np.ndarray) -> np.ndarray:
    return np.log(p / (1.0 - p))

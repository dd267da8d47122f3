#!/usr/bin/env python3
"""Reference values for counterfair's statistics module, from scipy and statsmodels.

Writes test/fixtures/stats-reference.json, which test/metrics/stats-reference.test.ts compares
against to 1e-6 (the test suite itself needs no Python). Run from the repository root with the
system Python that has Debian's packages (apt-get install python3-scipy python3-statsmodels;
the fixture records the versions it was made with):

    python3 scripts/stats-reference.py

Where a value depends on random draws (the percentile bootstrap, the Monte Carlo sign-flip
test), this script replays counterfair's generator (xoshiro128** seeded as in
src/shared/rng.ts) to make the same draws, and computes the result from those draws the
way numpy.percentile and scipy.stats.permutation_test do.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

warnings.simplefilter("ignore")
OUT = "test/fixtures/stats-reference.json"
M32 = 0xFFFFFFFF


# --- counterfair's generator, replayed (src/shared/rng.ts) ---------------------------

def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


def xoshiro128ss(state):
    a, b, c, d = state

    def next_u32():
        nonlocal a, b, c, d
        result = (rotl((b * 5) & M32, 7) * 9) & M32
        t = (b << 9) & M32
        c ^= a
        d ^= b
        b ^= c
        a ^= d
        c ^= t
        d = rotl(d, 11)
        return result

    return next_u32


def splitmix32(seed):
    s = seed & M32

    def nxt():
        nonlocal s
        s = (s + 0x9E3779B9) & M32
        z = s
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
        return (z ^ (z >> 16)) & M32

    return nxt


class Rng:
    def __init__(self, seed):
        init = splitmix32(seed)
        self.u32 = xoshiro128ss([init(), init(), init(), init()])

    def next(self):
        return ((self.u32() >> 5) * 67108864 + (self.u32() >> 6)) / 9007199254740992

    def int(self, n):
        return math.floor(self.next() * n)


# --- helpers --------------------------------------------------------------------------------

def num(v):
    """A float as JSON allows: NaN becomes null, infinities the strings "inf" and "-inf"."""
    if v is None:
        return None
    v = float(v)
    if math.isnan(v):
        return None
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


gen = np.random.default_rng(20240601)


def probs(n):
    return [float(v) for v in gen.random(n)]


def dyadic(values):
    """Values that are exact in binary, so that their differences tie exactly."""
    return [float(v) / 16 for v in values]


# --- paired data sets ----------------------------------------------------------------------

zeros_x = probs(10)
zeros_y = probs(10)
zeros_y[2] = zeros_x[2]
zeros_y[7] = zeros_x[7]
PAIRED = {
    "no_ties": (probs(8), probs(8)),
    "ties": (dyadic([12, 9, 15, 4, 10, 13, 8, 11, 6, 14]), dyadic([10, 11, 12, 6, 7, 9, 5, 8, 3, 10])),
    "zeros": (zeros_x, zeros_y),
    "zeros_and_ties": (dyadic([8, 9, 10, 11, 12, 5, 6]), dyadic([8, 7, 10, 13, 10, 5, 9])),
    "n1": ([0.8], [0.3]),
    "n2": ([0.8, 0.4], [0.3, 0.5]),
    "n5": (probs(5), probs(5)),
    "n50": (probs(50), probs(50)),
    "n60": (probs(60), probs(60)),
    "n20_dyadic": (dyadic([3, 9, 4, 12, 7, 7, 10, 2, 15, 8, 5, 11, 6, 9, 13, 4, 10, 8, 12, 7]),
                   dyadic([5, 6, 4, 9, 9, 3, 12, 6, 10, 8, 7, 6, 6, 11, 9, 8, 7, 5, 13, 2])),
    "all_equal": ([0.5] * 6, [0.5] * 6),
    "constant_difference": (dyadic([9, 10, 11, 12]), dyadic([5, 6, 7, 8])),
    "one_nonzero": (dyadic([4, 4, 4, 9]), dyadic([4, 4, 4, 5])),
}
SIGN_FLIP_EXACT_MAX_N = 20
MC_RESAMPLES = 999
MC_SEED = 7


def paired_case(name, x, y):
    x, y = np.array(x), np.array(y)
    d = x - y
    t = stats.ttest_rel(x, y)
    case = {"name": name, "x": x.tolist(), "y": y.tolist(),
            "ttest_rel": {"statistic": num(t.statistic), "p": num(t.pvalue)}}

    nonzero = d[d != 0]
    tied = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(nonzero) == 0:
        case["wilcoxon"] = {"statistic": None, "p": None, "scipy": "ValueError: every difference is zero"}
    else:
        # scipy's default is exact whenever n <= 50 without zeros, ties or not; with ties that
        # distribution does not hold, so the reference for tied data is method="approx".
        method = "approx" if tied else "auto"
        w = stats.wilcoxon(x, y, method=method)
        used = "exact" if method == "auto" and len(d) <= 50 and len(nonzero) == len(d) else "approx"
        case["wilcoxon"] = {"statistic": num(w.statistic), "p": num(w.pvalue), "method": used,
                            "scipy": f"wilcoxon(x, y, method={method!r})"}

    n = len(d)
    if n < 2:
        case["sign_flip"] = {"statistic": num(np.mean(d)), "p": None, "method": "exact",
                             "scipy": "ValueError: permutation_test needs two or more observations"}
    elif n <= SIGN_FLIP_EXACT_MAX_N:
        r = stats.permutation_test((d,), lambda v, axis: np.mean(v, axis=axis), permutation_type="samples",
                                   vectorized=True, n_resamples=np.inf, alternative="two-sided")
        case["sign_flip"] = {"statistic": num(r.statistic), "p": num(r.pvalue), "method": "exact",
                             "scipy": "permutation_test((d,), mean, permutation_type='samples', n_resamples=inf)"}
    else:
        case["sign_flip"] = sign_flip_monte_carlo(d)
    return case


def sign_flip_monte_carlo(d):
    """scipy.stats.permutation_test's Monte Carlo p-value over counterfair's random sign patterns."""
    rng = Rng(MC_SEED)
    n = len(d)
    null = []
    for _ in range(MC_RESAMPLES):
        s = 0.0
        bits = 0
        for i in range(n):
            if i % 32 == 0:
                bits = rng.int(4294967296)
            s += -d[i] if (bits >> (i % 32)) & 1 else d[i]
        null.append(s / n)
    null = np.array(null)
    observed = np.mean(d)
    gamma = max(1e-14, abs(1e-14 * observed))
    less = (np.sum(null <= observed + gamma) + 1) / (MC_RESAMPLES + 1)
    greater = (np.sum(null >= observed - gamma) + 1) / (MC_RESAMPLES + 1)
    return {"statistic": num(observed), "p": num(min(1.0, 2 * min(less, greater))), "method": "monte_carlo",
            "seed": MC_SEED, "resamples": MC_RESAMPLES,
            "scipy": "permutation_test's two-sided Monte Carlo p-value over the same sign patterns"}


# --- the rest --------------------------------------------------------------------------------

def bootstrap_case(name, rows, seed, resamples, confidence):
    """Percentile bootstrap of the column means and their spread (max − min), resampling rows."""
    rows = np.array(rows)
    rng = Rng(seed)
    n = len(rows)
    draws = []
    for _ in range(resamples):
        w = np.zeros(n)
        for _ in range(n):
            w[rng.int(n)] += 1
        means = (w[:, None] * rows).sum(axis=0) / w.sum()
        draws.append(list(means) + [means.max() - means.min()])
    draws = np.array(draws)
    alpha = (1 - confidence) / 2
    intervals = [[num(np.percentile(draws[:, k], 100 * alpha)), num(np.percentile(draws[:, k], 100 * (1 - alpha)))]
                 for k in range(draws.shape[1])]
    return {"name": name, "rows": rows.tolist(), "seed": seed, "resamples": resamples, "confidence": confidence,
            "intervals": intervals}


def adjust_case(name, ps):
    return {"name": name, "p": ps,
            "holm": [num(v) for v in multipletests(ps, method="holm")[1]],
            "bh": [num(v) for v in multipletests(ps, method="fdr_bh")[1]]}


def first_outputs(next_u32, k):
    return [next_u32() for _ in range(k)]


def main():
    rng1 = Rng(1)
    fixture = {
        "generated_by": "scripts/stats-reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "rng": {
            "xoshiro128ss_1_2_3_4": first_outputs(xoshiro128ss([1, 2, 3, 4]), 8),
            "seed_1_next": [rng1.next() for _ in range(4)],
            "seed_1_int_10": [rng1.int(10) for _ in range(8)],
        },
        "normal": [{"z": z, "sf": num(stats.norm.sf(z)), "cdf": num(stats.norm.cdf(z))}
                   for z in [-8, -3, -1.5, 0, 0.5, 1.959963984540054, 5, 10, 37]],
        "normal_quantile": [{"p": p, "ppf": num(stats.norm.ppf(p))}
                            for p in [1e-300, 1e-10, 0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 1 - 1e-12]],
        "student_t": [{"t": t, "df": df, "sf": num(stats.t.sf(t, df)), "two_sided": num(2 * stats.t.sf(abs(t), df))}
                      for t, df in [(0, 1), (1, 1), (-2, 3), (2.5, 7), (10, 4), (50, 2), (1000, 30), (0.3, 1000),
                                    (3, 49), (0.001, 5), (4, 0.5), (-6.2, 12), (1.5, 1e5)]],
        "betainc": [{"a": a, "b": b, "x": x, "value": num(special.betainc(a, b, x))}
                    for a, b, x in [(0.5, 0.5, 0.3), (2, 3, 0.4), (10, 0.5, 0.99), (100, 0.5, 0.9), (5, 5, 0.5),
                                    (0.1, 10, 0.001), (500, 0.5, 0.999), (3, 0.5, 1e-6)]],
        "gammaincc": [{"a": a, "x": x, "value": num(special.gammaincc(a, x))}
                      for a, x in [(0.5, 0.1), (0.5, 2), (0.5, 50), (3, 2.5), (10, 20), (1, 1e-5), (25, 10)]],
        "lgamma": [{"x": x, "value": num(special.gammaln(x))} for x in [0.1, 0.5, 1, 1.5, 2, 7.25, 30, 1000, 1e6]],
        "wilson": [{"successes": k, "n": n, "confidence": c,
                    "ci": [num(v) for v in proportion_confint(k, n, alpha=1 - c, method="wilson")]}
                   for k, n, c in [(0, 5, 0.95), (5, 5, 0.95), (2, 3, 0.95), (1, 1, 0.9), (17, 50, 0.99), (0, 1, 0.95),
                                   (123, 1000, 0.95), (3, 10, 0.8)]],
        "variance": [{"x": x, "ddof0": num(np.var(x, ddof=0)), "ddof1": num(np.var(x, ddof=1)) if len(x) > 1 else None}
                     for x in [[0.2], [0.1, 0.9], [0.25, 0.25, 0.25], probs(5), probs(50)]],
        "ranks": [{"x": x, "ranks": [num(v) for v in stats.rankdata(x)]}
                  for x in [[3, 1, 2], [0.5, 0.25, 0.5, 0.125, 0.5], [1.0] * 4, [7.0]]],
        "paired": [paired_case(name, x, y) for name, (x, y) in PAIRED.items()],
        "bootstrap": [
            bootstrap_case("three_groups", [[0.9, 0.2, 0.6], [0.7, 0.4, 0.6], [0.8, 0.6, 0.6], [0.5, 0.1, 0.3]], 1, 500, 0.95),
            bootstrap_case("n1", [[0.3, 0.8]], 3, 200, 0.9),
            bootstrap_case("n50", [[a, b] for a, b in zip(probs(50), probs(50))], 11, 300, 0.95),
            bootstrap_case("all_equal", [[0.5, 0.7]] * 5, 2, 100, 0.95),
        ],
        "adjust": [
            adjust_case("no_ties", [0.01, 0.04, 0.03, 0.2, 0.0005]),
            adjust_case("ties", [0.02, 0.02, 0.04, 0.5, 0.5, 0.001]),
            adjust_case("n1", [0.03]),
            adjust_case("n5", [round(v, 6) for v in probs(5)]),
            adjust_case("n50", [v ** 3 for v in probs(50)]),
            adjust_case("all_equal", [0.3, 0.3, 0.3, 0.3]),
            adjust_case("bounds", [0.0, 1.0, 0.6, 0.0]),
        ],
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

/**
 * The statistics module: small pure functions, each documented with its algorithm and the
 * reference implementation it matches (test/fixtures/stats-reference.json, computed by
 * scripts/stats-reference.py with scipy and statsmodels).
 */
export { benjaminiHochbergAdjust, holmAdjust } from './adjust.js';
export { percentileBootstrap, type BootstrapOptions } from './bootstrap.js';
export { averageRanks, mean, quantileSorted, variance } from './descriptive.js';
export { normalCdf, normalQuantile, normalSf, studentTSf, studentTTwoSided } from './distributions.js';
export { pairedTTest } from './paired-t.js';
export { PERMUTATION_EXACT_MAX, permutationTest, type PermutationOptions, type PermutationOutcome } from './permutation.js';
export { createRng, streamSeed, xoshiro128ss, type Rng } from '../../shared/rng.js';
export { SIGN_FLIP_EXACT_MAX_N, signFlipTest, type SignFlipOptions } from './sign-flip.js';
export { logBeta, logGamma, regularizedBeta, regularizedGammaQ } from './special.js';
export { RELATIVE_TIE, tieTolerance } from './ties.js';
export type { Interval, TestOutcome } from './types.js';
export { wilcoxonSignedRank, type PairedTestOptions } from './wilcoxon.js';
export { wilsonInterval, wilsonIntervalOfShare } from './wilson.js';

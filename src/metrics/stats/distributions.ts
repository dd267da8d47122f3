/** Distribution functions: the standard normal and Student's t. */
import { regularizedBeta, regularizedGammaQ } from './special.js';

/**
 * Upper tail of the standard normal, P(Z > z) = erfc(z/√2)/2, with erfc(u) = Q(1/2, u²)
 * (Abramowitz & Stegun 7.1.2, 6.5.17), so far tails keep their relative precision
 * (matches scipy.stats.norm.sf).
 */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalSf of NaN');
  const q = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? q : 1 - q;
}

/** The standard normal CDF, P(Z ≤ z) (matches scipy.stats.norm.cdf). */
export function normalCdf(z: number): number {
  return normalSf(-z);
}

/**
 * Inverse of the standard normal CDF: Wichura's algorithm AS 241 (PPND16), accurate to about
 * 1e-16 (matches scipy.stats.norm.ppf; simple-statistics' probit is off in the third decimal).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}

/**
 * Upper tail of Student's t with `df` degrees of freedom, P(T > t) = I_x(ν/2, 1/2)/2 for t ≥ 0,
 * x = ν/(ν + t²) (Abramowitz & Stegun 26.7.1 via the incomplete beta; matches
 * scipy.stats.t.sf). Exact, not a table lookup.
 */
export function studentTSf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Student t needs df > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('studentTSf of NaN');
  const half = 0.5 * studentTTwoSided(t, df);
  return t >= 0 ? half : 1 - half;
}

/** Two-sided tail P(|T| ≥ |t|) of Student's t with `df` degrees of freedom. */
export function studentTTwoSided(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Student t needs df > 0, got ${df}`);
  const t2 = t * t;
  if (t2 === Infinity) return 0;
  if (t2 === 0) return 1;
  // Both x and 1 − x are formed directly, so neither tail loses digits to cancellation.
  return regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/**
 * How long each stage of a run took. Kept out of results.json (which must be byte-identical
 * across runs apart from `created_at`) and written beside it as timings.json (schema.ts).
 */
import { TIMINGS_SCHEMA, type Timings } from './schema.js';

/** Measures consecutive stages: each `lap` records the time since the previous one. */
export class Stopwatch {
  readonly stages: Record<string, number> = {};
  #last = performance.now();

  /** Records the time since the last lap (or since creation) under `stage`. */
  lap(stage: string): void {
    const now = performance.now();
    this.stages[stage] = Math.round((now - this.#last) * 10) / 10;
    this.#last = now;
  }

  /** The laps as timings.json holds them. */
  toTimings(): Timings {
    return { schema: TIMINGS_SCHEMA, stages: { ...this.stages }, environment: `node ${process.version} ${process.platform} ${process.arch}` };
  }
}

/**
 * Results stage: the contract between the run and everything that reads it. It sits after gate
 * and before report:
 *
 *   … ─► metrics ─► gate ─► results ─► report, compare
 *
 * One zod schema per file a run writes (results.json `counterfair/results@2`, a sentences.csv
 * row, timings.json); the TypeScript types reports and compare read are inferred from them; the
 * functions that write those files and read them back (a version 1 results.json read as
 * version 2). The one door of the stage: other stages import only from here.
 */
export {
  RESULTS_SCHEMA,
  RESULTS_SCHEMA_V1,
  ResultsSchema,
  SentenceRowSchema,
  TIMINGS_SCHEMA,
  TimingsSchema,
  type AuditResults,
  type AxisResult,
  type Breakdown,
  type GateResult,
  type GateStatus,
  type GroupResult,
  type Interval,
  type LabelResult,
  type MetricValue,
  type ModelRecord,
  type SentenceRow,
  type TemplateInfo,
  type TestResult,
  type Timings,
  type Verdict,
} from './schema.js';
export { asResults, type ListedIn, type Unlisted } from './contract.js';
export { readResults, readRun, resultsFileOf, type StoredRun } from './read.js';
export { upgradeResults } from './upgrade.js';
export { resultsJson, timingsJson } from './write.js';
export { readSentencesCsv, renderSentencesCsv } from './sentences-csv.js';
export { Stopwatch } from './timings.js';
export { RESULTS_MESSAGES, type ResultsMessageId } from './messages.js';

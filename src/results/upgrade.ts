/**
 * Older versions of results.json read as the current one, so runs from before an upgrade can
 * still be re-rendered and compared. The step rewrites the parsed JSON before the schema checks
 * it; a file of the current version passes through untouched.
 */
import { z } from 'zod';
import { overallVerdict } from '../gate/index.js';
import { GateResultSchema, RESULTS_SCHEMA, RESULTS_SCHEMA_V1 } from './schema.js';

/** What the verdict is derived from; the schema checks the rest of each gate afterwards. */
const GateOutcomesSchema = z.array(GateResultSchema.pick({ status: true, severity: true }));

/**
 * Version 1 (counterfair 0.1) as version 2: its `passed` boolean, which read true for an audit
 * that could not decide, becomes the verdict its gates give.
 */
export function upgradeResults(data: unknown): unknown {
  if (!isRecord(data) || data['schema'] !== RESULTS_SCHEMA_V1) return data;
  const { passed: _passed, ...rest } = data;
  const gates = GateOutcomesSchema.safeParse(rest['gates']);
  return { ...rest, schema: RESULTS_SCHEMA, verdict: overallVerdict(gates.success ? gates.data : []) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

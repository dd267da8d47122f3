/** Test helpers: run the CLI in-process and capture what it prints. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/index.ts';
import { SpecIssueError } from '../src/shared/errors.ts';
import type { AxisResult, Interval, MetricValue } from '../src/metrics/index.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `counterfair <argv>` in this process. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'counterfair-test-'));
  made.push(dir);
  return dir;
}

/** The logistic function, in float64: what the planted-bias model computes in float32. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Path of a file under test/fixtures. */
export function fixture(name: string): string {
  return path.join('test', 'fixtures', name);
}

/** The audited label's groups of an axis result, as { name, n, mean, ci }. */
export function groupsOf(axis: AxisResult | undefined): { name: string; n: number; mean: number; ci: Interval | null }[] {
  return (axis?.labels[0]?.groups ?? []).map((g) => ({ name: g.name, n: g.n, mean: g.metrics['mean']?.value ?? NaN, ci: g.metrics['mean']?.ci ?? null }));
}

/** A metric of an axis result: label-independent ones first, then the audited label's. */
export function metricOf(axis: AxisResult | undefined, name: string): MetricValue {
  const m = axis?.metrics[name] ?? axis?.labels[0]?.metrics[name];
  if (!m) throw new Error(`no metric ${name} on axis ${axis?.name}`);
  return m;
}

/** The spec issues `fn` throws, as "path: message" lines; fails when it throws none. */
export function specIssues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SpecIssueError, String(err));
    return err.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
  assert.fail('expected spec issues');
}

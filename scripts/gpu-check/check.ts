/**
 * The measuring half of the GPU check (docs/gpu.md). `scripts/gpu-check.sh pack` bundles this
 * file into the check's archive as `check/check.mjs`; `scripts/gpu-check.sh run` unpacks the
 * archive on the GPU machine and runs it there with the archive's own Node:
 *
 * ```sh
 * node check/check.mjs --app DIR --bench FILE --work DIR --out FILE [--shape base|tiny] [--templates N] [--vulkan TEXT] [--gpu TEXT]
 * ```
 *
 * It builds the benchmark's DistilBERT-base-shaped model (seeded: the same bytes `npm run bench`
 * builds), writes the benchmark audit (N templates × every country), runs it with the bundled
 * `counterfair run` on WebGPU and on the CPU (one worker per core), and writes one JSON file:
 * the device and adapter each run used, sentences per second, and the largest difference between
 * their probabilities. A device that cannot run is recorded with its reason; only a CPU run that
 * fails makes the check fail.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDistilBertFolder } from '../models/distilbert-folder.js';
import { DISTILBERT_BASE, parameterCount, type DistilBertShape } from '../models/distilbert-onnx.js';
import { readSentencesCsv } from '../../src/results/index.js';

/** The model shapes the check can build: the benchmark's, and a tiny one for trying the check on a CPU. */
export const SHAPES: Record<string, DistilBertShape> = {
  base: DISTILBERT_BASE,
  tiny: { vocabSize: 1024, dim: 32, layers: 2, heads: 4, ffn: 64, maxPositions: 128, labels: 2 },
};

/** What the benchmark's audits are made of (written by the pack step from scripts/bench). */
export interface BenchInputs {
  templates: string[];
  /** The vocabulary's words, first seen first: the templates' and the countries' words. */
  words: string[];
}

/** One device's run. */
export type DeviceRun =
  | {
      available: true;
      device: string;
      adapter?: string;
      workers: number;
      threads: number;
      /** Loading the model and starting the sessions (the device probe included), seconds. */
      load_s: number;
      /** Classifying every distinct sentence, seconds. */
      classify_s: number;
      sentences_per_s: number;
      /** The whole `counterfair run`, Node's start and the reports included, seconds. */
      wall_s: number;
    }
  | { available: false; reason: string };

/** The check's JSON. */
export interface GpuCheckResult {
  schema: 'counterfair/gpu-check@1';
  created_at: string;
  model: { shape: string; parameters: number; templates: number; sentences: number; distinct: number };
  machine: { cpus: number; memory_gib: number; node: string; onnxruntime_node: string; gpu: string | null; vulkan: string };
  runs: { webgpu: DeviceRun; cpu: DeviceRun };
  /** How far the WebGPU run's probabilities are from the CPU run's, over every sentence and label. */
  agreement: { max_abs_prob_diff: number; predicted_label_differences: number } | { skipped: string };
}

function arg(args: string[], name: string, fallback?: string): string {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? args[at + 1] : fallback;
  if (value === undefined) throw new Error(`gpu-check: --${name} is required`);
  return value;
}

/** The audit the benchmark runs (scripts/bench/setup.ts, writeBenchAudit), on `device`. */
export function benchAudit(templates: string[], modelDir: string, device: string): object {
  return {
    name: `GPU check: ${templates.length} templates × every country on ${device}`,
    model: { path: modelDir, label: 'POSITIVE', device },
    bootstrap: { resamples: 2000 },
    templates,
    axes: { country: { lexicon: 'countries' } },
    gates: [{ metric: 'gap', axis: 'country', max: 1 }],
  };
}

interface CliRun {
  code: number | null;
  stderr: string;
  wall_s: number;
}

function runCli(app: string, args: string[], timeoutS: number): Promise<CliRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(app, 'bin', 'counterfair.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: code === null ? `${stderr}\n(stopped after ${timeoutS} s)` : stderr, wall_s: (performance.now() - t0) / 1000 });
    });
  });
}

/** Reads what one `counterfair run` left: its device, timings, sentence counts, and probabilities. */
export function readRun(dir: string, run: CliRun): { result: DeviceRun; probs?: Map<string, number[]>; predicted?: Map<string, string>; counts?: { sentences: number; distinct: number } } {
  // 0 passed, 1 failed, 3 inconclusive: the audit ran; 2 (or a kill) means it could not.
  if (run.code !== 0 && run.code !== 1 && run.code !== 3) {
    // The first line that is not progress or a log line; `file:line:col: device webgpu: <reason>` → `<reason>`.
    const lines = run.stderr.split('\n').filter((l) => l.trim() !== '' && !/^(inference:|classified |\d+ sentences in|device auto:|wrote )/.test(l));
    const line = lines[0] ?? `exit code ${run.code}`;
    return { result: { available: false, reason: line.replace(/^.*?: device \w+: /, '') } };
  }
  const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as {
    model: { device: string; adapter?: string; labels: string[] };
    axes: { name: string; axes: string[] }[];
  };
  const timings = JSON.parse(readFileSync(path.join(dir, 'timings.json'), 'utf8')) as { stages: Record<string, number> };
  const inference = /inference: (\d+) workers? × (\d+) threads?/.exec(run.stderr);
  const counted = /(\d+) sentences in \d+ sets \((\d+) distinct\)/.exec(run.stderr);
  const distinct = Number(counted?.[2] ?? NaN);
  const classify = (timings.stages['classify'] ?? NaN) / 1000;
  const axes = results.axes.filter((a) => a.axes.length === 1).map((a) => a.name);
  const rows = readSentencesCsv(readFileSync(path.join(dir, 'sentences.csv'), 'utf8'), 'sentences.csv', axes, results.model.labels);
  return {
    result: {
      available: true,
      device: results.model.device,
      adapter: results.model.adapter,
      workers: Number(inference?.[1] ?? NaN),
      threads: Number(inference?.[2] ?? NaN),
      load_s: round((timings.stages['load_model'] ?? NaN) / 1000),
      classify_s: round(classify),
      sentences_per_s: round(distinct / classify),
      wall_s: round(run.wall_s),
    },
    probs: new Map(rows.map((r) => [r.sentence_id, r.probs])),
    predicted: new Map(rows.map((r) => [r.sentence_id, r.predicted])),
    counts: { sentences: Number(counted?.[1] ?? NaN), distinct },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The largest absolute difference between two runs' probabilities, and how many predicted labels differ. */
export function compareRuns(a: Map<string, number[]>, b: Map<string, number[]>, pa: Map<string, string>, pb: Map<string, string>): { max_abs_prob_diff: number; predicted_label_differences: number } {
  if (a.size !== b.size) throw new Error(`the runs scored ${a.size} and ${b.size} sentences`);
  let max = 0;
  let labels = 0;
  for (const [id, probs] of a) {
    const other = b.get(id);
    if (!other) throw new Error(`sentence ${id} is missing from one run`);
    probs.forEach((p, j) => (max = Math.max(max, Math.abs(p - (other[j] ?? Infinity)))));
    if (pa.get(id) !== pb.get(id)) labels++;
  }
  return { max_abs_prob_diff: max, predicted_label_differences: labels };
}

async function main(args: string[]): Promise<number> {
  const app = path.resolve(arg(args, 'app'));
  const work = path.resolve(arg(args, 'work'));
  const out = path.resolve(arg(args, 'out'));
  const shapeName = arg(args, 'shape', 'base');
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`gpu-check: --shape must be one of ${Object.keys(SHAPES).join(', ')}`);
  const bench = JSON.parse(readFileSync(arg(args, 'bench'), 'utf8')) as BenchInputs;
  const templates = bench.templates.slice(0, Number(arg(args, 'templates', String(bench.templates.length))));
  const timeoutS = Number(arg(args, 'timeout', '300'));
  const say = (line: string) => process.stderr.write(`gpu-check: ${line}\n`);

  const modelDir = path.join(work, 'model');
  if (!existsSync(path.join(modelDir, 'onnx', 'model.onnx'))) {
    say(`building the ${shapeName} DistilBERT-shaped model (${parameterCount(shape).toLocaleString('en')} parameters) into ${modelDir}`);
    writeDistilBertFolder(modelDir, shape, 1, bench.words);
  }
  const measure = async (device: 'webgpu' | 'cpu') => {
    const dir = path.join(work, device);
    mkdirSync(dir, { recursive: true });
    const spec = path.join(dir, 'audit.yaml');
    writeFileSync(spec, JSON.stringify(benchAudit(templates, modelDir, device), null, 2)); // JSON is YAML
    say(`running the audit on ${device}`);
    const run = await runCli(app, ['run', spec, '--out', path.join(dir, 'out'), '--no-cache'], timeoutS);
    for (const line of run.stderr.split('\n').filter((l) => l.trim() !== '')) process.stderr.write(`  ${device} | ${line}\n`);
    return readRun(path.join(dir, 'out'), run);
  };
  const webgpu = await measure('webgpu');
  const cpu = await measure('cpu');
  const ortVersion = (JSON.parse(readFileSync(path.join(app, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string }).version;
  const result: GpuCheckResult = {
    schema: 'counterfair/gpu-check@1',
    created_at: new Date().toISOString(),
    model: { shape: shapeName, parameters: parameterCount(shape), templates: templates.length, sentences: cpu.counts?.sentences ?? NaN, distinct: cpu.counts?.distinct ?? NaN },
    machine: {
      cpus: os.availableParallelism(),
      memory_gib: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      onnxruntime_node: ortVersion,
      gpu: arg(args, 'gpu', '') || null,
      vulkan: arg(args, 'vulkan', 'not given'),
    },
    runs: { webgpu: webgpu.result, cpu: cpu.result },
    agreement:
      webgpu.probs && cpu.probs && webgpu.predicted && cpu.predicted
        ? compareRuns(webgpu.probs, cpu.probs, webgpu.predicted, cpu.predicted)
        : { skipped: webgpu.result.available ? 'the CPU run failed' : 'WebGPU did not run' },
  };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  say(`wrote ${out}`);
  return cpu.result.available ? 0 : 1;
}

// Run as the bundled check/check.mjs (not when a test imports this module).
if (process.argv[1] !== undefined && /check\.(mjs|ts)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`gpu-check: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

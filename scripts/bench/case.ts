/**
 * One benchmark case, run as its own process so that its peak memory is its own:
 *
 * ```sh
 * tsx scripts/bench/case.ts naive '{"spec": "...", "stride": 5}'
 * tsx scripts/bench/case.ts raw '{"spec": "...", "workers": 2, "threads": 1, "batch": 32}'
 * tsx scripts/bench/case.ts generate-metrics '{"spec": "..."}'
 * ```
 *
 * Prints one JSON line: the sentences classified (or generated) and the seconds the work took,
 * timed from before the model loads to the last result (process start-up excluded; the
 * `counterfair run` case is timed from Node's start, which is stricter).
 *
 * @module
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AutoTokenizer, env, pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { loadSpec, resolveRunOptions, runAudit, type Classifier } from '../../src/index.js';
import { sentencesOf } from './setup.js';

interface CaseResult {
  sentences: number;
  seconds: number;
  /** User + system CPU seconds of the work (generate + metrics only). */
  cpu_seconds?: number;
}

type Case = (args: Record<string, unknown>) => Promise<CaseResult>;


const modelFolder = (spec: string) => path.resolve(path.dirname(spec), 'model');

const CASES: Record<string, Case> = {
  /** transformers.js `pipeline`, one sentence per call: what users write by hand. */
  async naive(args) {
    const stride = Number(args['stride'] ?? 1);
    const texts = sentencesOf(String(args['spec'])).filter((_, i) => i % stride === 0);
    env.allowRemoteModels = false;
    const t0 = performance.now();
    const pipe = (await pipeline('text-classification', modelFolder(String(args['spec'])), { device: 'cpu', dtype: 'fp32' })) as unknown as TextClassificationPipeline;
    for (const text of texts) await pipe(text, { top_k: null });
    const seconds = (performance.now() - t0) / 1000;
    await pipe.dispose();
    return { sentences: texts.length, seconds };
  },

  /**
   * onnxruntime-node by hand: sessions loading while this thread tokenizes once, inputs sorted by
   * length, batches of `batch` rows, on `workers` worker threads with `threads` threads each
   * (workers 0: one session in this thread).
   */
  async raw(args) {
    const texts = sentencesOf(String(args['spec']));
    const folder = modelFolder(String(args['spec']));
    const model = path.join(folder, 'onnx', 'model.onnx');
    const [workers, threads, batch] = [Number(args['workers']), Number(args['threads']), Number(args['batch'])];
    const t0 = performance.now();
    // The sessions load on the worker threads while this thread tokenizes, as counterfair does.
    const options = { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' } as const;
    const single = workers === 0 ? ort.InferenceSession.create(model, options) : undefined;
    const url = new URL('./raw-worker.ts', import.meta.url).href;
    const pool = Array.from({ length: workers }, () => new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: { model, threads } }));
    const ready = Promise.all(pool.map((w) => new Promise((r) => w.once('message', r))));
    const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
    const ids = texts.map((t) => (tokenizer(t, { truncation: true, return_tensor: false }) as { input_ids: number[] }).input_ids);
    const order = ids.map((_, i) => i).sort((a, b) => (ids[b] as number[]).length - (ids[a] as number[]).length);
    const batches: { ids: BigInt64Array; mask: BigInt64Array; dims: [number, number] }[] = [];
    for (let i = 0; i < order.length; i += batch) {
      const rows = order.slice(i, i + batch).map((k) => ids[k] as number[]);
      const width = Math.max(...rows.map((r) => r.length));
      const flat = new BigInt64Array(rows.length * width);
      const mask = new BigInt64Array(rows.length * width);
      rows.forEach((r, j) => r.forEach((id, k) => ((flat[j * width + k] = BigInt(id)), (mask[j * width + k] = 1n))));
      batches.push({ ids: flat, mask, dims: [rows.length, width] });
    }
    if (single) {
      const session = await single;
      for (const b of batches) await session.run({ input_ids: new ort.Tensor('int64', b.ids, b.dims), attention_mask: new ort.Tensor('int64', b.mask, b.dims) });
      await session.release();
    } else {
      await ready;
      let next = 0;
      await Promise.all(
        pool.map(async (w) => {
          while (next < batches.length) {
            const b = batches[next++] as (typeof batches)[number];
            await new Promise((r) => {
              w.once('message', r);
              w.postMessage(b);
            });
          }
        }),
      );
      await Promise.all(pool.map((w) => w.terminate()));
    }
    return { sentences: texts.length, seconds: (performance.now() - t0) / 1000 };
  },

  /** counterfair's pipeline without inference: generation, metrics (2,000 resamples), gates. */
  async 'generate-metrics'(args) {
    const loaded = loadSpec(String(args['spec']));
    // A classifier that answers at once, with a score that differs by sentence.
    const instant: Classifier = {
      labels: ['NEGATIVE', 'POSITIVE'],
      classify(texts) {
        return texts.map((text) => {
          let h = 0;
          for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 1009;
          const p = h / 1009;
          return { NEGATIVE: 1 - p, POSITIVE: p };
        });
      },
    };
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { sentences } = await runAudit(loaded, resolveRunOptions(loaded, { classifier: instant }));
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds too: on a machine shared with other work, wall time measures the neighbours.
    return { sentences: sentences.length, seconds: (performance.now() - t0) / 1000, cpu_seconds: (cpu.user + cpu.system) / 1e6 };
  },
};

const [name, json] = process.argv.slice(2);
const run = name ? CASES[name] : undefined;
if (!run) {
  console.error(`usage: tsx scripts/bench/case.ts <${Object.keys(CASES).join('|')}> '<json args>'`);
  process.exit(2);
}
console.log(JSON.stringify(await run(JSON.parse(json ?? '{}') as Record<string, unknown>)));

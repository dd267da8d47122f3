/** The GPU check's pieces that need no build: the audit it runs, the comparison, the bundle's reach. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { benchTemplates } from '../../scripts/bench/setup.ts';
import { benchAudit, compareRuns, SHAPES } from '../../scripts/gpu-check/check.ts';
import { bundleFiles, RUNTIME_PACKAGES } from '../../scripts/gpu-check/pack.ts';
import { DISTILBERT_BASE } from '../../scripts/models/distilbert-onnx.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { tempDir } from '../helpers.ts';

describe('the GPU check', () => {
  it('runs the benchmark’s audit and model on the device it names', () => {
    const audit = benchAudit(benchTemplates(), '/tmp/model', 'webgpu');
    const { spec } = parseSpec(JSON.stringify(audit), 'audit.yaml');
    assert.equal(spec.model.device, 'webgpu');
    assert.equal(spec.model.path, '/tmp/model');
    assert.equal(spec.templates.length, 51);
    assert.equal(spec.bootstrap.resamples, 2000);
    assert.deepEqual(SHAPES['base'], DISTILBERT_BASE);
  });

  it('compares two runs sentence by sentence: the largest probability difference and the labels that differ', () => {
    const a = new Map([
      ['s1', [0.25, 0.75]],
      ['s2', [0.5, 0.5]],
    ]);
    const b = new Map([
      ['s1', [0.2505, 0.7495]],
      ['s2', [0.5, 0.5]],
    ]);
    const labels = new Map([
      ['s1', 'POSITIVE'],
      ['s2', 'NEGATIVE'],
    ]);
    const result = compareRuns(a, b, labels, new Map([...labels, ['s2', 'POSITIVE']]));
    assert.equal(result.predicted_label_differences, 1);
    assert.ok(Math.abs(result.max_abs_prob_diff - 0.0005) < 1e-12, String(result.max_abs_prob_diff));
    assert.throws(() => compareRuns(a, new Map([['s1', [0.25, 0.75]]]), labels, labels), /scored 2 and 1 sentences/);
  });

  it('carries the bundle’s entries and the chunks they import, not chunks an earlier build left', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'chunks'));
    writeFileSync(path.join(dir, 'cli.js'), 'import { a } from "./chunks/a.js";\nconst r = () => import("./chunks/lazy.js");\nimport "node:fs";');
    writeFileSync(path.join(dir, 'worker.js'), 'import { b } from "./chunks/b.js";\nimport "./chunks/side.js";');
    writeFileSync(path.join(dir, 'chunks', 'side.js'), 'globalThis.x = 1;');
    writeFileSync(path.join(dir, 'chunks', 'a.js'), 'export * from "./b.js";');
    writeFileSync(path.join(dir, 'chunks', 'b.js'), 'export const b = 1;');
    writeFileSync(path.join(dir, 'chunks', 'lazy.js'), 'export default 1;');
    writeFileSync(path.join(dir, 'chunks', 'stale.js'), 'export default 0;');
    writeFileSync(path.join(dir, 'cli.js.map'), '{}');
    assert.deepEqual([...bundleFiles(dir)].sort(), ['chunks/a.js', 'chunks/b.js', 'chunks/lazy.js', 'chunks/side.js', 'cli.js', 'worker.js']);
  });

  it('takes only Linux x64 binaries of onnxruntime-node, and no source maps', () => {
    const ort = RUNTIME_PACKAGES.find((p) => p.name === 'onnxruntime-node')?.files;
    assert.ok(ort);
    assert.ok(ort.test('bin/napi-v6/linux/x64/libonnxruntime.so.1'));
    assert.ok(ort.test('dist/binding.js'));
    for (const other of ['bin/napi-v6/linux/arm64/libonnxruntime.so.1', 'bin/napi-v6/win32/x64/onnxruntime.dll', 'bin/napi-v6/darwin/arm64/onnxruntime_binding.node', 'dist/binding.js.map']) {
      assert.ok(!ort.test(other), other);
    }
  });
});

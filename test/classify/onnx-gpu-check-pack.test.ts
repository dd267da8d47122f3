// @full: packs the bundled CLI (npm run build first)
/**
 * The GPU check as it runs: `scripts/gpu-check.sh pack` (at the fastest xz level, with a stand-in
 * .deb, so nothing is downloaded) makes a folder under 64 MiB holding what a bare machine needs;
 * `scripts/gpu-check.sh run` unpacks it and runs a tiny DistilBERT-shaped audit with the packed
 * Node and CLI. Here, without a GPU, WebGPU must be reported unavailable with its reason and the
 * CPU half must measure; where a GPU answers, the two runs must agree.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { GpuCheckResult } from '../../scripts/gpu-check/check.ts';
import { tempDir } from '../helpers.ts';

const NOT_FOUND = /^(no Vulkan loader \(.+\)|no WebGPU adapter \(.+\)|this onnxruntime-node build has no WebGPU provider \(.+\))/;

describe('scripts/gpu-check.sh', { skip: (process.platform !== 'linux' || process.arch !== 'x64') && 'the check packs Linux x64 binaries' }, () => {
  const work = tempDir();
  const folder = path.join(work, 'gpu-check');
  let packed: ReturnType<typeof spawnSync>;

  before(() => {
    // A stand-in for the Vulkan packages: a .deb that unpacks one file.
    const pkg = path.join(work, 'pkg');
    mkdirSync(path.join(pkg, 'DEBIAN'), { recursive: true });
    mkdirSync(path.join(pkg, 'usr', 'share', 'doc', 'gpu-check-stand-in'), { recursive: true });
    writeFileSync(path.join(pkg, 'DEBIAN', 'control'), 'Package: gpu-check-stand-in\nVersion: 1.0\nArchitecture: amd64\nMaintainer: counterfair tests <tests@example.invalid>\nDescription: stands in for libvulkan1\n');
    writeFileSync(path.join(pkg, 'usr', 'share', 'doc', 'gpu-check-stand-in', 'README'), 'not a Vulkan loader\n');
    mkdirSync(path.join(work, 'debs'));
    const deb = spawnSync('dpkg-deb', ['--build', pkg, path.join(work, 'debs', 'gpu-check-stand-in_1.0_amd64.deb')], { encoding: 'utf8' });
    assert.equal(deb.status, 0, deb.stderr);
    packed = spawnSync('bash', ['scripts/gpu-check.sh', 'pack', '--out', folder, '--xz-level', '0', '--debs', path.join(work, 'debs')], { encoding: 'utf8' });
  });

  it('packs a folder under 64 MiB with Node, the bundled CLI, Linux x64 native modules and the Vulkan packages', () => {
    assert.equal(packed.status, 0, String(packed.stderr));
    const files = readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(folder, path.join(e.parentPath, e.name)));
    assert.deepEqual(files.sort(), ['counterfair-gpu-check.tar.xz', 'gpu-check.sh', 'manifest.json', path.join('vulkan', 'gpu-check-stand-in_1.0_amd64.deb')]);
    const total = files.reduce((n, f) => n + statSync(path.join(folder, f)).size, 0);
    assert.ok(total < 64 * 2 ** 20, `${total} bytes`);
    assert.match(String(packed.stderr), /gpu-check: packed .+: \d+\.\d MiB \(limit 64\.0 MiB; archive \d+\.\d MiB, 1 \.deb files\)/);

    const listing = spawnSync('tar', ['-tJf', path.join(folder, 'counterfair-gpu-check.tar.xz')], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 }).stdout.split('\n');
    const root = 'counterfair-gpu-check/';
    for (const f of [
      'node',
      'app/package.json',
      'app/bin/counterfair.js',
      'app/dist/cli/cli.js',
      'app/dist/cli/worker.js',
      'app/dist/cli/render-worker.js',
      'app/dist/cli/permutation-worker.js',
      'app/lexicons/countries.json',
      'app/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'app/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
      'app/node_modules/onnxruntime-common/package.json',
      'app/node_modules/@huggingface/transformers/dist/transformers.node.mjs',
      'app/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'app/node_modules/sharp/index.js',
      'check/check.mjs',
      'check/bench.json',
      'manifest.json',
    ]) {
      assert.ok(listing.includes(root + f), `${f} is packed`);
    }
    assert.deepEqual(listing.filter((f) => /\.map$|\/(darwin|win32)\/|linux\/arm64/.test(f)), []);
    const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { versions: Record<string, string>; packed_bytes: number };
    assert.equal(manifest.versions['node'], process.version);
    assert.equal(manifest.packed_bytes, total);
  });

  it('runs the CPU half with the packed Node and CLI, and says why WebGPU did not run', () => {
    assert.equal(packed.status, 0, 'packed');
    const out = path.join(work, 'out');
    const run = spawnSync('bash', [path.join(folder, 'gpu-check.sh'), 'run', '--shape', 'tiny', '--templates', '2', '--out', out], { encoding: 'utf8', env: { ...process.env, OUT: '' } });
    assert.equal(run.status, 0, String(run.stderr));
    const result = JSON.parse(readFileSync(path.join(out, 'gpu-check.json'), 'utf8')) as GpuCheckResult;
    assert.equal(result.schema, 'counterfair/gpu-check@1');
    assert.deepEqual(result.model, { shape: 'tiny', parameters: result.model.parameters, templates: 2, sentences: 394, distinct: 394 });
    assert.equal(result.machine.node, process.version);
    assert.equal(result.machine.cpus, os.availableParallelism());
    assert.match(result.machine.vulkan, /gpu-check-stand-in_1\.0/);
    const cpu = result.runs.cpu;
    assert.ok(cpu.available, JSON.stringify(cpu));
    assert.equal(cpu.device, 'cpu');
    assert.ok(cpu.workers >= 1 && cpu.threads >= 1 && cpu.sentences_per_s > 0 && cpu.classify_s > 0, JSON.stringify(cpu));
    const gpu = result.runs.webgpu;
    if (gpu.available) {
      assert.equal(gpu.device, 'webgpu');
      assert.ok('max_abs_prob_diff' in result.agreement && result.agreement.max_abs_prob_diff <= 1e-3, JSON.stringify(result.agreement));
    } else {
      assert.match(gpu.reason, NOT_FOUND);
      assert.deepEqual(result.agreement, { skipped: 'WebGPU did not run' });
    }
  });
});

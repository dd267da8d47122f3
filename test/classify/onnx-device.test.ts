import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { encodeModel } from '../../scripts/models/onnx-graph.ts';
import { batchLimits, chooseDevice, loadOnnxClassifier, probeWebGpu, type GpuProbe, type GpuProbes } from '../../src/classify/index.ts';
import { cudaProviderInstalled, describeChoice } from '../../src/classify/onnx/device.ts';
import { discoveredGpu, interpretProbe, PROBE_MODEL_BASE64, probeScript, runNodeChild, type ChildRun } from '../../src/classify/onnx/webgpu-probe.ts';
import type { AuditResults } from '../../src/index.ts';
import { CounterfairError } from '../../src/shared/errors.ts';
import { cli, sigmoid, tempDir } from '../helpers.ts';

const planted = { kind: 'local' as const, folder: path.resolve('models', 'planted-bias'), shown: 'models/planted-bias' };
// What this machine has: the suite runs anywhere, and asserts each path only where it applies.
const webgpu = await probeWebGpu();
const noAdapter = webgpu.found ? 'this machine has a WebGPU adapter' : false;
const NOT_FOUND = /^(no Vulkan loader \(.+\): WebGPU on Linux needs libvulkan1 and a GPU driver \(see docs\/gpu\.md\)|no WebGPU adapter \(.+\)|this onnxruntime-node build has no WebGPU provider \(.+\))$/;

/** A probe that answers as told and counts what it was asked. */
function fake(found: Awaited<ReturnType<GpuProbe['find']>>, start: () => Promise<void> = async () => {}) {
  const asked = { find: 0, start: 0 };
  const probe: GpuProbe = {
    find: async () => (asked.find++, found),
    start: async () => (asked.start++, start()),
  };
  return { probe, asked };
}

describe('chooseDevice', () => {
  it('auto tries CUDA, then WebGPU, then settles on the CPU, keeping each reason in order', async () => {
    const cuda = fake({ found: false, reason: 'no CUDA provider' });
    const gpu = fake({ found: false, reason: 'no WebGPU adapter (No supported adapters)' });
    const choice = await chooseDevice('auto', { cuda: cuda.probe, webgpu: gpu.probe });
    assert.deepEqual(choice, {
      device: 'cpu',
      fallbacks: [
        { device: 'cuda', reason: 'no CUDA provider' },
        { device: 'webgpu', reason: 'no WebGPU adapter (No supported adapters)' },
      ],
    });
    assert.deepEqual([cuda.asked, gpu.asked], [{ find: 1, start: 0 }, { find: 1, start: 0 }]);
    assert.deepEqual(describeChoice('auto', choice), [
      'device auto: not cuda: no CUDA provider',
      'device auto: not webgpu: no WebGPU adapter (No supported adapters)',
      'device auto: using cpu',
    ]);
  });

  it('auto passes over a GPU that is found but cannot start, and uses the next with its adapter', async () => {
    const cuda = fake({ found: true }, () => Promise.reject(new Error('CUDA driver version is insufficient\nmore detail')));
    const gpu = fake({ found: true, adapter: 'NVIDIA (PCI 10de:2335)' });
    const choice = await chooseDevice('auto', { cuda: cuda.probe, webgpu: gpu.probe });
    assert.equal(choice.device, 'webgpu');
    assert.equal(choice.adapter, 'NVIDIA (PCI 10de:2335)');
    assert.deepEqual(choice.fallbacks, [{ device: 'cuda', reason: 'CUDA could not start (CUDA driver version is insufficient)' }]);
    assert.deepEqual(gpu.asked, { find: 1, start: 1 });
    assert.deepEqual(describeChoice('auto', choice), ['device auto: not cuda: CUDA could not start (CUDA driver version is insufficient)', 'device auto: using webgpu (NVIDIA (PCI 10de:2335))']);
  });

  it('auto stops at the first GPU that runs; cpu asks no probe', async () => {
    const cuda = fake({ found: true });
    const gpu = fake({ found: true, adapter: 'x' });
    const choice = await chooseDevice('auto', { cuda: cuda.probe, webgpu: gpu.probe });
    assert.equal(choice.device, 'cuda');
    assert.deepEqual(choice.fallbacks, []);
    assert.deepEqual(gpu.asked, { find: 0, start: 0 });
    const none = { find: () => assert.fail('not asked'), start: () => assert.fail('not tried') };
    assert.deepEqual(await chooseDevice('cpu', { cuda: none, webgpu: none }), { device: 'cpu', fallbacks: [] });
    assert.deepEqual(describeChoice('cpu', { device: 'cpu', fallbacks: [] }), []);
  });

  it('a GPU named alone fails with its reason (exit 2, classify.device-unavailable) and never falls back', async () => {
    const probes = (found: Awaited<ReturnType<GpuProbe['find']>>, start?: () => Promise<void>): GpuProbes => ({
      cuda: fake({ found: false, reason: 'never asked' }).probe,
      webgpu: fake(found, start).probe,
    });
    const failure = (message: string) => (err: unknown) =>
      err instanceof CounterfairError && err.code === 'model' && err.problems.length === 1 && err.problems[0]?.id === 'classify.device-unavailable' && err.message === message;
    await assert.rejects(chooseDevice('webgpu', probes({ found: false, reason: 'no WebGPU adapter (No supported adapters)' })), failure('device webgpu: no WebGPU adapter (No supported adapters)'));
    await assert.rejects(chooseDevice('webgpu', probes({ found: true }, () => Promise.reject(new Error('device lost')))), failure('device webgpu: WebGPU could not start (device lost)'));
    await assert.rejects(
      chooseDevice('cuda', { cuda: fake({ found: false, reason: "onnxruntime-node's CUDA provider is not installed" }).probe, webgpu: fake({ found: true }).probe }),
      failure("device cuda: onnxruntime-node's CUDA provider is not installed"),
    );
  });
});

describe('batch limits', () => {
  it('keeps batch_size rows and 4096 tokens on the CPU, and takes larger batches on a GPU', () => {
    assert.deepEqual(batchLimits('cpu', 32), { maxTokens: 4096, maxRows: 32 });
    assert.deepEqual(batchLimits('webgpu', 32), { maxTokens: 16384, maxRows: 512 });
    assert.deepEqual(batchLimits('cuda', 2048), { maxTokens: 16384, maxRows: 2048 });
    assert.deepEqual(batchLimits('webgpu', 32, 100_000), { maxTokens: 100_000, maxRows: 512 });
    assert.deepEqual(batchLimits('cpu', 8, 64), { maxTokens: 64, maxRows: 8 });
  });
});

describe('the WebGPU probe', () => {
  const run = (over: Partial<ChildRun>): ChildRun => ({ stdout: '', stderr: '', code: 0, signal: null, timedOut: false, ...over });
  const answer = (o: unknown) => `noise\n${JSON.stringify(o)}\n`;

  it('uses a model the project’s ONNX writer makes byte for byte', () => {
    const bytes = encodeModel({
      graphName: 'webgpu-probe',
      inputs: [{ name: 'x', dtype: 'float32', shape: [4] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [4] }],
      initializers: [{ name: 'two', dtype: 'float32', dims: [4], data: [2, 2, 2, 2] }],
      nodes: [{ opType: 'Mul', inputs: ['x', 'two'], outputs: ['y'] }],
    });
    assert.equal(Buffer.from(bytes).toString('base64'), PROBE_MODEL_BASE64);
  });

  it('reads why there is no adapter from the child’s answer and Dawn’s warnings', () => {
    const vulkan = run({
      stdout: answer({ ok: false, message: 'webgpu_context.cc:136 … was false. Failed to get a WebGPU adapter: No supported adapters\n' }),
      stderr: "Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file: No such file or directory\n    at operator() (BackendVk.cpp:368)\n",
    });
    assert.deepEqual(interpretProbe(vulkan, 1000), {
      found: false,
      reason: 'no Vulkan loader (libvulkan.so.1: cannot open shared object file: No such file or directory): WebGPU on Linux needs libvulkan1 and a GPU driver (see docs/gpu.md)',
    });
    const noDriver = run({ stdout: answer({ ok: false, message: '/src/webgpu_context.cc:136 lambda adapter_result.status == Success was false. Failed to get a WebGPU adapter: No supported adapters\n' }) });
    assert.deepEqual(interpretProbe(noDriver, 1000), { found: false, reason: 'no WebGPU adapter (No supported adapters)' });
    assert.deepEqual(interpretProbe(run({ stdout: answer({ bundled: false }) }), 1000, 'linux-arm64'), { found: false, reason: 'this onnxruntime-node build has no WebGPU provider (linux-arm64)' });
    assert.deepEqual(interpretProbe(run({ stdout: answer({ ok: true, y: [2, 4, 6, 9] }) }), 1000), { found: false, reason: 'no WebGPU adapter (a test model computed 2, 4, 6, 9 instead of 2, 4, 6, 8)' });
  });

  it('names the GPU onnxruntime discovered when the adapter works', () => {
    const log = [
      '[I:onnxruntime:onnxruntime-node, device_discovery_common.cc:34 operator()] Discovered OrtHardwareDevice {vendor_id:0x8086, device_id:0x0, vendor:Intel, type:0, metadata: []}',
      '[I:onnxruntime:onnxruntime-node, device_discovery_common.cc:34 operator()] Discovered OrtHardwareDevice {vendor_id:0x10DE, device_id:0x2335, vendor:NVIDIA, type:1, metadata: [Discrete=1]}',
    ].join('\n');
    assert.deepEqual(interpretProbe(run({ stdout: answer({ ok: true, y: [2, 4, 6, 8] }), stderr: log }), 1000), { found: true, adapter: 'NVIDIA (PCI 10de:2335)' });
    assert.equal(discoveredGpu('Discovered OrtHardwareDevice {vendor_id:0x1af4, device_id:0x50, vendor:, type:1, metadata: []}'), 'GPU (PCI 1af4:0050)');
    assert.equal(discoveredGpu('Discovered OrtHardwareDevice {vendor_id:0x8086, device_id:0x0, vendor:Intel, type:0, metadata: []}'), undefined);
  });

  it('gives a reason, not a hang or a crash, when the child hangs or aborts', async () => {
    const hung = await runNodeChild('setInterval(() => {}, 1000); process.stdout.write("started\\n")', 300);
    assert.equal(hung.timedOut, true);
    assert.equal(hung.signal, 'SIGKILL');
    assert.deepEqual(interpretProbe(hung, 300), { found: false, reason: 'looking for a WebGPU adapter gave no answer within 0.3 s' });
    const aborted = await runNodeChild('process.stderr.write("native trouble\\n"); process.abort()', 10_000);
    assert.equal(aborted.signal, 'SIGABRT');
    assert.deepEqual(interpretProbe(aborted, 10_000), { found: false, reason: 'looking for a WebGPU adapter crashed its process (signal SIGABRT: native trouble)' });
    const exited = await runNodeChild('process.exit(3)', 10_000);
    assert.deepEqual(interpretProbe(exited, 10_000), { found: false, reason: 'looking for a WebGPU adapter crashed its process (exit code 3)' });
  });

  it('answers on this machine without printing to this process’s output', { skip: !!noAdapter && 'this machine has a WebGPU adapter' }, async () => {
    assert.equal(webgpu.found, false);
    assert.match(webgpu.found ? '' : webgpu.reason, NOT_FOUND);
    // The child's own run, seen raw: its stderr (Dawn's warning) is captured, its last line is the answer.
    const ortPath = path.resolve('node_modules', 'onnxruntime-node', 'dist', 'index.js');
    const raw = await runNodeChild(probeScript(ortPath), 30_000);
    assert.equal(raw.code, 0);
    assert.match(raw.stdout.trim().split('\n').at(-1) ?? '', /^\{"ok":false,"message":".+"\}$/);
  });
});

describe('devices on this machine', () => {
  it('auto really tries a CUDA session and the WebGPU probe here, and runs on the CPU, saying why', { skip: noAdapter || (cudaProviderInstalled() && 'this machine has a CUDA provider') }, async () => {
    const logged: string[] = [];
    let tried = false;
    const c = await loadOnnxClassifier(planted, {
      device: 'auto',
      dtype: 'fp32',
      workers: 1,
      log: (l) => logged.push(l),
      // Claim CUDA's provider is installed, so the real CUDA start is attempted (and fails); WebGPU's probe is the real one.
      gpuProbe: (device, start) => (device === 'cuda' ? { find: async () => ({ found: true }), start: async () => void ((tried = true), await start()) } : undefined),
    });
    try {
      assert.equal(tried, true);
      assert.equal(c.device, 'cpu');
      assert.equal(c.adapter, undefined);
      assert.deepEqual(c.deviceFallbacks?.map((f) => f.device), ['cuda', 'webgpu']);
      assert.match(logged[0] ?? '', /^device auto: not cuda: CUDA could not start \(.+\)$/);
      assert.match(logged[1] ?? '', /^device auto: not webgpu: /);
      assert.match(c.deviceFallbacks?.[1]?.reason ?? '', NOT_FOUND);
      assert.equal(logged[2], 'device auto: using cpu');
      const [p] = await c.classify([{ text: 'I am from India.' }]);
      assert.ok(Math.abs((p?.[1] ?? 0) - sigmoid(2)) < 1e-6);
    } finally {
      await c.dispose();
    }
  });

  describe('counterfair run', { skip: noAdapter || (cudaProviderInstalled() && 'this machine has a CUDA provider') }, () => {
    const spec = (device: string) => {
      const dir = tempDir();
      const text = readFileSync(path.join('test', 'fixtures', 'planted.yaml'), 'utf8')
        .replace('path: ../../models/planted-bias', `path: ${JSON.stringify(planted.folder)}`)
        .replace('  label: POSITIVE\n', `  label: POSITIVE\n  device: ${device}\n`);
      writeFileSync(path.join(dir, 'audit.yaml'), text);
      return dir;
    };

    it('device: webgpu exits 2 with the reason, located at the spec’s device line', async () => {
      const dir = spec('webgpu');
      const r = await cli('run', path.join(dir, 'audit.yaml'), '--out', path.join(dir, 'out'), '--no-cache');
      assert.equal(r.code, 2, r.stderr);
      const line = readFileSync(path.join(dir, 'audit.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('device: webgpu')) + 1;
      const [first, ...rest] = r.stderr.trim().split('\n');
      assert.deepEqual(rest, []);
      const m = /^(.+):(\d+):(\d+): device webgpu: (.+)$/.exec(first ?? '');
      assert.ok(m, r.stderr);
      assert.deepEqual([m[1], Number(m[2]), Number(m[3])], [path.join(dir, 'audit.yaml'), line, 11]);
      assert.match(m[4] ?? '', NOT_FOUND);
    });

    it('device: auto runs on the CPU and records in results.json each GPU passed over and why', async () => {
      const dir = spec('auto');
      const r = await cli('run', path.join(dir, 'audit.yaml'), '--out', path.join(dir, 'out'), '--no-cache');
      assert.equal(r.code, 1, r.stderr); // the planted model fails its gates
      const results = JSON.parse(readFileSync(path.join(dir, 'out', 'results.json'), 'utf8')) as AuditResults;
      assert.equal(results.model.device, 'cpu');
      assert.equal(results.model.device_requested, 'auto');
      assert.equal(results.model.adapter, undefined);
      assert.deepEqual(results.model.device_fallbacks?.[0], { device: 'cuda', reason: 'onnxruntime-node\'s CUDA provider is not installed (see docs/gpu.md, "CUDA")' });
      assert.equal(results.model.device_fallbacks?.[1]?.device, 'webgpu');
      assert.match(results.model.device_fallbacks?.[1]?.reason ?? '', NOT_FOUND);
      assert.match(r.stderr, /device auto: not cuda: onnxruntime-node's CUDA provider is not installed .*\ndevice auto: not webgpu: .+\ndevice auto: using cpu\n/);
    });
  });
});

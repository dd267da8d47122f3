/**
 * Is there a WebGPU adapter? Asked in a child process, with a time limit, because the answer
 * comes from native code that this process cannot interrupt: Dawn loads the Vulkan loader and
 * the GPU driver, and a broken driver can hang or abort the process that loads it (terminating a
 * worker thread inside native code aborts the whole process too). The child creates a session
 * of a four-number model on onnxruntime's WebGPU provider and runs it once; its stderr (Dawn's
 * warnings, onnxruntime's log) is read for the reason when it fails, and for the GPU that
 * onnxruntime's hardware discovery found when it works. Nothing of it reaches the user's terminal.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { MESSAGES } from './messages.js';
import type { GpuFound } from './device.js';

/** How long the child may take by default (Dawn's start with a real driver takes about a second). */
export const PROBE_TIMEOUT_MS = 30_000;

/**
 * A model that doubles four floats (`y = x * 2`), 128 bytes, written by scripts/models/onnx-graph.ts
 * (a test checks these bytes against it).
 */
export const PROBE_MODEL_BASE64 =
  'CAgSC2NvdW50ZXJmYWlyGgA6ZwoXCgF4CgN0d28SAXkaBU11bF8wIgNNdWwSDHdlYmdwdS1wcm9iZSocCgEEEAFCA3R3b0oQAAAAQAAAAEAAAABAAAAAQFoPCgF4EgoKCAgBEgQKAggEYg8KAXkSCgoICAESBAoCCARCBAoAEBE=';

/** What the child prints on stdout, as its last line. */
type ChildAnswer = { bundled: false } | { ok: true; y: number[] } | { ok: false; message: string };

/** The child's program: CommonJS for `node -e`, given onnxruntime-node's resolved path. */
export function probeScript(ortPath: string): string {
  return `
const ort = require(${JSON.stringify(ortPath)});
const answer = (o) => { process.stdout.write('\\n' + JSON.stringify(o) + '\\n', () => process.exit(0)); };
if (!ort.listSupportedBackends().some((b) => b.name === 'webgpu')) answer({ bundled: false });
else {
  ort.env.logLevel = 'info';
  ort.InferenceSession.create(Buffer.from(${JSON.stringify(PROBE_MODEL_BASE64)}, 'base64'), { executionProviders: ['webgpu'] })
    .then((s) => s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [4]) }))
    .then((r) => answer({ ok: true, y: Array.from(r.y.data) }), (e) => answer({ ok: false, message: String((e && e.message) || e) }));
}`;
}

/** What a child process did: its output and how it ended. */
export interface ChildRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/**
 * Runs `node -e script` and kills it (SIGKILL) after `timeoutMs`. Output is kept up to 1 MB each.
 */
export function runNodeChild(script: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const keep = (text: string, more: Buffer): string => (text.length < 1_000_000 ? text + more.toString('utf8') : text);
    child.stdout.on('data', (d: Buffer) => (stdout = keep(stdout, d)));
    child.stderr.on('data', (d: Buffer) => (stderr = keep(stderr, d)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${err.message}\n`, code: null, signal: null, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal, timedOut });
    });
  });
}

/** Reads a probe child's run: an adapter, or why there is none. */
export function interpretProbe(run: ChildRun, timeoutMs: number, platform = `${process.platform}-${process.arch}`): GpuFound {
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  let answer: ChildAnswer | undefined;
  try {
    answer = last.startsWith('{') ? (JSON.parse(last) as ChildAnswer) : undefined;
  } catch {
    answer = undefined;
  }
  if (answer === undefined) {
    if (run.timedOut) return { found: false, reason: MESSAGES.probeTimeout.text(timeoutMs / 1000) };
    const how = run.signal !== null ? `signal ${run.signal}` : `exit code ${run.code}`;
    const said = lastMeaningfulLine(run.stderr);
    return { found: false, reason: MESSAGES.probeCrashed.text(said ? `${how}: ${said}` : how) };
  }
  if ('bundled' in answer) return { found: false, reason: MESSAGES.webgpuNotBundled.text(platform) };
  if (!answer.ok) {
    const vulkan = /Couldn't load Vulkan: (.+)/.exec(run.stderr);
    if (vulkan?.[1]) return { found: false, reason: MESSAGES.noVulkan.text(vulkan[1].trim()) };
    return { found: false, reason: MESSAGES.noAdapter.text(ortReason(answer.message)) };
  }
  if (answer.y.join(',') !== '2,4,6,8') return { found: false, reason: MESSAGES.noAdapter.text(`a test model computed ${answer.y.join(', ')} instead of 2, 4, 6, 8`) };
  return { found: true, adapter: discoveredGpu(run.stderr) };
}

/**
 * The GPU onnxruntime's hardware discovery logged (`Discovered OrtHardwareDevice {vendor_id:0x10de,
 * device_id:0x2335, vendor:NVIDIA, type:1, …}`, type 1 being a GPU), as `NVIDIA (PCI 10de:2335)`.
 * onnxruntime-node does not expose the adapter WebGPU chose; this is the GPU it sits on.
 */
export function discoveredGpu(log: string): string | undefined {
  const re = /Discovered OrtHardwareDevice \{vendor_id:0x([0-9a-fA-F]+), device_id:0x([0-9a-fA-F]+), vendor:([^,]*), type:(\d+)/g;
  for (const m of log.matchAll(re)) {
    if (m[4] !== '1') continue;
    const hex = (id: string | undefined) => (id ?? '').toLowerCase().padStart(4, '0');
    const ids = `PCI ${hex(m[1])}:${hex(m[2])}`;
    const vendor = (m[3] ?? '').trim();
    return vendor ? `${vendor} (${ids})` : `GPU (${ids})`;
  }
  return undefined;
}

/** onnxruntime's message without its source location: `…was false. Failed to get a WebGPU adapter: X` → `X`. */
function ortReason(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  const adapter = /Failed to get a WebGPU (?:adapter|device): (.+)$/.exec(line);
  if (adapter?.[1]) return adapter[1].trim();
  return /was false\. (.+)$/.exec(line)?.[1]?.trim() ?? line;
}

/** The last line of stderr that is not part of a stack trace (Node prints native and JS traces on abort). */
function lastMeaningfulLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^(at |\d+: |-----|node:internal)/.test(l));
  return lines.at(-1) ?? '';
}

let probed: Promise<GpuFound> | undefined;

/**
 * Looks for a WebGPU adapter (once per process: the hardware does not change while it runs).
 * Never throws: every failure, a timeout and a crashed child included, is a reason.
 */
export function probeWebGpu(timeoutMs = PROBE_TIMEOUT_MS): Promise<GpuFound> {
  probed ??= (async () => {
    const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
    return interpretProbe(await runNodeChild(probeScript(ortPath), timeoutMs), timeoutMs);
  })();
  return probed;
}

/**
 * `device: cpu | cuda | webgpu | auto` → the device sessions run on, decided once.
 *
 * `auto` tries CUDA, then WebGPU, then settles on the CPU, and keeps the reason each GPU was
 * passed over (printed, and recorded in results.json). `cuda` or `webgpu` named alone fails
 * with that reason instead. Each GPU is first looked for cheaply, and only tried when found:
 * - CUDA: onnxruntime-node's npm package ships no CUDA provider; its install script downloads it
 *   when asked (docs/gpu.md), so without the provider's library CUDA is not tried (trying would
 *   print onnxruntime's own error).
 * - WebGPU: onnxruntime-node's Linux x64, Windows and macOS builds bundle the WebGPU provider
 *   (Dawn, over Vulkan on Linux), which needs a GPU driver and a Vulkan loader but no download.
 *   Whether an adapter exists is asked in a child process (see webgpu-probe.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CounterfairError } from '../../shared/errors.js';
import { MESSAGES } from './messages.js';

/** A device sessions can run on. */
export type Device = 'cpu' | 'cuda' | 'webgpu';

/** What a spec may ask for. */
export type RequestedDevice = Device | 'auto';

/** The GPUs `auto` tries, in order. */
export const GPU_ORDER: readonly Exclude<Device, 'cpu'>[] = ['cuda', 'webgpu'];

/** Whether a device is a GPU (one session, large batches). */
export function isGpu(device: Device): boolean {
  return device !== 'cpu';
}

/** A GPU `auto` passed over, and why. */
export interface DeviceFallback {
  device: Exclude<Device, 'cpu'>;
  reason: string;
}

/** The decision. */
export interface DeviceChoice {
  device: Device;
  /** The adapter the GPU runs on, where the runtime names it. */
  adapter?: string;
  /** The GPUs `auto` tried before this one, each with its reason; empty otherwise. */
  fallbacks: DeviceFallback[];
}

/** What looking for a GPU found. */
export type GpuFound = { found: true; adapter?: string } | { found: false; reason: string };

/** How one GPU is looked for and tried; injectable, so tests can simulate either answer. */
export interface GpuProbe {
  /** Looks for the GPU without starting sessions. */
  find(): Promise<GpuFound>;
  /** Starts the device's sessions; rejects with the runtime's message when they cannot start. */
  start(): Promise<void>;
}

/** One probe per GPU. */
export type GpuProbes = Record<Exclude<Device, 'cpu'>, GpuProbe>;

const DEVICE_NAMES: Record<Exclude<Device, 'cpu'>, string> = { cuda: 'CUDA', webgpu: 'WebGPU' };

/**
 * Settles the device. A GPU's probe starts the pool's sessions, so trying costs nothing when it
 * works.
 * @throws CounterfairError (`classify.device-unavailable`) when `cuda` or `webgpu` was asked for
 * and cannot run.
 */
export async function chooseDevice(requested: RequestedDevice, probes: GpuProbes): Promise<DeviceChoice> {
  if (requested === 'cpu') return { device: 'cpu', fallbacks: [] };
  const fallbacks: DeviceFallback[] = [];
  for (const device of requested === 'auto' ? GPU_ORDER : [requested]) {
    const outcome = await tryGpu(device, probes[device]);
    if (outcome.ok) return { device, adapter: outcome.adapter, fallbacks };
    if (requested !== 'auto') throw new CounterfairError('model', { id: MESSAGES.deviceUnavailable.id, message: MESSAGES.deviceUnavailable.text(device, outcome.reason) });
    fallbacks.push({ device, reason: outcome.reason });
  }
  return { device: 'cpu', fallbacks };
}

async function tryGpu(device: Exclude<Device, 'cpu'>, probe: GpuProbe): Promise<{ ok: true; adapter?: string } | { ok: false; reason: string }> {
  const found = await probe.find();
  if (!found.found) return { ok: false, reason: found.reason };
  try {
    await probe.start();
    return { ok: true, adapter: found.adapter };
  } catch (err) {
    return { ok: false, reason: `${DEVICE_NAMES[device]} could not start (${firstLine(err)})` };
  }
}

/** The log lines of a decision: one per GPU passed over, then the device used. */
export function describeChoice(requested: RequestedDevice, choice: DeviceChoice): string[] {
  if (requested !== 'auto') return [];
  const used = choice.adapter !== undefined ? `${choice.device} (${choice.adapter})` : choice.device;
  return [...choice.fallbacks.map((f) => `device auto: not ${f.device}: ${f.reason}`), `device auto: using ${used}`];
}

/** Whether the installed onnxruntime-node holds its CUDA provider library. */
export function cudaProviderInstalled(): boolean {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('onnxruntime-node/package.json'));
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  return existsSync(path.join(root, 'bin', 'napi-v6', process.platform, process.arch, lib));
}

/** The first line of an error's message. */
export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]?.trim() ?? '';
}

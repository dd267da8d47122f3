/**
 * `device: cpu | cuda | auto` → the device sessions run on, decided once. `auto` tries CUDA and
 * falls back to the CPU, saying why; `cuda` fails when CUDA cannot be used. onnxruntime-node's
 * npm package ships the CPU provider only: its CUDA provider is downloaded by its install
 * script when asked for (README, "Running on a GPU"), so when the provider's library is not
 * there, CUDA is not even tried (trying would print onnxruntime's own error).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The decision, and the line that explains it (for the log). */
export interface DeviceChoice {
  device: 'cpu' | 'cuda';
  /** Why `auto` fell back to the CPU; absent otherwise. */
  fallback?: string;
}

/** How CUDA is checked and tried; injectable, so tests can simulate either answer. */
export interface CudaProbe {
  /** Whether onnxruntime-node's CUDA provider library is installed. */
  installed(): boolean;
  /** Creates a CUDA session; rejects with onnxruntime's message when CUDA cannot run. */
  tryStart(): Promise<void>;
}

/** What to tell a user who asked for CUDA without the provider installed. */
export const CUDA_NOT_INSTALLED = "onnxruntime-node's CUDA provider is not installed (see \"Running on a GPU\" in counterfair's README)";

/**
 * Settles the device. For `cuda` and `auto` the probe's session is the first of the pool, so
 * trying costs nothing when it works.
 * @throws Error when `cuda` was asked for and cannot run.
 */
export async function chooseDevice(requested: 'cpu' | 'cuda' | 'auto', probe: CudaProbe): Promise<DeviceChoice> {
  if (requested === 'cpu') return { device: 'cpu' };
  if (!probe.installed()) {
    if (requested === 'cuda') throw new Error(`device cuda: ${CUDA_NOT_INSTALLED}`);
    return { device: 'cpu', fallback: CUDA_NOT_INSTALLED };
  }
  try {
    await probe.tryStart();
    return { device: 'cuda' };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    if (requested === 'cuda') throw new Error(`device cuda: CUDA could not start (${reason})`);
    return { device: 'cpu', fallback: `CUDA could not start (${reason})` };
  }
}

/** Whether the installed onnxruntime-node holds its CUDA provider library. */
export function cudaProviderInstalled(): boolean {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('onnxruntime-node/package.json'));
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  return existsSync(path.join(root, 'bin', 'napi-v6', process.platform, process.arch, lib));
}

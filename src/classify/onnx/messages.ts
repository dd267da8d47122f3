/**
 * What the local backend tells users about devices and hub models, each message with a stable
 * id (set as `Problem.id` where it ends an audit): tests match ids, and the wording may improve.
 */

/** Messages, by name. */
export const MESSAGES = {
  deviceUnavailable: {
    id: 'classify.device-unavailable',
    text: (device: string, reason: string) => `device ${device}: ${reason}`,
  },
  cudaNotInstalled: {
    id: 'classify.cuda-not-installed',
    text: () => "onnxruntime-node's CUDA provider is not installed (see docs/gpu.md, \"CUDA\")",
  },
  webgpuNotBundled: {
    id: 'classify.webgpu-not-bundled',
    text: (platform: string) => `this onnxruntime-node build has no WebGPU provider (${platform})`,
  },
  noVulkan: {
    id: 'classify.no-vulkan',
    text: (detail: string) => `no Vulkan loader (${detail}): WebGPU on Linux needs libvulkan1 and a GPU driver (see docs/gpu.md)`,
  },
  noAdapter: {
    id: 'classify.no-webgpu-adapter',
    text: (detail: string) => `no WebGPU adapter (${detail})`,
  },
  probeTimeout: {
    id: 'classify.webgpu-probe-timeout',
    text: (seconds: number) => `looking for a WebGPU adapter gave no answer within ${seconds} s`,
  },
  probeCrashed: {
    id: 'classify.webgpu-probe-crashed',
    text: (how: string) => `looking for a WebGPU adapter crashed its process (${how})`,
  },
  hubNotCached: {
    id: 'classify.hub-not-cached',
    text: (model: string, cacheDir: string, fetch: string) =>
      `${model} is not in the model cache (${cacheDir}) and downloads are off (HF_HUB_OFFLINE); run \`${fetch}\` where the hub can be reached`,
  },
  badDtype: {
    id: 'classify.bad-dtype',
    text: (dtype: string, known: readonly string[]) => `--dtype ${dtype}: must be one of ${known.join(', ')}`,
  },
  fetchFailed: {
    id: 'classify.fetch-failed',
    text: (model: string, host: string, reason: string) => `cannot fetch model ${model} from ${host}: ${reason}`,
  },
} as const;

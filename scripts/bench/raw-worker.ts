/**
 * A worker of the raw onnxruntime baseline: one session, fed packed batches by the parent.
 * Written against onnxruntime-node directly, without any of counterfair's code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

const { model, threads } = workerData as { model: string; threads: number };
const session = await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
parentPort?.postMessage('ready');
parentPort?.on('message', async ({ ids, mask, dims }: { ids: BigInt64Array; mask: BigInt64Array; dims: [number, number] }) => {
  const out = await session.run({ input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) });
  parentPort?.postMessage((out['logits'] as ort.Tensor).data);
});

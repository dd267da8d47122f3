/**
 * The worker thread of `computeAxesInParallel` (parallel.ts): computes the permutation tests of
 * the views it is sent and answers with their outcomes, then waits to be stopped.
 */
import { parentPort } from 'node:worker_threads';
import { computeJob, type PermutationJob, type PermutationReply } from './parallel.js';

const port = parentPort;
if (port === null) throw new Error('permutation-worker runs only as a worker thread');

port.on('message', (jobs: PermutationJob[]) => {
  let reply: PermutationReply;
  try {
    reply = { type: 'ps', ps: jobs.map(computeJob) };
  } catch (err) {
    reply = { type: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});

/** Whether a process that left a temporary file behind still runs. */

/** Whether process `pid` runs (one of another user counts as running: it cannot be signalled). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

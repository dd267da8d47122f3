/**
 * Inference progress for people: on a terminal, one bar redrawn in place with inputs per second
 * and the time left; elsewhere (CI logs, pipes), one line per tenth, so a log stays short.
 * Inputs the cache held count as done from the start but not in the rate.
 */

/** Where progress goes. */
export interface ProgressSink {
  /** Writes text as it is (no newline added). */
  write: (text: string) => void;
  /** A terminal: redraw one line in place. */
  tty: boolean;
  /** Terminal width. */
  columns?: number;
}

/** What `progressReporter` returns. */
export interface ProgressReporter {
  /** The callback for `predictInputs`. */
  onProgress: (done: number, total: number) => void;
  /** Writes a log line; on a terminal it clears the bar first and redraws it after. */
  log: (line: string) => void;
  /** Ends the bar (with a summary line) if it is still shown. */
  finish: () => void;
}

/**
 * Reports inference progress to `sink`. `now` (milliseconds) is injectable so tests can pin the
 * clock.
 */
export function progressReporter(sink: ProgressSink, now: () => number = () => performance.now()): ProgressReporter {
  let start: number | undefined;
  let cached = 0;
  let last = { done: 0, total: 0 };
  let shownTenth = -1;
  let drawnAt = -Infinity;
  /** The bar line now on the terminal, if any. */
  let bar: string | undefined;

  const rateAndEta = (done: number, total: number): { rate: number; eta: number } => {
    const seconds = start === undefined ? 0 : (now() - start) / 1000;
    const rate = seconds > 0 ? (done - cached) / seconds : 0;
    return { rate, eta: rate > 0 ? (total - done) / rate : Number.NaN };
  };

  const finish = (): void => {
    if (bar === undefined || start === undefined) return;
    const seconds = (now() - start) / 1000;
    const fresh = last.done - cached;
    sink.write('\r\x1b[2K');
    bar = undefined;
    const rate = (fresh / Math.max(seconds, 1e-9)).toFixed(0);
    if (fresh > 0) sink.write(`classified ${fresh} inputs in ${seconds.toFixed(1)} s (${rate}/s)\n`);
  };

  const onProgress = (done: number, total: number): void => {
    last = { done, total };
    if (start === undefined) {
      start = now();
      cached = done;
      if (cached > 0) sink.write(`${cached} of ${total} distinct inputs from the cache\n`);
      if (done === total) return;
    }
    if (done === cached && !sink.tty) return;
    const { rate, eta } = rateAndEta(done, total);
    if (sink.tty) {
      // Redraw at most 10 times a second; at the end, replace the bar by a summary line.
      if (done === total) return finish();
      if (now() - drawnAt < 100) return;
      drawnAt = now();
      const width = Math.max(10, Math.min(40, (sink.columns ?? 80) - 50));
      const filled = Math.round((done / total) * width);
      const drawn = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      bar = `classifying ${drawn} ${percent(done, total)} ${done}/${total} · ${rate.toFixed(0)}/s · ETA ${clock(eta)}`;
      sink.write(`\r\x1b[2K${bar}`);
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth > shownTenth) {
      shownTenth = tenth;
      sink.write(`classified ${done}/${total} (${percent(done, total)}) · ${rate.toFixed(0)}/s · ETA ${clock(eta)}\n`);
    }
  };

  const log = (line: string): void => {
    if (bar === undefined) return sink.write(`${line}\n`);
    sink.write(`\r\x1b[2K${line}\n${bar}`);
  };
  return { onProgress, log, finish };
}

function percent(done: number, total: number): string {
  return `${Math.floor((done / total) * 100)}%`;
}

/** Seconds as m:ss (or h:mm:ss); "?" before there is a rate. */
function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

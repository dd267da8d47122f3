import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressReporter } from '../../src/classify/index.ts';

/** A reporter writing to a string, on a clock the test moves. */
function reporter(tty: boolean) {
  let out = '';
  let t = 0;
  const r = progressReporter({ write: (s) => void (out += s), tty, columns: 90 }, () => t);
  return { ...r, at: (ms: number) => void (t = ms), get out() { return out; } };
}

describe('progress', () => {
  it('writes one line per tenth off a terminal, with the rate of the inputs classified and the time left', () => {
    const r = reporter(false);
    r.at(0);
    r.onProgress(200, 1000); // 200 from the cache
    for (let done = 232; done <= 1000; done += 32) {
      r.at((done - 200) * 10); // 100 inputs per second
      r.onProgress(Math.min(done, 1000), 1000);
    }
    r.at(8000);
    r.onProgress(1000, 1000);
    r.finish();
    assert.deepEqual(r.out.split('\n'), [
      '200 of 1000 distinct inputs from the cache',
      'classified 232/1000 (23%) · 100/s · ETA 0:08',
      'classified 328/1000 (32%) · 100/s · ETA 0:07',
      'classified 424/1000 (42%) · 100/s · ETA 0:06',
      'classified 520/1000 (52%) · 100/s · ETA 0:05',
      'classified 616/1000 (61%) · 100/s · ETA 0:04',
      'classified 712/1000 (71%) · 100/s · ETA 0:03',
      'classified 808/1000 (80%) · 100/s · ETA 0:02',
      'classified 904/1000 (90%) · 100/s · ETA 0:01',
      'classified 1000/1000 (100%) · 100/s · ETA 0:00',
      '',
    ]);
  });

  it('says nothing more when the cache held everything', () => {
    const r = reporter(false);
    r.onProgress(5, 5);
    r.finish();
    assert.equal(r.out, '5 of 5 distinct inputs from the cache\n');
  });

  it('redraws one bar in place on a terminal, at most ten times a second, and ends with a summary', () => {
    const r = reporter(true);
    r.onProgress(0, 100);
    r.at(50);
    r.onProgress(10, 100); // within 100 ms of the last draw: skipped
    r.at(1000);
    r.onProgress(50, 100);
    r.log('a line logged meanwhile');
    r.at(2000);
    r.onProgress(100, 100);
    r.finish();
    r.log('after the bar');
    const half = `classifying ${'█'.repeat(20)}${'░'.repeat(20)} 50% 50/100 · 50/s · ETA 0:01`;
    assert.deepEqual(r.out.split('\r\x1b[2K'), ['', `classifying ${'░'.repeat(40)} 0% 0/100 · 0/s · ETA ?`, half, `a line logged meanwhile\n${half}`, 'classified 100 inputs in 2.0 s (50/s)\nafter the bar\n']);
  });
});

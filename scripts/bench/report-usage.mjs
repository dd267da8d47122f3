// Preloaded into every benchmark process (node --import): at exit, writes the process's whole
// lifetime (from Node's start) and its peak resident memory to the file BENCH_USAGE_FILE names.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ seconds: performance.now() / 1000, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
  });
}

/**
 * Preloaded into a measured process (`node --require dist/bench/rss.js ...`): when it exits,
 * writes its peak resident set size (all threads) and CPU time as JSON to the file named
 * by CACHIFY_BENCH_USAGE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.CACHIFY_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }),
    );
  });
}

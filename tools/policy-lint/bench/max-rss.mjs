// Preloaded into the measured process: reports its peak resident memory when it exits.
process.on('exit', () =>
  process.stderr.write(`\nDOPPIO_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`),
);

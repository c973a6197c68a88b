// Preloaded into the CLI by the hostile suite (test/hostile/harness.ts): at exit, writes the process's peak
// resident memory (KB) to file descriptor 3, which the suite reads. Not part of the product.
'use strict';
process.on('exit', () => {
  try {
    require('node:fs').writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open: run without the suite
  }
});

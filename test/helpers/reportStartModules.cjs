// Preloaded into the server by test/lsp/startPath.test.ts (NODE_OPTIONS=--require): when the server writes its
// first message (the initialize answer), says on stderr which built-in modules it loaded to get there.
'use strict';
const loadedBefore = new Set(process.moduleLoadList);
const write = process.stdout.write;
let reported = false;
process.stdout.write = function (...args) {
  if (!reported) {
    reported = true;
    const loaded = process.moduleLoadList.filter((entry) => !loadedBefore.has(entry) && entry.startsWith('NativeModule '));
    process.stderr.write(`start modules: ${loaded.map((entry) => entry.slice('NativeModule '.length)).join(' ')}\n`);
  }
  return write.apply(this, args);
};

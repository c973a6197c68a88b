// Preloaded into our server by `npm run bench -- --io-trace` (NODE_OPTIONS=--require): notes the moment each chunk
// arrives on stdin and each write to stdout leaves, in absolute milliseconds (performance.timeOrigin + now, which
// the bench client uses too), and writes them to $DOTNET_DOCKERFILE_IO_TRACE when the server exits. ioSplit.ts
// puts them against the bench's request windows: what part of a request's time the server held it.
'use strict';
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const file = process.env.DOTNET_DOCKERFILE_IO_TRACE;
if (file) {
  /** [kind, absolute ms]: 'in' for a chunk read, 'out' for a write. */
  const events = [];
  const now = () => performance.timeOrigin + performance.now();
  const write = process.stdout.write;
  process.stdout.write = function (...args) {
    events.push(['out', now()]);
    return write.apply(this, args);
  };
  // Listening first (before the server's own listener) makes no difference to the flow: data is only emitted
  // after the main module has run and attached its listener.
  process.stdin.prependListener('data', () => events.push(['in', now()]));
  process.on('exit', () => writeFileSync(file, JSON.stringify(events)));
}

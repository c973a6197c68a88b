/**
 * Runs a program with a time limit: a hung build or container fails its test instead of blocking CI. The child
 * leads its own process group, so the limit ends it with everything it started (buildah forks its runtime).
 */
import { spawn } from 'node:child_process';

export interface Ran {
  readonly command: string;
  /** The exit code; null when the time limit or a signal ended it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

/** Output kept per stream: enough for any build log here, bounded if a program loops printing. */
const OUTPUT_LIMIT = 4 << 20;

export function run(program: string, args: readonly string[], options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  const started = Date.now();
  const command = [program, ...args].join(' ');
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outSize = 0;
    let errSize = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (outSize < OUTPUT_LIMIT) out.push(chunk);
      outSize += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errSize < OUTPUT_LIMIT) err.push(chunk);
      errSize += chunk.length;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs);
    const finish = (code: number | null, spawnError?: Error): void => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8') + (spawnError ? `\n${spawnError.message}` : '') + (timedOut ? `\n(ended after the ${options.timeoutMs} ms time limit)` : '');
      resolve({ command, code: timedOut ? null : code, stdout: Buffer.concat(out).toString('utf8'), stderr, timedOut, ms: Date.now() - started });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

/** Throws with the command, its exit and its output when it did not succeed. */
export function check(ran: Ran): Ran {
  if (ran.code === 0) return ran;
  throw new Error(`\`${ran.command}\` ${ran.timedOut ? 'timed out' : `exited with ${ran.code}`}\n${ran.stderr.trim()}\n${ran.stdout.trim()}`.trim());
}

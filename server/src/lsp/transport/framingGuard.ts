/**
 * Watches the byte stream of stdio LSP before vscode-jsonrpc reads it, so a malformed header gets an answer
 * instead of silence (issue 19 #12). vscode-jsonrpc takes `Content-Length: -5` or `1.5` as a length
 * (parseInt), reads a wrong body, and from then on waits forever; it waits forever too for the end of a
 * header written with bare `\n`s. Nothing can re-synchronise such a stream, so the guard closes it with a
 * clear error. What the library does survive stays as it was, with an answer added:
 *
 * - a header block with a valid `Content-Length` (digits, at most MAX_MESSAGE_BYTES): passed through;
 * - a block with no usable Content-Length (none, `abc`) or a line without `:`: passed through (the library
 *   skips it and keeps going) and answered with a ParseError (-32700, `id: null`);
 * - a length that is negative, fractional or not digits yet a number, or over MAX_MESSAGE_BYTES; a header block
 *   over MAX_HEADER_BYTES or ended by bare line feeds: fatal. The guard answers a ParseError, says why on
 *   stderr, and ends the stream; the library then exits (code 1), and the editor restarts the server.
 *
 * Bodies are passed through as they come (no copy, no parse); only header bytes are looked at.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** A 50 MB document is a 50–60 MB message; past this no message of ours makes sense. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Real header blocks are ~60 bytes. */
export const MAX_HEADER_BYTES = 8 * 1024;

const CR = 0x0d;
const LF = 0x0a;

export interface FramingProblem {
  readonly message: string;
  /** True when the stream cannot go on: the guard ends it. */
  readonly fatal: boolean;
}

/** What a complete header block (without its final CRLFCRLF) means for the stream. */
export function judgeHeader(header: string): { readonly length: number } | FramingProblem {
  let length: string | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) return { message: `malformed message header "${line.slice(0, 80)}" (no ':'): skipped`, fatal: false };
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
  }
  if (length === undefined) return { message: 'message header without Content-Length: skipped', fatal: false };
  if (/^\d+$/.test(length)) {
    const bytes = Number(length);
    if (bytes > MAX_MESSAGE_BYTES) return { message: `Content-Length ${length} is over the ${MAX_MESSAGE_BYTES / (1024 * 1024)} MB a message may have`, fatal: true };
    return { length: bytes };
  }
  // vscode-jsonrpc reads `-5`, `1.5` or `12abc` as a number and loses the stream; `abc` it skips.
  if (Number.isNaN(Number.parseInt(length, 10))) return { message: `Content-Length "${length.slice(0, 40)}" is not a number: skipped`, fatal: false };
  return { message: `Content-Length "${length.slice(0, 40)}" is not a byte count: the message cannot be framed`, fatal: true };
}

export class FramingGuard extends Transform {
  /** Header bytes of the block being read (they are held until the block is complete). */
  private header: Buffer[] = [];
  private headerBytes = 0;
  /** Where the CRLFCRLF matcher is: 0 nothing, 1 CR, 2 CRLF, 3 CRLFCR. */
  private match = 0;
  /** The previous header byte (to tell a bare LF from CRLF). */
  private previous = -1;
  /** Body bytes still to pass through. */
  private remaining = 0;
  private stopped = false;

  /** @param onProblem told of every framing problem; for a fatal one it may answer, then calls `done` to end the stream. */
  constructor(private readonly onProblem: (problem: FramingProblem, done: () => void) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let offset = 0;
    while (offset < chunk.length && !this.stopped) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.push(chunk.subarray(offset, offset + take));
        offset += take;
        this.remaining -= take;
        continue;
      }
      offset = this.readHeader(chunk, offset);
    }
    callback();
  }

  /** Reads header bytes from `offset`; returns where it stopped. */
  private readHeader(chunk: Buffer, offset: number): number {
    let at = offset;
    for (; at < chunk.length; at++) {
      const byte = chunk[at]!;
      if (byte === LF && this.previous !== CR) {
        this.header.push(chunk.subarray(offset, at + 1));
        return this.fail({ message: 'message headers must end their lines with \\r\\n (a bare \\n was sent): the stream cannot be framed', fatal: true }, chunk.length);
      }
      this.previous = byte;
      this.match = byte === CR ? (this.match === 2 ? 3 : 1) : byte === LF && (this.match === 1 || this.match === 3) ? this.match + 1 : 0;
      if (this.match === 4) {
        this.header.push(chunk.subarray(offset, at + 1));
        this.endOfHeader();
        return at + 1;
      }
      if (this.headerBytes + (at - offset) + 1 > MAX_HEADER_BYTES) {
        return this.fail({ message: `a message header longer than ${MAX_HEADER_BYTES} bytes: the stream cannot be framed`, fatal: true }, chunk.length);
      }
    }
    this.header.push(chunk.subarray(offset, at));
    this.headerBytes += at - offset;
    return at;
  }

  private endOfHeader(): void {
    const block = Buffer.concat(this.header);
    this.header = [];
    this.headerBytes = 0;
    this.match = 0;
    this.previous = -1;
    const verdict = judgeHeader(block.toString('latin1').slice(0, -4));
    if ('length' in verdict) {
      this.push(block);
      this.remaining = verdict.length;
      return;
    }
    if (verdict.fatal) {
      this.fail(verdict, 0);
      return;
    }
    this.push(block); // the library skips it as before
    this.onProblem(verdict, () => undefined);
  }

  private fail(problem: FramingProblem, resumeAt: number): number {
    this.stopped = true;
    this.header = [];
    this.onProblem(problem, () => this.push(null));
    return resumeAt;
  }
}

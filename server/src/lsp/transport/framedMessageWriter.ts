/**
 * Writes each JSON-RPC message to a stream as one frame (header and body in a single write).
 *
 * vscode-jsonrpc's StreamMessageWriter writes a message in two writes: the header, then, once the header's
 * write has called back, the body. A pipe write is a system call, and on the 2-core VMs we measure on each
 * one costs ~0.15 ms: a tenth of a completion's whole round trip. One write per message halves that.
 */
import type { Message, MessageWriter } from 'vscode-languageserver/node';
import { AbstractMessageWriter } from '../lspLibrary';

/** The message as LSP's base protocol frames it: `Content-Length: <bytes>\r\n\r\n` then the UTF-8 JSON body. */
export function frameMessage(message: Message): Buffer {
  const json = JSON.stringify(message);
  const length = Buffer.byteLength(json, 'utf8');
  const header = `Content-Length: ${length}\r\n\r\n`;
  const frame = Buffer.allocUnsafe(header.length + length);
  frame.write(header, 0, 'latin1');
  frame.write(json, header.length, 'utf8');
  return frame;
}

export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: Buffer;
    try {
      frame = frameMessage(message);
    } catch (error) {
      // A message that cannot be serialised (a cycle, a BigInt): reported like the library's writer does.
      this.fireError(error instanceof Error ? error : new Error(String(error)), message, ++this.errorCount);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.output.write(frame, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.output.end();
  }
}

/**
 * The server's lifecycle as LSP defines it (issue 19 #12), for every message before any handler sees it:
 *
 * - before `initialize`: a request is answered with ServerNotInitialized (-32002), a notification is dropped
 *   (except `exit`);
 * - after `shutdown`: a request is answered with InvalidRequest (-32600), a notification is dropped (except
 *   `exit`).
 *
 * vscode-languageserver runs every handler whatever the state (a hover before initialize answered `null`). It
 * lets a connection's `messageStrategy` see each message first, but not answer it; so a refused request is
 * handed on renamed to a method of ours (REFUSED_METHOD) whose handler answers with the error, under the
 * request's own id. The same code serves stdio, IPC, sockets and pipes.
 */
import type { Message, MessageStrategy, NotificationMessage, RequestMessage } from 'vscode-languageserver/node';

export const REFUSED_METHOD = '$/dotnetDockerfile/refused';

/** JSON-RPC and LSP error codes the gate answers with. */
export const SERVER_NOT_INITIALIZED = -32002;
export const INVALID_REQUEST = -32600;

export interface Refusal {
  readonly code: number;
  readonly message: string;
}

type State = 'new' | 'running' | 'shutdown';

const isRequest = (message: Message): message is RequestMessage => typeof (message as RequestMessage).method === 'string' && 'id' in message && (message as RequestMessage).id !== undefined;
const isNotification = (message: Message): message is NotificationMessage => typeof (message as NotificationMessage).method === 'string' && !('id' in message);

export class LifecycleGate implements MessageStrategy {
  private state: State = 'new';

  handleMessage(message: Message, next: (message: Message) => void): void {
    if (isRequest(message)) {
      const refusal = this.refusal(message.method);
      if (refusal) return next({ ...message, method: REFUSED_METHOD, params: refusal } as RequestMessage);
      if (message.method === 'initialize') this.state = 'running';
      else if (message.method === 'shutdown') this.state = 'shutdown';
      return next(message);
    }
    if (isNotification(message) && this.state !== 'running' && message.method !== 'exit') return; // dropped, as the spec says
    next(message);
  }

  /** Why a request with this method is refused now, or undefined when it is handled. */
  private refusal(method: string): Refusal | undefined {
    if (this.state === 'new' && method !== 'initialize') {
      return { code: SERVER_NOT_INITIALIZED, message: `${method} before initialize: the server is not initialized yet (send initialize first)` };
    }
    if (this.state === 'shutdown') return { code: INVALID_REQUEST, message: `${method} after shutdown: the server is shutting down (send exit)` };
    if (this.state === 'running' && method === 'initialize') return { code: INVALID_REQUEST, message: 'initialize was already received: a server is initialized once' };
    return undefined;
  }
}

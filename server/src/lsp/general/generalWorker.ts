/**
 * The general-features worker: dockerfile-language-service in a thread of its own (bundled as
 * dist/general-worker.js). The library re-parses the document for every request and is quadratic in places
 * (issue 19: stages × comments, variables × instructions); here it can take as long as it takes without
 * holding up our own features, and the server stops it when it runs past its time (generalEngine.ts).
 * Semantic tokens go through the linear wrapper (linearSemanticTokens.ts), and the parser's slowest lookups
 * are replaced by indexed ones (linearAst.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DockerfileParser } from 'dockerfile-ast';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { patchDockerfileAst } from './linearAst';
import { linearSemanticTokens } from './linearSemanticTokens';
import type { GeneralReply, GeneralRequest, GeneralWorkerData } from './generalProtocol';

const port = parentPort;
if (!port) throw new Error('general-worker.js runs as a worker thread of the language server');

patchDockerfileAst((content) => DockerfileParser.parse(content));
const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities((workerData as GeneralWorkerData).capabilities);

/**
 * Answers are bounded too: 80,000 lines of a lone `\` gave 80,000 document symbols, a 12 MB answer that took
 * longer to send than to compute. Lists stop at MAX_ITEMS (the editor shows no more: VS Code folds at most
 * 5,000 ranges), semantic tokens at MAX_TOKENS, and formatting that would need more edits is not done at all
 * (half a formatting is worse than none).
 */
const MAX_ITEMS = 5000;
const MAX_TOKENS = 100_000;
const FORMATTING = new Set(['format', 'formatRange', 'formatOnType']);

function bounded(method: string, result: unknown): unknown {
  if (Array.isArray(result) && result.length > MAX_ITEMS) return FORMATTING.has(method) ? [] : result.slice(0, MAX_ITEMS);
  if (method === 'computeSemanticTokens') {
    const data = (result as { data: number[] }).data;
    // Five numbers a token, each relative to the one before: a prefix is a valid, shorter answer.
    if (data.length > MAX_TOKENS * 5) return { data: data.slice(0, MAX_TOKENS * 5) };
  }
  return result;
}

function compute(request: GeneralRequest): unknown {
  if (request.method === 'computeSemanticTokens') return linearSemanticTokens(DockerSemanticTokens, request.args[0] as string);
  const method = service[request.method] as (...args: readonly unknown[]) => unknown;
  return method.apply(service, [...request.args]);
}

port.on('message', (request: GeneralRequest) => {
  const reply = (message: GeneralReply): void => {
    try {
      port.postMessage(message);
    } catch (error) {
      // A result that cannot be copied to the server (it never happens with the library's plain objects).
      port.postMessage({ id: request.id, error: `the result of ${request.method} could not be sent: ${String(error)}` });
    }
  };
  const fail = (error: unknown): void => reply({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  try {
    const result = compute(request);
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
      (result as PromiseLike<unknown>).then((value) => reply({ id: request.id, result: bounded(request.method, value) }), fail);
    } else {
      reply({ id: request.id, result: bounded(request.method, result) });
    }
  } catch (error) {
    fail(error);
  }
});

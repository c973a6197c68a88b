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
      (result as PromiseLike<unknown>).then((value) => reply({ id: request.id, result: value }), fail);
    } else {
      reply({ id: request.id, result });
    }
  } catch (error) {
    fail(error);
  }
});

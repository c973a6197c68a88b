/**
 * Generated hostile documents (shapes.ts) against the BUILT server over stdio: each is opened, asked every
 * request an editor sends (at its start, middle and end), edited once, and closed; every answer within 1 s,
 * the process under 500 MB, and a normal document served correctly afterwards.
 *
 * Cases per shape: DOTNET_DOCKERFILE_HOSTILE_RUNS (1 in `npm test`; `npm run test:hostile` runs 25).
 * DOTNET_DOCKERFILE_HOSTILE_SEED fixes the seed; a failure prints the parameters that rebuild its text.
 */
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TestClient } from '../helpers/lspClient';
import { assertMemory, assertStillServing, GENERATED_RUNS, HANG_MS, startHostileServer, timedOpen, timedRequest, withDeadline } from './harness';
import { SHAPES, type Shape } from './shapes';

const SEED = Number.parseInt(process.env.DOTNET_DOCKERFILE_HOSTILE_SEED ?? '', 10) || Date.now() % 2 ** 31;

let client: TestClient;
let cases = 0;

async function serverAlive(): Promise<TestClient> {
  if (client.process.exitCode !== null || client.process.signalCode !== null) client = await startHostileServer();
  return client;
}

/** Opens, asks, edits and closes one generated document, each answer within budget. */
async function runCase(shape: Shape): Promise<void> {
  const server = await serverAlive();
  const label = `${shape.name} ${JSON.stringify(shape.parameters)} (${shape.text.length.toLocaleString('en-US')} characters)`;
  const uri = `file:///hostile/generated/${++cases}/Dockerfile`;
  await timedOpen(server, label, uri, shape.text);
  const document = TextDocument.create(uri, 'dockerfile', 1, shape.text);
  const positions = [document.positionAt(Math.min(5, shape.text.length)), document.positionAt(Math.floor(shape.text.length / 2)), document.positionAt(shape.text.length)];
  const textDocument = { uri };
  for (const position of positions) {
    await timedRequest(server, label, 'textDocument/hover', { textDocument, position });
    await timedRequest(server, label, 'textDocument/completion', { textDocument, position });
  }
  const middle = positions[1]!;
  const whole = { start: positions[0]!, end: positions[2]! };
  await timedRequest(server, label, 'textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [] } });
  await timedRequest(server, label, 'textDocument/semanticTokens/full', { textDocument });
  await timedRequest(server, label, 'textDocument/foldingRange', { textDocument });
  await timedRequest(server, label, 'textDocument/documentSymbol', { textDocument });
  await timedRequest(server, label, 'textDocument/documentLink', { textDocument });
  await timedRequest(server, label, 'textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } });
  await timedRequest(server, label, 'textDocument/documentHighlight', { textDocument, position: middle });
  await timedRequest(server, label, 'textDocument/definition', { textDocument, position: middle });
  await timedRequest(server, label, 'textDocument/signatureHelp', { textDocument, position: middle });
  // One keystroke in the middle: the incremental path, validated again within budget.
  const started = Date.now();
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: middle, end: middle }, text: 'x' }] });
  await withDeadline(server.diagnostics(uri, 2, HANG_MS), HANG_MS, `${label}: diagnostics after an edit`);
  if (Date.now() - started > 1000) throw new Error(`${label}: diagnostics after an edit took ${Date.now() - started} ms`);
  await server.connection.sendNotification('textDocument/didClose', { textDocument });
  assertMemory(server, label);
  await assertStillServing(server, label);
}

describe(`generated hostile documents (${GENERATED_RUNS} per shape, seed ${SEED})`, { timeout: 3_600_000 }, () => {
  before(async () => {
    client = await startHostileServer();
  });
  after(async () => {
    await client.stop();
  });

  for (const [name, arbitrary] of SHAPES) {
    test(name, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, (shape) => runCase(shape)),
        // No shrinking: each step costs a server round trip on up to 1 MB; the parameters rebuild the case.
        { numRuns: GENERATED_RUNS, seed: SEED, endOnFailure: true, includeErrorInReport: true },
      );
    });
  }
});

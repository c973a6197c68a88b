/**
 * General Dockerfile help from rcjsuen's dockerfile-language-service (instruction completion and hover,
 * formatting, symbols, folding, links, semantic tokens, signature help, stage rename/definition), so a
 * user with no other Docker extension loses nothing. It lives in the server layer, not the pure service,
 * because it is a third-party engine we switch on and off by setting.
 *
 * Its Docker Hub tag client is replaced at bundle time (scripts/build.mjs) so it never reaches the network.
 * It runs in a worker thread with a deadline per request (general/generalEngine.ts): a hostile document can
 * make it slow, never the server.
 */
import path from 'node:path';
import type { Capabilities } from 'dockerfile-language-service';
import type { ClientCapabilities, SemanticTokensLegend } from 'vscode-languageserver';
import { SemanticTokenModifiers, SemanticTokenTypes } from './lspLibrary';
import { GeneralEngine } from './general/generalEngine';

/** The token legend of dockerfile-language-service, in its order (see its TokensLegend.init). */
export const GENERAL_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [
    SemanticTokenTypes.keyword,
    SemanticTokenTypes.comment,
    SemanticTokenTypes.parameter,
    SemanticTokenTypes.property,
    SemanticTokenTypes.namespace,
    SemanticTokenTypes.class,
    SemanticTokenTypes.macro,
    SemanticTokenTypes.string,
    SemanticTokenTypes.variable,
    SemanticTokenTypes.operator,
    SemanticTokenTypes.modifier,
  ],
  tokenModifiers: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.definition, SemanticTokenModifiers.deprecated],
};

export type GeneralFeaturesSetting = 'auto' | 'on' | 'off';

/** Extensions that already provide general Dockerfile features; with `auto` we stay out of their way. */
export const OVERLAPPING_EXTENSIONS = ['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker'];

export function generalFeaturesEnabled(setting: GeneralFeaturesSetting, installedOverlapping: readonly string[]): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return installedOverlapping.length === 0;
}

/**
 * Whether another installed extension reports Dockerfile syntax errors for this document already, so ours
 * (dockerfile-syntax) stay quiet: never the same error twice. Unless general features are forced `on`, an
 * overlapping extension means it does (with `off` too: it is still installed and checking).
 */
export function syntaxCheckedElsewhere(setting: GeneralFeaturesSetting, installedOverlapping: readonly string[]): boolean {
  return installedOverlapping.length > 0 && setting !== 'on';
}

/** The library's capabilities from the client's (its completion and folding options). */
export function generalCapabilities(capabilities: ClientCapabilities): Capabilities {
  const completionItem = capabilities.textDocument?.completion?.completionItem;
  return {
    completion: {
      completionItem: {
        deprecatedSupport: completionItem?.deprecatedSupport ?? false,
        documentationFormat: completionItem?.documentationFormat ?? [],
        snippetSupport: completionItem?.snippetSupport ?? false,
        ...(completionItem?.tagSupport ? { tagSupport: completionItem.tagSupport } : {}),
      },
    },
    foldingRange: {
      lineFoldingOnly: capabilities.textDocument?.foldingRange?.lineFoldingOnly ?? false,
      rangeLimit: capabilities.textDocument?.foldingRange?.rangeLimit ?? Number.MAX_SAFE_INTEGER,
    },
  };
}

/**
 * The general features, served by a worker thread started on first use (dist/general-worker.js, beside the
 * server's bundle): a server whose general features are off never starts it.
 */
export function createGeneralEngine(capabilities: ClientCapabilities, log: (message: string) => void): GeneralEngine {
  return new GeneralEngine({ file: path.join(__dirname, 'general-worker.js'), capabilities: generalCapabilities(capabilities), log });
}

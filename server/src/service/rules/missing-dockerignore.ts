/**
 * missing-dockerignore: `COPY . .` into a stage that restores or builds, with no `.dockerignore` keeping the
 * projects' `bin/` and `obj/` out of the build context. The host's build output then lands in the image: its
 * `obj/project.assets.json` names the host's paths and NuGet folders, so restore or build fails (NETSDK1004,
 * "assets file not found", or packages looked up in the host's folders) or silently builds stale output, and the
 * context sent to the builder grows with every build.
 *
 * Needs the file system: the host reads the `.dockerignore` files of the Dockerfile's folder and its parents up to
 * the workspace (and `<Dockerfile>.dockerignore`), and the build model decides which context the Dockerfile is
 * written for (buildContext.ts). Without those facts (an unsaved file) the rule is quiet. The quick fix creates a
 * `.dockerignore` with the usual .NET entries (for clients that can create files), or adds the missing lines to the
 * one that lets them through.
 */
import type { Instruction } from '../syntax/model';
import type { Finding, Rule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import { copyOperands } from '../document/instructionFields';
import { flagNamed } from '../document/instructionFields';
import { buildOutputLetThrough } from '../document/buildContext';
import { quote } from '../texts/quote';

const BUILD_VERBS = new Set(['restore', 'build', 'publish', 'test', 'pack']);

/** The `.dockerignore` the quick fix creates: the host's build output, IDE state and local secrets; `.git` stays (versioning tools read it). */
export const DOCKERIGNORE_TEMPLATE = [
  '# Keeps what the host builds and edits out of the build context (dotnet-dockerfile).',
  '# bin/ and obj/ from the host break restore in the image (NETSDK1004) and grow the context.',
  '**/bin/',
  '**/obj/',
  '**/.vs/',
  '**/.vscode/',
  '**/.idea/',
  '**/*.user',
  '**/TestResults/',
  '**/node_modules/',
  '**/.env',
  '**/secrets.dev.yaml',
  '',
].join('\n');

function copiesWholeContext(instruction: Instruction, escape: string): boolean {
  if ((instruction.name !== 'COPY' && instruction.name !== 'ADD') || flagNamed(instruction, 'from')) return false;
  return copyOperands(instruction, escape).sources.some((source) => source === '.' || source === './' || source === '*');
}

/** Where a text ends, as an LSP position. */
function endPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

export const missingDockerignore: Rule = {
  id: 'missing-dockerignore',
  defaultSeverity: 'information',
  summary: "'COPY . .' into a stage that restores or builds, with no .dockerignore keeping bin/ and obj/ out of the build context.",
  check({ model, build }) {
    const context = build.buildContext();
    if (!context) return [];
    const escape = model.syntax.escape;
    const building = new Set(build.dotnetCommands().filter((c) => BUILD_VERBS.has(c.verb)).map((c) => c.stage));
    let copy: Instruction | undefined;
    for (const stage of model.stages.stages) {
      if (!building.has(stage)) continue;
      copy = stage.instructions.find((instruction) => copiesWholeContext(instruction, escape));
      if (copy) break;
    }
    if (!copy) return [];
    const through = context.ignore ? buildOutputLetThrough(context.ignore.text, context.projectFolders) : context.projectFolders.flatMap((folder) => [`${folder ? `${folder}/` : ''}bin/`, `${folder ? `${folder}/` : ''}obj/`]);
    if (through.length === 0) return [];
    const fixes: Fix[] = [];
    let message: string;
    if (context.ignore) {
      const missing = ['**/bin/', '**/obj/'];
      const text = context.ignore.text;
      const prefix = text.length === 0 || text.endsWith('\n') ? '' : '\n';
      fixes.push({ title: 'Add **/bin/ and **/obj/ to the .dockerignore', edits: [], files: [{ kind: 'insert', uri: context.ignore.uri, at: endPosition(text), text: `${prefix}${missing.join('\n')}\n` }], preferred: true });
      message = `${quote(`${copy.keyword} ${copy.args}`)} copies the whole build context into a stage that restores or builds, and ${quote(context.ignore.uri.slice(context.ignore.uri.lastIndexOf('/') + 1))} lets ${through.map(quote).join(', ')} through: the host's build output breaks restore in the image (NETSDK1004, host paths in obj/project.assets.json) and grows the context. Add ${quote('**/bin/')} and ${quote('**/obj/')} to it.`;
    } else {
      fixes.push({ title: 'Create a .dockerignore for .NET', edits: [], files: [{ kind: 'create', uri: `${context.folder}/.dockerignore`, text: DOCKERIGNORE_TEMPLATE }], preferred: true });
      message = `${quote(`${copy.keyword} ${copy.args}`)} copies the whole build context into a stage that restores or builds, and no .dockerignore keeps bin/ and obj/ out (none beside the Dockerfile, none in the build context ${quote(context.folder.slice(context.folder.lastIndexOf('/') + 1) || '/')}): the host's build output breaks restore in the image (NETSDK1004, host paths in obj/project.assets.json) and grows the context. Add a .dockerignore with ${quote('**/bin/')} and ${quote('**/obj/')} to the build context.`;
    }
    return [{ span: copy.keywordSpan, message, fixes } satisfies Finding];
  },
};

/**
 * secret-in-build-arg: a credential passed through ARG or ENV: a NuGet feed token or PAT
 * (`VSS_NUGET_EXTERNAL_FEED_ENDPOINTS`, `NUGET_AUTH_TOKEN`), a password, an API key. Build arguments are recorded in
 * the image's history (`docker history` shows them) and ENV values in its configuration, for anyone who pulls the
 * image. `RUN --mount=type=secret` hands the value to one step without storing it.
 *
 * Names are judged as BuildKit's SecretsUsedInArgOrEnv check judges them (a word of the name such as `password`,
 * `token`, `secret`, `apikey`, `auth`, `credentials`; not with `public`, `file`, `version`), with the .NET feed
 * variables added. The quick fix, for an ARG of a stage that only RUN steps read, removes the ARG and gives each of
 * those steps the secret as an environment variable of the same name (`RUN --mount=type=secret,id=nuget_token,env=NUGET_TOKEN`,
 * Dockerfile syntax 1.10+): build with `--secret id=nuget_token,env=NUGET_TOKEN`.
 */
import type { Instruction, Span } from '../syntax/model';
import type { Fix, OffsetEdit } from '../fixes/editKit';
import type { Finding, StageRule } from '../diagnostics/rule';
import type { Declaration } from '../document/environment';
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import { afterLineBreak, lineStart } from '../fixes/editKit';
import { referencedVariables } from '../shell/expansion';
import { quote } from '../texts/quote';

// `key` alone names dictionary keys in configuration (`Filters__0__Key`): only the kinds of key that are secrets count.
const SECRET_WORD = /(?:_|^)(?:apikey|auth|credential|credentials|password|pword|passwd|pat|secret|token|accesstoken|apitoken|clientsecret|(?:api|access|private|secret|signing|encryption|client|master|account|storage|subscription|license|sas|shared|primary|secondary)_?key)(?:_|$)/i;
const ALLOWED_WORD = /(?:_|^)(?:public|file|files|path|dir|version|url|uri|endpoint|name|id|type|header|scheme|mode|enabled|length)(?:_|$)/i;
const KNOWN_SECRETS = new Set(['VSS_NUGET_EXTERNAL_FEED_ENDPOINTS', 'VSS_NUGET_ACCESSTOKEN', 'NUGET_AUTH_TOKEN', 'NUGET_API_KEY', 'NUGET_APIKEY', 'NUGET_PASSWORD', 'FEED_ACCESSTOKEN', 'SYSTEM_ACCESSTOKEN', 'GITHUB_TOKEN', 'GH_TOKEN']);
/** A connection string with a password in an ENV value (`...;Password=x`). */
const PASSWORD_IN_VALUE = /(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s$]/i;

/** Splits `ConnectionStrings__Default` and `nugetToken` into words joined by `_` for the name check. */
function nameWords(name: string): string {
  return name.replace(/__+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** A cheap first look: every secret name has one of these in it. */
const MAYBE_SECRET = /key|pass|pw|secret|token|auth|cred|pat/i;

export function isSecretName(name: string): boolean {
  if (KNOWN_SECRETS.has(name.toUpperCase())) return true;
  if (!MAYBE_SECRET.test(name)) return false;
  const words = nameWords(name);
  return SECRET_WORD.test(words) && !ALLOWED_WORD.test(words);
}

/** Where a stage's RUN steps read `$name` after `offset`, and whether anything else (ENV, another instruction) does. */
function usesOf(stage: Stage, name: string, offset: number): { runs: Instruction[]; others: boolean } {
  const runs: Instruction[] = [];
  let others = false;
  for (const instruction of stage.instructions) {
    if (instruction.span.start <= offset) continue;
    const texts = [instruction.args, ...instruction.flags.map((f) => f.value ?? ''), ...instruction.heredocs.map((h) => h.content)];
    if (!texts.some((text) => referencedVariables(text).includes(name))) continue;
    if (instruction.name === 'RUN') runs.push(instruction);
    else others = true;
  }
  return { runs, others };
}

/** Removes one declaration from an ARG: the word, or the whole line when it is the ARG's only word. */
function removeDeclaration(build: Build, declaration: Declaration): OffsetEdit | undefined {
  const instruction = declaration.instruction;
  const text = build.model.syntax.text;
  if (instruction.startLine !== instruction.endLine) return undefined;
  const words = instruction.words;
  if (words.length === 1) {
    const start = lineStart(text, instruction.span.start);
    return { start, end: afterLineBreak(text, instruction.fullSpan.end), newText: '' };
  }
  const word = words.find((w) => w.span.start === declaration.span.start);
  if (!word) return undefined;
  let end = word.span.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  let start = word.span.start;
  if (end === instruction.span.end) while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end, newText: '' };
}

/** Does a stage built FROM this one (at whatever depth) read `$name`? It sees the ARG too (BuildKit passes it down). */
function readByChildren(build: Build, stage: Stage, name: string): boolean {
  for (const other of build.model.stages.stages) {
    if (other === stage || !build.stage(other).lineage().includes(stage)) continue;
    if (usesOf(other, name, -1).runs.length > 0 || usesOf(other, name, -1).others) return true;
  }
  return false;
}

function secretFix(build: Build, declaration: Declaration, stage: Stage | undefined): Fix | undefined {
  if (!stage || declaration.keyword !== 'ARG') return undefined;
  const { runs, others } = usesOf(stage, declaration.name, declaration.instruction.span.start);
  if (others || readByChildren(build, stage, declaration.name)) return undefined;
  const removal = removeDeclaration(build, declaration);
  if (!removal) return undefined;
  const id = declaration.name.toLowerCase();
  const mount = `--mount=type=secret,id=${id},env=${declaration.name}`;
  const edits: OffsetEdit[] = [removal];
  for (const run of runs) edits.push({ start: run.keywordSpan.end, end: run.keywordSpan.end, newText: ` ${mount}` });
  return {
    title: runs.length > 0 ? `Pass ${declaration.name} as a build secret (RUN --mount=type=secret)` : `Remove ARG ${declaration.name}`,
    edits,
  };
}

export const secretInBuildArg: StageRule = {
  id: 'secret-in-build-arg',
  defaultSeverity: 'warning',
  summary: 'A credential (NuGet feed token, PAT, password, API key) passed through ARG or ENV: it stays in the image history; use RUN --mount=type=secret.',
  checkStage({ build }, stage) {
    const findings: Finding[] = [];
    const report = (declaration: Declaration, why: string): void => {
      const span: Span = { start: declaration.span.start, end: declaration.span.start + declaration.name.length };
      const where = declaration.keyword === 'ARG' ? "build arguments are recorded in the image's history ('docker history' shows them)" : "ENV values are stored in the image's configuration";
      const use = declaration.keyword === 'ARG' ? `pass it as a build secret: ${quote(`RUN --mount=type=secret,id=${declaration.name.toLowerCase()},env=${declaration.name} ...`)} and 'docker build --secret id=${declaration.name.toLowerCase()},env=${declaration.name}'` : 'give it to the container when it runs (docker run -e, an orchestrator secret), or to a build step as a build secret (RUN --mount=type=secret)';
      findings.push({ span, message: `${quote(declaration.name)} ${why}, but ${where}, where anyone who pulls the image can read it. Instead, ${use}.`, instruction: declaration.instruction, stage });
    };
    // Global ARGs reach no RUN until a stage declares them again: the stage's declaration is the finding.
    const timeline = build.stage(stage).timeline();
    const declarations: Declaration[] = [];
    for (const declaration of timeline.ownEnv()) if (isSecretName(declaration.name) || (declaration.value !== undefined && PASSWORD_IN_VALUE.test(declaration.value))) declarations.push(declaration);
    for (const instruction of stage.instructions) {
      if (instruction.name !== 'ARG' || !(MAYBE_SECRET.test(instruction.args) || /VSS_NUGET|_ENDPOINTS/i.test(instruction.args))) continue;
      for (const word of instruction.words) {
        const name = word.text.split('=')[0]!;
        const declaration = timeline.argAt(name, instruction.span.start + 1);
        if (declaration && declaration.instruction === instruction) declarations.push(declaration);
      }
    }
    for (const declaration of declarations) {
      if (isSecretName(declaration.name)) {
        // An ENV that only hands on an ARG already reported (`ENV TOKEN=$TOKEN`) is the same cause: reported once, on the ARG.
        if (declaration.keyword === 'ENV' && declaration.references.length === 1 && declaration.rawValue?.replace(/[{}"$]/g, '') === declaration.references[0] && isSecretName(declaration.references[0]!)) continue;
        if (declaration.keyword === 'ENV' && (declaration.value === '' || declaration.rawValue === '""')) continue;
        report(declaration, 'looks like a credential');
      } else if (declaration.keyword === 'ENV' && declaration.value !== undefined && PASSWORD_IN_VALUE.test(declaration.value)) {
        report(declaration, 'holds a connection string with a password');
      }
    }
    return findings;
  },
  fixes({ build }, finding) {
    const instruction = finding.instruction;
    const stage = finding.stage;
    if (!instruction || instruction.name !== 'ARG' || !stage) return [];
    const timeline = build.stage(stage).timeline();
    const name = build.model.syntax.text.slice(finding.span.start, finding.span.end);
    const declaration = timeline.argAt(name, instruction.span.start + 1);
    if (!declaration || declaration.instruction !== instruction) return [];
    const fix = secretFix(build, declaration, stage);
    return fix ? [fix] : [];
  },
};

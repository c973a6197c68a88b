/**
 * entrypoint-not-built: the container starts something the build does not produce. `dotnet publish` writes
 * `<AssemblyName>.dll` and, for Native AOT or with an app host, the executable `<AssemblyName>`, into its output
 * folder, which a COPY puts somewhere in the final stage. An ENTRYPOINT/CMD that runs another name, runs the .dll
 * of a Native AOT app (there is none), runs the app host of a publish with `UseAppHost=false`, or looks in another
 * folder fails at start: "The application 'App.dll' does not exist", "exec ./App: no such file or directory".
 *
 * Needs the project (its AssemblyName, else its file's name) and the build model's publishing facts: what reaches
 * the final stage and where. A program that the Dockerfile brings in some other way (a script, a tool) is left alone.
 */
import type { Finding, Rule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import type { StartWord } from '../document/commandWordSpans';
import { startWordSites } from '../document/commandWordSpans';
import { baseName, parentOf } from '../document/placements';
import { DOTNET_HOST, pathInContainer, projectBuiltBy, publishAotOf, startWorkdir } from '../document/publishing';
import { copiedIn } from '../document/copiedIn';
import { quote } from '../texts/quote';

/** Programs that are not the app: scripts and the like, which the Dockerfile brings in itself. */
const SCRIPT = /\.(?:sh|bash|py|pl|ps1|rb|js)$/i;

export const entrypointNotBuilt: Rule = {
  id: 'entrypoint-not-built',
  defaultSeverity: 'warning',
  summary: 'ENTRYPOINT/CMD runs a .dll or executable the build does not produce (another name than the AssemblyName, the .dll of a Native AOT app, another folder).',
  check({ model, build }) {
    const final = build.final;
    const project = build.project;
    const publishing = build.publishing();
    const app = publishing.app;
    const name = project?.assemblyName;
    if (!final || !name || publishing.shipped.length === 0 || !projectBuiltBy(app, project)) return [];
    const sites = startWordSites(final, build.startWords(final.stage), model.syntax.escape);
    if (!sites || sites.length === 0) return [];
    const workdir = startWorkdir(final);
    const folders = publishing.appFolders;
    const resolve = (path: string): string | undefined => pathInContainer(path, workdir);
    const inAppFolder = (path: string | undefined): boolean | undefined => (path === undefined || !publishing.foldersKnown ? undefined : folders.includes(parentOf(path)));
    const viaAssemblyName = project.assemblyName !== project.projectFileName?.replace(/\.[^.]*$/, '');
    const builds = (artifact: string): string => `${project.projectFile} builds ${quote(artifact)}${viaAssemblyName ? ' (its AssemblyName)' : ''}`;
    const aot = app ? publishAotOf(app, project) : undefined;
    const noAppHost = app?.command.properties.get('useapphost')?.trim().toLowerCase() === 'false';
    const appFolder = folders.length === 1 ? folders[0] : undefined;
    const findings: Finding[] = [];
    const report = (site: StartWord, message: string, fixes: Fix[]): void => {
      findings.push({ span: site.span ?? site.instruction.argsSpan, message, fixes, instruction: site.instruction });
    };

    const program = sites[0]!;
    if (DOTNET_HOST.test(program.word) && sites[1] && /\.dll$/i.test(sites[1].word)) {
      const dll = sites[1];
      const file = baseName(dll.word);
      const resolved = resolve(dll.word);
      if (aot?.value === true) {
        const fixes: Fix[] = [];
        // `["dotnet", "App.dll"]` alone in an exec-form instruction becomes `["/app/App"]`.
        const whole = program.instruction === dll.instruction && program.instruction.form === 'exec' && program.instruction.execArgs?.length === 2;
        if (whole && appFolder) fixes.push({ title: `Run the native executable ${appFolder}/${name}`, edits: [{ ...program.instruction.argsSpan, newText: `["${appFolder === '/' ? '' : appFolder}/${name}"]` }], preferred: true });
        report(dll, `${project.projectFile} is a Native AOT app (${aot.because}): the publish writes the native executable ${quote(name)}, not ${quote(file)}, so 'dotnet ${file}' fails ("The application '${file}' does not exist"). Run ${quote(`${appFolder ? `${appFolder === '/' ? '' : appFolder}/` : './'}${name}`)} instead.`, fixes);
      } else if (file !== `${name}.dll`) {
        const fixes: Fix[] = [];
        if (dll.span) fixes.push({ title: `Run ${name}.dll`, edits: [{ start: dll.span.end - file.length, end: dll.span.end, newText: `${name}.dll` }], preferred: true, safe: true });
        const only = file.toLowerCase() === `${name}.dll`.toLowerCase() ? ' (file names are case-sensitive in Linux containers)' : '';
        report(dll, `${builds(`${name}.dll`)}, but the container runs ${quote(file)}${only}: it fails at start ("The application '${file}' does not exist").`, fixes);
      } else if (inAppFolder(resolved) === false) {
        const fixes: Fix[] = [];
        if (dll.span && appFolder) fixes.push({ title: `Run ${appFolder === '/' ? '' : appFolder}/${name}.dll`, edits: [{ ...dll.span, newText: `${appFolder === '/' ? '' : appFolder}/${name}.dll` }], preferred: true });
        report(dll, `${quote(dll.word)} is ${quote(resolved!)} in the container, but the app's files are copied to ${folders.map(quote).join(' and ')}: 'dotnet' does not find it ("The application '${file}' does not exist").`, fixes);
      }
      return findings;
    }

    // `./Api`, `/app/Api`: an executable in the folder the app is copied to must be the app host or the AOT binary.
    if (!program.word.includes('/') || /\.dll$/i.test(program.word) || SCRIPT.test(program.word)) return findings;
    const resolved = resolve(program.word);
    if (inAppFolder(resolved) !== true) return findings;
    const file = baseName(program.word);
    if (file === name) {
      if (noAppHost && aot?.value !== true) {
        const whole = program.instruction.form === 'exec' && program.instruction.execArgs?.length === 1;
        const fixes: Fix[] = whole ? [{ title: `Run dotnet ${name}.dll`, edits: [{ ...program.instruction.argsSpan, newText: `["dotnet", "${resolved!}.dll"]` }], preferred: true }] : [];
        report(program, `The publish sets UseAppHost=false, so there is no executable ${quote(name)}, only ${quote(`${name}.dll`)}: run it with 'dotnet ${name}.dll'.`, fixes);
      }
      return findings;
    }
    // Something else the Dockerfile puts there itself (a script, a tool) is not ours to judge.
    if (copiedIn(final, Number.POSITIVE_INFINITY, [file]) || mentionedByRun(final.lineage(), file)) return findings;
    const fixes: Fix[] = [];
    if (program.span && !noAppHost) fixes.push({ title: `Run ${name}`, edits: [{ start: program.span.end - file.length, end: program.span.end, newText: name }], preferred: true, safe: true });
    const only = file.toLowerCase() === name.toLowerCase() ? ' (file names are case-sensitive in Linux containers)' : '';
    report(program, `${builds(name)} (the executable), but the container runs ${quote(program.word)}${only}: it fails at start ("exec ${program.word}: no such file or directory").`, fixes);
    return findings;
  },
};

/** A RUN of the final stage (or its chain) that names the file may have made it (`RUN ln -s ...`). */
function mentionedByRun(stages: readonly { readonly instructions: readonly { readonly name: string; readonly args: string }[] }[], file: string): boolean {
  return stages.some((stage) => stage.instructions.some((instruction) => instruction.name === 'RUN' && instruction.args.includes(file)));
}

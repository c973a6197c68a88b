/**
 * `dotnet-dockerfile lint` reads the build context (.dockerignore) as the server does, and always reports what
 * BuildKit refuses (in CI nobody else does).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanUp, runCli, workspace } from './helpers';

after(cleanUp);

const COPY_ALL = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n';

interface Report {
  files: { path: string; problems: { ruleId: string; severity: string; line: number }[] }[];
}
const problems = (stdout: string): string[] => (JSON.parse(stdout) as Report).files.flatMap((f) => f.problems.map((p) => `${f.path}:${p.line} ${p.ruleId} ${p.severity}`));

describe('lint and the build context', () => {
  test('missing-dockerignore without a .dockerignore that keeps bin/ and obj/ out; quiet with one, in the folder or above', () => {
    const root = workspace({ 'bare/Dockerfile': COPY_ALL, 'ignored/Dockerfile': COPY_ALL, 'ignored/.dockerignore': '**/bin\n**/obj\n', 'nested/app/Dockerfile': COPY_ALL, 'nested/.dockerignore': 'bin/\nobj/\n' });
    const result = runCli(['lint', '--format', 'json'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(problems(result.stdout), ['bare/Dockerfile:3 missing-dockerignore information', 'nested/app/Dockerfile:3 missing-dockerignore information']);
  });

  test('dockerfile-syntax is an error on the command line', () => {
    const result = runCli(['lint', '--format', 'json'], workspace({ Dockerfile: 'FORM mcr.microsoft.com/dotnet/aspnet:10.0\n' }));
    assert.equal(result.status, 1);
    assert.deepEqual(problems(result.stdout), ['Dockerfile:1 dockerfile-syntax error']);
  });
});

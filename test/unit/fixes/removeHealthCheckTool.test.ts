/**
 * A tool installed only for a HEALTHCHECK a shell-less image cannot run: the fix removes both (issue 18), never moves
 * the install into the SDK stage, and is not offered when anything else uses what the step installs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../../helpers/markers';
import { actions, checkFix, diagnosticFor, parse, titles } from './fixHarness';

const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';
const PROBE = 'probe http://localhost:8080/healthz from outside the container instead';
const BOTH = `Remove the curl install and the HEALTHCHECK, its only user: this image has no package manager to install it (${PROBE})`;

function offered(source: string, rule: string): string[] {
  const m = marked(source);
  const model = parse(m.text);
  return titles(actions(model, [diagnosticFor(model, m.offsets[0]!, rule)], undefined, true));
}

describe('remove a tool only a HEALTHCHECK uses', () => {
  test('from the install step: both go, with their comments; no move is offered', () => {
    checkFix({
      rule: 'shell-form-without-shell',
      title: BOTH,
      before: `${CHISELED}\nWORKDIR /app\n# tools\n|RUN apt-get update && apt-get install -y curl\nEXPOSE 8080\n# health\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]\nENTRYPOINT ["dotnet", "App.dll"]\n`,
      after: `${CHISELED}\nWORKDIR /app\nEXPOSE 8080\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
    assert.deepEqual(offered(`${CHISELED}\n|RUN apt-get update && apt-get install -y curl\nHEALTHCHECK CMD ["curl", "http://localhost:8080/healthz"]\n`, 'shell-form-without-shell').filter((t) => t.startsWith('Move')), []);
  });

  test('from the HEALTHCHECK of missing-tool: the same removal; without an install, the HEALTHCHECK alone', () => {
    assert.ok(offered(`${CHISELED}\nRUN apt-get install -y curl\nHEALTHCHECK CMD [|"curl", "-f", "http://localhost:8080/healthz"]\n`, 'missing-tool').includes(BOTH));
    checkFix({
      rule: 'missing-tool',
      title: 'Remove the HEALTHCHECK: this image has no wget (probe the app\'s health endpoint from outside the container instead)',
      before: `${CHISELED}\nHEALTHCHECK --interval=5s CMD [|"wget", "-q", "-O", "-", "$HEALTH_URL"]\nENTRYPOINT ["dotnet", "App.dll"]\n`,
      after: `${CHISELED}\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('not offered when something else uses the tool, the step installs more, or the check can run', () => {
    const removal = (titlesOffered: string[]): string[] => titlesOffered.filter((t) => t.startsWith('Remove'));
    assert.deepEqual(removal(offered(`${CHISELED}\n|RUN apt-get install -y curl\nHEALTHCHECK CMD ["curl", "http://x"]\nENTRYPOINT ["curl", "http://y"]\n`, 'shell-form-without-shell')), []);
    assert.deepEqual(removal(offered(`${CHISELED}\n|RUN apt-get install -y curl libgdiplus\nHEALTHCHECK CMD ["curl", "http://x"]\n`, 'shell-form-without-shell')), []);
    assert.deepEqual(removal(offered(`${CHISELED}\n|RUN apt-get install -y curl && mkdir /data\nHEALTHCHECK CMD ["curl", "http://x"]\n`, 'shell-form-without-shell')), []);
    assert.deepEqual(removal(offered(`${CHISELED}\n|RUN apt-get install -y libgdiplus\nHEALTHCHECK CMD ["dotnet", "Health.dll"]\n`, 'shell-form-without-shell')), []);
    assert.deepEqual(removal(offered(`${CHISELED} AS base\n|RUN apt-get install -y curl\nHEALTHCHECK CMD ["curl", "http://x"]\nFROM base\nRUN ["curl", "-o", "/x", "http://y"]\n`, 'shell-form-without-shell')), []);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule, lint } from './ruleTest';
import { checkFix } from '../fixes/fixHarness';
import { isSecretName } from '../../../server/src/service/rules/secret-in-build-arg';

const RULE = 'secret-in-build-arg';
const SDK = 'mcr.microsoft.com/dotnet/sdk:10.0';

describe(RULE, () => {
  test('a NuGet feed token, a PAT, an API key in ARG: on the name', () => {
    const [found] = expectRule(RULE, `FROM ${SDK}\nARG |NUGET_AUTH_TOKEN\nRUN dotnet restore\n`);
    assert.equal(found!.text, 'NUGET_AUTH_TOKEN');
    assert.equal(found!.severity, 2);
    assert.match(found!.message, /docker history/);
    assert.match(found!.message, /--mount=type=secret/);
    expectRule(RULE, `FROM ${SDK}\nARG |VSS_NUGET_EXTERNAL_FEED_ENDPOINTS\nARG |FEED_ACCESSTOKEN\nARG |AZURE_DEVOPS_PAT=\nARG |NuGetApiKey\n`);
  });

  test('in ENV it is stored in the image configuration; a connection string with a password too', () => {
    const [found] = expectRule(RULE, `FROM ${SDK}\nENV |NUGET_PASSWORD=hunter2\n`);
    assert.match(found!.message, /configuration/);
    expectRule(RULE, `FROM ${SDK}\nENV |ConnectionStrings__Default="Server=db;User Id=sa;Password=Secret1!"\n`);
    expectRule(RULE, `FROM ${SDK}\nENV |ASPNETCORE_Kestrel__Certificates__Default__Password=changeit\n`);
  });

  test('one cause, one finding: an ENV that only hands on a secret ARG is the ARG', () => {
    expectRule(RULE, `FROM ${SDK}\nARG |GITHUB_TOKEN\nENV GITHUB_TOKEN=$GITHUB_TOKEN\n`);
  });

  test('names BuildKit does not take for secrets, and empty ENV values, are fine', () => {
    for (const name of ['DefaultProcess__Filters__0__Key', 'SORT_KEY', 'PUBLIC_KEY', 'KEY_FILE', 'TOKEN_URL', 'SECRETS_PATH', 'PWD', 'DOTNET_VERSION', 'APP_UID', 'BUILD_CONFIGURATION', 'PATH', 'KEYCLOAK_VERSION', 'PASSWORD_LENGTH']) {
      assert.equal(isSecretName(name), false, name);
    }
    for (const name of ['API_KEY', 'AZURE_STORAGE_KEY', 'PrivateKey', 'apikey', 'DB_PASSWORD', 'SECRET', 'client_secret', 'NugetToken', 'AUTH', 'CREDENTIALS']) assert.equal(isSecretName(name), true, name);
    expectRule(RULE, `FROM ${SDK}\nARG CONFIGURATION=Release\nENV DOTNET_CLI_TELEMETRY_OPTOUT=1 PASSWORD=""\n`);
  });

  test('the fix removes the ARG and gives the RUN steps that read it a secret mount', () => {
    checkFix({
      rule: RULE,
      title: 'Pass NUGET_TOKEN as a build secret (RUN --mount=type=secret)',
      before: `FROM ${SDK} AS build\nARG |NUGET_TOKEN\nCOPY . .\nRUN dotnet nuget add source https://pkgs.example/nuget -p "$NUGET_TOKEN" && dotnet restore\nRUN dotnet publish -o /app\n`,
      after: `FROM ${SDK} AS build\nCOPY . .\nRUN --mount=type=secret,id=nuget_token,env=NUGET_TOKEN dotnet nuget add source https://pkgs.example/nuget -p "$NUGET_TOKEN" && dotnet restore\nRUN dotnet publish -o /app\n`,
    });
    checkFix({
      rule: RULE,
      title: 'Remove ARG API_KEY',
      before: `FROM ${SDK}\nARG CONFIGURATION=Release |API_KEY\nRUN dotnet build -c $CONFIGURATION\n`,
      after: `FROM ${SDK}\nARG CONFIGURATION=Release\nRUN dotnet build -c $CONFIGURATION\n`,
    });
  });

  test('no fix when something else than a RUN reads the ARG (it would be baked in anyway)', () => {
    const found = lint(`FROM ${SDK}\nARG NUGET_TOKEN\nENV TOKEN_COPY=$NUGET_TOKEN\nRUN dotnet restore\n`).filter((d) => d.code === RULE);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.replacements, []);
    // A stage built FROM this one sees the ARG too: removing it would take the value from that stage's RUN.
    const inherited = lint(`FROM ${SDK} AS build\nARG NUGET_TOKEN\nFROM build AS restore\nRUN dotnet nuget add source https://x -p $NUGET_TOKEN\n`).filter((d) => d.code === RULE);
    assert.equal(inherited.length, 1);
    assert.deepEqual(inherited[0]!.replacements, []);
  });
});

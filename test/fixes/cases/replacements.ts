/** Image reference replacements (the rules' Diagnostic.data fixes): the cases of endToEnd.test.ts as real Dockerfiles. */
import { BUILD_STAGE, CHISELED10, type FixCase } from './fixCase';

const FAMILY = 'image reference replacement';
const RUNS_THE_APP = { start: ['App.dll'], reason: 'the image named before does not exist, so nothing ran before the fix' } as const;
const FINAL = `WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll"]
`;

export const replacementCases: readonly FixCase[] = [
  {
    name: 'unknown-tag → the nearest real tag',
    family: FAMILY,
    rule: 'unknown-tag',
    title: 'Use 10.0-noble-chiseled',
    beforeOutcome: 'image-missing',
    expectedArgv: RUNS_THE_APP,
    before: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-|chisled\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM ${CHISELED10}\n${FINAL}`,
  },
  {
    name: 'retired-repository → the current name',
    family: FAMILY,
    rule: 'retired-repository',
    title: 'Use mcr.microsoft.com/dotnet/aspnet',
    beforeOutcome: 'image-missing',
    expectedArgv: RUNS_THE_APP,
    before: `${BUILD_STAGE}\nFROM |mcr.microsoft.com/dotnet/core/aspnet:10.0\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n${FINAL}`,
  },
  {
    name: 'eol-version → the newest LTS',
    family: FAMILY,
    rule: 'eol-version',
    title: 'Use 10.0 (.NET 10.0 LTS)',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/aspnet:|8.0\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n${FINAL}`,
  },
  {
    name: 'sdk-in-final-stage → a runtime image',
    family: FAMILY,
    rule: 'sdk-in-final-stage',
    title: 'Use mcr.microsoft.com/dotnet/runtime:10.0',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM |mcr.microsoft.com/dotnet/sdk:10.0\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/runtime:10.0\n${FINAL}`,
  },
  {
    name: 'version-mismatch → the SDK version',
    family: FAMILY,
    rule: 'version-mismatch',
    title: 'Use aspnet:10.0-noble-chiseled (.NET 10.0, as the SDK builds)',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/aspnet:|9.0-noble-chiseled\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM ${CHISELED10}\n${FINAL}`,
  },
  {
    name: 'privileged-port → 8080',
    family: FAMILY,
    rule: 'privileged-port',
    title: 'Use port 8080',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM ${CHISELED10}\nENV ASPNETCORE_HTTP_PORTS=|80\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM ${CHISELED10}\nENV ASPNETCORE_HTTP_PORTS=8080\n${FINAL}`,
  },
  {
    name: 'port-mismatch → 8080',
    family: FAMILY,
    rule: 'port-mismatch',
    title: 'Use port 8080',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM ${CHISELED10}\nEXPOSE |80\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM ${CHISELED10}\nEXPOSE 8080\n${FINAL}`,
  },
  {
    name: 'globalization-without-icu → -extra',
    family: FAMILY,
    rule: 'globalization-without-icu',
    title: 'Use 10.0-noble-chiseled-extra',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM ${CHISELED10}\nENV |TZ=Europe/Berlin\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM ${CHISELED10}-extra\nENV TZ=Europe/Berlin\n${FINAL}`,
  },
  {
    name: 'untagged-image → a version tag',
    family: FAMILY,
    rule: 'untagged-image',
    title: 'Use mcr.microsoft.com/dotnet/aspnet:10.0',
    beforeOutcome: 'builds-and-starts',
    before: `${BUILD_STAGE}\nFROM |mcr.microsoft.com/dotnet/aspnet\n${FINAL}`,
    after: `${BUILD_STAGE}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n${FINAL}`,
  },
];

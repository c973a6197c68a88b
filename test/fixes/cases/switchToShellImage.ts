/** Switch to the image of the same version with a shell: the cases of switchToShellImage.test.ts and endToEnd.test.ts. */
import { BUILD_STAGE, CHISELED10, type FixCase } from './fixCase';

const RULE = 'shell-form-without-shell';
const FAMILY = 'switch to the image with a shell';

/** A self-contained app for runtime-deps images (which have no dotnet). */
const SELF_CONTAINED_8 = `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -r linux-x64 --self-contained -o /app/publish
`;

export const switchToShellImageCases: readonly FixCase[] = [
  {
    name: 'Ubuntu chiseled → the full Ubuntu image of the same version (a CMD with &&)',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0-noble, which has a shell',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|CMD dotnet App.dll && echo started
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
WORKDIR /app
COPY --from=build /app/publish .
CMD dotnet App.dll && echo started
`,
  },
  {
    name: 'a CMD with a pipe',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0-noble, which has a shell',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|CMD dotnet App.dll || tee /tmp/log
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
WORKDIR /app
COPY --from=build /app/publish .
CMD dotnet App.dll | tee /tmp/log
`,
  },
  {
    name: '-chiseled-extra → full Ubuntu (it ships ICU), the arch kept',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0-noble-amd64, which has a shell',
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra-amd64
WORKDIR /app
COPY --from=build /app/publish .
|RUN mkdir -p /app/data
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-amd64
WORKDIR /app
COPY --from=build /app/publish .
RUN mkdir -p /app/data
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'Azure Linux distroless → Azure Linux, a fixed arch kept',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0-azurelinux3.0-amd64, which has a shell',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless-extra-amd64
WORKDIR /app
COPY --from=build /app/publish .
|ENTRYPOINT dotnet App.dll $ARGS
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-amd64
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT dotnet App.dll $ARGS
`,
  },
  {
    name: 'a fixed version is kept',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0.11-noble, which has a shell',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0.11-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
|CMD dotnet App.dll > /dev/stdout
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0.11-noble
WORKDIR /app
COPY --from=build /app/publish .
CMD dotnet App.dll > /dev/stdout
`,
  },
  {
    name: 'through FROM <stage>, the root image is switched',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to runtime-deps:8.0-jammy, which has a shell',
    beforeOutcome: 'build-fails',
    before: `${SELF_CONTAINED_8}
FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled AS base
WORKDIR /app
COPY --from=build /app/publish .

FROM base AS final
|RUN echo hi > /tmp/x
ENTRYPOINT ["./App"]
`,
    after: `${SELF_CONTAINED_8}
FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy AS base
WORKDIR /app
COPY --from=build /app/publish .

FROM base AS final
RUN echo hi > /tmp/x
ENTRYPOINT ["./App"]
`,
  },
  {
    name: 'missing-tool: an exec-form /bin/sh -c',
    family: FAMILY,
    rule: 'missing-tool',
    title: 'Switch to aspnet:10.0-noble, which has a shell',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT [|"/bin/sh", "-c", "exec dotnet App.dll"]
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet App.dll"]
`,
  },
  {
    name: 'issue 18: a package install is not moved into the SDK stage; the image with a shell installs it where it is used',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0-noble, which has a shell',
    beforeOutcome: 'build-fails',
    notOffered: { titles: ['Move'], reason: 'a package installed in the SDK stage never reaches the final image' },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
COPY --from=build /app/publish /app
|RUN apt-get update && apt-get install -y libgdiplus
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
COPY --from=build /app/publish /app
RUN apt-get update && apt-get install -y libgdiplus
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
  },
  {
    name: 'issue 18: curl for the HEALTHCHECK, kept: the image with a shell installs and runs it',
    family: FAMILY,
    rule: RULE,
    title: 'Switch to aspnet:10.0-noble, which has a shell',
    beforeOutcome: 'build-fails',
    notOffered: { titles: ['Move'], reason: 'curl installed in the SDK stage never reaches the image whose HEALTHCHECK needs it' },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|RUN apt-get update && apt-get install -y curl
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
WORKDIR /app
COPY --from=build /app/publish .
RUN apt-get update && apt-get install -y curl
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'missing-tool: an exec-form tdnf on Azure Linux distroless → the full Azure Linux image, which has tdnf',
    family: FAMILY,
    rule: 'missing-tool',
    title: 'Switch to runtime:10.0-azurelinux3.0, which has a shell',
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless
COPY --from=build /app/publish /app
RUN [|"tdnf", "install", "-y", "icu"]
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0
COPY --from=build /app/publish /app
RUN ["tdnf", "install", "-y", "icu"]
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
  },
];

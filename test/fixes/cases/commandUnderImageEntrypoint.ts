/**
 * cmd-after-image-entrypoint: an exec-form CMD on an image whose own ENTRYPOINT is `/usr/bin/dotnet` (chiseled and
 * distroless runtime and aspnet) that starts with `dotnet` again, so the container starts `dotnet dotnet App.dll`.
 */
import { BUILD_STAGE, CHISELED10, type FixCase } from './fixCase';

const RULE = 'cmd-after-image-entrypoint';
const FAMILY = 'CMD under the image ENTRYPOINT';

export const commandUnderImageEntrypointCases: readonly FixCase[] = [
  {
    name: 'CMD ["dotnet", "App.dll"] becomes the ENTRYPOINT',
    family: FAMILY,
    rule: RULE,
    title: `Write it as ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]: it replaces the image's ENTRYPOINT`,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
CMD [|"dotnet", "App.dll", "--urls", "http://+:8080"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]
`,
  },
  {
    name: 'or leaves /usr/bin/dotnet out of the CMD: the image ENTRYPOINT runs the app',
    family: FAMILY,
    rule: RULE,
    title: `Leave /usr/bin/dotnet out of the CMD: the image's ENTRYPOINT ["/usr/bin/dotnet"] runs the rest`,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless
COPY --from=build /app/publish /app
CMD [|"/usr/bin/dotnet", "/app/App.dll"]
`,
    after: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless
COPY --from=build /app/publish /app
CMD ["/app/App.dll"]
`,
  },
];

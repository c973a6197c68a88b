/**
 * The `.dockerignore` a .NET build context wants: host build output (`bin/`, `obj/`: a restore on the host leaves
 * project.assets.json files that break the restore in the image, NETSDK1004), editor and tool folders, local
 * secrets, and the container files themselves. The git metadata SourceLink reads stays in. Visual Studio's
 * container tools write the same kind of list.
 */
export const DOCKERIGNORE_ENTRIES: readonly string[] = [
  '**/bin/',
  '**/obj/',
  '**/out/',
  '**/TestResults/',
  '**/.vs/',
  '**/.vscode/',
  '**/.idea/',
  '**/*.user',
  '**/*.suo',
  '**/node_modules/',
  '**/npm-debug.log',
  '**/.env',
  '**/secrets.json',
  '**/secrets.dev.yaml',
  '**/values.dev.yaml',
  '**/*.pfx',
  '**/Dockerfile*',
  '**/*.dockerfile',
  '**/.dockerignore',
  '**/docker-compose*',
  '**/compose.y*ml',
  '**/.git',
  '**/.gitignore',
  '!.git/HEAD',
  '!.git/config',
  '!.git/packed-refs',
  '!.git/refs/heads/**',
];

export function dockerignoreText(): string {
  return [
    '# Written by dotnet-dockerfile: what the .NET build in the image must not see.',
    '# Host build output (bin/, obj/) breaks the restore in the image and makes the build context slow to send.',
    ...DOCKERIGNORE_ENTRIES.slice(0, 5),
    '',
    '# Editors, tools and local secrets.',
    ...DOCKERIGNORE_ENTRIES.slice(5, 16),
    '',
    '# The container files themselves.',
    ...DOCKERIGNORE_ENTRIES.slice(16, 21),
    '',
    '# Git, except what SourceLink reads to stamp the commit into the assemblies.',
    ...DOCKERIGNORE_ENTRIES.slice(21),
    '',
  ].join('\n');
}

#!/usr/bin/env node
// The .NET Dockerfile language server for any LSP editor: `dotnet-dockerfile-ls --stdio` (or --node-ipc).
require('../../dist/server.js');

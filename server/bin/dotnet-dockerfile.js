#!/usr/bin/env node
// The .NET Dockerfile linter for CI: `dotnet-dockerfile lint [paths...]`.
require('../../dist/cli.js');

#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/cli.ts
import * as nodeModule from "node:module";

// src/version.ts
var TOOL_VERSION = "0.1.0";

// src/cli.ts
var argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === "--version") process.stdout.write(`${TOOL_VERSION}
`);
else {
  const enableCompileCache2 = nodeModule.enableCompileCache;
  try {
    enableCompileCache2?.();
  } catch {
  }
  const { runCli } = await import("./cli-run.js");
  process.exitCode = await runCli(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd()
  });
}

#!/usr/bin/env node
import { runCli } from './run-cli.js';

// No top-level await: the package stays loadable with require() on Node >= 20.19.
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

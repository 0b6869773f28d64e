#!/usr/bin/env node
// The CLI entry: the bundled CLI (dist/cli) so `npx secloop` starts fast and needs no build step.
import { run } from '../dist/cli/index.js';

process.exitCode = await run();

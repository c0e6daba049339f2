#!/usr/bin/env node
// Entry point of the package bin: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/runner/cli.ts');
process.exitCode = await main(process.argv.slice(2));

/** Runs the CLI as a user would (a child process) and reads what it left behind. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults } from '../../reporters/outcomes.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  reportDir: string;
  results?: RunResults;
  /** Every file the run wrote, concatenated, for leak checks. */
  written(): string;
}

const root = new URL('../..', import.meta.url).pathname;

/** The environment without the developer's RUNAI_* settings or vitest's own: a run starts as a user's would. */
export function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('RUNAI_') && !k.startsWith('VITEST')),
  );
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 240_000): Promise<CliRun> {
  // A fresh report folder, unless the caller names one (e.g. cleanup of an earlier run's leftovers).
  const given = args.indexOf('--report-dir');
  const reportDir = given >= 0 ? (args[given + 1] ?? '') : mkdtempSync(join(tmpdir(), 'rc-report-'));
  const base = cleanEnv();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin/runai-conformance.mjs'), ...args, ...(given >= 0 ? [] : ['--report-dir', reportDir])],
      {
        cwd: root,
        env: { ...base, NO_COLOR: '1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const file = join(reportDir, 'results.json');
      const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunResults) : undefined;
      const written = () =>
        readdirSync(reportDir, { recursive: true, withFileTypes: true })
          .filter((d) => d.isFile())
          .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
          .join('\n');
      resolve({ code, stdout, stderr, reportDir, results, written });
    });
  });
}

export const outcomeOf = (run: CliRun, id: string) => run.results?.requirements.find((r) => r.id === id)?.outcome;
export const failedIds = (run: CliRun) =>
  (run.results?.requirements ?? []).filter((r) => r.outcome === 'fail').map((r) => r.id);

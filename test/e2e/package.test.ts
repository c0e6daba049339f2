import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/runner/usage.ts';
import { cleanEnv } from '../../src/scoring/run-cli.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The honest test of the `files` list: the tarball npm would publish, installed into an empty
// folder, run with npx as a user would, without the repository.
describe('the installable package', () => {
  it('packs, installs into an empty folder, and runs there', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-package-'));
    execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: root, stdio: 'ignore' });
    const [tarball] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const consumer = join(dir, 'consumer');
    execFileSync('mkdir', ['-p', consumer]);
    writeFileSync(join(consumer, 'package.json'), '{"name":"consumer","private":true}\n');
    execFileSync('npm', ['install', join(dir, tarball ?? ''), '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: consumer,
      stdio: 'ignore',
    });
    // npm's own variables would point npx at this repository.
    const env = Object.fromEntries(Object.entries(cleanEnv()).filter(([k]) => !k.startsWith('npm_')));
    const npx = (args: string[]) =>
      spawnSync('npx', ['--no-install', 'runai-conformance', ...args], {
        cwd: consumer,
        env: { ...env, NO_COLOR: '1' },
        encoding: 'utf8',
      });

    const help = npx(['--help']);
    expect(help.status).toBe(0);
    for (const [flag, spec] of Object.entries(OPTIONS)) {
      expect(help.stdout).toContain(`--${flag}`);
      if (spec.default) expect(help.stdout).toContain(`default: ${spec.default}`);
    }
    const run = npx(['run', '--profile', 'smoke']);
    expect(run.status, run.stderr.slice(-1500)).toBe(0);
    expect(run.stdout).toMatch(/CONFORMANT/);
    expect(npx(['--version']).stdout).toMatch(/^runai-conformance \d+\.\d+\.\d+/);
    const installed = join(consumer, 'node_modules', 'runai-users-conformance');
    for (const f of ['LICENSE', 'CHANGELOG.md']) expect(existsSync(join(installed, f)), f).toBe(true);

    // A recorded failure of a reference fault, replayed from the installed copy: it fails again.
    const faulty = npx(['run', '--reference-faults', 'terms-ored', '--only', 'get_users/filter-properties']);
    expect(faulty.status, faulty.stderr.slice(-1500)).toBe(1);
    expect(faulty.stdout).toMatch(/replay: npx runai-conformance replay get_users\/filter\/terms-anded/);
    const replayed = npx(['replay', 'get_users/filter/terms-anded', '--from', 'reports/results.json']);
    expect(replayed.status, replayed.stdout.slice(-1500)).toBe(1);
    expect(replayed.stdout).toMatch(/reproduced: get_users\/filter\/terms-anded fails again/);
    // Into a folder of its own: the run it replays keeps its reports.
    expect(existsSync(join(consumer, 'reports', 'replay-get_users-filter-terms-anded', 'results.json'))).toBe(true);
  });
});

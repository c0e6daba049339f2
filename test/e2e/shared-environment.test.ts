import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

const runUsers = (ref: RunningReference) => [...ref.store.users.values()].filter((u) => u.username.startsWith('rc-'));
let ref: RunningReference | undefined;
afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

describe('shared environments', () => {
  it('a run interrupted with Ctrl-C deletes every user it created and exits 2', async () => {
    ref = await startReference({ seedUsers: 40 });
    const child = spawn(process.execPath, ['bin/runai-conformance.mjs', 'run', '--report-dir', '/tmp/rc-interrupted'], {
      env: {
        PATH: process.env.PATH,
        RUNAI_BASE_URL: ref.url,
        RUNAI_TOKEN: ref.admin.token,
        RUNAI_FC_RUNS: '500',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Interrupt once the run has created users of its own.
    const deadline = Date.now() + 60_000;
    while (runUsers(ref).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(runUsers(ref).length).toBeGreaterThanOrEqual(5);
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/interrupted/);
    expect(runUsers(ref)).toEqual([]);
  });

  it('cleanup deletes leftovers of earlier runs and nothing else', async () => {
    ref = await startReference({ seedUsers: 30 });
    const now = Date.now();
    const store = ref.store;
    const add = (username: string) =>
      store.add({
        username,
        createdBy: 'admin',
        createdAt: now,
        updatedAt: now,
        lastLogin: null,
        isLocal: true,
        groups: null,
      });
    const leftovers = ['rc-old1run-u-a1@conformance.invalid', 'rc-old2run-ds1a-w-abcd@conformance.invalid'].map(add);
    const lookalikes = [
      'rc-old1run-u-a1@example.com',
      'xrc-old1run-u@conformance.invalid',
      'someone@conformance.invalid',
    ].map(add);
    const before = ref.store.users.size;
    const run = await runCli(['cleanup'], { RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/deleted 2 users/);
    for (const u of leftovers) expect(ref.store.users.has(u.id)).toBe(false);
    for (const u of lookalikes) expect(ref.store.users.has(u.id)).toBe(true);
    expect(ref.store.users.size).toBe(before - 2);
  });
});

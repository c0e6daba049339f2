import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningReference, startReference } from '../../reference/reference-server.ts';
import { createdUsersFile, recordCreated, recordCreateSent } from '../../src/harness/created-users.ts';
import { runCli } from '../../src/scoring/run-cli.ts';

/** A local user put straight into the reference's store, as an earlier run or someone else left it. */
function addLocalUser(store: RunningReference['store'], username: string) {
  const now = Date.now();
  return store.add({
    username,
    createdBy: 'admin',
    createdAt: now,
    updatedAt: now,
    lastLogin: null,
    isLocal: true,
    groups: null,
  });
}

const runUsers = (ref: RunningReference) => [...ref.store.users.values()].filter((u) => u.username.startsWith('rc-'));
let ref: RunningReference | undefined;
afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

describe('shared environments', () => {
  // Servers broken where cleanup depends on them (list, get, delete), or that accept what they
  // should refuse: whatever they do, every user the run created is deleted by the end.
  describe.concurrent('no run user is left behind by a broken server', () => {
    const servers = [
      'list-wrapped',
      'get-answers-500',
      'delete-fails-first',
      'duplicate-email-allowed',
      'json-bom',
    ] as const;
    for (const fault of servers) {
      it(fault, async () => {
        const broken = await startReference({ seedUsers: 40, faults: new Set([fault]) });
        try {
          const run = await runCli(['run'], { RUNAI_BASE_URL: broken.url, RUNAI_TOKEN: broken.admin.token });
          expect(run.code, run.stderr.slice(-1500)).toBe(1);
          const created = broken.store.audit.filter((a) => a.action === 'create_user').length;
          expect(created).toBeGreaterThan(20);
          expect(runUsers(broken).map((u) => u.username)).toEqual([]);
          expect(run.results?.leftovers).toEqual([]);
        } finally {
          await broken.close();
        }
      });
    }
  });

  it('a server whose overlapping deletes answer 204 and delete nothing is left with no run user', async () => {
    ref = await startReference({ seedUsers: 40, faults: new Set(['overlapping-deletes-lie']) });
    const run = await runCli(['run'], { RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token });
    expect(run.code, run.stderr.slice(-1500)).not.toBe(2);
    expect(ref.store.audit.filter((a) => a.action === 'create_user').length).toBeGreaterThan(100);
    expect(runUsers(ref).map((u) => u.username)).toEqual([]);
    expect(run.results?.leftovers).toEqual([]);
  });

  it('what cannot be deleted is listed, makes the run uncertifiable, and cleanup finishes the job', async () => {
    ref = await startReference({ seedUsers: 20 });
    const store = ref.store;
    // A target that refuses every delete of the run's users during the run.
    const refuse = new Set<string>();
    const original = store.remove.bind(store);
    store.remove = (user) => {
      if (refuse.has('on')) throw new Error('refused');
      original(user);
    };
    refuse.add('on');
    const env = { RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token, RUNAI_ONLY: 'create_user/create' };
    const run = await runCli(['run', '--certify', `${tmpdir()}/rc-bundle-left-${process.pid}`], env);
    const left = run.results?.leftovers ?? [];
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBe(runUsers(ref).length);
    expect(run.stdout).toMatch(/Users left behind/);
    expect(run.stdout).toMatch(/not certifiable/);
    refuse.clear();
    const cleanup = await runCli(['cleanup', '--report-dir', run.reportDir], env);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(runUsers(ref)).toEqual([]);
  });

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

  it('a run abandoned with a second Ctrl-C says what it left; cleanup --report-dir deletes all of it', async () => {
    ref = await startReference({ seedUsers: 40 });
    const reportDir = mkdtempSync(join(tmpdir(), 'rc-abandoned-'));
    const child = spawn(process.execPath, ['bin/runai-conformance.mjs', 'run', '--report-dir', reportDir], {
      env: { PATH: process.env.PATH, RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const deadline = Date.now() + 60_000;
    while (runUsers(ref).length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGINT');
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
    expect(stderr).toMatch(/abandoned; \d+ user\(s\) the run created may still be on/);
    expect(stderr).toContain(
      `finish with: npx runai-conformance cleanup --base-url ${ref.url} --report-dir ${reportDir}`,
    );
    const env = { RUNAI_BASE_URL: ref.url, RUNAI_TOKEN: ref.admin.token };
    const cleanup = await runCli(['cleanup', '--report-dir', reportDir], env);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(runUsers(ref).map((u) => u.username)).toEqual([]);
  });

  it("cleanup --report-dir deletes every user a run's journal names, whatever its domain, no other", async () => {
    ref = await startReference({ seedUsers: 10 });
    const store = ref.store;
    const add = (username: string) => addLocalUser(store, username);
    // Probes of odd addresses a run may have sent, each answered or not before the run was abandoned.
    const probes = [
      'rc-ab1run-p1@aonformance.invalid',
      'RC-AB1RUN-P2@CONFORMANCE.INVALID',
      'rc-ab1run-p3@conformanc..invalid',
    ];
    const made = probes.map(add);
    const other = add('rc-ab1run-p4@example.com');
    const reportDir = mkdtempSync(join(tmpdir(), 'rc-journal-'));
    const journal = createdUsersFile(reportDir, 'w1');
    for (const email of probes) recordCreateSent(journal, email);
    recordCreated(journal, { id: made[2]?.id ?? '', email: probes[2] });
    const cleanup = await runCli(['cleanup', '--report-dir', reportDir], {
      RUNAI_BASE_URL: ref.url,
      RUNAI_TOKEN: ref.admin.token,
    });
    expect(cleanup.code, cleanup.stderr).toBe(0);
    for (const u of made) expect(store.users.has(u.id), u.username).toBe(false);
    expect(store.users.has(other.id)).toBe(true);
  });

  it('cleanup deletes leftovers of earlier runs and nothing else', async () => {
    ref = await startReference({ seedUsers: 30 });
    const store = ref.store;
    const add = (username: string) => addLocalUser(store, username);
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

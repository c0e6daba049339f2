import { describe, expect, it } from 'vitest';
import { computeOutcomes, exitCodeFor, reportedOutcome, type TestRecord } from '../../reporters/outcomes.ts';

const t = (
  requirements: string[],
  state: TestRecord['state'],
  extra: Partial<NonNullable<TestRecord['meta']>> = {},
): TestRecord => ({
  name: `test of ${requirements.join()}`,
  file: 'x.test.ts',
  state,
  errors: state === 'failed' ? ['boom'] : [],
  meta: { requirements, findings: [], observed: {}, ...extra },
});
function outcome(tests: TestRecord[], id: string, profile: 'smoke' | 'standard' = 'standard') {
  const r = computeOutcomes(tests, profile).requirements.find((x) => x.id === id);
  if (!r) throw new Error(`no outcome for ${id}`);
  return r;
}

describe('per-requirement outcomes', () => {
  it('a passing test passes its requirement', () => {
    expect(outcome([t(['get_users/success/ok-200'], 'passed')], 'get_users/success/ok-200').outcome).toBe('pass');
  });

  it('a finding fails its own requirement even when another test passes it', () => {
    const finding = { code: 'schema-violation' as const, requirement: 'get_users/response/schema', message: 'm' };
    const tests = [
      t(['get_users/success/ok-200'], 'failed', { findings: [finding], observed: { get_users: 1 } }),
      t(['get_users/success/ok-200'], 'passed', { observed: { get_users: 1 } }),
    ];
    const results = computeOutcomes(tests, 'standard');
    expect(results.requirements.find((r) => r.id === 'get_users/response/schema')?.outcome).toBe('fail');
    expect(results.verdict).toBe('non-conformant');
    expect(exitCodeFor(results.verdict)).toBe(1);
  });

  it('a conformance failure fails the declared requirement; a test the runner stopped is inconclusive', () => {
    // Stopped from outside (the runner's time limit: a target that stopped answering), never a finding.
    const stopped = outcome(
      [{ ...t(['count_users/success/ok-200'], 'failed'), errors: ['Test timed out in 120000ms.'] }],
      'count_users/success/ok-200',
    );
    expect(stopped.outcome).toBe('inconclusive');
    expect(stopped.reason).toMatch(/did not finish: Test timed out/);
    expect(
      outcome(
        [t(['count_users/success/ok-200'], 'failed', { interruption: 'conformance' })],
        'count_users/success/ok-200',
      ).outcome,
    ).toBe('fail');
  });

  it("a shared setup's failure, named by another requirement, blocks a test; its own named fails it", () => {
    const failed = (requirements: string[], error: string) => ({
      ...t(requirements, 'failed', { interruption: 'conformance', completed: false }),
      errors: [error],
    });
    const blocked = outcome(
      [failed(['common/input/repeated-parameter'], '[create_user/success/created-201] expected 201, got 200')],
      'common/input/repeated-parameter',
    );
    expect(blocked.outcome).toBe('inconclusive');
    expect(blocked.reason).toMatch(/blocked by create_user\/success\/created-201/);
    const own = outcome(
      [failed(['count_users/success/ok-200'], '[count_users/success/ok-200] expected 200, got 500')],
      'count_users/success/ok-200',
    );
    expect(own.outcome).toBe('fail');
  });

  it("an error that is not an assertion is the suite's, never a finding against the target", () => {
    const r = outcome(
      [t(['count_users/success/ok-200'], 'failed', { interruption: 'suite-error' })],
      'count_users/success/ok-200',
    );
    expect(r.outcome).toBe('inconclusive');
    expect(r.reason).toMatch(/error in the suite/);
  });

  it('a failed SHOULD never blanks the MUSTs of a test whose body ran to its end', () => {
    const should = {
      code: 'unexpected-status' as const,
      requirement: 'create_user/conflict/duplicate-email-case-409',
      message: 'expected 409, got 201',
    };
    const results = computeOutcomes(
      [
        t(['create_user/conflict/duplicate-email-409', 'create_user/conflict/duplicate-email-case-409'], 'failed', {
          findings: [should],
          completed: true,
        }),
      ],
      'standard',
    );
    const of = (id: string) => results.requirements.find((r) => r.id === id)?.outcome;
    expect(of('create_user/conflict/duplicate-email-409')).toBe('pass');
    expect(of('create_user/conflict/duplicate-email-case-409')).toBe('fail');
    expect(results.verdict).toBe('conformant');
    expect(exitCodeFor(results.verdict)).toBe(0);
  });

  it('a body stopped by a finding leaves its other requirements unobserved', () => {
    const must = {
      code: 'unexpected-status' as const,
      requirement: 'create_user/conflict/duplicate-email-409',
      message: 'm',
    };
    const results = computeOutcomes(
      [
        t(['create_user/conflict/duplicate-email-409', 'create_user/conflict/duplicate-email-case-409'], 'failed', {
          findings: [must],
          interruption: 'conformance',
        }),
      ],
      'standard',
    );
    const of = (id: string) => results.requirements.find((r) => r.id === id)?.outcome;
    expect(of('create_user/conflict/duplicate-email-409')).toBe('fail');
    expect(of('create_user/conflict/duplicate-email-case-409')).toBe('inconclusive');
    expect(results.verdict).toBe('non-conformant');
  });

  it('inconclusive and not-applicable outcomes are kept apart from failures', () => {
    const inc = computeOutcomes(
      [t(['count_users/success/ok-200'], 'failed', { outcome: 'inconclusive', reason: 'timeout' })],
      'standard',
    );
    expect(inc.requirements.find((r) => r.id === 'count_users/success/ok-200')?.outcome).toBe('inconclusive');
    expect(inc.verdict).toBe('incomplete');
    expect(exitCodeFor(inc.verdict)).toBe(2);
    expect(
      outcome(
        [t(['create_user/auth/viewer-403'], 'skipped', { outcome: 'not-applicable', reason: 'no refresh tokens' })],
        'create_user/auth/viewer-403',
      ).outcome,
    ).toBe('not-applicable');
    const notRun = outcome(
      [t(['create_user/auth/viewer-403'], 'skipped', { outcome: 'not-run', reason: 'no RUNAI_VIEWER_TOKEN given' })],
      'create_user/auth/viewer-403',
    );
    expect([notRun.outcome, notRun.reason]).toEqual(['not-run', 'no RUNAI_VIEWER_TOKEN given']);
  });

  it('a target that stopped answering makes the run incomplete, whatever it broke before', () => {
    const finding = { code: 'schema-violation' as const, requirement: 'get_users/response/schema', message: 'm' };
    const tests = [t(['get_users/success/ok-200'], 'failed', { findings: [finding], observed: { get_users: 1 } })];
    expect(computeOutcomes(tests, 'standard').verdict).toBe('non-conformant');
    const stopped = computeOutcomes(tests, 'standard', [], { targetStopped: 'the target stopped answering' });
    expect(stopped.verdict).toBe('incomplete');
    expect(stopped.targetStopped).toMatch(/stopped answering/);
  });

  it('a failed SHOULD is a warning, not non-conformance', () => {
    const results = computeOutcomes(
      [t(['create_user/conflict/duplicate-email-case-409'], 'failed', { interruption: 'conformance' })],
      'standard',
    );
    const should = results.requirements.find((r) => r.id === 'create_user/conflict/duplicate-email-case-409');
    expect(should?.outcome).toBe('fail');
    expect(should && reportedOutcome(should)).toBe('warning');
    expect(results.counts).toMatchObject({ fail: 0, warning: 1 });
    expect(results.verdict).not.toBe('non-conformant');
  });

  it('client-checked requirements pass when their operation was observed without findings', () => {
    expect(
      outcome(
        [t(['count_users/success/ok-200'], 'passed', { observed: { count_users: 2 } })],
        'count_users/response/schema',
      ).outcome,
    ).toBe('pass');
    // Never observed: the run left it out, which is no fact about the target.
    expect(outcome([], 'count_users/response/schema').outcome).toBe('not-run');
  });

  it('requirements above the profile are not run', () => {
    const r = outcome([], 'create_user/success/created-201', 'smoke');
    expect(r.outcome).toBe('not-run');
  });
});

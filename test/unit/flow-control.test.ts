import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimStart, FlowControl } from '../../src/client/flow-control.ts';
import { SendTogether } from '../../src/client/send-together.ts';

/** Whether a promise has settled after the queued callbacks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 10));
  return done;
}

describe('flow control', () => {
  it('lets a group in as one request would, with all its places at once', async () => {
    const flow = new FlowControl({ concurrency: 2 });
    const singles = [await flow.acquire(), await flow.acquire()];
    const group = flow.acquireGroup(3);
    expect(await settled(group)).toBe(false);
    singles[0]?.();
    // One place free lets the whole group in: three requests, past the share while the race lasts.
    const places = await group;
    expect(places).toHaveLength(3);
    // Four in flight on a share of two: the next single waits until fewer than two are.
    const after = flow.acquire();
    singles[1]?.();
    places[0]?.();
    expect(await settled(after)).toBe(false);
    places[1]?.();
    expect(await settled(after)).toBe(true);
  });

  it('takes the places when every call is ready: a token fetched first never waits behind them', async () => {
    const flow = new FlowControl({ concurrency: 1 });
    const group = new SendTogether(3, (n) => flow.acquireGroup(n));
    const sent: number[] = [];
    const calls = [0, 1, 2].map(async (i) => {
      const member = group.member();
      if (i === 2) return member.leave();
      // A token request first, as a call whose credentials need renewing makes.
      (await flow.acquire())();
      const place = await member.join();
      sent.push(i);
      place?.();
    });
    await Promise.all(calls);
    expect(sent.sort()).toEqual([0, 1]);
    // Every place came back: a single request is let through at once.
    expect(await settled(flow.acquire())).toBe(true);
  });
});

describe('the run-wide request rate', () => {
  it('every worker claims its starts from one file: the rate is the run’s, whoever sends', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rc-pace-')), 'pace-next');
    // Three workers asking at the same instant get starts one gap apart, in turn; a group takes its span.
    expect([claimStart(file, 1000, 50), claimStart(file, 1000, 50), claimStart(file, 1000, 100)]).toEqual([
      1000, 1050, 1100,
    ]);
    expect(claimStart(file, 1150, 50)).toBe(1200);
    // A worker that asks after an idle spell starts at once: no start is owed from the past.
    expect(claimStart(file, 5000, 50)).toBe(5000);
  });

  it('two flow controls on one file pace together at maxRps', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rc-pace-')), 'pace-next');
    const flows = [0, 1].map(() => new FlowControl({ concurrency: 8, maxRps: 100, paceFile: file }));
    const started = Date.now();
    // 20 requests at 100 per second: at least 190 ms from first to last, whichever worker sent them.
    await Promise.all(Array.from({ length: 20 }, (_, i) => flows[i % 2]?.acquire().then((release) => release())));
    expect(Date.now() - started).toBeGreaterThanOrEqual(185);
  });
});

describe('a rate learned from 429s without Retry-After', () => {
  it('halves the rate the worker was sending at, once a burst, and grows it back with successes', async () => {
    const flow = new FlowControl({ concurrency: 4 });
    for (let i = 0; i < 40; i++) (await flow.acquire())();
    expect(flow.learnedRate).toBeUndefined();
    // A burst of 429s is one signal.
    flow.onTransient(undefined, 429);
    flow.onTransient(undefined, 429);
    expect(flow.learnedRate).toBe(20);
    for (let i = 0; i < 10; i++) flow.onSuccess();
    expect(flow.learnedRate).toBe(21);
    // A 429 that says when to come back, and a 503, teach no rate.
    const told = new FlowControl({ concurrency: 4 });
    told.onTransient(1000, 429);
    told.onTransient(undefined, 503);
    expect(told.learnedRate).toBeUndefined();
  });
});

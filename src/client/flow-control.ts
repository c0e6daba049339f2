/**
 * How many requests may be in flight, and how fast, so that a remote target's latency is
 * hidden by concurrency without overrunning it. The run's budget (RUNAI_CONCURRENCY) is split
 * among the worker processes; each share shrinks by half on 429/503 and grows back by one
 * after a window of successes (additive increase, multiplicative decrease). A Retry-After
 * pauses new requests of every worker, through a file in the report folder. A 429 without
 * Retry-After (which is optional) has the worker learn a rate of its own: it halves the rate it
 * was sending at and grows it back by one request per second after each window of successes,
 * as flows sharing a link do, so workers that meet one limit settle on shares of it without
 * talking to each other. RUNAI_MAX_RPS caps the request rate of the whole run. A group of
 * requests that must overlap (a race) is let in as one request would be and takes its places
 * together: the share is exceeded by the group's size less one while the race lasts, and the
 * budget never turns a race into a queue.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FlowOptions {
  /** Requests in flight at once, for this process. */
  concurrency: number;
  /** Requests per second for this process; undefined for no cap. */
  maxRps?: number;
  /** A file every worker reads and writes: the instant before which no request starts. */
  pauseFile?: string;
  /**
   * A file every worker claims request starts from, so that maxRps is the whole run's rate: a
   * worker that idles leaves its starts to the others instead of the run going slower than asked.
   */
  paceFile?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LOCK_STALE_MS = 2000;
/** A burst of 429s is one signal: the rate is cut at most this often. */
const CUT_INTERVAL_MS = 500;
/** Successes after which a learned rate grows by one request per second. */
const RATE_WINDOW = 10;
const MIN_LEARNED_RPS = 0.5;
const pauseThread = new Int32Array(new SharedArrayBuffer(4));

/**
 * The start instant of the next request of the whole run, and the one after it `span` ms later,
 * kept in a file under a lock file (a few microseconds held: a read and a write).
 */
export function claimStart(file: string, now: number, span: number): number {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  for (let tries = 0; ; tries++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // Held by another worker; one that died holding it leaves it stale.
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { force: true });
      } catch {
        // Released meanwhile.
      }
      if (tries > 5000) return now;
      Atomics.wait(pauseThread, 0, 0, 1);
    }
  }
  try {
    let next = 0;
    try {
      next = Number(readFileSync(file, 'utf8')) || 0;
    } catch {
      // The run's first request.
    }
    const start = Math.max(now, next);
    writeFileSync(file, String(start + span));
    return start;
  } finally {
    rmSync(lock, { force: true });
  }
}
const PAUSE_CHECK_MS = 100;

/** Gives a place back; calling it again does nothing. */
export type Release = () => void;

export class FlowControl {
  private limit: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private successes = 0;
  private nextStart = 0;
  private pauseUntil = 0;
  private pauseCheckedAt = 0;
  /** Start instants of the last second, for the rate a 429 says was too much. */
  private readonly recentStarts: number[] = [];
  /** The rate learned from 429s without Retry-After; undefined until one is met. */
  private learnedRps?: number;
  private learnedNext = 0;
  private cutAt = 0;
  private successesSinceCut = 0;
  /** Time requests spent waiting for a place, a pause or the rate cap. */
  waitedMs = 0;

  constructor(private readonly options: FlowOptions) {
    this.limit = Math.max(1, options.concurrency);
  }

  get currentLimit(): number {
    return this.limit;
  }

  /** Waits for a place; the returned function gives it back. */
  async acquire(): Promise<Release> {
    const [place] = await this.acquireGroup(1);
    return place as Release;
  }

  /** Waits for a place as one request would, then takes `n` at once: a race of n is n requests. */
  async acquireGroup(n: number): Promise<Release[]> {
    const started = Date.now();
    while (this.inFlight >= this.limit) await this.released();
    this.inFlight += n;
    await this.pauseIfAsked();
    await this.pace(n);
    this.waitedMs += Date.now() - started;
    return Array.from({ length: n }, () => this.place());
  }

  private released(): Promise<void> {
    return new Promise<void>((r) => this.waiting.push(r));
  }

  /** A place held; its release lets the next waiter in. */
  private place(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.waiting.shift()?.();
    };
  }

  /** A 429 or 503: halve the share, and pause everyone for as long as the target asked. */
  onTransient(retryAfterMs?: number, status?: number): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
    if (retryAfterMs && retryAfterMs > 0) this.pause(Date.now() + retryAfterMs);
    if (status === 429 && retryAfterMs === undefined) this.cutRate();
  }

  /** The rate this worker learned (requests per second), if a 429 without Retry-After taught it one. */
  get learnedRate(): number | undefined {
    return this.learnedRps;
  }

  /** Half the rate of the last second, at most once per half second (one burst of 429s is one signal). */
  private cutRate(): void {
    const now = Date.now();
    if (now - this.cutAt < CUT_INTERVAL_MS) return;
    this.cutAt = now;
    this.successesSinceCut = 0;
    const sent = this.recentStarts.filter((t) => now - t < 1000).length;
    this.learnedRps = Math.max(MIN_LEARNED_RPS, Math.min(this.learnedRps ?? sent, sent) / 2);
  }

  /** A normal answer: after a window of them, one more place, up to the budget. */
  onSuccess(): void {
    if (this.learnedRps !== undefined && ++this.successesSinceCut >= RATE_WINDOW) {
      this.successesSinceCut = 0;
      this.learnedRps += 1;
    }
    if (this.limit >= this.options.concurrency) return;
    if (++this.successes >= this.limit * 4) {
      this.successes = 0;
      this.limit++;
      this.waiting.shift()?.();
    }
  }

  private pause(until: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, until);
    const file = this.options.pauseFile;
    if (!file) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, String(this.pauseUntil));
    } catch {
      // Other workers then only miss the pause; this one still keeps it.
    }
  }

  private async pauseIfAsked(): Promise<void> {
    const now = Date.now();
    if (this.options.pauseFile && now - this.pauseCheckedAt > PAUSE_CHECK_MS) {
      this.pauseCheckedAt = now;
      try {
        this.pauseUntil = Math.max(this.pauseUntil, Number(readFileSync(this.options.pauseFile, 'utf8')) || 0);
      } catch {
        // No pause asked yet.
      }
    }
    if (this.pauseUntil > now) await sleep(this.pauseUntil - now);
  }

  /**
   * Spaces request starts 1/maxRps apart across the run, and 1/learned rate apart in this worker;
   * a group of `n` starts at once and counts as `n`.
   */
  private async pace(n: number): Promise<void> {
    const now = Date.now();
    let start = now;
    if (this.options.maxRps) {
      const gap = 1000 / this.options.maxRps;
      const paceFile = this.options.paceFile;
      start = paceFile ? claimStart(paceFile, now, gap * n) : Math.max(now, this.nextStart);
      if (!paceFile) this.nextStart = start + gap * n;
    }
    if (this.learnedRps !== undefined) {
      start = Math.max(start, this.learnedNext);
      this.learnedNext = start + (1000 / this.learnedRps) * n;
    }
    this.recentStarts.push(start);
    while (this.recentStarts.length && (this.recentStarts[0] ?? 0) < start - 1000) this.recentStarts.shift();
    if (start > now) await sleep(start - now);
  }
}

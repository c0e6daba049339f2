/**
 * The wire mutation layer in front of the embedded reference: with no mutant active it passes
 * every exchange through and records, per test (the trace header), what each request showed
 * (the coverage keys of `operators.ts`); with one active it applies that one operator at that
 * one place, to the request, the answer or the store, and counts how often it changed anything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { StoredUser, UserStore } from '../../../reference/user-store.ts';
import { callerOperations, operations } from '../../spec/openapi.ts';
import { HARNESS_TEST } from '../coverage.ts';
import { TRACE_HEADER } from '../trace.ts';
import type { WireMutant } from './mutants.ts';
import {
  type Answer,
  fieldKey,
  headerKey,
  inputKey,
  inputPresent,
  operatorById,
  type RequestOperator,
  type ResponseOperator,
  type StateOperator,
  statusKey,
  type WireRequest,
} from './operators.ts';
import { type InputPlace, inputPlaces, type Place } from './places.ts';

/** What the layer shares with the runner in this process. */
export interface WireControl {
  active?: WireMutant;
  /** Each coverage key, and the tests whose requests showed it. */
  coverage: Map<string, Set<string>>;
  /** Requests and answers the active mutant changed. */
  changes: number;
  /** What went wrong in an operator (a fault of the tool, not of the server): the exchange passes as it was. */
  errors: string[];
}

export const WIRE_HANDLE = '__conformanceWire';
export const wireControl = (): WireControl => {
  const g = globalThis as unknown as Record<string, WireControl | undefined>;
  g[WIRE_HANDLE] ??= { coverage: new Map(), changes: 0, errors: [] };
  return g[WIRE_HANDLE];
};
export const wireMutation = () => process.env.RUNAI_WIRE_MUTATION === '1';

/** How late the write-late operator applies a write. */
const LATE_MS = 2000;

type Handle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
const ROUTES = [...operations.values()].map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
}));

/** A path segment decoded, or as it is when its escapes are malformed (the handler answers those). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function routeOf(req: IncomingMessage, url: URL) {
  for (const r of ROUTES) {
    const m = r.pattern.exec(url.pathname);
    if (m && r.op.method === req.method) return { op: r.op, userId: m[1] && decoded(m[1]) };
  }
  return undefined;
}

// ---- coverage -------------------------------------------------------------------------------

function fieldKeys(op: string, status: number, value: unknown, pointer: string, out: string[]): void {
  out.push(fieldKey('f', op, status, pointer));
  if (value === null || value === undefined) return;
  out.push(fieldKey('v', op, status, pointer));
  if (Array.isArray(value)) {
    if (value.length) out.push(fieldKey('n', op, status, pointer));
    if (value.length > 1) out.push(fieldKey('m', op, status, pointer));
    const seen = new Set<string>();
    for (const item of value) {
      const inner: string[] = [];
      fieldKeys(op, status, item, `${pointer}/*`, inner);
      for (const k of inner) seen.add(k);
    }
    out.push(...seen);
  } else if (typeof value === 'object')
    for (const [k, v] of Object.entries(value)) fieldKeys(op, status, v, `${pointer}/${k}`, out);
}

/** The inputs of each operation, as places: a request shows those whose input (in its form) it holds. */
const INPUTS = new Map([...operations.keys()].map((op) => [op, inputPlaces(op)]));
const inputKeys = (op: string, request: WireRequest): string[] =>
  (INPUTS.get(op) ?? []).filter((p) => inputPresent(request, p)).map((p) => inputKey(op, p.name, p.form));

function answerKeys(op: string, answer: Answer): string[] {
  const out = [statusKey(op, answer.status)];
  for (const name of Object.keys(answer.headers)) out.push(headerKey(op, answer.status, name));
  if (answer.json !== undefined) fieldKeys(op, answer.status, answer.json, '', out);
  return out;
}

// ---- the answer, held until it is mutated -----------------------------------------------------

const lower = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));

/**
 * Holds what the handler writes and, at its end, sends what `finish` makes of it. The Date
 * field Node adds itself is part of the held answer, so that an operator can drop or change it.
 */
function holdAnswer(res: ServerResponse, finish: (answer: Answer) => Answer): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let status = 200;
  let given: Record<string, string> = {};
  const chunks: Buffer[] = [];
  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const headers = rest.find((r) => typeof r === 'object' && r !== null) as Record<string, unknown> | undefined;
    given = { ...given, ...lower(headers ?? {}) };
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown) => {
    if (chunk) chunks.push(Buffer.from(chunk as string));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
    const text = Buffer.concat(chunks).toString('utf8');
    const dated: Record<string, string> = res.sendDate ? { date: new Date().toUTCString() } : {};
    const headers: Record<string, string> = { ...dated, ...lower(res.getHeaders()), ...given };
    let json: unknown;
    if (text && /json/.test(headers['content-type'] ?? ''))
      try {
        json = JSON.parse(text);
      } catch {}
    const out = finish({ status, headers, json, text });
    const body = out.json === undefined || out.json === json ? out.text : JSON.stringify(out.json);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.sendDate = false;
    const sent = { ...out.headers };
    // The length follows the body, unless the operator made the length itself its change.
    const lengthIsTheChange = out.headers['content-length'] !== headers['content-length'];
    if ('content-length' in sent && !lengthIsTheChange) sent['content-length'] = String(Buffer.byteLength(body));
    writeHead(out.status, sent);
    return end(body);
  }) as typeof res.end;
}

// ---- state --------------------------------------------------------------------------------

type Fields = Partial<StoredUser>;
const fieldsOf = (user: StoredUser): Fields => ({ ...user, groups: user.groups && [...user.groups] });
const changed = (before: Fields, after: Fields): Fields =>
  Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof StoredUser])),
  );

function readd(store: UserStore, user: Fields): void {
  const added = store.add({ ...(user as StoredUser) });
  Object.assign(added, { seq: user.seq, revokedBefore: user.revokedBefore, previousPasswords: user.previousPasswords });
}

/** Another user than these, the newest: who a misdirected write reaches. */
function anotherUser(store: UserStore, not: (string | undefined)[]): StoredUser | undefined {
  return [...store.users.values()].reverse().find((u) => !not.includes(u.id));
}

const bearer = (header: string | undefined) => (header && /^bearer /i.test(header) ? header.slice(7) : undefined);

// ---- the layer ------------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The request as the handler is to read it: its URL and body replaced. */
function replaced(req: IncomingMessage, url: URL, body: Buffer): IncomingMessage {
  const fake = Readable.from(body.length ? [body] : []) as unknown as IncomingMessage;
  const headers = { ...req.headers, ...(body.length ? { 'content-length': String(body.length) } : {}) };
  return Object.assign(fake, {
    headers,
    method: req.method,
    url: url.pathname + url.search,
    socket: req.socket,
    httpVersion: req.httpVersion,
  });
}

const error400 = (res: ServerResponse) => {
  const text = JSON.stringify({ code: 400, message: 'Bad request.' });
  res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

export function wireLayer(store: UserStore): (handle: Handle) => Handle {
  const control = wireControl();
  return (handle) => async (req, res) => {
    const url = new URL(String(req.url), 'http://reference');
    const route = routeOf(req, url);
    if (!route) return handle(req, res);
    const op = route.op.operationId;
    const mutant = control.active?.operationId === op ? control.active : undefined;
    const header = req.headers[TRACE_HEADER];
    const test = typeof header === 'string' ? decodeURIComponent(header) : HARNESS_TEST;
    const keys: string[] = [];
    const operator = mutant ? operatorById(mutant.operator) : undefined;

    // The request: read its body only when an input of it is to be seen or changed.
    let wire: WireRequest = { url };
    let body: Buffer = Buffer.alloc(0);
    const readsBody = route.op.requestBody !== undefined && (!control.active || operator?.kind === 'request');
    if (readsBody) {
      body = await readBody(req);
      try {
        wire = { url, body: body.length ? JSON.parse(body.toString('utf8')) : undefined };
      } catch {}
    }
    if (!control.active) keys.push(...inputKeys(op, wire));
    let forward = readsBody ? replaced(req, url, body) : req;
    if (mutant && operator?.kind === 'request') {
      const other = () => anotherUser(store, [route.userId])?.id;
      let next: ReturnType<RequestOperator['mutate']>;
      try {
        next = (operator as RequestOperator).mutate(wire, mutant.place as InputPlace, other);
      } catch (error) {
        control.errors.push(String(error));
      }
      if (next === 'refuse') {
        control.changes++;
        return error400(res);
      }
      if (next) {
        control.changes++;
        const text = next.body === undefined ? body : Buffer.from(JSON.stringify(next.body));
        forward = replaced(req, next.url, text);
      }
    }

    // The store: who a write reaches, as it was before it.
    const state = mutant && operator?.kind === 'state' ? (operator as StateOperator) : undefined;
    const callerId = bearer(req.headers.authorization);
    const caller = callerId ? store.sessions.get(callerId)?.userId : undefined;
    const targetId = route.userId ?? (callerOperations.includes(op) ? caller : undefined);
    const target = targetId ? store.users.get(targetId) : undefined;
    const before = target && fieldsOf(target);

    holdAnswer(res, (answer) => {
      if (!control.active) {
        keys.push(...answerKeys(op, answer));
        for (const k of keys) {
          const tests = control.coverage.get(k) ?? new Set<string>();
          tests.add(test);
          control.coverage.set(k, tests);
        }
        return answer;
      }
      if (state && mutant && responseAt(mutant.place, answer)) {
        control.changes++;
        applyState(state.effect, answer);
      }
      if (mutant && operator?.kind === 'response' && responseAt(mutant.place, answer)) {
        let out = answer;
        try {
          out = (operator as ResponseOperator).mutate(answer, mutant.place, mutant.arg);
        } catch (error) {
          control.errors.push(String(error));
        }
        if (
          out.status !== answer.status ||
          JSON.stringify([out.headers, out.json]) !== JSON.stringify([answer.headers, answer.json])
        )
          control.changes++;
        return out;
      }
      return answer;
    });

    /** Undoes the write now; then, as the effect has it, nothing, the same write to another user, or it later. */
    function applyState(effect: StateOperator['effect'], answer: Answer): void {
      const createdId = (answer.json as { id?: string } | undefined)?.id;
      const created = !target && createdId ? store.users.get(createdId) : undefined;
      const now = target && store.users.get(target.id);
      const after = created ? fieldsOf(created) : now ? fieldsOf(now) : undefined;
      const deleted = target && !now;
      if (created) store.remove(created);
      else if (deleted && before) readd(store, before);
      else if (now && before) Object.assign(now, before);
      if (effect === 'misdirected') {
        const victim = anotherUser(store, [target?.id, caller]);
        if (!victim) return;
        if (deleted) store.remove(victim);
        else if (before && after) Object.assign(victim, changed(before, after));
      }
      if (effect === 'late')
        setTimeout(() => {
          // A mutant's run that has ended leaves the store to the next one's.
          if (control.active !== mutant) return;
          if (created && after) readd(store, after);
          else if (deleted && target) {
            const back = store.users.get(target.id);
            if (back) store.remove(back);
          } else if (target && after) {
            const user = store.users.get(target.id);
            if (user) Object.assign(user, after);
          }
        }, LATE_MS).unref();
    }

    await handle(forward, res);
  };
}

/** Whether a response mutant's place is this answer: its status, for fields and headers. */
function responseAt(place: Place, answer: Answer): boolean {
  return 'status' in place && String(answer.status) === place.status;
}

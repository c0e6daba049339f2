/**
 * Model-based commands over several run users, each with several sessions (access and
 * refresh tokens from the password grant). Before and after every action on one user, what
 * every other user's password and tokens can do is observed: the action must not change it.
 * The commands judge through the injected Judge; they assert nothing themselves.
 */
import fc from 'fast-check';
import type { UsersClient } from '../src/client/users-client.ts';
import type { Exchange } from '../src/model/exchange.ts';
import { EMAIL_DOMAIN } from '../src/model/run-naming.ts';
import type { Tokens } from '../src/model/user.ts';

export interface SessionJudge {
  status<T>(exchange: Exchange<T>, expected: number | number[], requirement: string): Exchange<T>;
  holds(condition: unknown, message: string, options: { requirement: string; exchange?: Exchange }): asserts condition;
  /** A SHOULD: recorded when it fails, and the sequence goes on. */
  advises(condition: unknown, message: string, options: { requirement: string; exchange?: Exchange }): void;
}

/** What the target lets the run do as users: the password grant, refreshing, using a token. */
export interface SessionActions {
  login(username: string, password: string): Promise<Tokens | undefined>;
  refresh(refreshToken: string): Promise<Tokens | undefined>;
  /** Whether the target still takes the access token (any answer but 401). */
  accepts(access: string): Promise<boolean>;
}

export interface ModelUser {
  id: string;
  username: string;
  password: string;
  sessions: Tokens[];
}

export interface SessionModel {
  alive: Map<string, ModelUser>;
  /** Slots whose user was deleted: their email is free again. */
  freed: Set<string>;
}

export interface SessionReal {
  client: UsersClient;
  judge: SessionJudge;
  act: SessionActions;
  /** Every username of this model run starts with it. */
  prefix: string;
  /** The id the last command acted on, for telling its own changes from others'. */
  target?: string;
}

type Cmd = fc.AsyncCommand<SessionModel, SessionReal>;
const SLOTS = ['s0', 's1', 's2'];
const email = (r: SessionReal, slot: string) => `${r.prefix}${slot}@${EMAIL_DOMAIN}`;

/** What one user's credentials can do right now. */
interface Powers {
  password: boolean;
  access: boolean;
  refresh: boolean | undefined;
}

async function powersOf(r: SessionReal, user: ModelUser): Promise<Powers> {
  const latest = user.sessions.at(-1);
  const [password, access, refreshed] = await Promise.all([
    r.act.login(user.username, user.password).then((t) => t !== undefined),
    latest ? r.act.accepts(latest.access) : Promise.resolve(false),
    latest?.refresh ? r.act.refresh(latest.refresh) : Promise.resolve(undefined),
  ]);
  // A rotated refresh token replaces the one used.
  if (latest && refreshed?.refresh) latest.refresh = refreshed.refresh;
  return { password, access, refresh: latest?.refresh ? refreshed !== undefined : undefined };
}

async function othersPowers(m: SessionModel, r: SessionReal, except: string): Promise<Map<string, Powers>> {
  const others = [...m.alive].filter(([slot]) => slot !== except);
  const powers = await Promise.all(others.map(async ([slot, u]) => [slot, await powersOf(r, u)] as const));
  return new Map(powers);
}

/** Runs `action` on `slot` and fails when any other user's powers changed across it. */
async function isolated(m: SessionModel, r: SessionReal, slot: string, what: string, action: () => Promise<void>) {
  r.target = m.alive.get(slot)?.id;
  const before = await othersPowers(m, r, slot);
  await action();
  const after = await othersPowers(m, r, slot);
  for (const [other, was] of before) {
    const now = after.get(other);
    r.judge.holds(
      !now || JSON.stringify(now) === JSON.stringify(was),
      `${what}(${slot}) changed what ${other} can do: before ${JSON.stringify(was)}, after ${JSON.stringify(now)}`,
      { requirement: 'common/isolation/other-users-untouched' },
    );
  }
}

function aliveUser(m: Readonly<SessionModel>, slot: string): ModelUser {
  const user = m.alive.get(slot);
  if (!user) throw new Error(`${slot} is not alive in the model`);
  return user;
}

class Create implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<SessionModel>) => !m.alive.has(this.slot);
  async run(m: SessionModel, r: SessionReal) {
    const reuse = m.freed.has(this.slot);
    const requirement = reuse ? 'create_user/success/email-reusable-after-delete' : 'create_user/success/created-201';
    const ex = r.judge.status(await r.client.create_user({ email: email(r, this.slot) }), 201, requirement);
    const user: ModelUser = {
      id: ex.body.id,
      username: ex.body.username,
      password: ex.body.tempPassword,
      sessions: [],
    };
    m.alive.set(this.slot, user);
    m.freed.delete(this.slot);
    const tokens = await r.act.login(user.username, user.password);
    r.judge.advises(tokens, `${this.slot} cannot log in with its temporary password`, {
      requirement: 'create_user/login/temp-password-works',
    });
    if (tokens) user.sessions.push(tokens);
  }
  toString = () => `create(${this.slot})`;
}

class Login implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<SessionModel>) => m.alive.has(this.slot);
  async run(m: SessionModel, r: SessionReal) {
    const user = aliveUser(m, this.slot);
    const tokens = await r.act.login(user.username, user.password);
    if (tokens) user.sessions.push(tokens);
  }
  toString = () => `login(${this.slot})`;
}

class Logout implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<SessionModel>) => (m.alive.get(this.slot)?.sessions.length ?? 0) > 0;
  async run(m: SessionModel, r: SessionReal) {
    const user = aliveUser(m, this.slot);
    await isolated(m, r, this.slot, 'logout', async () => {
      r.judge.status(await r.client.logout_user(user.id), 200, 'logout_user/success/ok-200');
    });
    for (const s of user.sessions) {
      if (s.refresh) {
        const refreshed = await r.act.refresh(s.refresh);
        r.judge.holds(!refreshed, `a refresh token of ${this.slot} from before its logout still works`, {
          requirement: 'logout_user/session/refresh-revoked',
        });
      }
      r.judge.advises(!(await r.act.accepts(s.access)), `an access token of ${this.slot} survived its logout`, {
        requirement: 'logout_user/session/tokens-revoked',
      });
    }
    user.sessions = [];
  }
  toString = () => `logout(${this.slot})`;
}

class Reset implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<SessionModel>) => m.alive.has(this.slot);
  async run(m: SessionModel, r: SessionReal) {
    const user = aliveUser(m, this.slot);
    const old = user.password;
    await isolated(m, r, this.slot, 'reset', async () => {
      const ex = r.judge.status(
        await r.client.reset_user_password(user.id),
        200,
        'reset_user_password/success/new-temp-password',
      );
      user.password = ex.body.tempPassword ?? old;
    });
    r.judge.holds(
      !(await r.act.login(user.username, old)),
      `${this.slot}'s password from before the reset still works`,
      {
        requirement: 'reset_user_password/login/old-password-rejected',
      },
    );
  }
  toString = () => `reset(${this.slot})`;
}

class ChangePassword implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<SessionModel>) => (m.alive.get(this.slot)?.sessions.length ?? 0) > 0;
  async run(m: SessionModel, r: SessionReal) {
    const user = aliveUser(m, this.slot);
    const session = user.sessions.at(-1);
    if (!session) return;
    const old = user.password;
    const next = `Changed-${old.slice(0, 12)}-${user.sessions.length}x`;
    await isolated(m, r, this.slot, 'changePassword', async () => {
      const ex = await r.client.change_user_password(
        { currentPassword: old, newPassword: next },
        { as: { bearer: session.access } },
      );
      r.judge.status(ex, 200, 'change_user_password/success/ok-200');
      user.password = next;
    });
    const [oldWorks, newWorks] = await Promise.all([r.act.login(user.username, old), r.act.login(user.username, next)]);
    r.judge.holds(!oldWorks && newWorks, `after ${this.slot}'s change: old works ${!!oldWorks}, new ${!!newWorks}`, {
      requirement: 'change_user_password/login/old-password-rejected',
    });
    if (newWorks) user.sessions.push(newWorks);
  }
  toString = () => `changePassword(${this.slot})`;
}

class Delete implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<SessionModel>) => m.alive.has(this.slot);
  async run(m: SessionModel, r: SessionReal) {
    const user = aliveUser(m, this.slot);
    await isolated(m, r, this.slot, 'delete', async () => {
      r.judge.status(await r.client.delete_user_by_id(user.id), 204, 'delete_user_by_id/success/deleted-204');
    });
    m.alive.delete(this.slot);
    m.freed.add(this.slot);
  }
  toString = () => `delete(${this.slot})`;
}

const slot = fc.constantFrom(...SLOTS);

export const sessionCommands = fc.commands(
  [
    slot.map((s) => new Create(s)),
    slot.map((s) => new Login(s)),
    slot.map((s) => new Logout(s)),
    slot.map((s) => new Reset(s)),
    slot.map((s) => new ChangePassword(s)),
    slot.map((s) => new Delete(s)),
  ],
  { maxCommands: 10, size: '+1' },
);

/**
 * A designed sequence, run once before the random ones so each action is tried with other
 * users around however few random runs there are: three users, then a password change, a
 * reset, a logout and a delete, and the deleted user's email used again.
 */
export function designedSequence(): Cmd[] {
  return [
    ...SLOTS.map((s) => new Create(s)),
    new ChangePassword('s0'),
    new Reset('s1'),
    new Logout('s2'),
    new Delete('s0'),
    new Create('s0'),
  ];
}

export async function runSequence(m: SessionModel, r: SessionReal, commands: Cmd[]): Promise<void> {
  for (const c of commands) if (c.check(m)) await c.run(m, r);
}

/** Two users, each logged in, before the random commands: every action then has others to spare. */
export async function seedSessions(m: SessionModel, r: SessionReal): Promise<void> {
  for (const s of SLOTS.slice(0, 2)) await new Create(s).run(m, r);
}

/** The model's users: id to the username each was created with. */
export const aliveUsers = (m: SessionModel) => new Map([...m.alive.values()].map((u) => [u.id, u.username]));

/** Ids of every user a model run still holds, for deleting them afterwards. */
export const modelIds = (m: SessionModel) => [...m.alive.values()].map((u) => u.id);

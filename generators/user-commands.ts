/**
 * Model-based commands for stateful runs: each applies one call to the target and to a
 * small model of the run's own users, then checks they agree. Failures shrink to the
 * shortest sequence of calls, printed as such (`create(u2) delete(u2) get(u2)`).
 */
import fc from 'fast-check';
import type { UsersClient } from '../src/client/users-client.ts';
import type { Exchange } from '../src/model/exchange.ts';
import { EMAIL_DOMAIN } from '../src/model/run-naming.ts';

export interface UserModel {
  /** Alive users by slot name (u0..u4): their ids. */
  alive: Map<string, string>;
  /** Ids of deleted users, kept to probe 404s. */
  deleted: Set<string>;
}

/** How the suite judges what a command observed: the commands themselves assert nothing. */
export interface Judge {
  status<T>(exchange: Exchange<T>, expected: number | number[], requirement: string): Exchange<T>;
  holds(condition: unknown, message: string, options: { requirement: string; exchange?: Exchange }): asserts condition;
}

export interface UserReal {
  client: UsersClient;
  judge: Judge;
  /** Every username of this model run starts with it. */
  prefix: string;
  ids: Map<string, string>;
  /** Usernames (lower case) a write other than create acted on: their times may move. */
  touched: Set<string>;
  /** The id the last command acted on, for telling its own changes from others'. */
  target?: string;
}

type Cmd = fc.AsyncCommand<UserModel, UserReal>;
const SLOTS = ['u0', 'u1', 'u2', 'u3', 'u4'];
/** The id of a slot the command's precondition says is alive. */
function aliveId(m: Readonly<UserModel>, slot: string): string {
  const id = m.alive.get(slot);
  if (id === undefined) throw new Error(`${slot} is not alive in the model`);
  return id;
}
const email = (r: UserReal, slot: string) => `${r.prefix}${slot}@${EMAIL_DOMAIN}`;

class Create implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<UserModel>) => !m.alive.has(this.slot);
  async run(m: UserModel, r: UserReal) {
    const ex = r.judge.status(
      await r.client.create_user({ email: email(r, this.slot) }),
      201,
      'create_user/success/created-201',
    );
    m.alive.set(this.slot, ex.body.id);
    r.ids.set(this.slot, ex.body.id);
  }
  toString = () => `create(${this.slot})`;
}

class CreateDuplicate implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<UserModel>) => m.alive.has(this.slot);
  async run(_m: UserModel, r: UserReal) {
    r.judge.status(
      await r.client.create_user({ email: email(r, this.slot) }),
      409,
      'create_user/conflict/duplicate-email-409',
    );
  }
  toString = () => `createAgain(${this.slot})`;
}

class Get implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<UserModel>) => m.alive.has(this.slot);
  async run(m: UserModel, r: UserReal) {
    const ex = r.judge.status(
      await r.client.get_user_by_id(aliveId(m, this.slot)),
      200,
      'delete_user_by_id/success/only-target-deleted',
    );
    r.judge.holds(ex.body.id === m.alive.get(this.slot), `get returned ${ex.body.id}`, {
      requirement: 'get_user_by_id/success/matches-created-200',
      exchange: ex,
    });
  }
  toString = () => `get(${this.slot})`;
}

class GetDeleted implements Cmd {
  check = (m: Readonly<UserModel>) => m.deleted.size > 0;
  async run(m: UserModel, r: UserReal) {
    for (const id of m.deleted)
      r.judge.status(await r.client.get_user_by_id(id), 404, 'get_user_by_id/not-found/unknown-id-404');
  }
  toString = () => 'getDeleted()';
}

class Delete implements Cmd {
  constructor(readonly slot: string) {}
  check = (m: Readonly<UserModel>) => m.alive.has(this.slot);
  async run(m: UserModel, r: UserReal) {
    const id = aliveId(m, this.slot);
    r.target = id;
    r.judge.status(await r.client.delete_user_by_id(id), 204, 'delete_user_by_id/success/deleted-204');
    m.alive.delete(this.slot);
    m.deleted.add(id);
    // No collateral damage: every other user of the model is still there.
    for (const [slot, other] of m.alive) {
      const ex = await r.client.get_user_by_id(other);
      r.judge.holds(ex.response.status === 200, `deleting ${this.slot} also removed ${slot}`, {
        requirement: 'delete_user_by_id/success/only-target-deleted',
        exchange: ex,
      });
    }
  }
  toString = () => `delete(${this.slot})`;
}

/** A write that leaves the user in place (reset, logout): it must answer its documented success. */
class Touch implements Cmd {
  constructor(
    readonly slot: string,
    readonly op: 'reset_user_password' | 'logout_user',
  ) {}
  check = (m: Readonly<UserModel>) => m.alive.has(this.slot);
  async run(m: UserModel, r: UserReal) {
    const requirement =
      this.op === 'reset_user_password'
        ? 'reset_user_password/success/new-temp-password'
        : 'logout_user/success/ok-200';
    r.target = aliveId(m, this.slot);
    r.touched.add(email(r, this.slot).toLowerCase());
    r.judge.status(await r.client[this.op](r.target), 200, requirement);
  }
  toString = () => `${this.op === 'reset_user_password' ? 'reset' : 'logout'}(${this.slot})`;
}

class ListAndCount implements Cmd {
  check = () => true;
  async run(m: UserModel, r: UserReal) {
    const filterBy = [`username=@${r.prefix}`];
    const list = r.judge.status(await r.client.get_users({ filterBy }), 200, 'get_users/params/valid-query-200');
    const listed = list.body
      .map((u) => u.id)
      .sort()
      .join();
    const expected = [...m.alive.values()].sort().join();
    r.judge.holds(listed === expected, `listed [${listed}], alive [${expected}]`, {
      requirement: 'get_users/lifecycle/list-reflects-writes',
      exchange: list,
    });
    const count = r.judge.status(await r.client.count_users({ filterBy }), 200, 'count_users/params/valid-query-200');
    r.judge.holds(count.body.count === m.alive.size, `count says ${count.body.count}, ${m.alive.size} alive`, {
      requirement: 'get_users/lifecycle/list-reflects-writes',
      exchange: count,
    });
  }
  toString = () => 'listAndCount()';
}

const slot = fc.constantFrom(...SLOTS);

/** The model's users: id to the email each was created with. */
export const aliveUsers = (m: UserModel, r: UserReal) => new Map([...m.alive].map(([s, id]) => [id, email(r, s)]));

export const userCommands = fc.commands(
  [
    slot.map((s) => new Create(s)),
    slot.map((s) => new CreateDuplicate(s)),
    slot.map((s) => new Get(s)),
    slot.map((s) => new Delete(s)),
    slot.map((s) => new Touch(s, 'reset_user_password')),
    slot.map((s) => new Touch(s, 'logout_user')),
    fc.constant(new GetDeleted()),
    fc.constant(new ListAndCount()),
  ],
  { maxCommands: 14 },
);

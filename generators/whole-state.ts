/**
 * Whole-state observation for the model-based runs: after every action, every user of the
 * sequence is read back by id and through the list, and judged against the model (who is
 * alive, with which username) and against its reading before the action (which fields may
 * have moved, and for whom). Reads themselves must change nothing.
 */
import type fc from 'fast-check';
import type { UsersClient } from '../src/client/users-client.ts';
import type { Exchange } from '../src/model/exchange.ts';
import type { User } from '../src/model/user.ts';
import { describeChange, type FieldChange, fieldChanges } from '../src/oracles/user-state.ts';
import { parameter } from '../src/spec/openapi.ts';

export interface StateJudge {
  status<T>(exchange: Exchange<T>, expected: number | number[], requirement: string): Exchange<T>;
  holds(condition: unknown, message: string, options: { requirement: string; exchange?: Exchange }): asserts condition;
}

/** The last reading by id of every user alive in the model, kept between two actions of one sequence. */
export type Readings = Map<string, User>;

const LIST_LIMIT = Number(parameter('get_users', 'limit').schema.maximum);

export interface Observation {
  client: UsersClient;
  judge: StateJudge;
  /** Every username of the sequence starts with it. */
  prefix: string;
  /** The model's users: id to the username (email) it was created with. */
  alive: Map<string, string>;
  /** The action just run, and the id it acted on, if any. */
  action: string;
  target?: string;
  /** Whether an action of the sequence wrote or logged in this user (lower-case username): its times may move. */
  touched: (username: string) => boolean;
}

/** Reads every user of the sequence back and judges the readings; `readings` keeps them for the next action. */
export async function observeWholeState(o: Observation, readings: Readings): Promise<void> {
  const { client } = o;
  const judge: StateJudge = o.judge;
  const gone = [...readings.keys()].filter((id) => !o.alive.has(id));
  const [byId] = await Promise.all([
    Promise.all([...o.alive.keys()].map((id) => client.get_user_by_id(id))),
    ...gone.map(async (id) => {
      judge.status(await client.get_user_by_id(id), 404, 'get_user_by_id/not-found/unknown-id-404');
      readings.delete(id);
    }),
  ]);
  // The list after the reads by id: it may show a later state of a user acted on, never an earlier one.
  const list = await client.get_users({ filterBy: [`username=@${o.prefix}`], limit: LIST_LIMIT });
  const now = new Map<string, User>();
  for (const ex of byId) {
    const user = judge.status(ex, 200, 'get_user_by_id/success/existing-200').body;
    now.set(user.id, user);
    const username = o.alive.get(user.id) ?? '';
    judge.holds(user.username.toLowerCase() === username.toLowerCase(), `${user.id} reads as ${user.username}`, {
      requirement: 'get_user_by_id/success/matches-created-200',
      exchange: ex,
    });
  }
  const touched = (u: User) => o.touched(u.username.toLowerCase());
  const fail = (changes: FieldChange[], requirement: string, exchange: Exchange) =>
    judge.holds(changes.length === 0, `after ${o.action}: ${changes.map(describeChange).join('; ')}`, {
      requirement,
      exchange,
    });

  judge.status(list, 200, 'get_users/params/valid-query-200');
  const listed = new Map(list.body.map((u) => [u.id, u]));
  const ids = (m: Map<string, unknown>) => [...m.keys()].sort().join();
  judge.holds(ids(listed) === ids(now), `after ${o.action}: listed [${ids(listed)}], alive [${ids(now)}]`, {
    requirement: 'get_users/lifecycle/list-reflects-writes',
    exchange: list,
  });
  // The same fields in the list as by id, except times of a user acted on, which may have moved on since.
  for (const [id, user] of now) {
    const item = listed.get(id);
    if (item) fail(fieldChanges(user, item, touched(user)), 'get_users/state/list-matches-get', list);
  }
  for (const [id, user] of now) {
    const before = readings.get(id);
    readings.set(id, user);
    if (!before) continue;
    const changes = fieldChanges(before, user, touched(user));
    const onOthers = changes.filter((c) => c.why === 'untouched' && o.target !== undefined && o.target !== id);
    const exchange = byId.find((ex) => ex.body?.id === id) ?? list;
    fail(onOthers, 'common/isolation/other-users-untouched', exchange);
    fail(
      changes.filter((c) => !onOthers.includes(c)),
      'common/state/fields-as-predicted',
      exchange,
    );
  }
}

/**
 * The commands of a model run, each followed by a whole-state observation, given the user the
 * command acted on (which it leaves in `r.target`, taken here for the next one). The wrappers
 * keep each command's precondition and name, so runs shrink and print as before.
 */
export function observedCommands<M extends object, R extends { target?: string }>(
  commands: Iterable<fc.AsyncCommand<M, R>>,
  observe: (m: M, r: R, command: fc.AsyncCommand<M, R>, target: string | undefined) => Promise<void>,
): fc.AsyncCommand<M, R>[] {
  return [...commands].map((command) => ({
    check: (m: Readonly<M>) => command.check(m),
    run: async (m: M, r: R) => {
      await command.run(m, r);
      const target = r.target;
      r.target = undefined;
      await observe(m, r, command, target);
    },
    toString: () => command.toString(),
  }));
}

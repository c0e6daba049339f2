import { describe } from 'vitest';
import { check } from '../../src/harness/requirement-test.ts';
import { createRunUser } from '../../src/harness/run-users.ts';
import { advise, expectStatus, verify } from '../../src/harness/verify.ts';

const PARALLEL = 6;
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => {
    t[s] = (t[s] ?? 0) + 1;
    return t;
  }, {});

describe('concurrency', () => {
  check('create_user/concurrency/single-winner', `${PARALLEL} at once`, async ({ client, run }) => {
    const email = run.email('race');
    const answers = await client.together(PARALLEL, (opts) => client.create_user({ email }, opts));
    const statuses = answers.map((a) => a.response.status);
    const created = answers.filter((a) => a.response.status === 201);
    verify(
      created.length === 1 && statuses.every((s) => s === 201 || s === 409),
      `answers: ${JSON.stringify(tally(statuses))}`,
      { exchange: created[1] ?? answers[0] },
    );
    const username = created[0]?.body.username;
    const count = expectStatus(await client.count_users({ filterBy: [`username==${username}`] }), 200);
    verify(count.body.count === 1, `${count.body.count} users named ${username}`, {
      exchange: count,
    });
  });

  check(
    ['delete_user_by_id/concurrency/single-winner', 'delete_user_by_id/success/deleted-204'],
    `${PARALLEL} at once`,
    async ({ client, run }) => {
      const user = await createRunUser(run, 'race');
      const answers = await client.together(PARALLEL, (opts) => client.delete_user_by_id(user.id, opts));
      const statuses = answers.map((a) => a.response.status);
      // The MUST first: whichever delete won, a 204 means the user is gone (a failed SHOULD never hides it).
      if (statuses.includes(204)) {
        const after = await client.get_user_by_id(user.id);
        verify(
          after.response.status === 404,
          `GET after ${statuses.length} deletes answered ${after.response.status}`,
          {
            requirement: 'delete_user_by_id/success/deleted-204',
            exchange: after,
          },
        );
      }
      advise(
        statuses.filter((s) => s === 204).length === 1 && statuses.every((s) => s === 204 || s === 404),
        `answers: ${JSON.stringify(tally(statuses))}`,
        { requirement: 'delete_user_by_id/concurrency/single-winner', exchange: answers[0] },
      );
    },
  );
});

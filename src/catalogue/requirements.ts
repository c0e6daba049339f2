/**
 * The requirement catalogue: every statement the suite checks, with a stable id
 * (`<operationId|common>/<aspect>/<slug>`), level, spec location and source.
 * Per-operation requirements that follow from the spec's own structure (documented statuses,
 * schemas, 401, 404) are derived from the spec, so a new operation gets them for free.
 */
import { apiVersion, operation, operations, parameter, requestBodyPointer, writeOperations } from '../spec/openapi.ts';

export type Level = 'MUST' | 'SHOULD' | 'MAY';
/** Where a requirement comes from: the seed, Run:ai's docs, HTTP itself (RFC 9110/9112), or inference. */
export type Source = 'seed' | 'docs' | 'rfc9110' | 'inferred';
export type Profile = 'smoke' | 'standard' | 'full';
export const profiles: Profile[] = ['smoke', 'standard', 'full'];

export interface Requirement {
  id: string;
  title: string;
  level: Level;
  /** JSON pointer into spec/openapi.json, or the note the requirement comes from. */
  ref: string;
  source: Source;
  /** The smallest profile that checks it; smoke is read-only. */
  profile: Profile;
  description: string;
  /** Checked on every exchange by the client rather than by one test. */
  checkedBy?: 'client';
  /** Why no test checks it, when none does. */
  untestedBecause?: string;
}

/** What is known of the real API beyond the seed; committed so every reference resolves. */
const FACTS = 'docs/notes/runai-api-facts.md';
/** The server requirements of HTTP (RFC 9110, 9112) the suite holds a target to. */
const RFC9110 = 'docs/notes/rfc9110.md';
const ptr = (id: string, suffix = '') => `${operation(id).pointer}${suffix}`;
const queryParam = (id: string, name: string) => parameter(id, name).pointer;
const bodySchema = requestBodyPointer;

function derived(): Requirement[] {
  const out: Requirement[] = [];
  for (const o of operations.values()) {
    const id = o.operationId;
    const writes = o.method !== 'GET';
    out.push(
      {
        id: `${id}/response/status-documented`,
        title: 'Every response status is one the operation documents',
        level: 'MUST',
        ref: ptr(id, '/responses'),
        source: 'seed',
        profile: 'smoke',
        checkedBy: 'client',
        description:
          `Any status outside ${Object.keys(o.responses).join(', ')} (after bounded retries of 429/503) ` +
          `is a deviation.`,
      },
      {
        id: `${id}/response/schema`,
        title: 'Response bodies match the schema documented for their status',
        level: 'MUST',
        ref: ptr(id, '/responses'),
        source: 'seed',
        profile: 'smoke',
        checkedBy: 'client',
        description:
          'Validated with Ajv (strict, formats, OpenAPI nullable) against the bundled spec on every exchange.',
      },
    );
    if (Object.values(o.responses).some((r) => r.schemaPointer)) {
      out.push({
        id: `${id}/response/json-content-type`,
        title: 'Responses documented with a JSON body carry a JSON content type',
        level: 'MUST',
        ref: ptr(id, '/responses'),
        source: 'seed',
        profile: 'smoke',
        checkedBy: 'client',
        description:
          'A response whose documented content is application/json declares application/json (or a +json type).',
      });
    }
    if (o.responses['401']) {
      out.push(
        {
          id: `${id}/auth/missing-token-401`,
          title: 'A request without a bearer token is answered 401',
          level: 'MUST',
          ref: ptr(id, '/responses/401'),
          source: 'seed',
          profile: writes ? 'standard' : 'smoke',
          description:
            'The operation is protected by bearerAuth; without an Authorization header it answers 401 with an Error ' +
            'body.',
        },
        {
          id: `${id}/auth/invalid-token-401`,
          title: 'A request with an unknown bearer token is answered 401',
          level: 'MUST',
          ref: ptr(id, '/responses/401'),
          source: 'seed',
          profile: writes ? 'standard' : 'smoke',
          description: 'A syntactically valid but unknown token is rejected with 401 and an Error body.',
        },
      );
    }
    if (o.parameters.some((p) => p.in === 'path') && o.responses['404']) {
      out.push({
        id: `${id}/not-found/unknown-id-404`,
        title: 'An id that names no user is answered 404',
        level: 'MUST',
        ref: ptr(id, '/responses/404'),
        source: 'seed',
        profile: writes ? 'standard' : 'smoke',
        description: 'Unknown and deleted ids answer 404 with an Error body.',
      });
    }
  }
  for (const id of writeOperations) {
    out.push({
      id: `${id}/auth/viewer-403`,
      title: 'A token without user-management rights is answered 403',
      level: 'MUST',
      ref: ptr(id, '/responses/403'),
      source: 'seed',
      profile: 'standard',
      description:
        'With RUNAI_VIEWER_TOKEN the write is refused with 403 and has no effect. Not applicable without a viewer ' +
        'token.',
    });
  }
  for (const o of operations.values()) {
    const id = o.operationId;
    const writes = o.method !== 'GET';
    const takesInput = o.requestBody !== undefined || o.parameters.some((p) => p.in === 'query' && !p.deprecated);
    if (o.requestBody?.required && o.responses['400']) {
      out.push({
        id: `${id}/body/malformed-json-400`,
        title: 'A body that is no JSON value of its schema is answered 400',
        level: 'MUST',
        ref: ptr(id, '/requestBody'),
        source: 'inferred',
        profile: 'standard',
        description:
          'The body is required: text that is not JSON, an empty body and a JSON value of another type than the ' +
          "schema's are bad requests, never a success or a server error.",
      });
    }
    if (takesInput && o.responses['400']) {
      const where = o.requestBody ? ptr(id, '/requestBody') : ptr(id, '/parameters');
      out.push(
        {
          id: `${id}/input/boundary-accepted`,
          title: 'Values exactly at every declared bound are accepted',
          level: 'MUST',
          ref: where,
          source: 'seed',
          profile: writes ? 'standard' : 'smoke',
          description:
            'Generated from the schema of every query parameter and body field: minimum and maximum, minLength ' +
            'and maxLength (still matching the pattern), every enum value, null where nullable, optional fields ' +
            'absent. Each is answered with success or another documented non-validation status (e.g. 409).',
        },
        {
          id: `${id}/input/near-miss-400`,
          title: 'A value one edit past a declared constraint is answered 400',
          level: 'MUST',
          ref: where,
          source: 'seed',
          profile: writes ? 'standard' : 'smoke',
          description:
            'Bound plus or minus one, an enum value or a case-sensitive word in other letter case or with stray ' +
            'whitespace, the empty string, a wrong JSON type: each confirmed invalid against the schema, each ' +
            'answered 400, never accepted, never 5xx.',
        },
      );
    }
  }
  return out;
}

const explicit: Requirement[] = [
  {
    id: 'common/error/body-is-object',
    title: 'Error responses are JSON objects carrying code and message',
    level: 'MUST',
    ref: '/components/schemas/Error',
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description: 'The Error schema lists required properties but no type; every reading of it expects an object.',
  },
  {
    id: 'common/error/code-matches-status',
    title: 'The code in an Error body equals the HTTP status',
    level: 'SHOULD',
    ref: FACTS,
    source: 'docs',
    profile: 'smoke',
    checkedBy: 'client',
    description: 'Documented examples pair each status with the same code (e.g. {"code":401,...}).',
  },
  {
    id: 'get_users/success/ok-200',
    title: 'A list request without parameters answers 200 with users',
    level: 'MUST',
    ref: ptr('get_users', '/responses/200'),
    source: 'seed',
    profile: 'smoke',
    description: 'GET /api/v1/users with a valid token answers 200 and a JSON array.',
  },
  {
    id: 'get_users/params/limit-bounds-400',
    title: 'limit outside its documented bounds is answered 400',
    level: 'MUST',
    ref: queryParam('get_users', 'limit'),
    source: 'seed',
    profile: 'smoke',
    description: 'Values just below the minimum and just above the maximum are rejected with 400.',
  },
  {
    id: 'get_users/params/integer-type-400',
    title: 'Non-integer limit or offset is answered 400',
    level: 'MUST',
    ref: queryParam('get_users', 'offset'),
    source: 'seed',
    profile: 'smoke',
    description: 'limit and offset are int32; text and fractions are rejected with 400.',
  },
  {
    id: 'get_users/params/sort-by-enum-400',
    title: 'sortBy outside its enum is answered 400',
    level: 'MUST',
    ref: queryParam('get_users', 'sortBy'),
    source: 'seed',
    profile: 'smoke',
    description: 'sortBy takes only the values of UsersFilterSortFields.',
  },
  {
    id: 'get_users/params/sort-order-enum-400',
    title: 'sortOrder outside its enum is answered 400',
    level: 'MUST',
    ref: queryParam('get_users', 'sortOrder'),
    source: 'seed',
    profile: 'smoke',
    description: 'sortOrder takes only asc or desc.',
  },
  {
    id: 'get_users/params/filter-by-pattern-400',
    title: 'A filterBy term that breaks the pattern is answered 400',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'seed',
    profile: 'smoke',
    description: 'Unknown fields, unknown operators and empty values do not match the documented pattern.',
  },
  {
    id: 'count_users/success/ok-200',
    title: 'A count request answers 200 with a count',
    level: 'MUST',
    ref: ptr('count_users', '/responses/200'),
    source: 'seed',
    profile: 'smoke',
    description: 'GET /api/v1/users/count answers 200 and {"count": <integer>}.',
  },
  {
    id: 'count_users/params/filter-by-pattern-400',
    title: 'A count filterBy term that breaks the pattern is answered 400',
    level: 'MUST',
    ref: queryParam('count_users', 'filterBy'),
    source: 'seed',
    profile: 'smoke',
    description: 'The count endpoint validates filterBy like the list.',
  },
  {
    id: 'create_user/success/created-201',
    title: 'Creating a user answers 201 with its id, username and password',
    level: 'MUST',
    ref: ptr('create_user', '/responses/201'),
    source: 'seed',
    profile: 'standard',
    description: 'The username equals the email (compared case-insensitively); tempPassword is not empty.',
  },
  {
    id: 'create_user/body/email-required-400',
    title: 'A create body without email is answered 400',
    level: 'MUST',
    ref: bodySchema('create_user'),
    source: 'seed',
    profile: 'standard',
    description: 'email is required in UserCreationRequest1.',
  },
  {
    id: 'create_user/body/email-pattern-400',
    title: 'An email that breaks the documented pattern is answered 400',
    level: 'MUST',
    ref: '/components/schemas/UserCreationRequest1/properties/email/pattern',
    source: 'seed',
    profile: 'standard',
    description:
      'The email must match the pattern of UserCreationRequest1.email; the seed adds it to the published API.',
  },
  {
    id: 'create_user/body/email-characters',
    title: 'Every character class of the email pattern holds from both sides',
    level: 'MUST',
    ref: '/components/schemas/UserCreationRequest1/properties/email/pattern',
    source: 'seed',
    profile: 'standard',
    description:
      'At each part of an address (local part, before and after the @, the domain), every character the pattern ' +
      'leaves out (each ASCII symbol, whitespace, letters of other scripts) is answered 400, and letters and ' +
      'digits it admits are accepted. Symbols it admits next to @ or a dot may be refused too (mail rules are ' +
      'stricter than the pattern).',
  },
  {
    id: 'create_user/body/email-length-400',
    title: 'An email outside the documented length bounds is answered 400',
    level: 'MUST',
    ref: '/components/schemas/UserCreationRequest1/properties/email',
    source: 'seed',
    profile: 'standard',
    description: `minLength and maxLength of email come from the seed (the published ${apiVersion} API has none).`,
  },
  {
    id: 'create_user/body/field-types-400',
    title: 'Create body fields of the wrong type are answered 400',
    level: 'MUST',
    ref: '/components/schemas/UserCreationRequest1',
    source: 'seed',
    profile: 'standard',
    description: 'A non-string email or a non-boolean resetPassword/notify is rejected.',
  },
  {
    id: 'create_user/conflict/duplicate-email-409',
    title: 'Creating a user whose email exists answers 409',
    level: 'MUST',
    ref: ptr('create_user', '/responses/409'),
    source: 'seed',
    profile: 'standard',
    description: 'A second create with the same email is refused and creates nothing.',
  },
  {
    id: 'create_user/conflict/duplicate-email-case-409',
    title: 'An email differing only in letter case is a duplicate',
    level: 'SHOULD',
    ref: FACTS,
    source: 'inferred',
    profile: 'standard',
    description:
      'Usernames are stored lower-case by the identity backend, so the upper-cased email names the same user.',
  },
  {
    id: 'get_user_by_id/success/matches-created-200',
    title: 'A created user is returned by id with its username',
    level: 'MUST',
    ref: ptr('get_user_by_id', '/responses/200'),
    source: 'seed',
    profile: 'standard',
    description: 'GET /users/{id} answers 200 with the same id and username, and isLocal true for a local user.',
  },
  {
    id: 'get_user_by_id/success/existing-200',
    title: 'An existing user from the list is returned by id',
    level: 'MUST',
    ref: ptr('get_user_by_id', '/responses/200'),
    source: 'seed',
    profile: 'smoke',
    description: 'Read-only: the first listed user is fetched by id and has the same id.',
  },
  {
    id: 'delete_user_by_id/success/deleted-204',
    title: 'Deleting a user answers 204 and the user is gone',
    level: 'MUST',
    ref: ptr('delete_user_by_id', '/responses/204'),
    source: 'seed',
    profile: 'standard',
    description: 'After 204, GET of the id answers 404.',
  },
  {
    id: 'delete_user_by_id/response/no-content-body',
    title: 'A 204 answer carries no body',
    level: 'MUST',
    ref: ptr('delete_user_by_id', '/responses/204'),
    source: 'inferred',
    profile: 'standard',
    checkedBy: 'client',
    description: '204 means no content (RFC 9110 §15.3.5); the spec documents no content for it.',
  },
  {
    id: 'logout_user/success/ok-200',
    title: 'Logging out a user answers 200',
    level: 'MUST',
    ref: ptr('logout_user', '/responses/200'),
    source: 'seed',
    profile: 'standard',
    description: 'POST /users/{id}/logout for an existing user answers 200.',
  },
  {
    id: 'reset_user_password/success/new-temp-password',
    title: 'A password reset answers 200 with a new temporary password',
    level: 'MUST',
    ref: ptr('reset_user_password', '/responses/200'),
    source: 'inferred',
    profile: 'standard',
    description: '"Regenerated successfully": tempPassword is present and differs from the previous one.',
  },
  {
    id: 'change_user_password/success/ok-200',
    title: 'A user changes its own password with its current one',
    level: 'MUST',
    ref: ptr('change_user_password', '/responses/200'),
    source: 'seed',
    profile: 'standard',
    description: 'Needs password login for a created user; not applicable where the target refuses it.',
  },
  {
    id: 'change_user_password/body/length-400',
    title: 'A new password outside the documented length bounds is answered 400',
    level: 'MUST',
    ref: '/components/schemas/UserChangePasswordRequest',
    source: 'seed',
    profile: 'standard',
    description:
      "newPassword has minLength/maxLength in the seed. Sent only with a created user's token, never the admin's.",
  },
  {
    id: 'change_user_password/body/required-fields-400',
    title: 'A change-password body missing a field is answered 400',
    level: 'MUST',
    ref: '/components/schemas/UserChangePasswordRequest',
    source: 'seed',
    profile: 'standard',
    description: 'currentPassword and newPassword are both required.',
  },
  // List and count semantics (property-based, on the run's own users unless said otherwise).
  {
    id: 'get_users/params/valid-query-200',
    title: 'Every list query the spec allows answers 200',
    level: 'MUST',
    ref: ptr('get_users', '/parameters'),
    source: 'seed',
    profile: 'smoke',
    description:
      'Generated combinations of filterBy, sortBy, sortOrder, offset, limit and search within the spec are accepted.',
  },
  {
    id: 'count_users/params/valid-query-200',
    title: 'Every count query the spec allows answers 200',
    level: 'MUST',
    ref: ptr('count_users', '/parameters'),
    source: 'seed',
    profile: 'smoke',
    description: 'Generated filterBy and search combinations within the spec are accepted by the count endpoint.',
  },
  {
    id: 'get_users/filter/terms-satisfied',
    title: 'Every returned user satisfies the filterBy term',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'seed',
    profile: 'smoke',
    description:
      'Checked on any data, one page per query: == equals, =@ contains, <=/>= compare timestamps. Case rules and ' +
      'null comparison are left open.',
  },
  {
    id: 'get_users/filter/terms-anded',
    title: 'Several filterBy terms all hold for every returned user',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'standard',
    description: 'Terms combine with AND: a returned user that satisfies only some of them is a deviation.',
  },
  {
    id: 'get_users/filter/complete',
    title: 'Every run user satisfying the filter is returned',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'seed',
    profile: 'standard',
    description:
      "Completeness on the run's own users, including exact timestamps and one millisecond either side (<= is not <).",
  },
  {
    id: 'count_users/agreement/matches-list',
    title: 'count equals the number of users the list returns for the filter',
    level: 'MUST',
    ref: ptr('count_users'),
    source: 'inferred',
    profile: 'standard',
    description: 'For the same filterBy and search, count equals the size of the union of all list pages.',
  },
  {
    id: 'get_users/paging/limit-respected',
    title: 'A page holds min(limit, count - offset) users',
    level: 'MUST',
    ref: queryParam('get_users', 'limit'),
    source: 'seed',
    profile: 'standard',
    description: 'Never more than limit, none past the end, and no short page before the end.',
  },
  {
    id: 'get_users/paging/offset-respected',
    title: 'offset skips exactly that many users of the ordered result',
    level: 'MUST',
    ref: queryParam('get_users', 'offset'),
    source: 'seed',
    profile: 'standard',
    description: 'With a sort on distinct keys, the page at offset o is the slice [o, o + limit) of the full result.',
  },
  {
    id: 'get_users/paging/default-limit',
    title: 'Without limit, a page holds up to the documented default',
    level: 'MUST',
    ref: `${queryParam('get_users', 'limit')}/schema/default`,
    source: 'seed',
    profile: 'smoke',
    description: 'limit omitted behaves as its default: min(default, count) users.',
  },
  {
    id: 'get_users/paging/consistent-total-order',
    title: 'Pages of a query sorted on distinct keys are disjoint and complete',
    level: 'MUST',
    ref: queryParam('get_users', 'offset'),
    source: 'inferred',
    profile: 'standard',
    description: 'Paging through with any limit yields every user once.',
  },
  {
    id: 'get_users/paging/consistent-default-order',
    title: 'Pages of an unsorted query are disjoint and complete',
    level: 'SHOULD',
    ref: queryParam('get_users', 'offset'),
    source: 'inferred',
    profile: 'standard',
    description:
      'The default order is not documented, but offset paging is only usable when it is stable between requests.',
  },
  {
    id: 'get_users/sort/ordered',
    title: 'Users are ordered by sortBy in sortOrder',
    level: 'MUST',
    ref: queryParam('get_users', 'sortBy'),
    source: 'seed',
    profile: 'smoke',
    description: 'Judged only where every collation agrees; nulls and ties may sit anywhere; type only groups users.',
  },
  {
    id: 'get_users/sort/desc-reverses-asc',
    title: 'desc order is the reverse of asc for distinct keys',
    level: 'MUST',
    ref: queryParam('get_users', 'sortOrder'),
    source: 'seed',
    profile: 'standard',
    description:
      'For users whose sort keys are distinct, sortOrder=desc lists them in exactly the reverse order of asc.',
  },
  {
    id: 'get_users/search/narrows',
    title: 'search only removes users from a result',
    level: 'MUST',
    ref: queryParam('get_users', 'search'),
    source: 'inferred',
    profile: 'standard',
    description: 'Adding search to a filter returns a subset of the users the filter alone returns.',
  },
  {
    id: 'get_users/search/sound',
    title: 'Every user a search returns contains the search text',
    level: 'MUST',
    ref: queryParam('get_users', 'search'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Whatever fields search covers and whatever its case rules, a returned user holds the text, in some letter ' +
      'case, in at least one of its string fields.',
  },
  {
    id: 'count_users/search/matches-list',
    title: 'count with search equals the list with the same search',
    level: 'MUST',
    ref: `${ptr('count_users')}/parameters`,
    source: 'inferred',
    profile: 'standard',
    description: 'List and count apply search alike.',
  },
  {
    id: 'get_users/search/matches-username',
    title: 'search finds users whose username contains the text',
    level: 'SHOULD',
    ref: queryParam('get_users', 'search'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Which fields free-text search covers is not documented; any reading includes the username. Case rules are ' +
      'left open.',
  },
  // Lifecycle, state and concurrency (the run's own users only).
  {
    id: 'get_user_by_id/success/timestamps-consistent',
    title: 'A user is not updated or logged in before it was created',
    level: 'MUST',
    ref: '/components/schemas/User2',
    source: 'inferred',
    profile: 'standard',
    description: 'createdAt <= updatedAt, and createdAt <= lastLogin when lastLogin is set.',
  },
  {
    id: 'get_user_by_id/success/timestamps-current',
    title: "A new user's createdAt is the server's time of creation",
    level: 'MUST',
    ref: '/components/schemas/User2/properties/createdAt',
    source: 'inferred',
    profile: 'standard',
    description:
      "Judged against the server's own clock: the Date header of its create answer, within two minutes " +
      "(latency and the header's one-second resolution). Not judged without a Date header.",
  },
  {
    id: 'get_users/lifecycle/created-listed',
    title: 'A created user is listed and counted at once',
    level: 'MUST',
    ref: ptr('get_users'),
    source: 'inferred',
    profile: 'standard',
    description: 'Right after 201, a filter selecting the user lists it, and count says 1.',
  },
  {
    id: 'get_users/lifecycle/deleted-unlisted',
    title: 'A deleted user is neither listed nor counted',
    level: 'MUST',
    ref: ptr('get_users'),
    source: 'inferred',
    profile: 'standard',
    description: 'Right after 204, a filter selecting the user lists nothing, and count says 0.',
  },
  {
    id: 'get_users/lifecycle/list-reflects-writes',
    title: 'List and count agree with every preceding write',
    level: 'MUST',
    ref: ptr('get_users'),
    source: 'inferred',
    profile: 'standard',
    description:
      "In random sequences of creates, resets, logouts and deletes, the run's users listed and counted are exactly " +
      'those alive in the model.',
  },
  {
    id: 'get_users/state/existing-users-agree',
    title: 'List, GET by id and filters agree on users the run did not create',
    level: 'MUST',
    ref: ptr('get_user_by_id', '/responses/200'),
    source: 'inferred',
    profile: 'smoke',
    description:
      'For a sample of users already on the target (the first page and one at a random offset), read only: every ' +
      'field the list shows equals what GET by id shows (times as instants, arrays as sets), and a filter of the ' +
      "user's own values (each field exactly, each time as a range) lists it. A user another writer changed in " +
      'between is not judged.',
  },
  {
    id: 'get_users/state/list-matches-get',
    title: 'The list shows each user with the fields GET by id shows',
    level: 'MUST',
    ref: ptr('get_users', '/responses/200'),
    source: 'inferred',
    profile: 'standard',
    description:
      'After every action of the model-based runs, each user listed has the values GET by id gives it (times as ' +
      'instants; a time of a user acted on may have moved forwards between the two reads).',
  },
  {
    id: 'common/state/fields-as-predicted',
    title: 'After every action, every user reads back as the model predicts',
    level: 'MUST',
    ref: '/components/schemas/User2',
    source: 'inferred',
    profile: 'standard',
    description:
      'Read by id after every action of the model-based runs: fields no operation writes (id, username, createdBy, ' +
      'createdAt, isLocal, groups) never change; updatedAt and lastLogin never go back or vanish, and move only for ' +
      'a user some action wrote or logged in. Reads change nothing.',
  },
  {
    id: 'common/concurrency/linearizable-pairs',
    title: 'Two overlapping writes leave what one of their serial orders leaves',
    level: 'MUST',
    ref: '/paths',
    source: 'inferred',
    profile: 'standard',
    description:
      'Every pair of write operations (each with itself too), sent at once on one user (and, in the full profile, ' +
      'on two): who holds the email afterwards, and which of the passwords in play log in, is a state one of ' +
      'the two serial orders would leave. Passwords are judged where created users can log in.',
  },
  {
    id: 'delete_user_by_id/success/only-target-deleted',
    title: 'Deleting a user deletes no other user',
    level: 'MUST',
    ref: ptr('delete_user_by_id'),
    source: 'inferred',
    profile: 'standard',
    description: 'After a delete, every other user of the model still answers 200.',
  },
  {
    id: 'create_user/concurrency/single-winner',
    title: 'Parallel creates of one email create exactly one user',
    level: 'MUST',
    ref: ptr('create_user', '/responses/409'),
    source: 'inferred',
    profile: 'standard',
    description: 'One 201, every other answer 409, and one user with that username afterwards.',
  },
  {
    id: 'delete_user_by_id/concurrency/single-winner',
    title: 'Parallel deletes of one user: one 204, the rest 404',
    level: 'SHOULD',
    ref: ptr('delete_user_by_id', '/responses/404'),
    source: 'inferred',
    profile: 'standard',
    description: 'A user is deleted once; losers of the race see it gone.',
  },
  // Login-dependent: not applicable where a created user cannot log in with its temporary password.
  {
    id: 'create_user/login/temp-password-works',
    title: 'A created user logs in with its temporary password',
    level: 'MAY',
    ref: FACTS,
    source: 'docs',
    profile: 'standard',
    description:
      'POST /api/v1/token with grantType password. Identity backends may refuse temporary passwords until changed: ' +
      'then not applicable.',
  },
  {
    id: 'reset_user_password/login/old-password-rejected',
    title: 'After a reset, the previous password no longer logs in',
    level: 'MUST',
    ref: ptr('reset_user_password'),
    source: 'inferred',
    profile: 'standard',
    description: 'Needs password login; the new temporary password replaces the old one.',
  },
  {
    id: 'change_user_password/body/wrong-current-rejected',
    title: 'A wrong currentPassword is rejected and changes nothing',
    level: 'MUST',
    ref: ptr('change_user_password'),
    source: 'inferred',
    profile: 'standard',
    description: 'Answered with a documented 4xx; the old password still logs in, the proposed one does not.',
  },
  {
    id: 'logout_user/session/tokens-revoked',
    title: "After logout, the user's existing tokens stop working",
    level: 'SHOULD',
    ref: ptr('logout_user'),
    source: 'inferred',
    profile: 'standard',
    description: 'Use to force a user to logout. Real servers may keep short-lived access tokens valid until expiry.',
  },
  {
    id: 'common/authz/user-token-not-admin',
    title: "A created user's own token cannot administer users",
    level: 'MUST',
    ref: '/components/responses/403Forbidden',
    source: 'docs',
    profile: 'standard',
    description:
      'User management needs an administrator role: a new local user calling any write operation but the change ' +
      'of its own password gets 401 or 403, and the target is unchanged.',
  },
  {
    id: 'common/auth/near-miss-token-401',
    title: 'A token one change away from a valid one is answered 401',
    level: 'MUST',
    ref: '/components/securitySchemes',
    source: 'inferred',
    profile: 'smoke',
    description:
      "Each token the run holds (the admin's, the viewer's), changed in letter case, by one character, by " +
      'truncation, by extension or by encoding, is an unknown token: every operation answers it 401. A bearer ' +
      'token is compared exactly (RFC 6750 gives it no case folding); a loose comparison is a forgeable credential.',
  },
  {
    id: 'change_user_password/body/caller-only',
    title: "A change of one's own password changes no one else's",
    level: 'MUST',
    ref: bodySchema('change_user_password'),
    source: 'inferred',
    profile: 'standard',
    description:
      "Where created users log in: user A changes its password with a body that also names user B (B's id as " +
      "userId and id, B's username): B's password still logs in and A's new one does (OWASP API1:2023). Not " +
      'applicable where the target offers no password login.',
  },
  {
    id: 'common/auth/near-miss-password-refused',
    title: 'A password one change away from the right one logs nobody in',
    level: 'MUST',
    ref: FACTS,
    source: 'docs',
    profile: 'standard',
    description:
      "Where created users log in with the password grant: a created user's password (changed to one of 80 " +
      'characters), altered in letter case, by one character (also past the 72nd, where bcrypt stops reading), by ' +
      'truncation, extension or encoding, is refused (a 4xx, never a 5xx) by POST /api/v1/token, while the ' +
      'password itself logs in. ' +
      'Not applicable where the target offers no password login.',
  },
  {
    id: 'common/auth/near-miss-refresh-token-refused',
    title: 'A refresh token one change away from the right one gets no token',
    level: 'MUST',
    ref: FACTS,
    source: 'docs',
    profile: 'standard',
    description:
      "Where created users log in and get refresh tokens: a created user's refresh token altered in letter case, by " +
      'one character, by truncation, extension or encoding is refused (a 4xx, never a 5xx) by the refresh_token ' +
      'grant of POST /api/v1/token. Not applicable without refresh tokens.',
  },
  {
    id: 'common/auth/near-miss-client-secret-refused',
    title: 'A client secret one change away from the right one gets no token',
    level: 'MUST',
    ref: FACTS,
    source: 'docs',
    profile: 'smoke',
    description:
      'Where the run holds client credentials: the secret altered in letter case, by one character, by truncation, ' +
      'extension or encoding is refused (a 4xx, never a 5xx) by the client-credentials grant of POST ' +
      '/api/v1/token. Not applicable to ' +
      'a run that authenticates with a token.',
  },
  {
    id: 'common/authz/user-token-read-status',
    title: "A created user's read is answered, or refused as authorization",
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'standard',
    description:
      "Whether a created user may read users is not in the contract; a refusal of the user's valid read is one " +
      'of authorization (401 or 403), never 400, 404 or a server error. Needs the password grant.',
  },
  {
    id: 'common/authz/application-has-no-account',
    title: "The run's own token changes no password on the caller's own account",
    level: 'MUST',
    ref: ptr('change_user_password'),
    source: 'inferred',
    profile: 'standard',
    description:
      "The caller's own operations (/me/...) with the run's token and a current password that is not its own are " +
      'refused with a documented 4xx: an application has no password to change, and a user would need the right ' +
      'one.',
  },
  {
    id: 'common/authz/refresh-token-not-bearer',
    title: 'A refresh token is not a bearer credential',
    level: 'MUST',
    ref: '/components/securitySchemes',
    source: 'inferred',
    profile: 'standard',
    description: 'A refresh token from the password grant, sent as a bearer token, is answered 401 by every operation.',
  },
  {
    id: 'common/authz/deleted-user-token-401',
    title: "A deleted user's access token authenticates nothing",
    level: 'MUST',
    ref: '/components/securitySchemes',
    source: 'inferred',
    profile: 'standard',
    description: 'After the user is deleted, its access token is answered 401 by every operation.',
  },
  {
    id: 'create_user/state/email-read-back',
    title: "A created user's username is the email it was created with",
    level: 'MUST',
    ref: ptr('create_user', '/responses/201'),
    source: 'inferred',
    profile: 'standard',
    checkedBy: 'client',
    description:
      'Every answer that shows a user the run created (its 201, GET by id, every list entry) shows as username ' +
      'the email the create sent, for every character class, length and form the suite creates; letter case and ' +
      'Unicode normalization are left open. Judged by the client on answers the suite gets anyway.',
  },
  {
    id: 'common/input/repeated-parameter',
    title: 'A query parameter sent twice is refused or read as one value',
    level: 'SHOULD',
    ref: '/paths/~1api~1v1~1users/get/parameters',
    source: 'inferred',
    profile: 'standard',
    description:
      'HTTP parameter pollution (ASVS 5.1.1): every scalar query parameter sent twice, with two valid values and ' +
      'with a valid one and a near miss, in both orders. Which value counts is open; the answer is a 400 or the ' +
      'answer to one valid value alone. A server that checks one value and applies the other shows here.',
  },
  {
    id: 'common/auth/token-only-in-authorization',
    title: 'A bearer token is read from the Authorization header only',
    level: 'SHOULD',
    ref: '/components/securitySchemes',
    source: 'inferred',
    profile: 'standard',
    description:
      'The contract sends its bearer token in the Authorization header. With no such header, a token in the query ' +
      '(access_token, RFC 6750 2.3) or in a cookie does not authenticate: one in a URL ends up in logs (ASVS 3.1.1), ' +
      "one in a cookie is sent by a browser on anyone's behalf. Sent with a created user's token, never the run's.",
  },
  {
    id: 'common/authz/deleted-user-refresh-refused',
    title: "A deleted user's refresh token gives no access token",
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'standard',
    description:
      'After the user is deleted, the refresh grant with a refresh token its login answered is refused with a 4xx: ' +
      'no access token, no server error. Needs the password grant and refresh tokens; not applicable without them.',
  },
  // Negative input, robustness and security.
  {
    id: 'common/robustness/no-server-error',
    title: 'No request the client may send is answered with a server error',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'Bad input gets a 4xx; any 5xx other than a transient 503 (retried, then inconclusive) is a deviation.',
  },
  {
    id: 'common/input/valid-forms-accepted',
    title: 'Every input form the contract admits is accepted, alone and together',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'smoke',
    description:
      'A server that refuses what the contract allows is as broken as one that takes what it forbids. Every query ' +
      'parameter the spec documents (deprecated ones too), every filterBy field with every operator its kind takes ' +
      'and every timestamp form ISO 8601 admits (0 to 9 fractional digits; Z and offsets), every enum value, and ' +
      'every optional body property (with null where nullable, and a property the schema does not forbid) is ' +
      'answered as a success, each alone and all together. Body checks write, in the standard profile.',
  },
  {
    id: 'common/robustness/off-the-map-4xx',
    title: 'A request no operation documents is answered 4xx, never 5xx',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'smoke',
    description:
      'Every documented path with every method it does not take, every documented path spelled otherwise ' +
      '(trailing slash, doubled slash, escaped letters, dot segments), and bodies past the depth and size a server ' +
      'is written for: each is answered with a status below 500 (404, 405, 400, 413, or the operation itself where ' +
      "a spelling means the same path). Methods that write are sent only where the profile writes, to the run's own " +
      'users.',
  },
  {
    id: 'common/http/401-www-authenticate',
    title: 'A 401 answer carries a WWW-Authenticate header with a challenge',
    level: 'MUST',
    ref: RFC9110,
    source: 'rfc9110',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'RFC 9110 section 15.5.2: the server generating a 401 response MUST send a WWW-Authenticate header field ' +
      'with at least one challenge (here the Bearer scheme); 11.6.1: a challenge starts with its auth-scheme.',
  },
  {
    id: 'common/state/refused-changes-nothing',
    title: 'A request the target refuses (4xx) changes nothing',
    level: 'MUST',
    ref: '/paths',
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'After every test, whatever it checked, what its refused writes named is read once: an email a refused ' +
      'create asked for (and no create of the run was granted) names no user, and a user of the run a refused ' +
      'write named (any method, any path) still stands. A 409, and an answer that took retries, are left out. ' +
      'RFC 9110 15.5: a 4xx says the request was not fulfilled. Judged by the harness, not by one suite.',
  },
  {
    id: 'common/http/message-framing',
    title: 'An answer is a message HTTP/1.1 can frame',
    level: 'MUST',
    ref: RFC9110,
    source: 'rfc9110',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'RFC 9112 sections 2-7 and RFC 9110 section 8.6: a Content-Length gives the body its length, a chunked ' +
      'body is a series of hexadecimal sizes, a server sends no Content-Length beside Transfer-Encoding (6.1), ' +
      'and header fields are tokens. An answer that begins as HTTP and breaks that is broken, even where a ' +
      'retry would hide it; what needed its body is blocked, not failed. Bytes that never begin as HTTP are no ' +
      'answer (the run cannot be made).',
  },
  {
    id: 'common/auth/login-no-enumeration',
    title: 'A login refuses an unknown username as it refuses a wrong password',
    level: 'SHOULD',
    ref: FACTS,
    source: 'inferred',
    profile: 'standard',
    description:
      'OWASP API2 and ASVS 4.0.3 2.2 (and 3.x: generic failures): the password grant answers a username no user ' +
      'has with the same status as a known user with a wrong password, so it tells nobody who has an account. ' +
      'Messages are left open; a warning.',
  },
  {
    id: 'common/http/nosniff',
    title: 'Every answer with a body says X-Content-Type-Options: nosniff',
    level: 'SHOULD',
    ref: RFC9110,
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'OWASP ASVS 4.0.3 14.4.4 (API8, security misconfiguration): without it a browser may sniff a JSON answer ' +
      'that reflects input into a script or a page. The contract is silent, so a warning. Judged on every answer.',
  },
  {
    id: 'common/http/hsts',
    title: 'Every answer over TLS carries a lasting Strict-Transport-Security',
    level: 'SHOULD',
    ref: RFC9110,
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'OWASP ASVS 4.0.3 14.4.5 and RFC 6797: an API served over https tells browsers to keep to it, with a ' +
      'max-age above zero. Judged on every answer of a target reached over https; a warning.',
  },
  {
    id: 'common/http/cors-strict',
    title: 'No answer lets a page of any origin, or of the null origin, read it',
    level: 'SHOULD',
    ref: RFC9110,
    source: 'inferred',
    profile: 'smoke',
    description:
      'OWASP ASVS 4.0.3 14.5.3 (API8): Access-Control-Allow-Origin comes from a strict allow list, never the ' +
      'Origin echoed back and never null; nor * with credentials. Every operation is preflighted (OPTIONS, no ' +
      'credential) from an origin no list holds and from null, and every read sent from them. Sending no CORS ' +
      'header at all passes; which origins a deployment allows is its own.',
  },
  {
    id: 'common/http/secret-answer-no-store',
    title: 'An answer that hands out a temporary password says no-store',
    level: 'SHOULD',
    ref: RFC9110,
    source: 'inferred',
    profile: 'standard',
    checkedBy: 'client',
    description:
      'OWASP ASVS 4.0.3 8.2.1, as RFC 6749 5.1 asks of an answer with tokens: a 2xx carrying a secret property ' +
      'the spec documents (tempPassword of create and reset) says Cache-Control: no-store, so no browser or ' +
      'proxy keeps it. The contract is silent on Cache-Control: a warning.',
  },
  {
    id: 'common/http/no-shared-caching',
    title: 'No answer to an authenticated request is offered to shared caches',
    level: 'SHOULD',
    ref: RFC9110,
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'RFC 9111 section 3.5: a shared cache may store the answer to a request with Authorization when the answer ' +
      'says public or s-maxage. A 2xx of this API (every operation needs a bearer token) with either lets a ' +
      "gateway hand one caller's users, or a temporary password, to another.",
  },
  {
    id: 'common/http/date-header',
    title: 'Every 2xx, 3xx and 4xx answer carries a Date header, in IMF-fixdate',
    level: 'MUST',
    ref: RFC9110,
    source: 'rfc9110',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'RFC 9110 section 6.6.1: an origin server with a clock MUST generate a Date header field in every 2xx, 3xx ' +
      'and 4xx response; 5.6.7: a sender MUST generate an HTTP-date in the IMF-fixdate form.',
  },
  {
    id: 'common/http/unsupported-method-405',
    title: 'A method a documented path does not take is answered 405',
    level: 'SHOULD',
    ref: RFC9110,
    source: 'rfc9110',
    profile: 'smoke',
    description:
      'RFC 9110 section 15.5.6: 405 says the method is known but not supported by the target resource. A 404 ' +
      'where the path names a resource, and a 401 to a request sent without a credential, are fit too; HEAD and ' +
      'OPTIONS may be served.',
  },
  {
    id: 'common/http/safe-methods-change-nothing',
    title: 'A GET changes nothing, whatever header asks for another method',
    level: 'MUST',
    ref: RFC9110,
    source: 'inferred',
    profile: 'standard',
    description:
      'RFC 9110 section 9.2.1 makes GET safe; a server or gateway that honours X-HTTP-Method-Override, ' +
      'X-Method-Override or X-HTTP-Method lets a GET delete, log out or reset (OWASP API5:2023, "changing the HTTP ' +
      'method"). GET to each path that names a run user, with each override header naming each write the path ' +
      'takes: the user reads back exactly as before.',
  },
  {
    id: 'common/http/405-allow',
    title: 'A 405 answer carries an Allow header listing what the path takes',
    level: 'MUST',
    ref: RFC9110,
    source: 'rfc9110',
    profile: 'smoke',
    description:
      'RFC 9110 section 15.5.6: the origin server MUST generate an Allow header field in a 405 response, listing ' +
      'the methods the target resource supports, among them every method the contract documents for the path.',
  },
  {
    id: 'common/security/no-stack-trace',
    title: 'No answer carries a stack trace of the server',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'Error messages are for clients (OWASP API8:2023, ASVS 7.4.1): no answer shows the frames of a Node, ' +
      'Python, Java, Go or .NET stack, which tell an attacker how the server is built.',
  },
  {
    id: 'create_user/body/server-fields-not-honoured',
    title: 'Server-owned fields offered in a create are not taken',
    level: 'MUST',
    ref: bodySchema('create_user'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Every property of the User schema that the creation request does not declare (id, username, createdBy, ' +
      'createdAt, updatedAt, lastLogin, isLocal, groups), offered in a create body with a value of its type: the ' +
      'create is answered 201 or 400, and a user it makes reads back with the values the server chose, not those ' +
      'offered (OWASP API3:2023, mass assignment).',
  },
  {
    id: 'create_user/body/refused-creates-nothing',
    title: 'A create refused for its body makes no user',
    level: 'MUST',
    ref: bodySchema('create_user'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Creates whose body breaks the schema in a field other than the email are answered 400, and none of the ' +
      'emails they name is listed afterwards (a refused request leaves the target unchanged).',
  },
  {
    id: 'common/security/no-secret-leak',
    title: 'No response carries a token or password outside its documented field',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'smoke',
    checkedBy: 'client',
    description:
      'Tokens, client secrets and passwords the run knows never appear in headers, messages or user objects; ' +
      'tempPassword only where the spec puts it; and no answer carries a property named like a secret (a ' +
      "password's hash, a token, a salt) that the spec does not document.",
  },
  {
    id: 'create_user/body/invalid-rejected-400',
    title: 'Any create body the schema forbids is answered 400',
    level: 'MUST',
    ref: bodySchema('create_user'),
    source: 'seed',
    profile: 'standard',
    description:
      'Generated from UserCreationRequest1: missing required fields, wrong types, lengths and patterns, non-object ' +
      'bodies; each checked invalid by the schema itself.',
  },
  {
    id: 'create_user/body/optional-fields-accepted',
    title: 'Optional create fields take every value the schema allows',
    level: 'MUST',
    ref: bodySchema('create_user'),
    source: 'seed',
    profile: 'standard',
    description: 'resetPassword and notify accept true, false and null (nullable).',
  },
  {
    id: 'change_user_password/body/invalid-rejected-400',
    title: 'Any change-password body the schema forbids is answered 400',
    level: 'MUST',
    ref: bodySchema('change_user_password'),
    source: 'seed',
    profile: 'standard',
    description: "Generated from UserChangePasswordRequest; sent with a created user's own token only.",
  },
  {
    id: 'get_users/params/filter-date-format-400',
    title: 'A filterBy date that is not ISO 8601 is answered 400',
    level: 'SHOULD',
    ref: queryParam('get_users', 'filterBy'),
    source: 'seed',
    profile: 'smoke',
    description: '"Dates are in ISO 8601 timestamp format"; the pattern alone does not say so.',
  },
  {
    id: 'get_users/filter/metacharacters-literal',
    title: 'LIKE and regex metacharacters in =@ values match literally',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'inferred',
    profile: 'standard',
    description: 'username=@% returns only usernames holding a %, and _ . + likewise.',
  },
  {
    id: 'common/robustness/odd-ids-4xx',
    title: 'Odd path ids are answered 400 or 404',
    level: 'MUST',
    ref: '/components/responses/404NotFound',
    source: 'inferred',
    profile: 'smoke',
    description: 'Very long, Unicode, and ids with %, spaces or an encoded slash name no user.',
  },
  {
    id: 'common/authz/viewer-reads-allowed',
    title: 'A read-only token may read users',
    level: 'SHOULD',
    ref: FACTS,
    source: 'docs',
    profile: 'smoke',
    description: 'With RUNAI_VIEWER_TOKEN, list, count and get answer 200. Not applicable without a viewer token.',
  },
  // Relations that must hold between answers (metamorphic): exact on the run's users.
  {
    id: 'get_users/sort/permutation',
    title: 'Sorting returns the same users as not sorting',
    level: 'MUST',
    ref: queryParam('get_users', 'sortBy'),
    source: 'inferred',
    profile: 'standard',
    description:
      'With any sortBy and sortOrder, a query returns the same set of run users as without sortBy, ' +
      'users whose sort value is null included.',
  },
  {
    id: 'get_users/paging/ties-partition',
    title: 'Pages of a query sorted on tied keys are disjoint and complete',
    level: 'MUST',
    ref: queryParam('get_users', 'offset'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Where run users share a sort key (createdBy, type, a null lastLogin), paging through the sorted query ' +
      'with any limit still yields every user once while the data does not change; which tie comes first is open.',
  },
  {
    id: 'get_users/filter/equivalent-instants',
    title: 'One instant in any ISO 8601 spelling selects the same users',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'seed',
    profile: 'standard',
    description:
      'A date bound written with Z, +00:00 or another offset (+05:30, -08:00), with or without milliseconds, ' +
      'selects the same run users with <= and >=.',
  },
  {
    id: 'get_users/filter/string-range',
    title: 'String <= and >= cover, include equals and grow with the bound',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'inferred',
    profile: 'standard',
    description:
      'For values every collation orders alike (same-case ASCII letters and digits), f<=v and f>=v together ' +
      'return every run user, both return those equal to v, and a smaller bound never returns more users.',
  },
  {
    id: 'get_users/filter/narrowing',
    title: 'Adding a filter term or a search never adds users',
    level: 'MUST',
    ref: queryParam('get_users', 'filterBy'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Terms are ANDed and search narrows: the run users of q plus a term or a search are a subset of those of q, ' +
      'and count agrees with the list for both.',
  },
  {
    id: 'count_users/agreement/whole-dataset',
    title: 'count equals the users a full walk of the list reaches',
    level: 'MUST',
    ref: ptr('count_users'),
    source: 'inferred',
    profile: 'standard',
    description:
      'Paging through the whole dataset (offsets past 500 included) reaches as many distinct users as count ' +
      'says, judged when counts before and after the walk agree (other writers may be at work).',
  },
  {
    id: 'common/robustness/request-forms',
    title: 'Requests sent as real clients send them get the same answer, no 5xx',
    level: 'MUST',
    ref: '/paths',
    source: 'inferred',
    profile: 'smoke',
    description:
      'Every operation is also called with no Accept header, Accept: */*, Accept with q-values, header names in ' +
      'capitals, a Content-Type with a charset parameter and, for queries, values percent-encoded fully (commas ' +
      'and operators too) and minimally: each is answered with the status of the plain request, never a 5xx.',
  },
  {
    id: 'common/robustness/edge-corpus',
    title: 'Awkward values in any input get a documented answer, never a 5xx',
    level: 'MUST',
    ref: '/paths',
    source: 'inferred',
    profile: 'smoke',
    description:
      'Every query parameter, path id and body field also gets an edge corpus: empty, one character, 1 KB and ' +
      '8 KB strings, letter cases, Unicode with astral characters, percent signs, encoded reserved characters, ' +
      'control characters. Each is answered within the deadline with a documented status (414 or 431 for a ' +
      'request line or header a proxy finds too long is tolerated), never a server error.',
  },
  {
    id: 'common/capabilities/declared-honoured',
    title: 'A capability the target declares works',
    level: 'MUST',
    ref: FACTS,
    source: 'inferred',
    profile: 'standard',
    description:
      'Optional capabilities (RUNAI_CAPABILITIES, e.g. password-login) are detected when not declared: a check ' +
      'that needs one is not applicable where it is missing. Declared, a capability that does not work fails.',
  },
  // Several users with several sessions each (where the password grant works).
  {
    id: 'common/isolation/other-users-untouched',
    title: 'A logout, reset, password change or delete leaves other users alone',
    level: 'MUST',
    ref: ptr('logout_user'),
    source: 'inferred',
    profile: 'standard',
    description:
      "What every other run user's password, access tokens and refresh tokens can do is the same after an " +
      'action on one user as before it (where created users can log in), and none of their fields read by id ' +
      'moves (updatedAt, lastLogin) unless an action of the sequence wrote them or logged them in.',
  },
  {
    id: 'common/auth/refresh-token-grants',
    title: 'The refresh token a password login answers gives an access token',
    level: 'MUST',
    ref: FACTS,
    source: 'docs',
    profile: 'standard',
    description:
      'POST /api/v1/token with grantType refresh_token and the refreshToken a password login answered gives an ' +
      'access token (before any logout). Needs the password grant and refresh tokens; not applicable without them.',
  },
  {
    id: 'logout_user/session/refresh-revoked',
    title: "After logout, the user's refresh tokens are refused",
    level: 'MUST',
    ref: ptr('logout_user'),
    source: 'docs',
    profile: 'standard',
    description:
      'Logout ends the sessions: a refresh token issued before it no longer gives an access token. Needs the ' +
      'password grant and refresh tokens; not applicable without them.',
  },
  {
    id: 'change_user_password/login/new-password-as-sent',
    title: 'A new password the target accepted logs in exactly as it was sent',
    level: 'MUST',
    ref: ptr('change_user_password', '/requestBody'),
    source: 'inferred',
    profile: 'standard',
    description:
      "A password is read back by logging in with it. Every form newPassword's schema admits (each length " +
      'bound, every printable ASCII character, whitespace at the ends and inside, other scripts, astral and ' +
      'decomposed characters, the longest string in three-byte characters), once accepted with 200, logs in ' +
      "as sent. A form refused with a 4xx passes: a password policy is the deployment's.",
  },
  {
    id: 'change_user_password/login/old-password-rejected',
    title: 'After a password change, the old one fails and the new one works',
    level: 'MUST',
    ref: ptr('change_user_password'),
    source: 'inferred',
    profile: 'standard',
    description: 'Needs password login.',
  },
  {
    id: 'create_user/success/email-reusable-after-delete',
    title: 'The email of a deleted user can be used to create a user again',
    level: 'MUST',
    ref: ptr('create_user', '/responses/201'),
    source: 'inferred',
    profile: 'standard',
    description: 'Deleting a user frees its email: creating it again answers 201, not 409.',
  },
];

export const requirements: Requirement[] = [...derived(), ...explicit];
export const requirementsById = new Map(requirements.map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const r = requirementsById.get(id);
  if (!r) throw new Error(`unknown requirement id "${id}"`);
  return r;
}

export const operationOf = (id: string): string => id.split('/')[0] ?? id;
export const ID_FORMAT = /^[a-z_]+\/[a-z-]+\/[a-z0-9-]+$/;

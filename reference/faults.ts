/**
 * Deliberate faults the reference can switch on, each naming the requirement(s) that must
 * catch it. The self-tests run the suite with each fault on and expect those requirements
 * to fail: that is how the suite proves its checks can fail.
 */
export interface Fault {
  id: string;
  description: string;
  /** Requirement ids of which at least one must fail when this fault is on. */
  caughtBy: string[];
}

export const faults = [
  {
    id: 'user-missing-created-by',
    description: 'User objects omit the required createdBy field',
    caughtBy: ['get_user_by_id/response/schema', 'get_users/response/schema'],
  },
  {
    id: 'get-user-answers-202',
    description: 'GET /users/{id} answers the undocumented status 202',
    caughtBy: ['get_user_by_id/response/status-documented'],
  },
  {
    id: 'auth-not-enforced-on-list',
    description: 'GET /users accepts requests without a token',
    caughtBy: ['get_users/auth/missing-token-401'],
  },
  {
    id: 'bad-token-accepted-on-count',
    description: 'GET /users/count accepts any bearer token',
    caughtBy: ['count_users/auth/invalid-token-401'],
  },
  {
    id: 'create-answers-200',
    description: 'POST /users answers 200 instead of 201',
    caughtBy: ['create_user/response/status-documented', 'create_user/success/created-201'],
  },
  {
    id: 'create-no-temp-password',
    description: 'POST /users omits tempPassword',
    caughtBy: ['create_user/response/schema'],
  },
  {
    id: 'duplicate-email-allowed',
    description: 'A second user with the same email is created',
    caughtBy: ['create_user/conflict/duplicate-email-409'],
  },
  {
    id: 'email-pattern-not-enforced',
    description: 'POST /users accepts an email without a domain',
    caughtBy: ['create_user/body/email-pattern-400'],
  },
  {
    id: 'limit-bounds-not-enforced',
    description: 'limit outside 1..500 is accepted',
    caughtBy: ['get_users/params/limit-bounds-400'],
  },
  {
    id: 'malformed-filter-500',
    description: 'A filterBy term that breaks the pattern answers 500',
    caughtBy: ['get_users/params/filter-by-pattern-400', 'get_users/response/status-documented'],
  },
  {
    id: 'viewer-can-delete',
    description: 'A read-only token may delete users',
    caughtBy: ['delete_user_by_id/auth/viewer-403'],
  },
  {
    id: 'viewer-can-create',
    description: 'A read-only token may create users',
    caughtBy: ['create_user/auth/viewer-403'],
  },
  {
    id: 'viewer-write-401',
    description: "A read-only token's valid writes are refused as if the token were unknown (401, not 403)",
    caughtBy: [
      'create_user/auth/viewer-403',
      'delete_user_by_id/auth/viewer-403',
      'reset_user_password/auth/viewer-403',
      'logout_user/auth/viewer-403',
    ],
  },
  {
    id: 'get-after-delete-200',
    description: 'A deleted user is still returned by GET',
    caughtBy: ['get_user_by_id/not-found/unknown-id-404'],
  },
  {
    id: 'error-body-html',
    description: 'Errors are sent as text/html pages',
    caughtBy: ['get_user_by_id/response/json-content-type'],
  },
  {
    id: 'delete-answers-200',
    description: 'DELETE answers 200 with a JSON body instead of 204',
    caughtBy: ['delete_user_by_id/response/status-documented', 'delete_user_by_id/success/deleted-204'],
  },
  {
    id: 'reset-keeps-password',
    description: 'Password reset returns the same temporary password',
    caughtBy: ['reset_user_password/success/new-temp-password'],
  },
  {
    id: 'timestamps-without-offset',
    description: 'createdAt is sent without a time-zone offset',
    caughtBy: ['get_user_by_id/response/schema', 'get_users/response/schema'],
  },
  // List and count semantics.
  {
    id: 'count-ignores-filter',
    description: 'count ignores filterBy terms after the first',
    caughtBy: ['count_users/agreement/matches-list'],
  },
  {
    id: 'limit-off-by-one',
    description: 'A page holds limit + 1 users',
    caughtBy: ['get_users/paging/limit-respected', 'get_users/paging/consistent-total-order'],
  },
  {
    id: 'bearer-case-insensitive',
    description: 'Bearer tokens are compared without regard to letter case',
    caughtBy: ['common/auth/near-miss-token-401'],
  },
  {
    id: 'bearer-compared-by-prefix',
    description: 'Only the first 20 characters of a bearer token are compared',
    caughtBy: ['common/auth/near-miss-token-401'],
  },
  {
    id: 'undocumented-method-500',
    description: 'A method the path does not take (PUT, PATCH, ...) answers 500 instead of 405',
    caughtBy: ['common/robustness/off-the-map-4xx'],
  },
  {
    id: 'trailing-slash-500',
    description: 'A documented path with a trailing slash answers 500',
    caughtBy: ['common/robustness/off-the-map-4xx'],
  },
  {
    id: 'deep-json-500',
    description: 'A JSON body nested deeper than 64 levels answers 500',
    caughtBy: ['common/robustness/off-the-map-4xx'],
  },
  {
    id: 'large-body-500',
    description: 'A JSON body over 16 KiB answers 500',
    caughtBy: ['common/robustness/off-the-map-4xx'],
  },
  {
    id: 'method-not-allowed-without-allow',
    description: 'A 405 carries no Allow header',
    caughtBy: ['common/http/405-allow'],
  },
  {
    id: 'deprecated-filter-refused',
    description: 'The documented (deprecated) filter parameter of the list is refused with 400',
    caughtBy: ['common/input/valid-forms-accepted'],
  },
  {
    id: 'extra-property-refused',
    description: 'A create or change-password body with a property its schema does not forbid is refused',
    caughtBy: ['common/input/valid-forms-accepted'],
  },
  {
    id: 'date-fraction-refused',
    description: 'A filterBy timestamp with more than three fractional digits (valid ISO 8601) is refused',
    caughtBy: ['common/input/valid-forms-accepted'],
  },
  {
    id: 'get-drops-groups',
    description: 'GET by id answers groups: [] for users whose list entry has groups',
    caughtBy: ['get_users/state/existing-users-agree'],
  },
  {
    id: 'get-sso-as-local',
    description: 'GET by id answers isLocal: true for SSO users',
    caughtBy: ['get_users/state/existing-users-agree'],
  },
  {
    id: 'long-password-refused',
    description: 'A new password of more than 64 characters, which the schema admits up to 255, is refused with 400',
    caughtBy: ['change_user_password/input/boundary-accepted'],
  },
  {
    id: 'delete-204-with-length',
    description: "A delete's 204 says Content-Length: 2, the length of a body a 204 cannot have",
    caughtBy: ['delete_user_by_id/response/no-content-body'],
  },
  {
    id: 'jwt-signature-unchecked',
    description: "Tokens are JWTs, and one no session holds is taken for its payload's subject: alg none passes",
    caughtBy: ['common/auth/near-miss-token-401'],
  },
  {
    id: 'head-skips-auth',
    description: 'A HEAD on any path that takes GET is answered 200 without any credential (verb tampering)',
    caughtBy: ['get_users/auth/missing-token-401'],
  },
  {
    id: 'login-enumerates-users',
    description: 'The password grant answers 404 for an unknown username and 401 for a wrong password',
    caughtBy: ['common/auth/login-no-enumeration'],
  },
  {
    id: 'lookup-before-auth',
    description: 'A path id is looked up before the token: an unknown id answers 404 to a caller with no credential',
    caughtBy: ['get_user_by_id/auth/missing-token-401'],
  },
  {
    id: 'password-non-ascii-mangled',
    description: "A changed password is kept with each non-ASCII character as '?', so it no longer logs in as sent",
    caughtBy: ['change_user_password/login/new-password-as-sent'],
  },
  {
    id: 'password-truncated-at-128',
    description: 'A changed password is kept cut at 128 characters, so a longer one no longer logs in as sent',
    caughtBy: ['change_user_password/login/new-password-as-sent'],
  },
  {
    id: 'password-case-insensitive',
    description: 'The password grant compares passwords without regard to letter case',
    caughtBy: ['common/auth/near-miss-password-refused'],
  },
  {
    id: 'password-72-bytes',
    description: 'The password grant compares only the first 72 bytes of a password, as bcrypt does',
    caughtBy: ['common/auth/near-miss-password-refused'],
  },
  {
    id: 'client-secret-case-insensitive',
    description: 'The client-credentials grant compares client secrets without regard to letter case',
    caughtBy: ['common/auth/near-miss-client-secret-refused'],
  },
  {
    id: 'unsupported-method-400',
    description: 'A method a documented path does not take is answered 400 instead of 405',
    caughtBy: ['common/http/unsupported-method-405'],
  },
  {
    id: 'allow-lists-one-method',
    description: "A 405's Allow names one of the methods the path takes, not all of them",
    caughtBy: ['common/http/405-allow'],
  },
  {
    id: 'stack-trace-in-errors',
    description: 'Error messages end in a stack trace of the server',
    caughtBy: ['common/security/no-stack-trace'],
  },
  {
    id: 'mass-assignment',
    description: 'A create body that offers createdBy or groups has them taken as given',
    caughtBy: ['create_user/body/server-fields-not-honoured'],
  },
  {
    id: 'forbidden-create-persists',
    description: 'A create refused to its caller (403: a viewer, a user) still stores the user it names',
    caughtBy: ['common/state/refused-changes-nothing'],
  },
  {
    id: 'unsupported-method-deletes',
    description: 'A PUT or PATCH on a user, which the path does not take, is refused 405 after removing the user',
    caughtBy: ['common/state/refused-changes-nothing'],
  },
  {
    id: 'refused-create-persists',
    description: 'A create refused with 400 for its body still stores the user it names',
    caughtBy: ['create_user/body/refused-creates-nothing'],
  },
  {
    id: 'user-objects-carry-password-hash',
    description: 'User objects carry a passwordHash property (extra properties are allowed, secrets are not)',
    caughtBy: ['common/security/no-secret-leak'],
  },
  {
    id: 'method-override-honoured',
    description: 'A GET with X-HTTP-Method-Override: DELETE deletes the user',
    caughtBy: ['common/http/safe-methods-change-nothing'],
  },
  {
    id: 'me-password-takes-user-id',
    description: "A userId in a change-password body changes that user's password instead of the caller's",
    caughtBy: ['change_user_password/body/caller-only'],
  },
  {
    id: '401-without-challenge',
    description: 'A 401 carries no WWW-Authenticate header',
    caughtBy: ['common/http/401-www-authenticate'],
  },
  {
    id: 'bearer-scheme-case-sensitive',
    description: "The auth-scheme is compared exactly: 'bearer' or 'BEARER' is refused 401",
    caughtBy: ['common/robustness/request-forms'],
  },
  {
    id: 'media-type-case-sensitive',
    description: 'A JSON body labelled Application/JSON is refused 400',
    caughtBy: ['common/robustness/request-forms'],
  },
  {
    id: 'username-plus-tag-dropped',
    description: "A created user's username drops the part of the email's local part after a '+'",
    caughtBy: ['create_user/state/email-read-back'],
  },
  {
    id: 'repeated-limit-last-applied',
    description: 'A limit sent twice: the first is checked against its bounds, the last is applied',
    caughtBy: ['common/input/repeated-parameter'],
  },
  {
    id: 'chunk-size-not-hex',
    description: "Every count's body goes out in a chunk whose size line is no hexadecimal number",
    caughtBy: ['common/http/message-framing'],
  },
  {
    id: 'length-with-chunked',
    description: 'Every logout is answered chunked under a Content-Length too, which a server must not send',
    caughtBy: ['common/http/message-framing'],
  },
  {
    id: 'temp-password-cacheable',
    description: 'The answers of create and reset hand out a temporary password without Cache-Control: no-store',
    caughtBy: ['common/http/secret-answer-no-store'],
  },
  {
    id: 'answers-without-nosniff',
    description: 'No answer says X-Content-Type-Options: nosniff, so a browser may sniff JSON as a page',
    caughtBy: ['common/http/nosniff'],
  },
  {
    id: 'cors-reflects-origin',
    description: 'Every answer echoes the Origin it was sent as allowed, with Access-Control-Allow-Credentials: true',
    caughtBy: ['common/http/cors-strict'],
  },
  {
    id: 'answers-shared-cacheable',
    description: 'Every 2xx says Cache-Control: public, max-age=60, so a shared cache may serve it to anyone',
    caughtBy: ['common/http/no-shared-caching'],
  },
  {
    id: 'answers-without-date',
    description: 'No answer carries a Date header',
    caughtBy: ['common/http/date-header'],
  },
  {
    id: 'json-bom',
    description: 'Every JSON body starts with a byte-order mark, which no JSON sent on a network may carry',
    caughtBy: ['get_users/response/schema', 'create_user/response/schema'],
  },
  {
    id: 'offset-ignored-with-search',
    description: 'With a search, offset is ignored: every page starts at the first match',
    caughtBy: ['get_users/paging/offset-respected', 'get_users/paging/limit-respected'],
  },
  {
    id: 'offset-off-by-one',
    description: 'A positive offset skips one user too many',
    caughtBy: ['get_users/paging/offset-respected', 'get_users/paging/consistent-total-order'],
  },
  {
    id: 'sort-order-ignored',
    description: 'sortOrder=desc sorts ascending',
    caughtBy: ['get_users/sort/ordered', 'get_users/sort/desc-reverses-asc'],
  },
  { id: 'lte-as-lt', description: '<= on timestamps behaves as <', caughtBy: ['get_users/filter/complete'] },
  {
    id: 'gte-ignores-fraction',
    description: '>= compares timestamps truncated to whole seconds',
    caughtBy: ['get_users/filter/terms-satisfied', 'get_users/filter/terms-anded'],
  },
  {
    id: 'terms-ored',
    description: 'Several filterBy terms are combined with OR',
    caughtBy: ['get_users/filter/terms-anded'],
  },
  {
    id: 'contains-ignored-for-created-by',
    description: 'createdBy=@ matches every user',
    caughtBy: ['get_users/filter/terms-satisfied', 'get_users/filter/terms-anded'],
  },
  {
    id: 'unstable-default-order',
    description: 'Without sortBy the order changes from request to request',
    caughtBy: ['get_users/paging/consistent-default-order'],
  },
  {
    id: 'count-ignores-search',
    description: 'count ignores search',
    caughtBy: ['count_users/search/matches-list', 'count_users/agreement/matches-list'],
  },
  {
    id: 'default-limit-20',
    description: 'Without limit, pages hold 20 users instead of the default',
    caughtBy: ['get_users/paging/default-limit'],
  },
  // Lifecycle, state and concurrency.
  {
    id: 'stale-list-cache',
    description: 'List and count answers are cached for two seconds across writes',
    caughtBy: [
      'get_users/lifecycle/list-reflects-writes',
      'get_users/lifecycle/created-listed',
      'get_users/lifecycle/deleted-unlisted',
    ],
  },
  {
    id: 'racy-duplicate-check',
    description: 'The duplicate check and the insert are not atomic',
    caughtBy: ['create_user/concurrency/single-winner'],
  },
  {
    id: 'delete-takes-neighbour',
    description: 'Deleting a user also deletes the next user in username order',
    caughtBy: ['delete_user_by_id/success/only-target-deleted'],
  },
  {
    id: 'old-password-still-valid',
    description: 'After a reset the previous password still logs in',
    caughtBy: ['reset_user_password/login/old-password-rejected'],
  },
  {
    id: 'logout-keeps-sessions',
    description: "Logout leaves the user's tokens valid",
    caughtBy: ['logout_user/session/tokens-revoked', 'logout_user/session/refresh-revoked'],
  },
  {
    id: 'change-password-ignores-current',
    description: 'The current password is not checked when changing it',
    caughtBy: ['change_user_password/body/wrong-current-rejected'],
  },
  // Negative input and security.
  {
    id: 'unknown-filter-field-ignored',
    description: 'A filterBy term on an unknown field is silently ignored',
    caughtBy: ['get_users/params/filter-by-pattern-400', 'count_users/params/filter-by-pattern-400'],
  },
  {
    id: 'bad-date-500',
    description: 'A filterBy date that is not ISO 8601 crashes with 500',
    caughtBy: ['common/robustness/no-server-error'],
  },
  {
    id: 'off-kind-term-500',
    description: 'A filterBy isLocal term with an operator other than == crashes with 500',
    caughtBy: ['common/robustness/no-server-error', 'common/robustness/edge-corpus'],
  },
  {
    id: 'odd-id-500',
    description: 'An id with a percent sign crashes with 500',
    caughtBy: ['common/robustness/odd-ids-4xx', 'common/robustness/no-server-error'],
  },
  {
    id: 'like-wildcards',
    description: '=@ is a SQL LIKE: % and _ in the value are wildcards',
    caughtBy: [
      'get_users/filter/metacharacters-literal',
      'get_users/filter/terms-anded',
      'get_users/filter/terms-satisfied',
    ],
  },
  {
    id: 'list-leaks-temp-password',
    description: 'User objects carry the current temporary password',
    caughtBy: ['common/security/no-secret-leak'],
  },
  {
    id: 'error-echoes-authorization',
    description: '404 messages echo the Authorization header',
    caughtBy: ['common/security/no-secret-leak'],
  },
  {
    id: 'auth-not-enforced-on-reset',
    description: 'Password reset works without a token',
    caughtBy: ['reset_user_password/auth/missing-token-401'],
  },
  {
    id: 'expired-token-accepted',
    description: 'Any JWT-shaped bearer token is accepted',
    caughtBy: ['get_users/auth/invalid-token-401', 'count_users/auth/invalid-token-401'],
  },
  {
    id: 'create-body-types-unchecked',
    description: 'resetPassword and notify of any type are accepted',
    caughtBy: ['create_user/body/invalid-rejected-400', 'create_user/body/field-types-400'],
  },
  // Relations between answers (metamorphic).
  {
    id: 'sort-drops-nulls',
    description: 'Sorting leaves out users whose sort value is null',
    caughtBy: ['get_users/sort/permutation'],
  },
  {
    id: 'unstable-ties',
    description: 'Users with equal sort keys come in a different order on every request',
    caughtBy: ['get_users/paging/ties-partition'],
  },
  {
    id: 'offset-ignored',
    description: 'A filterBy timestamp is read as UTC whatever its offset',
    caughtBy: ['get_users/filter/equivalent-instants'],
  },
  {
    id: 'string-lte-exclusive',
    description: '<= on strings behaves as <',
    caughtBy: ['get_users/filter/string-range'],
  },
  {
    id: 'search-drops-filters',
    description: 'With a search, only the first filterBy term applies',
    caughtBy: ['get_users/filter/narrowing'],
  },
  {
    id: 'list-skips-last',
    description: 'Paging the whole dataset never reaches its last user',
    caughtBy: ['count_users/agreement/whole-dataset'],
  },
  {
    id: 'accept-wildcard-500',
    description: 'A request without Accept, or with Accept: */*, is answered 500',
    caughtBy: ['common/robustness/request-forms'],
  },
  {
    id: 'token-in-query-accepted',
    description: 'A bearer token in the query parameter access_token authenticates, with no Authorization header',
    caughtBy: ['common/auth/token-only-in-authorization'],
  },
  {
    id: 'token-in-cookie-accepted',
    description: 'A bearer token in a cookie access_token authenticates, with no Authorization header',
    caughtBy: ['common/auth/token-only-in-authorization'],
  },
  {
    id: 'refresh-token-as-bearer',
    description: 'A refresh token is accepted as a bearer token',
    caughtBy: ['common/authz/refresh-token-not-bearer'],
  },
  {
    id: 'deleted-user-token-valid',
    description: "A user's access token still authenticates after the user is deleted",
    caughtBy: ['common/authz/deleted-user-token-401'],
  },
  {
    id: 'user-token-resets-others',
    description: "A user's own token may reset another user's password",
    caughtBy: ['common/authz/user-token-not-admin'],
  },
  {
    id: 'search-drops-last-char',
    description: 'A search of two or more characters matches on all but its last character',
    caughtBy: ['get_users/search/sound'],
  },
  {
    id: 'search-edge-space-500',
    description: 'A search that starts or ends with whitespace is answered 500',
    caughtBy: ['common/robustness/no-server-error', 'common/robustness/edge-corpus'],
  },
  {
    id: 'email-local-part-any-letter',
    description: 'An email whose local part holds a non-ASCII letter or a symbol the pattern leaves out is accepted',
    caughtBy: ['create_user/body/email-characters'],
  },
  // Inputs at and just past their bounds, and an edge corpus.
  {
    id: 'limit-max-rejected',
    description: 'limit equal to its documented maximum is refused',
    caughtBy: ['get_users/input/boundary-accepted'],
  },
  {
    id: 'email-max-length-rejected',
    description: 'An email of exactly maxLength characters is refused',
    caughtBy: ['create_user/input/boundary-accepted'],
  },
  {
    id: 'enum-case-insensitive',
    description: 'sortBy and sortOrder are accepted in any letter case and with stray whitespace',
    caughtBy: ['get_users/input/near-miss-400'],
  },
  {
    id: 'filter-field-case-insensitive',
    description: 'filterBy field names are accepted in any letter case',
    caughtBy: ['get_users/input/near-miss-400', 'count_users/input/near-miss-400'],
  },
  {
    id: 'control-chars-500',
    description: 'A search with a control character crashes with 500',
    caughtBy: ['common/robustness/no-server-error'],
  },
  {
    id: 'timestamps-local-time',
    description: 'Timestamps are local wall time (UTC+5) labelled as UTC',
    caughtBy: ['get_user_by_id/success/timestamps-current'],
  },
  // Several users, several sessions: one user's actions never touch another's.
  {
    id: 'deleted-user-refresh-grants',
    description: "A deleted user's refresh token still gives an access token",
    caughtBy: ['common/authz/deleted-user-refresh-refused'],
  },
  {
    id: 'deleted-user-refresh-500',
    description: "A deleted user's refresh token is answered 500",
    caughtBy: ['common/authz/deleted-user-refresh-refused'],
  },
  {
    id: 'logout-keeps-refresh',
    description: "Logout leaves the user's refresh tokens valid",
    caughtBy: ['logout_user/session/refresh-revoked'],
  },
  {
    id: 'logout-revokes-all',
    description: 'Logging out one user ends the sessions of every user',
    caughtBy: ['common/isolation/other-users-untouched'],
  },
  {
    id: 'reset-touches-neighbour',
    description: 'A password reset also resets the passwords of users with a similar name',
    caughtBy: ['common/isolation/other-users-untouched'],
  },
  {
    id: 'change-password-keeps-old',
    description: 'After a password change the old password still logs in',
    caughtBy: ['change_user_password/login/old-password-rejected'],
  },
  {
    id: 'deleted-email-blocked',
    description: 'The email of a deleted user cannot be used again (409)',
    caughtBy: ['create_user/success/email-reusable-after-delete'],
  },
  // Broken reads and deletes: the run must still leave no user of its own behind.
  {
    id: 'list-wrapped',
    description: 'The list answers an object wrapping the users instead of an array',
    caughtBy: ['get_users/response/schema'],
  },
  {
    id: 'get-answers-500',
    description: 'GET /users/{id} answers 500 for every user',
    caughtBy: ['common/robustness/no-server-error', 'get_user_by_id/success/existing-200'],
  },
  {
    id: 'delete-fails-first',
    description: 'The first DELETE of each user answers 500 and deletes nothing',
    caughtBy: ['common/robustness/no-server-error', 'delete_user_by_id/success/deleted-204'],
  },
  {
    id: 'overlapping-deletes-lie',
    description: 'A DELETE that overlaps another answers 204 and deletes nothing',
    caughtBy: ['delete_user_by_id/concurrency/single-winner', 'delete_user_by_id/success/deleted-204'],
  },
  {
    id: 'overlapping-resets-both-work',
    description: 'Two overlapping resets of one user both leave a working temporary password',
    caughtBy: ['common/concurrency/linearizable-pairs'],
  },
  {
    id: 'filter-operators-of-other-lists',
    description: 'filterBy also takes the operators !=, !@, =^ and =$ of other Run:ai lists (and ignores them)',
    caughtBy: ['get_users/params/filter-by-pattern-400', 'count_users/params/filter-by-pattern-400'],
  },
  {
    id: 'last-login-number-on-get',
    description: 'GET by id writes the login time of a user who logged in as epoch milliseconds',
    caughtBy: ['get_user_by_id/response/schema'],
  },
  {
    id: 'reset-rewrites-created-at',
    description: "A password reset rewrites the user's createdAt",
    caughtBy: ['common/state/fields-as-predicted'],
  },
  {
    id: 'list-stale-updated-at',
    description: "The list shows each user's updatedAt as it was when the user was created",
    caughtBy: ['get_users/state/list-matches-get'],
  },
  // Caught only by SHOULDs: the run goes on, its MUSTs are still judged, and it exits 0.
  {
    id: 'duplicate-case-allowed',
    description: 'An email differing only in letter case creates a second user',
    caughtBy: ['create_user/conflict/duplicate-email-case-409'],
  },
  {
    id: 'error-code-mismatch',
    description: 'Every 4xx Error body says code 400',
    caughtBy: ['common/error/code-matches-status'],
  },
] as const satisfies readonly Fault[];

export type FaultId = (typeof faults)[number]['id'];

export const faultIds = new Set<string>(faults.map((f) => f.id));

export function parseFaults(value: string | undefined): Set<FaultId> {
  const ids = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) if (!faultIds.has(id)) throw new Error(`unknown fault "${id}"`);
  return new Set(ids as FaultId[]);
}

/**
 * The published catalogues a users API is judged by, item by item, each traced to the
 * requirements that check it and the reference faults that prove those checks can fail, or
 * said not to apply, with why. `*` in a requirement stands for every operation that has it.
 * docs/TRACEABILITY.md is generated from this list, and a self-test holds every id in it to
 * the catalogue and the fault list.
 */

export type Status = 'checked' | 'partly' | 'not-applicable';

export interface ExternalItem {
  /** The item's own id in its catalogue. */
  id: string;
  title: string;
  status: Status;
  requirements: string[];
  faults: string[];
  /** For partly: what is left; for not-applicable: why. */
  note?: string;
}

export interface ExternalCatalogue {
  name: string;
  /** Where the items were read. */
  source: string;
  items: ExternalItem[];
}

const item = (
  id: string,
  title: string,
  status: Status,
  requirements: string[],
  faults: string[] = [],
  note?: string,
): ExternalItem => ({ id, title, status, requirements, faults, ...(note ? { note } : {}) });

const na = (id: string, title: string, note: string) => item(id, title, 'not-applicable', [], [], note);

const AUTH_401 = ['*/auth/missing-token-401', '*/auth/invalid-token-401', 'common/http/401-www-authenticate'];
const NEAR_MISSES = [
  'common/auth/near-miss-token-401',
  'common/auth/near-miss-password-refused',
  'common/auth/near-miss-client-secret-refused',
  'common/auth/near-miss-refresh-token-refused',
  'common/auth/refresh-token-grants',
];

const owasp: ExternalCatalogue = {
  name: 'OWASP API Security Top 10 (2023)',
  source: 'OWASP/API-Security, editions/2023/en',
  items: [
    item(
      'API1:2023',
      'Broken Object Level Authorization',
      'checked',
      [
        'common/authz/user-token-not-admin',
        'common/isolation/other-users-untouched',
        '*/not-found/unknown-id-404',
        'change_user_password/body/caller-only',
      ],
      [
        'user-token-resets-others',
        'reset-touches-neighbour',
        'logout-revokes-all',
        'get-after-delete-200',
        'me-password-takes-user-id',
      ],
    ),
    item(
      'API2:2023',
      'Broken Authentication',
      'checked',
      [
        'common/auth/login-no-enumeration',
        ...AUTH_401,
        ...NEAR_MISSES,
        'common/authz/refresh-token-not-bearer',
        'common/authz/deleted-user-token-401',
        'common/authz/deleted-user-refresh-refused',
        'common/auth/token-only-in-authorization',
        'change_user_password/body/wrong-current-rejected',
        'reset_user_password/login/old-password-rejected',
        'logout_user/session/refresh-revoked',
      ],
      [
        'auth-not-enforced-on-list',
        'bad-token-accepted-on-count',
        'expired-token-accepted',
        'bearer-case-insensitive',
        'bearer-compared-by-prefix',
        'password-case-insensitive',
        'password-72-bytes',
        'client-secret-case-insensitive',
        'refresh-token-as-bearer',
        'deleted-user-token-valid',
        'deleted-user-refresh-grants',
        'deleted-user-refresh-500',
        'token-in-query-accepted',
        'token-in-cookie-accepted',
        'change-password-ignores-current',
        'old-password-still-valid',
        '401-without-challenge',
        'jwt-signature-unchecked',
        'login-enumerates-users',
        'lookup-before-auth',
      ],
      'Lockout after failed logins is not probed: it would lock accounts on a shared target, and the contract ' +
        'is silent. JWT forgeries (alg none, payload changed under the signature) are sent where tokens are JWTs ' +
        '(variant jwt-tokens, fault jwt-signature-unchecked).',
    ),
    item(
      'API3:2023',
      'Broken Object Property Level Authorization',
      'checked',
      [
        'common/security/no-secret-leak',
        'create_user/body/server-fields-not-honoured',
        '*/response/schema',
        'common/input/valid-forms-accepted',
      ],
      [
        'list-leaks-temp-password',
        'error-echoes-authorization',
        'mass-assignment',
        'extra-property-refused',
        'user-objects-carry-password-hash',
      ],
    ),
    item(
      'API4:2023',
      'Unrestricted Resource Consumption',
      'checked',
      [
        'get_users/params/limit-bounds-400',
        'get_users/paging/default-limit',
        'common/robustness/off-the-map-4xx',
        'common/robustness/edge-corpus',
      ],
      ['limit-bounds-not-enforced', 'default-limit-20', 'deep-json-500', 'large-body-500'],
      'What the contract bounds is held: page sizes, default paging, nested and large bodies. A rate limit of ' +
        "its own is the deployment's, not the contract's: the suite honours one (429, with or without " +
        'Retry-After) but does not require it.',
    ),
    item(
      'API5:2023',
      'Broken Function Level Authorization',
      'checked',
      [
        '*/auth/viewer-403',
        '*/auth/missing-token-401',
        'common/authz/user-token-not-admin',
        'common/authz/user-token-read-status',
        'common/authz/application-has-no-account',
        'common/authz/viewer-reads-allowed',
        'common/robustness/off-the-map-4xx',
        'common/http/unsupported-method-405',
        'common/http/safe-methods-change-nothing',
        'common/state/refused-changes-nothing',
      ],
      [
        'viewer-can-delete',
        'viewer-can-create',
        'viewer-write-401',
        'auth-not-enforced-on-reset',
        'undocumented-method-500',
        'method-override-honoured',
        'forbidden-create-persists',
        'unsupported-method-deletes',
        'head-skips-auth',
      ],
    ),
    na(
      'API6:2023',
      'Unrestricted Access to Sensitive Business Flows',
      'The Users API has no business flow (a purchase, a booking, a post) whose automation harms a business: ' +
        "managing users is an administrator's function, held by API5.",
    ),
    na('API7:2023', 'Server Side Request Forgery', 'No input of the contract is a URL or a host the server fetches.'),
    item(
      'API8:2023',
      'Security Misconfiguration',
      'checked',
      [
        'common/robustness/no-server-error',
        'common/security/no-stack-trace',
        'common/http/unsupported-method-405',
        'common/http/405-allow',
        '*/response/json-content-type',
        'common/robustness/request-forms',
        'common/http/no-shared-caching',
        'common/http/nosniff',
        'common/http/hsts',
        'common/http/cors-strict',
      ],
      [
        'stack-trace-in-errors',
        'error-body-html',
        'method-not-allowed-without-allow',
        'accept-wildcard-500',
        'answers-shared-cacheable',
        'answers-without-nosniff',
        'cors-reflects-origin',
      ],
      'The contract is silent on caching, security headers and CORS, so each is a warning: an answer offered to ' +
        'shared caches, one without nosniff, one over TLS without a lasting HSTS (unit-tested: the reference is ' +
        'scored over http), and an Origin echoed back or null allowed. Which origins a deployment allows is its own.',
    ),
    item(
      'API9:2023',
      'Improper Inventory Management',
      'checked',
      ['common/robustness/off-the-map-4xx', 'common/http/unsupported-method-405'],
      ['undocumented-method-500', 'unsupported-method-400'],
      "Inventory (versions, environments, retirement) is the operator's; what a client sees of it, methods and " +
        'path spellings no operation documents, is held to 4xx and 405.',
    ),
    na(
      'API10:2023',
      'Unsafe Consumption of APIs',
      'The API consumes no third-party API a client can reach through it (single sign-on is configured by the ' +
        'operator, outside the contract).',
    ),
  ],
};

const asvs: ExternalCatalogue = {
  name: 'OWASP ASVS 4.0.3 (the items a client of a users API can observe)',
  source: 'OWASP/ASVS, 4.0/en',
  items: [
    na('2.1.1', 'Passwords of at least 12 characters', 'The contract sets 8 to 255: the suite holds the target to it.'),
    item(
      '2.1.2',
      'Passwords of 64 characters and more are allowed',
      'checked',
      ['change_user_password/input/boundary-accepted', 'change_user_password/login/new-password-as-sent'],
      ['long-password-refused', 'password-truncated-at-128'],
      'A new password at each bound of the schema (8 and 255) is accepted, and logs in as sent.',
    ),
    item(
      '2.1.3',
      'No password truncation',
      'checked',
      ['common/auth/near-miss-password-refused', 'change_user_password/login/new-password-as-sent'],
      ['password-72-bytes', 'password-truncated-at-128'],
    ),
    item(
      '2.1.4',
      'Any printable Unicode character, spaces and emoji in a password',
      'checked',
      ['change_user_password/login/new-password-as-sent'],
      ['password-non-ascii-mangled'],
      'Refusing a form is left to the deployment (the contract names no policy); one accepted must log in as sent.',
    ),
    item(
      '2.1.6',
      'A password change needs the current and the new password',
      'checked',
      ['change_user_password/body/required-fields-400', 'change_user_password/body/wrong-current-rejected'],
      ['change-password-ignores-current'],
    ),
    na('2.2.1', 'Anti-automation of logins', 'Probing lockout would lock accounts on a shared target.'),
    item(
      '2.3.1',
      'An initial password is random and expires',
      'checked',
      ['reset_user_password/success/new-temp-password', 'reset_user_password/login/old-password-rejected'],
      ['reset-keeps-password', 'old-password-still-valid'],
      'A reset hands out a new password and the old one stops working. Whether a temporary password must be ' +
        "changed before it lasts is the identity backend's: not in the contract, not checked.",
    ),
    item(
      '2.5.3',
      'A password is never revealed',
      'checked',
      ['common/security/no-secret-leak'],
      ['list-leaks-temp-password'],
    ),
    item(
      '3.1.1',
      'No session token in a URL',
      'checked',
      ['common/security/no-secret-leak', 'common/auth/token-only-in-authorization'],
      ['error-echoes-authorization', 'token-in-query-accepted'],
    ),
    item(
      '3.3.1',
      'Logout invalidates the session',
      'checked',
      ['logout_user/session/tokens-revoked', 'logout_user/session/refresh-revoked'],
      ['logout-keeps-sessions', 'logout-keeps-refresh'],
    ),
    item(
      '3.5.3',
      'Stateless tokens are signed and checked',
      'checked',
      ['common/auth/near-miss-token-401', '*/auth/invalid-token-401'],
      ['expired-token-accepted', 'bearer-compared-by-prefix', 'jwt-signature-unchecked'],
      'Forged JWTs (alg none, the algorithm swapped, the payload changed under the signature, the signature ' +
        'dropped) are sent where the tokens are JWTs: the jwt-tokens variant passes, jwt-signature-unchecked fails.',
    ),
    item(
      '4.1.1',
      'Access control is enforced on the server',
      'checked',
      ['*/auth/viewer-403', 'common/authz/user-token-not-admin'],
      ['viewer-can-delete', 'viewer-can-create', 'user-token-resets-others'],
    ),
    item(
      '4.2.1',
      'Insecure direct object references',
      'checked',
      ['common/authz/user-token-not-admin', 'common/isolation/other-users-untouched'],
      ['user-token-resets-others', 'reset-touches-neighbour'],
    ),
    item(
      '5.1.1',
      'HTTP parameter pollution',
      'checked',
      ['get_users/filter/terms-anded', 'common/input/repeated-parameter'],
      ['terms-ored', 'repeated-limit-last-applied'],
      'Every scalar query parameter sent twice (two valid values, a valid one and a near miss, both orders): which ' +
        'one counts is open, so a 400 or the answer to one valid value alone passes; anything else is a warning.',
    ),
    item('5.1.2', 'Mass assignment', 'checked', ['create_user/body/server-fields-not-honoured'], ['mass-assignment']),
    item(
      '5.1.3',
      'Input validated against an allow list',
      'checked',
      ['*/input/near-miss-400', 'create_user/body/email-pattern-400', 'create_user/body/email-characters'],
      ['email-pattern-not-enforced', 'email-local-part-any-letter', 'enum-case-insensitive'],
    ),
    item(
      '5.3.4',
      'Injection into a query the server builds',
      'checked',
      ['get_users/filter/metacharacters-literal', 'common/robustness/edge-corpus', 'common/robustness/no-server-error'],
      ['like-wildcards', 'control-chars-500'],
      'By a boolean oracle: a filter or search term with the metacharacters of SQL, LIKE, regular expressions and ' +
        'NoSQL matches exactly what the literal text matches, and never a 5xx. No timing oracle (a sleep only an ' +
        'injected query would run): on a remote target latency would make it cry wolf.',
    ),
    na('5.5.2', 'XML external entities', 'No operation takes XML.'),
    item(
      '7.4.1',
      'A generic error message',
      'checked',
      ['common/security/no-stack-trace', 'common/error/body-is-object', '*/response/json-content-type'],
      ['stack-trace-in-errors', 'error-body-html'],
    ),
    item(
      '8.2.1',
      'Anti-caching headers on sensitive answers',
      'checked',
      ['common/http/no-shared-caching', 'common/http/secret-answer-no-store'],
      ['answers-shared-cacheable', 'temp-password-cacheable'],
      'Warnings, since the contract is silent on Cache-Control: an answer offered to shared caches (public, ' +
        's-maxage), and an answer handing out a temporary password without no-store.',
    ),
    na(
      '13.1.5',
      'Wrong content types refused with 406 or 415',
      "The real API's clients send application/json on body-less requests too; the contract does not say what a " +
        'body labelled otherwise gets, so the suite does not pin it.',
    ),
    item(
      '13.2.1',
      'Methods valid for the role',
      'checked',
      ['*/auth/viewer-403', 'common/http/unsupported-method-405'],
      ['viewer-can-delete', 'unsupported-method-400'],
    ),
    item(
      '13.2.2',
      'JSON schema validation of input',
      'checked',
      ['*/body/malformed-json-400', '*/input/near-miss-400', 'create_user/body/invalid-rejected-400'],
      ['create-body-types-unchecked'],
    ),
    item('14.4.1', 'A content type on every answer', 'checked', ['*/response/json-content-type'], ['error-body-html']),
    item(
      '14.4.4',
      'X-Content-Type-Options: nosniff on every answer',
      'checked',
      ['common/http/nosniff'],
      ['answers-without-nosniff'],
    ),
    item(
      '14.4.5',
      'Strict-Transport-Security on every answer',
      'checked',
      ['common/http/hsts'],
      [],
      'Judged on a target reached over https only; no reference fault, since faults are scored over http: the ' +
        'check is unit-tested (test/unit/response-conformance.test.ts) and the TLS reference sends HSTS.',
    ),
    item(
      '14.5.3',
      'CORS allows a strict list of origins, never null',
      'checked',
      ['common/http/cors-strict'],
      ['cors-reflects-origin'],
    ),
    item(
      '14.5.1',
      'Only the methods in use',
      'checked',
      ['common/http/unsupported-method-405', 'common/http/405-allow'],
      ['unsupported-method-400', 'allow-lists-one-method'],
    ),
  ],
};

const rfc: ExternalCatalogue = {
  name: 'RFC 9110 and RFC 9112 (and RFC 9111): what an origin server must do that a client can see',
  source: 'httpwg/http-core (RFC 9110, RFC 9111, RFC 9112); docs/notes/rfc9110.md',
  items: [
    item(
      'RFC 9110 15.5.2',
      '401 carries WWW-Authenticate',
      'checked',
      ['common/http/401-www-authenticate'],
      ['401-without-challenge'],
    ),
    item(
      'RFC 9110 6.6.1',
      'Date on every 2xx, 3xx and 4xx answer',
      'checked',
      ['common/http/date-header'],
      ['answers-without-date'],
    ),
    item(
      'RFC 9110 15.5.6',
      '405 carries Allow with the methods the resource takes',
      'checked',
      ['common/http/405-allow'],
      ['method-not-allowed-without-allow', 'allow-lists-one-method'],
    ),
    item(
      'RFC 9110 9.1',
      'A method the resource does not take is a 405 (SHOULD)',
      'checked',
      ['common/http/unsupported-method-405'],
      ['unsupported-method-400'],
    ),
    item(
      'RFC 9110 15.3.5',
      'A 204 has no content',
      'checked',
      ['delete_user_by_id/response/no-content-body', 'common/http/message-framing'],
      ['delete-204-with-length'],
      'A 204 with bytes after its header fields, or a Content-Length above 0 (RFC 9110 8.6), fails. ' +
        'Content-Length: 0 on a 204, which 8.6 also forbids but which says no body follows, is left alone.',
    ),
    item(
      'RFC 9112 6.1-6.3',
      'Message framing (Content-Length, Transfer-Encoding)',
      'checked',
      ['common/http/message-framing'],
      ['chunk-size-not-hex', 'length-with-chunked'],
      'An answer that begins as HTTP and breaks its syntax (a body not as long as its Content-Length, a chunk ' +
        'size that is no number, Content-Length beside Transfer-Encoding, a malformed header field) is a failed ' +
        'MUST, never retried away, and blocks what needed its body. Bytes that do not begin as HTTP at all, and a ' +
        'connection closed or reset, are a target that does not answer (exit 2): a gateway may close connections.',
    ),
    item(
      'RFC 9110 8.4',
      'Content codings the client accepted',
      'checked',
      ['*/response/schema'],
      [],
      'gzip, deflate and br answers are decoded, never a deviation (variant gzip-gateway).',
    ),
    item(
      'RFC 9110 12.5.1',
      'Accept: media ranges, q-values',
      'checked',
      ['common/robustness/request-forms'],
      ['accept-wildcard-500'],
      'No Accept, */* and q-values must get the plain answer. A range with another parameter ' +
        '(application/json; charset=utf-8) is not sent: 12.5.1 lets a range with parameters match only ' +
        'representations that carry them, and application/json defines none (RFC 8259 11), so a 406 is a reading ' +
        'the RFC allows.',
    ),
    na(
      'RFC 9110 9.3.2',
      'A HEAD answer has no content',
      'The HTTP client reads no content of a HEAD answer, so none can be seen; HEAD requests are held to a ' +
        'status below 500.',
    ),
    item(
      'RFC 9110 11.1, 8.3.1',
      'An auth-scheme and a media type in any letter case',
      'checked',
      ['common/robustness/request-forms'],
      ['bearer-scheme-case-sensitive', 'media-type-case-sensitive'],
      "Sent as 'bearer', 'BEARER' and 'Application/JSON', each answered as the suite's own spelling.",
    ),
    item(
      'RFC 9111 3.5',
      'Answers to authenticated requests kept from shared caches (SHOULD)',
      'checked',
      ['common/http/no-shared-caching'],
      ['answers-shared-cacheable'],
      'Caching (RFC 9111) is read beside RFC 9110: public or s-maxage on a 2xx is a warning, as the contract ' +
        'is silent on Cache-Control.',
    ),
    na(
      'RFC 9110 15.3.2',
      'A 201 SHOULD carry Location',
      "The contract documents the new user's id in the body of its 201, and no Location.",
    ),
  ],
};

const schemathesis: ExternalCatalogue = {
  name: 'Schemathesis 4.25 checks',
  source: 'schemathesis/schemathesis, src/schemathesis/checks.py and specs/openapi/checks.py',
  items: [
    item(
      'not_a_server_error',
      'No 5xx',
      'checked',
      ['common/robustness/no-server-error'],
      ['bad-date-500', 'odd-id-500'],
    ),
    item(
      'status_code_conformance',
      'A documented status',
      'checked',
      ['*/response/status-documented'],
      ['get-user-answers-202'],
    ),
    item(
      'content_type_conformance',
      'A documented content type',
      'checked',
      ['*/response/json-content-type'],
      ['error-body-html'],
    ),
    na('response_headers_conformance', 'Documented response headers', 'The contract documents no response header.'),
    item(
      'response_schema_conformance',
      'Bodies match their schema',
      'checked',
      ['*/response/schema'],
      ['user-missing-created-by'],
    ),
    item(
      'negative_data_rejection',
      'Invalid input refused',
      'checked',
      [
        '*/input/near-miss-400',
        '*/body/malformed-json-400',
        'get_users/params/filter-by-pattern-400',
        'get_users/params/limit-bounds-400',
        'create_user/body/email-pattern-400',
      ],
      ['limit-bounds-not-enforced', 'email-pattern-not-enforced'],
    ),
    item(
      'positive_data_acceptance',
      'Valid input accepted',
      'checked',
      ['common/input/valid-forms-accepted', '*/input/boundary-accepted'],
      ['deprecated-filter-refused', 'date-fraction-refused', 'limit-max-rejected'],
    ),
    item(
      'missing_required_header',
      'A missing Authorization is a 401',
      'checked',
      ['*/auth/missing-token-401'],
      ['auth-not-enforced-on-list'],
    ),
    item(
      'unsupported_method',
      'An undefined method is a 405 with Allow',
      'checked',
      ['common/http/unsupported-method-405', 'common/http/405-allow'],
      ['unsupported-method-400', 'method-not-allowed-without-allow'],
    ),
    item(
      'allow_header_conformance',
      'Allow lists the documented methods',
      'checked',
      ['common/http/405-allow'],
      ['allow-lists-one-method'],
    ),
    item(
      'use_after_free',
      'A deleted resource is gone',
      'checked',
      ['*/not-found/unknown-id-404', 'get_users/lifecycle/deleted-unlisted'],
      ['get-after-delete-200', 'stale-list-cache'],
    ),
    item(
      'ensure_resource_availability',
      'A created resource is there',
      'checked',
      [
        'get_user_by_id/success/matches-created-200',
        'get_users/lifecycle/created-listed',
        'create_user/state/email-read-back',
      ],
      ['stale-list-cache', 'username-plus-tag-dropped'],
    ),
    item('ignored_auth', 'Authentication is not ignored', 'checked', AUTH_401, [
      'auth-not-enforced-on-list',
      'bad-token-accepted-on-count',
    ]),
    na(
      'max_response_time',
      'A bound on response time',
      'Time is no part of the contract: a hung target is inconclusive (exit 2), never a failure.',
    ),
  ],
};

const restler: ExternalCatalogue = {
  name: 'RESTler checkers',
  source: 'microsoft/restler-fuzzer, restler/checkers',
  items: [
    item(
      'UseAfterFree',
      'A deleted resource cannot be used',
      'checked',
      ['*/not-found/unknown-id-404', 'common/authz/deleted-user-token-401'],
      ['get-after-delete-200', 'deleted-user-token-valid'],
    ),
    item(
      'NameSpaceRule',
      "Another user's credentials reach no resource of yours",
      'checked',
      ['common/authz/user-token-not-admin', '*/auth/viewer-403'],
      ['user-token-resets-others'],
    ),
    na(
      'ResourceHierarchy',
      'A child id under another parent',
      "No resource of the contract is nested under another resource's id.",
    ),
    item(
      'LeakageRule',
      'A failed create leaves nothing',
      'checked',
      ['create_user/body/refused-creates-nothing', 'common/state/refused-changes-nothing'],
      ['refused-create-persists', 'forbidden-create-persists'],
    ),
    item(
      'InvalidDynamicObject',
      'Invalid resource ids',
      'checked',
      ['common/robustness/odd-ids-4xx', 'common/robustness/edge-corpus'],
      ['odd-id-500'],
    ),
    item(
      'PayloadBody',
      'Mutated bodies',
      'checked',
      ['*/body/malformed-json-400', 'create_user/body/invalid-rejected-400', 'common/robustness/off-the-map-4xx'],
      ['create-body-types-unchecked', 'deep-json-500'],
    ),
    na(
      'Examples',
      "The spec's examples",
      'The bundled documents carry no example or examples keyword (test/unit/spec-bundle.test.ts holds it): the ' +
        'phase has nothing to send. The valid forms (common/input/valid-forms-accepted) span what examples would show.',
    ),
    item(
      'InvalidValue',
      'Invalid values, one parameter at a time',
      'checked',
      ['*/input/near-miss-400', 'common/robustness/edge-corpus', 'common/robustness/no-server-error'],
      ['control-chars-500', 'search-edge-space-500'],
    ),
  ],
};

const evomaster: ExternalCatalogue = {
  name: 'EvoMaster fault categories (REST)',
  source: 'WebFuzzing/EvoMaster and WebFuzzing/Commons (DefinedFaultCategory, ExperimentalFaultCategory)',
  items: [
    item('100 HTTP_STATUS_500', 'A 500', 'checked', ['common/robustness/no-server-error'], ['get-answers-500']),
    item(
      '101 SCHEMA_INVALID_RESPONSE',
      'A body off its schema',
      'checked',
      ['*/response/schema'],
      ['timestamps-without-offset'],
    ),
    item(
      '102 SCHEMA_VALIDATION_BYPASS',
      'Invalid input accepted',
      'checked',
      ['*/input/near-miss-400', 'create_user/body/email-pattern-400'],
      ['email-pattern-not-enforced'],
    ),
    item(
      '103 DELETE_NOT_WORKING',
      'A delete that deletes nothing',
      'checked',
      ['delete_user_by_id/success/deleted-204'],
      ['overlapping-deletes-lie'],
    ),
    item(
      '104 FAILED_CREATION_SIDE_EFFECTS',
      'A failed create has effects',
      'checked',
      ['create_user/body/refused-creates-nothing', 'common/state/refused-changes-nothing'],
      ['refused-create-persists', 'forbidden-create-persists', 'unsupported-method-deletes'],
    ),
    item(
      '200 SQL_INJECTION',
      'Injection',
      'checked',
      ['get_users/filter/metacharacters-literal', 'common/robustness/edge-corpus', 'common/robustness/no-server-error'],
      ['like-wildcards', 'control-chars-500'],
      'By a boolean oracle (a term with metacharacters matches what its literal text matches); no timing oracle.',
    ),
    na(
      '201 XSS',
      'A script echoed',
      'Answers are JSON under a JSON content type (checked on every exchange); nothing renders them.',
    ),
    na('202 SSRF', 'A call out to a given URL', 'No input is a URL.'),
    item(
      '203 MASS_ASSIGNMENT',
      'Protected fields written',
      'checked',
      ['create_user/body/server-fields-not-honoured'],
      ['mass-assignment'],
    ),
    na(
      '204 SECURITY_EXISTENCE_LEAKAGE',
      '403 for existing, 404 for unknown',
      'The contract documents both 403 (no rights) and 404 (no such user); which a server checks first is open.',
    ),
    item(
      '205 SECURITY_NOT_RECOGNIZED_AUTHENTICATED',
      '401 for a valid token',
      'checked',
      ['*/auth/viewer-403'],
      ['viewer-write-401'],
    ),
    item(
      '206 SECURITY_WRONG_AUTHORIZATION',
      'A forbidden operation allowed',
      'checked',
      ['*/auth/viewer-403'],
      ['viewer-can-delete', 'viewer-can-create'],
    ),
    item(
      '207 SECURITY_IGNORE_ANONYMOUS',
      'No credential, still served',
      'checked',
      ['*/auth/missing-token-401'],
      ['auth-not-enforced-on-list'],
    ),
    item(
      '208 SECURITY_ANONYMOUS_MODIFICATIONS',
      'A write without credentials',
      'checked',
      ['*/auth/missing-token-401'],
      ['auth-not-enforced-on-reset'],
    ),
    item(
      '209 SECURITY_LEAKED_STACK_TRACES',
      'A stack trace in an answer',
      'checked',
      ['common/security/no-stack-trace'],
      ['stack-trace-in-errors'],
    ),
    item(
      '210 SECURITY_HIDDEN_ACCESSIBLE_ENDPOINT',
      'An undocumented endpoint served',
      'checked',
      ['common/http/unsupported-method-405'],
      ['unsupported-method-400'],
      'A 2xx to a method off the map is a warning, not a failure: a server may offer more than the contract.',
    ),
    item(
      '900 HTTP_NONWORKING_DELETE',
      'Still there after DELETE',
      'checked',
      ['delete_user_by_id/success/deleted-204', '*/not-found/unknown-id-404'],
      ['get-after-delete-200'],
    ),
    item(
      '901 HTTP_SIDE_EFFECTS_FAILED_MODIFICATION',
      'A refused write changed something',
      'checked',
      ['*/auth/viewer-403', 'common/authz/user-token-not-admin'],
      ['viewer-can-delete'],
    ),
    na(
      '902-906 PUT and PATCH semantics',
      'Repeated, partial and merge writes',
      'The contract has no PUT and no PATCH.',
    ),
    na('907 HTTP_INVALID_LOCATION', 'A Location that leads nowhere', 'The contract documents no Location header.'),
    item(
      '908 HTTP_INVALID_ALLOW',
      'Allow off the documented methods',
      'checked',
      ['common/http/405-allow'],
      ['allow-lists-one-method'],
    ),
    na('909 HTTP_TIMEOUT', 'A call timed out', 'A hung target is inconclusive by design (exit 2), never a failure.'),
    item(
      '950-965 HTTP_STATUS_*',
      'A status HTTP says is wrong',
      'checked',
      [
        '*/response/status-documented',
        'delete_user_by_id/response/no-content-body',
        'common/http/401-www-authenticate',
        'common/http/405-allow',
      ],
      ['create-answers-200', '401-without-challenge', 'method-not-allowed-without-allow'],
    ),
  ],
};

export const externalCatalogues: ExternalCatalogue[] = [owasp, asvs, rfc, schemathesis, restler, evomaster];

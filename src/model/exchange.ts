/** The record of one request/response pair, and the findings the client drew from it. */
import type { Finding } from './finding.ts';

export interface RecordedRequest {
  method: string;
  url: string;
  /** Redacted. */
  headers: Record<string, string>;
  /** Redacted text of the body, when there is one. */
  body?: string;
}

export interface RecordedResponse {
  status: number;
  /** Redacted. */
  headers: Record<string, string>;
  contentType: string;
  /** Redacted text of the body (capped). */
  text: string;
  bytes: number;
}

export interface Exchange<T = unknown> {
  id: string;
  operationId: string;
  caseId?: string;
  request: RecordedRequest;
  response: RecordedResponse;
  /** Parsed JSON body (not redacted: only for assertions, never recorded). */
  body: T;
  timing: { startedAt: string; ms: number };
  attempts: number;
  findings: Finding[];
  curl: string;
  /** The variable holding the token the request was sent with (RUNAI_TOKEN, RUNAI_VIEWER_TOKEN), if any. */
  credential?: string;
  /** False for an answer that is not the API's (a size limit, infrastructure past every retry). */
  judged: boolean;
  /** Set when a gateway or server refused the request for its size (413/414/431): not judged. */
  refusedBySizeLimit?: string;
  /** The users the request names: the id in its path, the emails a create asks for. */
  subject?: RequestSubject;
}

export interface RequestSubject {
  userId?: string;
  emails?: string[];
}

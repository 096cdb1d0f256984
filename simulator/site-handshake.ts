import { createHash, timingSafeEqual } from 'node:crypto';
import { describeIssues } from '../shared/protocol/errors.js';
import { HandshakeAuth } from '../shared/protocol/messages.js';
import type { Refusal } from '../shared/protocol/messages.js';
import {
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  parseProtocolVersion,
  protocolMismatch,
} from '../shared/protocol/version.js';

/** Refusal reasons are bounded by the schema; a long zod message must not break the refusal. */
export function clip(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Compares digests so the time taken says nothing about how much of the token matched. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Why the site refuses a dashboard's handshake `auth`, or null to let it in. The protocol is
 * checked before the token: a dashboard of another major may not even send tokens the same way.
 */
export function refusalFor(auth: unknown, token: string): Refusal | null {
  const parsed = HandshakeAuth.safeParse(auth);
  if (!parsed.success) {
    return { code: 'bad-handshake', reason: clip(`auth: ${describeIssues(parsed.error)}`) };
  }
  const version = parsed.data.protocolVersion;
  const mismatch = protocolMismatch(version);
  if (mismatch !== null) {
    // protocolMismatch words it from the dashboard's side ("site speaks…"); say it from ours.
    const reason = parseProtocolVersion(version)
      ? `dashboard speaks protocol ${version}; this site speaks ${PROTOCOL_VERSION} (major ${PROTOCOL_MAJOR} only)`
      : mismatch;
    return { code: 'unsupported-protocol', reason: clip(reason) };
  }
  if (!sameSecret(parsed.data.token, token)) {
    return { code: 'bad-token', reason: 'the site rejected the token' };
  }
  return null;
}

/** The Error socket.io middleware fails with; its `data` reaches the client's connect_error. */
export function refusalError(refusal: Refusal): Error {
  const error = new Error('unauthorized') as Error & { data: Refusal };
  error.data = refusal;
  return error;
}

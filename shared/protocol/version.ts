/**
 * The site protocol version this build speaks. Sites of another major version are refused; a
 * site of an older minor version is served with what it knows (1.0: no ack expiry, no un-ack;
 * 1.1: no device tags).
 */
export const PROTOCOL_VERSION = '1.2';
export const PROTOCOL_MAJOR = 1;

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

/** Parses "MAJOR.MINOR"; returns null for anything else so callers can refuse with a reason. */
export function parseProtocolVersion(text: string): ProtocolVersion | null {
  const match = /^(\d{1,4})\.(\d{1,4})$/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/** Why a peer speaking `text` cannot be served, or null when it can. */
export function protocolMismatch(text: string): string | null {
  const version = parseProtocolVersion(text);
  if (!version) return `protocol version "${text}" is not of the form MAJOR.MINOR`;
  if (version.major !== PROTOCOL_MAJOR) {
    return `site speaks protocol ${text}; this dashboard speaks ${PROTOCOL_VERSION} (major ${PROTOCOL_MAJOR} only)`;
  }
  return null;
}

/** True when a peer speaking `text` knows what minor version `minor` of our major added. */
export function speaksAtLeast(text: string, minor: number): boolean {
  const version = parseProtocolVersion(text);
  return version !== null && version.major === PROTOCOL_MAJOR && version.minor >= minor;
}

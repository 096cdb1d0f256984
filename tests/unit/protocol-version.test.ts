import { describe, expect, it } from 'vitest';
import { parseProtocolVersion, protocolMismatch } from '../../shared/protocol/version.js';

describe('protocol version', () => {
  it('parses MAJOR.MINOR', () => {
    expect(parseProtocolVersion('1.7')).toEqual({ major: 1, minor: 7 });
    expect(parseProtocolVersion('1')).toBeNull();
    expect(parseProtocolVersion('v1.0')).toBeNull();
  });

  it('accepts any minor of major 1 and refuses other majors with a reason', () => {
    expect(protocolMismatch('1.9')).toBeNull();
    expect(protocolMismatch('2.0')).toMatch(/site speaks protocol 2\.0.*major 1 only/);
    expect(protocolMismatch('banana')).toMatch(/not of the form MAJOR\.MINOR/);
  });
});

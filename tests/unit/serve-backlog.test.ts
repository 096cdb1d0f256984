import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { MAX_DELTAS_WHILE_BUSY, backlogGuard } from '../../electron/serve/bridge-socket.js';

describe('the serve bridge backlog guard', () => {
  it('gives up on a viewer only after many deltas in a row found its transport busy', () => {
    const transport = { writable: false };
    const socket = { conn: { transport } } as unknown as Pick<Socket, 'conn'>;
    const isBacklogged = backlogGuard(socket);
    for (let i = 0; i < MAX_DELTAS_WHILE_BUSY; i++) expect(isBacklogged()).toBe(false);
    transport.writable = true;
    expect(isBacklogged()).toBe(false); // it caught up: the count starts again
    transport.writable = false;
    for (let i = 0; i < MAX_DELTAS_WHILE_BUSY; i++) expect(isBacklogged()).toBe(false);
    expect(isBacklogged()).toBe(true);
  });
});

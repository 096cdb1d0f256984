export * from './alert.js';
export * from './device.js';
export * from './errors.js';
export * from './events.js';
export * from './messages.js';
export * from './primitives.js';
export * from './version.js';

// A Worker-style server without a crypto import: the fix uses the global Web Crypto object.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import * as uuid from 'uuid';

export const transport = new StreamableHTTPServerTransport({
  // ruleid: no-insecure-randomness
  sessionIdGenerator: () => Math.random().toString(36).slice(2, 12),
});

export function newState(): string {
  // ruleid: no-insecure-randomness
  return uuid.v1();
}

export function generateNonce(): string {
  // ruleid: no-insecure-randomness
  return (Math.random() * 1e16).toString(36);
}

// ok: no-insecure-randomness
export const authorizationUrl = 'https://auth.example.com/authorize';
// ok: no-insecure-randomness
export const loadingState = Math.random() > 0.5 ? 'idle' : 'busy';
// ok: no-insecure-randomness
export const csrfToken = uuid.v4();

export const spacedTransport = new StreamableHTTPServerTransport({
  // ruleid: no-insecure-randomness
  sessionIdGenerator: () => `session ${globalThis.crypto.randomUUID()}`,
});

export const visibleTransport = new StreamableHTTPServerTransport({
  // ok: no-insecure-randomness
  sessionIdGenerator: () => `session-${globalThis.crypto.randomUUID()}`,
});

export function createCsrfToken(): string {
  const out: string[] = [];
  // ruleid: no-insecure-randomness
  for (let i = 0; i < 32; i++) out.push('abcdef0123456789'[Math.floor(Math.random() * 16)]);
  return out.join('');
}

export function generateId(): string {
  // ok: no-insecure-randomness
  return Math.random().toString(36).slice(2);
}

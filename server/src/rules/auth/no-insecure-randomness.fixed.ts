import { randomBytes, randomUUID } from 'node:crypto';
import crypto from 'node:crypto';
import { v1 as uuidv1, v4 as uuidv4 } from 'uuid';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
let sessionCounter = 0;
let n = 0;

const weakTransport = new StreamableHTTPServerTransport({
  // ruleid: no-insecure-randomness
  sessionIdGenerator: () => randomUUID(),
});

const countingTransport = new StreamableHTTPServerTransport({
  // ruleid: no-insecure-randomness
  sessionIdGenerator: () => String(++n),
});

const clockTransport = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => {
    const prefix = 'mcp';
    // ruleid: no-insecure-randomness
    return `${prefix}-${Date.now()}`;
  },
});

const uuidTransport = new StreamableHTTPServerTransport({
  // ruleid: no-insecure-randomness
  sessionIdGenerator: () => randomUUID(),
});

const counterNameTransport = new StreamableHTTPServerTransport({
  // ruleid: no-insecure-randomness
  sessionIdGenerator: () => `session-${sessionCounter}`,
});

// ok: no-insecure-randomness
const secureTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
// ok: no-insecure-randomness
const secureBytesTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomBytes(32).toString('base64url') });
// ok: no-insecure-randomness
const statelessTransport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });

app.get('/authorize', (req, res) => {
  // ruleid: no-insecure-randomness
  const state = randomUUID();
  // ruleid: no-insecure-randomness
  const codeVerifier = Math.random().toString(36) + Math.random().toString(36);
  const url = new URL('https://auth.example.com/authorize');
  // ruleid: no-insecure-randomness
  url.searchParams.set('nonce', String(Date.now()));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', codeVerifier);
  res.redirect(url.toString());
});

function generateApiKey(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let key = '';
  for (let i = 0; i < length; i++) {
    // ruleid: no-insecure-randomness
    key += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  }
  return key;
}

function createSessionToken(userId: string): string {
  // ruleid: no-insecure-randomness
  return crypto.createHash('sha256').update(`${userId}:${new Date().getTime()}`).digest('hex');
}

const consent = {
  clientId: 'abc',
  // ruleid: no-insecure-randomness
  consentId: crypto.pseudoRandomBytes(16).toString('hex'),
};

class OAuthProxy {
  // ruleid: no-insecure-randomness
  private csrfToken = Date.now().toString(36);

  issue(res: express.Response): void {
    // ruleid: no-insecure-randomness
    res.setHeader('Mcp-Session-Id', `s${sessionCounter++}`);
  }
}

// Near misses: timestamps and randomness that are not secrets.
// ok: no-insecure-randomness
const expiresAt = Date.now() + 10 * 60 * 1000;
const session = {
  // ok: no-insecure-randomness
  id: randomUUID(),
  // ok: no-insecure-randomness
  createdAt: Date.now(),
  // ok: no-insecure-randomness
  expiresAt: Date.now() + 3_600_000,
};
// ok: no-insecure-randomness
const jitterMs = Math.floor(Math.random() * 250);
// ok: no-insecure-randomness
const shuffled = ['a', 'b', 'c'].sort(() => Math.random() - 0.5);
// ok: no-insecure-randomness
const sampled = Math.random() < 0.1;
// ok: no-insecure-randomness
const requestId = Math.random().toString(36).slice(2);
// ok: no-insecure-randomness
const oauthState = randomBytes(32).toString('base64url');
// ok: no-insecure-randomness
const nonce = `${Date.now()}-${randomUUID()}`;
// ok: no-insecure-randomness
const verifier = uuidv4();
// ok: no-insecure-randomness
const progressToken = Date.now();
// ok: no-insecure-randomness
const nextPageToken = String(n++);
// ok: no-insecure-randomness
const resumptionToken = String(lastEventId++);
// ok: no-insecure-randomness
const hasToken = Math.random() > 2;
// ok: no-insecure-randomness
const tokenCount = sessionCounter++;

function generateToken(user: { id: string }): string {
  // ok: no-insecure-randomness
  return jwtSign({ sub: user.id, iat: Math.floor(Date.now() / 1000) });
}

async function createApiKey(): Promise<string> {
  // ok: no-insecure-randomness
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
  return randomBytes(32).toString('hex');
}

async function refreshToken(): Promise<void> {
  // ok: no-insecure-randomness
  const delay = 1000 * Math.random();
  await new Promise((resolve) => setTimeout(resolve, delay));
}

function jwtSign(payload: object): string {
  return JSON.stringify(payload);
}

export {
  weakTransport, countingTransport, clockTransport, uuidTransport, counterNameTransport, secureTransport, secureBytesTransport, statelessTransport,
  generateApiKey, createSessionToken, consent, OAuthProxy, expiresAt, session, jitterMs, shuffled, sampled, requestId, oauthState, nonce, verifier,
  progressToken, nextPageToken, resumptionToken, hasToken, tokenCount, generateToken, createApiKey, refreshToken,
};

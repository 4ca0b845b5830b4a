import { randomBytes } from 'node:crypto';
import express from 'express';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';

const app = express();
const clientId = 'mcp-web-client';
const redirectUri = 'https://client.example.com/oauth/callback';
const FIXED_STATE = 'mcp-login';
const pending = new Map<string, { verifier: string; createdAt: number }>();

export function withoutState(endpoint: string, challenge: string): string {
  const params = new URLSearchParams({
    // ruleid: require-oauth-state
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint}?${params}`;
}

export function templateWithoutState(endpoint: string, challenge: string): string {
  // ruleid: require-oauth-state
  return `${endpoint}?response_type=code&client_id=${clientId}&code_challenge=${challenge}&code_challenge_method=S256`;
}

export function constantState(endpoint: string, challenge: string): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    // ruleid: require-oauth-state
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint}?${params}`;
}

export function constantInQuery(endpoint: string, challenge: string): string {
  // ruleid: require-oauth-state
  return `${endpoint}?response_type=code&client_id=${clientId}&state=static&code_challenge=${challenge}&code_challenge_method=S256`;
}

export function namedConstant(endpoint: string, challenge: string): URL {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  // ruleid: require-oauth-state
  url.searchParams.set('state', FIXED_STATE);
  url.searchParams.set('code_challenge', challenge);
  return url;
}

app.get('/oauth/callback', async (req, res) => {
  // ruleid: require-oauth-state
  const { code, state } = req.query as Record<string, string>;
  const tokens = await fetch('https://auth.example.com/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: clientId, code_verifier: 'from-session' }),
  });
  res.json(await tokens.json());
});

app.get('/oauth/callback2', async (req, res) => {
  const code = String(req.query.code);
  // ruleid: require-oauth-state
  const returnedState = req.query.state;
  const token = await exchange(code);
  res.json({ ok: Boolean(token) });
});

export function goodRequest(endpoint: string, challenge: string): string {
  const state = randomBytes(32).toString('base64url');
  pending.set(state, { verifier: 'v', createdAt: Date.now() });
  const params = new URLSearchParams({
    // ok: require-oauth-state
    response_type: 'code',
    client_id: clientId,
    // ok: require-oauth-state
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${endpoint}?${params}`;
}

export function goodTemplate(endpoint: string, challenge: string, state: string): string {
  // ok: require-oauth-state
  return `${endpoint}?response_type=code&client_id=${clientId}&state=${state}&code_challenge=${challenge}&code_challenge_method=S256`;
}

app.get('/oauth/good-callback', async (req, res) => {
  // ok: require-oauth-state
  const { code, state } = req.query as Record<string, string>;
  const entry = pending.get(state);
  if (!entry || Date.now() - entry.createdAt > 600_000) return res.status(400).send('invalid state');
  pending.delete(state);
  const token = await exchange(code);
  res.json({ ok: Boolean(token) });
});

// A token request carries no state.
// ok: require-oauth-state
const refreshBody = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r', client_id: clientId });

// UI state, not OAuth.
// ok: require-oauth-state
const ui = { state: 'idle', retries: 0 };

// A US state filter in an unrelated route.
app.get('/stores', (req, res) => {
  // ok: require-oauth-state
  const state = req.query.state;
  res.json({ stores: [], state });
});

// Authorization server side: echoes state back.
app.get('/authorize', (req, res) => {
  // ok: require-oauth-state
  const { client_id, redirect_uri, state, code_challenge } = req.query as Record<string, string>;
  res.redirect(`${redirect_uri}?code=${issueCode(client_id, code_challenge)}&state=${encodeURIComponent(state)}`);
});

declare function exchange(code: string): Promise<string | undefined>;
declare function issueCode(clientId: string, challenge: string): string;
export const client = new Client({ name: 'web', version: '1.0.0' });
export { refreshBody, ui };

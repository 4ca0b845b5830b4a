import { createHash, randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamable-http.js';

const clientId = process.env.MCP_CLIENT_ID ?? 'mcp-cli';
const redirectUri = 'http://127.0.0.1:8976/callback';

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function s256(verifier: string): string {
  return base64url(createHash('sha256').update(verifier).digest());
}

// Hand-built authorization URL without any PKCE parameter.
export function authorizationUrlWithoutPkce(authorizationEndpoint: string, state: string): string {
  const params = new URLSearchParams({
    // ruleid: require-pkce-s256
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    resource: 'https://mcp.example.com',
  });
  return `${authorizationEndpoint}?${params}`;
}

// The same request as a query-string template.
export function templateWithoutPkce(endpoint: string, state: string): string {
  // ruleid: require-pkce-s256
  return `${endpoint}?response_type=code&client_id=${encodeURIComponent(clientId)}&state=${state}`;
}

// URLSearchParams built with set() calls.
export function setCallsWithoutPkce(endpoint: string, state: string): URL {
  const url = new URL(endpoint);
  // ruleid: require-pkce-s256
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('state', state);
  return url;
}

// PKCE with the plain method: the challenge is the verifier.
export function plainChallenge(endpoint: string, state: string): string {
  const verifier = base64url(randomBytes(32));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    state,
    code_challenge: verifier,
    // ruleid: require-pkce-s256
    code_challenge_method: 'plain',
  });
  return `${endpoint}?${params.toString()}`;
}

// The challenge is SHA-256 but labelled plain.
export function mislabelledChallenge(endpoint: string, state: string, verifier: string): string {
  const challenge = s256(verifier);
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    state,
    code_challenge: challenge,
    // ruleid: require-pkce-s256
    code_challenge_method: 'S256',
  });
  return `${endpoint}?${params}`;
}

// A challenge without a method: the server assumes plain.
export function methodOmitted(endpoint: string, state: string, verifier: string): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    state,
    // ruleid: require-pkce-s256
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return `${endpoint}?${params}`;
}

// Token request without code_verifier.
export async function exchangeWithoutVerifier(tokenEndpoint: string, code: string): Promise<unknown> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      // ruleid: require-pkce-s256
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
    }),
  });
  return response.json();
}

// Proceeding when the server does not advertise PKCE support.
export function supportedMethods(metadata: { code_challenge_methods_supported?: string[] }): string[] {
  // ruleid: require-pkce-s256
  return metadata.code_challenge_methods_supported ?? ['S256'];
}

// ok: require-pkce-s256
export function goodAuthorizationUrl(endpoint: string, state: string, verifier: string): string {
  const params = new URLSearchParams({
    // ok: require-pkce-s256
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: s256(verifier),
    // ok: require-pkce-s256
    code_challenge_method: 'S256',
    resource: 'https://mcp.example.com',
  });
  return `${endpoint}?${params}`;
}

export function goodSetCalls(endpoint: string, state: string, challenge: string): URL {
  const url = new URL(endpoint);
  // ok: require-pkce-s256
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url;
}

export function goodTemplate(endpoint: string, state: string, challenge: string): string {
  // ok: require-pkce-s256
  return `${endpoint}?response_type=code&client_id=${clientId}&state=${state}&code_challenge=${challenge}&code_challenge_method=S256`;
}

export async function goodExchange(tokenEndpoint: string, code: string, verifier: string): Promise<unknown> {
  const body = new URLSearchParams({
    // ok: require-pkce-s256
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
    client_id: clientId,
  });
  return (await fetch(tokenEndpoint, { method: 'POST', body })).json();
}

// A refresh needs no verifier.
export async function refresh(tokenEndpoint: string, refreshToken: string): Promise<unknown> {
  // ok: require-pkce-s256
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId });
  return (await fetch(tokenEndpoint, { method: 'POST', body })).json();
}

// Parameters completed elsewhere: the base object is spread into the real request.
export function baseParameters(): Record<string, string> {
  // ok: require-pkce-s256
  return { response_type: 'code', client_id: clientId };
}

export function extended(endpoint: string, challenge: string): string {
  // ok: require-pkce-s256
  const params = new URLSearchParams({ ...baseParameters(), code_challenge: challenge, code_challenge_method: 'S256' });
  return `${endpoint}?${params}`;
}

// Parameters added after construction.
export function addedLater(endpoint: string, challenge: string): string {
  // ok: require-pkce-s256
  const params = new URLSearchParams({ response_type: 'code', client_id: clientId });
  params.set('code_challenge', challenge);
  params.set('code_challenge_method', 'S256');
  return `${endpoint}?${params}`;
}

// Client credentials has no authorization code to protect.
// ok: require-pkce-s256
const machineToken = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId });

// Refusing when metadata lacks the field.
export function requireS256(metadata: { code_challenge_methods_supported?: string[] }): void {
  // ok: require-pkce-s256
  if (!metadata.code_challenge_methods_supported?.includes('S256')) throw new Error('authorization server does not support PKCE S256');
}

// Prose about the parameters.
// ok: require-pkce-s256
const help = 'Set code_challenge_method to S256; plain is not allowed.';

export const client = new Client({ name: 'cli', version: '1.0.0' });
export const transport = new StreamableHTTPClientTransport(new URL('https://mcp.example.com/mcp'));
export { machineToken, help };

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamable-http.js';

const MCP_SERVER = 'https://mcp.example.com';
const clientId = 'mcp-desktop';
const redirectUri = 'http://127.0.0.1:8976/callback';

export function authorizationUrl(endpoint: string, state: string, challenge: string): string {
  const params = new URLSearchParams({
    // ruleid: require-resource-indicator
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: '<canonical MCP server URL>',
  });
  return `${endpoint}?${params}`;
}

export async function exchange(tokenEndpoint: string, code: string, verifier: string): Promise<unknown> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    // ruleid: require-resource-indicator
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: redirectUri, resource: '<canonical MCP server URL>' }),
  });
  return response.json();
}

export async function refresh(tokenEndpoint: string, refreshToken: string): Promise<unknown> {
  const body = new URLSearchParams();
  // ruleid: require-resource-indicator
  body.set('grant_type', 'refresh_token');
  body.set('refresh_token', refreshToken);
  body.set('client_id', clientId);
  return (await fetch(tokenEndpoint, { method: 'POST', body })).json();
}

export function templateUrl(endpoint: string, state: string, challenge: string): string {
  // ruleid: require-resource-indicator
  return `${endpoint}?response_type=code&client_id=${clientId}&state=${state}&code_challenge=${challenge}&code_challenge_method=S256`;
}

export function goodAuthorizationUrl(endpoint: string, state: string, challenge: string): string {
  const params = new URLSearchParams({
    // ok: require-resource-indicator
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: MCP_SERVER,
  });
  return `${endpoint}?${params}`;
}

export async function goodExchange(tokenEndpoint: string, code: string, verifier: string): Promise<unknown> {
  const body = new URLSearchParams({
    // ok: require-resource-indicator
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: clientId,
  });
  body.set('resource', MCP_SERVER);
  return (await fetch(tokenEndpoint, { method: 'POST', body })).json();
}

export function goodTemplate(endpoint: string, state: string, challenge: string): string {
  // ok: require-resource-indicator
  return `${endpoint}?response_type=code&client_id=${clientId}&state=${state}&code_challenge=${challenge}&code_challenge_method=S256&resource=${encodeURIComponent(MCP_SERVER)}`;
}

// Client credentials is not one of the requests the spec names.
// ok: require-resource-indicator
const machine = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId });

// Shared defaults, completed by the caller.
export function tokenDefaults(): Record<string, string> {
  // ok: require-resource-indicator
  return { grant_type: 'refresh_token', client_id: clientId };
}

export async function extendedRefresh(tokenEndpoint: string, refreshToken: string): Promise<unknown> {
  // ok: require-resource-indicator
  const body = new URLSearchParams({ ...tokenDefaults(), refresh_token: refreshToken, resource: MCP_SERVER });
  return (await fetch(tokenEndpoint, { method: 'POST', body })).json();
}

export const client = new Client({ name: 'desktop', version: '1.0.0' });
export const transport = new StreamableHTTPClientTransport(new URL(`${MCP_SERVER}/mcp`));
export { machine };

/** The MCP SDK's pattern: the params go on to a helper together with the resource, which adds it. */
export async function refreshWithResource(tokenUrl: string, refreshToken: string, resource: URL) {
  // ok: require-resource-indicator
  const params = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  return executeTokenRequest(tokenUrl, { params, resource });
}

/** A comment's apostrophe is not a string quote: the resource handed on after it still counts. */
export async function refreshWithComment(tokenUrl: string, refreshToken: string) {
  // ok: require-resource-indicator
  const params = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  return executeTokenRequest(tokenUrl, { params /* the helper's job */, resource: MCP_SERVER, note: 'see the spec' });
}

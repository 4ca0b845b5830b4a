// Deliberately insecure MCP client sign-in for the MCP Warden demo: a hand-rolled OAuth
// authorization-code flow against the server's authorization server.
import { exec } from 'node:child_process';
import { createServer } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';

const AUTHORIZATION_ENDPOINT = 'https://auth.example.com/authorize';
const TOKEN_ENDPOINT = 'https://auth.example.com/token';
const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

export async function signIn(clientId: string, authorizationUrlFromServer: string): Promise<string> {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    scope: 'notes:read',
  });
  // The server tells the client where to sign in; the URL goes to a shell unchecked.
  exec(`open "${authorizationUrlFromServer}?${params}"`);
  const code = await new Promise<string>((resolve) => {
    const listener = createServer((req, res) => {
      const query = new URL(req.url ?? '/', REDIRECT_URI).searchParams;
      res.end('You can close this window.');
      listener.close();
      resolve(query.get('code') ?? '');
    }).listen(8765, '127.0.0.1');
  });
  const response = await fetch(TOKEN_ENDPOINT, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId }),
    signal: AbortSignal.timeout(10_000),
  });
  return String(((await response.json()) as { access_token?: string }).access_token);
}

export const client = new Client({ name: 'notes-client', version: '1.0.0' });
void AUTHORIZATION_ENDPOINT;

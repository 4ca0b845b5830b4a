import { randomUUID } from 'node:crypto';
import express, { type Response } from 'express';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { OAuthServerProvider, AuthorizationParams } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';

const clients = new Map<string, OAuthClientInformationFull>();

const clientsStore: OAuthRegisteredClientsStore = {
  async getClient(clientId: string) {
    return clients.get(clientId);
  },
  // Any MCP client can register itself, with any redirect_uri.
  async registerClient(client) {
    const registered = { ...client, client_id: randomUUID(), client_id_issued_at: Math.floor(Date.now() / 1000) };
    clients.set(registered.client_id, registered);
    return registered;
  },
};

export class GitHubProxyProvider implements Partial<OAuthServerProvider> {
  readonly clientsStore = clientsStore;

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    const pending = { clientId: client.client_id, redirectUri: params.redirectUri, state: params.state };
    const upstream = new URL('https://github.com/login/oauth/authorize');
    upstream.search = new URLSearchParams({
      // ruleid: require-dcr-consent
      client_id: process.env.GITHUB_CLIENT_ID!,
      redirect_uri: 'https://mcp.example.com/github/callback',
      state: JSON.stringify(pending),
    }).toString();
    res.redirect(upstream.toString());
  }

  async exchangeUpstreamCode(code: string): Promise<string> {
    const response = await fetch('https://github.com/login/oauth/access_token', {
      method: 'POST',
      body: new URLSearchParams({
        // One finding per file: the authorize redirect above is where consent belongs.
        // ok: require-dcr-consent
        client_id: process.env.GITHUB_CLIENT_ID!,
        client_secret: process.env.GITHUB_CLIENT_SECRET!,
        code,
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  describe(client: OAuthClientInformationFull) {
    // The registered client's own id is not a static upstream id.
    // ok: require-dcr-consent
    return { client_id: client.client_id, redirect_uris: client.redirect_uris };
  }
}

const app = express();
app.use(mcpAuthRouter({ provider: new GitHubProxyProvider() as unknown as OAuthServerProvider, issuerUrl: new URL('https://mcp.example.com') }));
app.listen(3000);

import express, { type Response } from 'express';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { OAuthServerProvider, AuthorizationParams } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';

// Pre-registered clients only: without a register hook there is no /register endpoint.
const knownClients: Record<string, OAuthClientInformationFull> = {};

export class GitHubProxyProvider implements Partial<OAuthServerProvider> {
  readonly clientsStore = { getClient: async (id: string) => knownClients[id] };

  async authorize(_client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    // ok: require-dcr-consent
    res.redirect(`https://github.com/login/oauth/authorize?client_id=${process.env.GITHUB_CLIENT_ID}&state=${params.state}`);
  }
}

const app = express();
app.use(mcpAuthRouter({ provider: new GitHubProxyProvider() as unknown as OAuthServerProvider, issuerUrl: new URL('https://mcp.example.com') }));

import express, { type Response } from 'express';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { OAuthServerProvider, AuthorizationParams } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';
import { clientsStore } from './clients-store.js';
import { hasApproved, renderApprovalPage } from './approvals.js';

// The proxy asks the user about each registered client before it redirects upstream.
export class GitHubProxyProvider implements Partial<OAuthServerProvider> {
  readonly clientsStore = { getClient: clientsStore.getClient, registerClient: clientsStore.registerClient };

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    if (!(await hasApproved(res.locals.userId, client.client_id))) {
      res.send(renderApprovalPage(client, params));
      return;
    }
    const upstream = new URL('https://github.com/login/oauth/authorize');
    // ok: require-dcr-consent
    upstream.searchParams.set('client_id', process.env.GITHUB_CLIENT_ID!);
    res.redirect(upstream.toString());
  }
}

const app = express();
app.use(mcpAuthRouter({ provider: new GitHubProxyProvider() as unknown as OAuthServerProvider, issuerUrl: new URL('https://mcp.example.com') }));

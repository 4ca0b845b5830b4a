import express from 'express';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { ProxyOAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/providers/proxyProvider.js';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';

const registered = new Map<string, OAuthClientInformationFull>();
const upstream = { clientId: process.env.OKTA_CLIENT_ID ?? '' };

class RegisteringProxy extends ProxyOAuthServerProvider {
  override get clientsStore() {
    return {
      getClient: async (clientId: string) => {
        const known = registered.get(clientId);
        // Every registered client is forwarded upstream as the proxy's one Okta client.
        // ruleid: require-dcr-consent
        return known && { ...known, client_id: upstream.clientId };
      },
      registerClient: async (client: OAuthClientInformationFull) => {
        registered.set(client.client_id, client);
        return client;
      },
    };
  }
}

const provider = new RegisteringProxy({
  endpoints: { authorizationUrl: 'https://example.okta.com/oauth2/v1/authorize', tokenUrl: 'https://example.okta.com/oauth2/v1/token' },
  verifyAccessToken: async (token) => ({ token, clientId: 'mcp', scopes: [] }),
  getClient: async () => undefined,
});

const app = express();
// ok: require-dcr-consent
app.use(mcpAuthRouter({ provider, issuerUrl: new URL('https://mcp.example.com') }));

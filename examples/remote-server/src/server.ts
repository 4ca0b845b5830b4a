// Deliberately insecure remote (Streamable HTTP) MCP server for the MCP Warden demo: an OAuth
// proxy in front of an upstream identity provider, with the classic authorization mistakes.
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express from 'express';
import { decodeJwt } from 'jose';
import jwt from 'jsonwebtoken';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { ProxyOAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/providers/proxyProvider.js';
import { z } from 'zod';

const UPSTREAM_CLIENT_ID = process.env.UPSTREAM_CLIENT_ID ?? 'mcp-proxy';
const registeredClients = new Map<string, { client_id: string; redirect_uris: string[] }>();

const provider = new ProxyOAuthServerProvider({
  endpoints: { authorizationUrl: 'https://idp.example.com/authorize', tokenUrl: 'https://idp.example.com/token' },
  verifyAccessToken: async (token) => {
    // The signature is checked, but not whom the token was issued for.
    const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY!) as jwt.JwtPayload;
    return { token, clientId: String(claims.azp), scopes: String(claims.scope).split(' ') };
  },
  getClient: async (clientId) => registeredClients.get(clientId),
});

const app = express();
app.use(express.json());
app.use(cors());
app.use(mcpAuthRouter({
  provider,
  issuerUrl: new URL('https://mcp.example.com'),
  clientRegistrationOptions: { clientsStore: { registerClient: async (client) => client, getClient: async () => undefined } },
}));

app.get('/oauth/callback', (req, res) => {
  const redirectUri = String(req.query.redirect_uri);
  const client = registeredClients.get(String(req.query.client_id));
  if (!client || !redirectUri.startsWith(client.redirect_uris[0]!)) {
    res.status(400).send('unknown redirect');
    return;
  }
  const upstream = new URL('https://idp.example.com/authorize');
  upstream.searchParams.set('client_id', UPSTREAM_CLIENT_ID);
  res.cookie('mcp_session', Math.random().toString(36).slice(2));
  res.redirect(upstream.toString());
});

/** Whose notes a request may read: taken from the bearer token's claims. */
function currentUser(req: express.Request): string {
  const token = String(req.headers.authorization).replace(/^Bearer /, '');
  const claims = decodeJwt(token);
  return String(claims.sub);
}

app.get('/notes', (req, res) => {
  res.json({ owner: currentUser(req), notes: [] });
});

const transports: Record<string, StreamableHTTPServerTransport> = {};

app.post('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (sessionId && transports[sessionId]) {
    await transports[sessionId].handleRequest(req, res, req.body);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => Date.now().toString(36),
    onsessioninitialized: (id) => {
      transports[id] = transport;
    },
  });
  const server = new McpServer({ name: 'remote-notes', version: '1.0.0' });
  server.registerTool(
    'sync_notes',
    { description: 'Sync notes to the notes API.', inputSchema: { folder: z.string().max(200) } },
    async ({ folder }, extra) => {
      // The token the client sent to this server goes straight on to another API.
      const response = await fetch(`https://notes.example.com/api/folders/${encodeURIComponent(folder)}/sync`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${extra.authInfo?.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      return { content: [{ type: 'text', text: await response.text() }] };
    },
  );
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, '127.0.0.1');
void randomUUID;

import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { verifier } from './auth.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });
const app = express();
const bearer = requireBearerAuth({ verifier, requiredScopes: ['tickets:read'], resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource' });
// ok: require-http-auth
app.post('/mcp', bearer, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// ok: require-http-auth
app.listen(8080, '0.0.0.0');

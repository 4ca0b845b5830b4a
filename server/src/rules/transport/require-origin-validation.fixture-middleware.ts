import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'files', version: '1.0.0' });
const app = express();
const ALLOWED_ORIGINS = new Set(['http://localhost:5173']);

// A hand-written Origin check answers 403 for every route.
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin !== undefined && !ALLOWED_ORIGINS.has(origin)) {
    res.status(403).json({ error: 'forbidden origin' });
    return;
  }
  next();
});

app.post('/mcp', async (req, res) => {
  // ok: require-origin-validation
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, '127.0.0.1');

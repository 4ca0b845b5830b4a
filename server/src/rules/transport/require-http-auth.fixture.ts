import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });
const app = express();
app.use(express.json());
const PORT = Number(process.env.PORT ?? 3000);

// ruleid: require-http-auth
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// ok: require-http-auth
app.get('/mcp', (_req, res) => res.status(405).end());

// ok: require-http-auth
app.get('/health', (_req, res) => res.json({ ok: true }));

// ok: require-http-auth
app.listen(PORT, () => console.error(`MCP server on ${PORT}`));

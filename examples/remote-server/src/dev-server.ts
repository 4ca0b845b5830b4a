// Deliberately insecure development entry point for the MCP Warden demo: the same MCP endpoint,
// without the OAuth router, reachable from the whole network.
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
app.use(express.json());

app.post('/mcp', async (req, res) => {
  const server = new McpServer({ name: 'remote-notes-dev', version: '1.0.0' });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3001'] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3001, '0.0.0.0');

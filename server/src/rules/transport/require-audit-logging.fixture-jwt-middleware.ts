import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'crm', version: '2.0.0' });
server.tool('find_customer', 'Find a customer by email', async () => ({ content: [{ type: 'text', text: 'found' }] }));

const app = express();
app.use(express.json());
// ruleid: require-audit-logging
app.use(auth({ audience: 'https://crm.example.com/mcp', issuerBaseURL: 'https://auth.example.com/' }));
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// ok: require-audit-logging
app.listen(3000, () => console.log('CRM MCP server on :3000'));

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';

const server = new McpServer({ name: 'files', version: '1.0.0' });
// ruleid: require-origin-validation
const app = createMcpExpressApp({ host: '0.0.0.0' });
// ok: require-origin-validation
const local = createMcpExpressApp();
// ok: require-origin-validation
const named = createMcpExpressApp({ host: 'localhost' });
// ok: require-origin-validation
const guarded = createMcpExpressApp({ host: '0.0.0.0', allowedHosts: ['mcp.internal.example.com'] });

app.post('/mcp', async (req, res) => {
  // ok: require-origin-validation
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, '0.0.0.0');
export { local, named, guarded };

import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const server = new McpServer({ name: 'weather', version: '1.0.0' });
const app = express();
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  // ok: no-stdout-in-stdio-server
  console.log('request', req.body.method);
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
const upstream = new StdioClientTransport({ command: 'node', args: ['upstream.js'] });
// ok: no-stdout-in-stdio-server
app.listen(3000, () => console.log('listening on 3000'));
// ok: no-stdout-in-stdio-server
process.stdout.write('started\n');

import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';

const server = new McpServer({ name: 'notes', version: '1.0.0' });
const PORT = Number(process.env.PORT ?? 3000);
const BIND_ADDRESS = '127.0.0.1';
const LOCAL = '127.0.0.1';

// ruleid: no-bind-all-interfaces
const app = createMcpExpressApp({ host: '127.0.0.1' });

app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// ruleid: no-bind-all-interfaces
app.listen(PORT, '127.0.0.1', () => console.error(`listening on ${PORT}`));

// ruleid: no-bind-all-interfaces
app.listen(PORT, BIND_ADDRESS);

const http = createServer(app);
// ruleid: no-bind-all-interfaces
http.listen({ port: PORT, host: '127.0.0.1' });

// ok: no-bind-all-interfaces
app.listen(PORT, '127.0.0.1');

// ok: no-bind-all-interfaces
app.listen(PORT, 'localhost', () => console.error('local only'));

// ok: no-bind-all-interfaces
http.listen({ port: PORT, host: '::1' });

// ok: no-bind-all-interfaces
app.listen(PORT, LOCAL);

// ok: no-bind-all-interfaces
app.listen(PORT, process.env.HOST ?? '0.0.0.0');

// ok: no-bind-all-interfaces
const guarded = createMcpExpressApp({ host: '0.0.0.0', allowedHosts: ['mcp.example.com'] });

// ok: no-bind-all-interfaces
const local = createMcpExpressApp();

// ok: no-bind-all-interfaces
const message = 'bind to 0.0.0.0 only inside containers';

// ok: no-bind-all-interfaces
http.listen('/tmp/mcp.sock');

export { guarded, local, message };

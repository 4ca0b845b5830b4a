import express from 'express';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

const server = new McpServer({ name: 'files', version: '1.0.0' });
const app = express();
app.use(express.json());
const PORT = Number(process.env.PORT ?? 3000);
const sseTransports: Record<string, SSEServerTransport> = {};

app.post('/mcp', async (req, res) => {
  // ruleid: require-origin-validation
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-stateless', async (req, res) => {
  // ruleid: require-origin-validation
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-legacy', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    // ruleid: require-origin-validation
    enableDnsRebindingProtection: false,
    allowedHosts: ['127.0.0.1:3000'],
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse', async (_req, res) => {
  // ruleid: require-origin-validation
  const transport = new SSEServerTransport('/messages', res);
  sseTransports[transport.sessionId] = transport;
  await server.connect(transport);
});

app.post('/mcp-protected', async (req, res) => {
  // ok: require-origin-validation
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableDnsRebindingProtection: true,
    allowedHosts: ['127.0.0.1:3000', 'localhost:3000'],
    allowedOrigins: ['http://localhost:3000'],
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get('/sse-protected', async (_req, res) => {
  // ok: require-origin-validation
  const transport = new SSEServerTransport('/messages', res, { enableDnsRebindingProtection: true, allowedOrigins: ['http://localhost:3000'] });
  await server.connect(transport);
});

const securityOptions = { enableDnsRebindingProtection: true, allowedHosts: ['127.0.0.1:3000'] };
app.post('/mcp-shared', async (req, res) => {
  // ok: require-origin-validation
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, ...securityOptions });
  // ok: require-origin-validation
  const other = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: process.env.NODE_ENV !== 'test', allowedHosts: ['127.0.0.1:3000'] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
  void other;
});

class StreamableHttpTransportStub {
  constructor(readonly options: object) {}
}
// ok: require-origin-validation
const stub = new StreamableHttpTransportStub({ sessionIdGenerator: undefined });

app.listen(PORT, '127.0.0.1');
export { stub };

import express from 'express';
import morgan from 'morgan';
import passport from 'passport';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'files', version: '1.0.0' });
const app = express();
// Access log of every request, including rejected ones.
app.use(morgan(':remote-addr :method :url :status :response-time ms'));
// ok: require-audit-logging
app.use(passport.authenticate('bearer', { session: false }));
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);

import express from 'express';
import passport from 'passport';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'files', version: '1.0.0' });
const app = express();
app.use(express.json());
app.post(
  '/mcp',
  // ruleid: require-audit-logging
  passport.authenticate('bearer', { session: false }),
  async (req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  },
);
const port = Number(process.env.PORT ?? 3000);
// ok: require-audit-logging
app.listen(port, () => console.error(`listening on ${port}`));

import express, { type NextFunction, type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { verifyAccessToken } from './tokens.js';

const server = new McpServer({ name: 'notes', version: '1.0.0' });

// The auth middleware records every rejected request (without the token).
async function checkJwt(req: Request, res: Response, next: NextFunction) {
  try {
    res.locals.auth = await verifyAccessToken(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    next();
  } catch (error) {
    // ok: require-audit-logging
    console.warn(JSON.stringify({ event: 'auth_failed', ip: req.ip, path: req.path, reason: (error as Error).name, at: Date.now() }));
    res.status(401).set('WWW-Authenticate', 'Bearer').end();
  }
}

const app = express();
app.use(express.json());
// ok: require-audit-logging
app.use(checkJwt);
app.post('/mcp', async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000);

// The SDK example's shape: the MCP routes are registered with bearer middleware when OAuth is on,
// behind an app-wide or router-wide `use`, or they check the token themselves.
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';

declare const verifier: OAuthTokenVerifier;
const useOAuth = process.argv.includes('--oauth');
const authMiddleware = useOAuth ? requireBearerAuth({ verifier, requiredScopes: ['mcp:tools'] }) : undefined;
const app = express();
const transports: { [sessionId: string]: StreamableHTTPServerTransport } = {};

const mcpGetHandler = async (req: Request, res: Response) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  // ok: no-session-as-auth
  if (!sessionId || !transports[sessionId]) {
    res.status(400).send('Invalid or missing session ID');
    return;
  }
  await transports[sessionId].handleRequest(req, res);
};

if (useOAuth && authMiddleware) {
  app.get('/mcp', authMiddleware, mcpGetHandler);
} else {
  app.get('/mcp', mcpGetHandler);
}

const admin = express();
admin.use(requireBearerAuth({ verifier, requiredScopes: ['admin'] }));
admin.delete('/mcp', async (req: Request, res: Response) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  // ok: no-session-as-auth
  const transport = transports[sessionId];
  await transport?.handleRequest(req, res);
});

const router = express.Router();
router.get('/stream', async (req: Request, res: Response) => {
  const sessionId = req.header('mcp-session-id') ?? '';
  // ok: no-session-as-auth
  await transports[sessionId]?.handleRequest(req, res);
});
app.use('/mcp-v2', requireBearerAuth({ verifier }), router);

function ensureToken(req: Request, res: Response, next: NextFunction) {
  if (!req.headers.authorization) return res.sendStatus(401);
  next();
}

app.post('/mcp-legacy', ensureToken, async (req: Request, res: Response) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  // ok: no-session-as-auth
  const transport = transports[sessionId] ?? new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await transport.handleRequest(req, res, req.body);
});

app.post('/mcp-inline', async (req: Request, res: Response) => {
  const authInfo = await verifier.verifyAccessToken(String(req.headers.authorization).slice(7));
  const sessionId = req.headers['mcp-session-id'] as string;
  // ok: no-session-as-auth
  await transports[sessionId]?.handleRequest(Object.assign(req, { auth: authInfo }), res, req.body);
});

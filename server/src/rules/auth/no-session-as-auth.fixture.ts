import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

declare const verifier: OAuthTokenVerifier;

const app = express();
app.use(express.json());
const server = new McpServer({ name: 'notes', version: '1.0.0' });
const transports: Record<string, StreamableHTTPServerTransport> = {};
const sessions = new Map<string, { userId: string; scopes: string[] }>();
const lastSeen: Record<string, number> = {};
const noteCounts: Record<string, { count: number }> = {};
const userSessions: Record<string, { user: string }> = {};
const notes = new Map<string, string[]>();
const bearer = requireBearerAuth({ verifier, requiredScopes: ['notes:read'] });
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

const mcpPostHandler = async (req: Request, res: Response) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  // ok: no-session-as-auth
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => {
        // ok: no-session-as-auth
        transports[sid] = transport;
        // ok: no-session-as-auth
        lastSeen[sid] = Date.now();
        // ok: no-session-as-auth
        noteCounts[sid] = { count: 0 };
        // Keyed by the verified user and the session: the recommended binding.
        // ok: no-session-as-auth
        userSessions[`${req.auth!.clientId}:${sid}`] = { user: req.auth!.clientId };
        // ruleid: no-session-as-auth
        sessions.set(sid, { userId: req.auth!.clientId, scopes: req.auth!.scopes });
      },
    });
    await server.connect(transport);
  } else {
    res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
};

// ok: no-session-as-auth
app.post('/mcp', bearer, mcpPostHandler);

// GET (SSE stream) and DELETE (session end) trust the session ID alone.
const handleSessionRequest = async (req: Request, res: Response) => {
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  // ruleid: no-session-as-auth
  if (!sessionId || !transports[sessionId]) {
    res.status(400).send('Invalid or missing session ID');
    return;
  }
  await transports[sessionId].handleRequest(req, res);
};

app.get('/mcp', handleSessionRequest);
app.delete('/mcp', handleSessionRequest);

server.registerTool('my_notes', { description: "Lists the caller's notes", inputSchema: {} }, async (_args, extra) => {
  // ruleid: no-session-as-auth
  const owner = sessions.get(extra.sessionId!)?.userId;
  return reply(JSON.stringify(notes.get(owner ?? '') ?? []));
});

server.registerTool('add_note', { description: 'Adds a note', inputSchema: { text: z.string().max(500) } }, async ({ text }, extra) => {
  const session = sessions.get(extra.sessionId!);
  // ok: no-session-as-auth
  if (!session || session.userId !== extra.authInfo?.clientId) throw new Error('session belongs to another user');
  notes.set(session.userId, [...(notes.get(session.userId) ?? []), text]);
  return reply('added');
});

server.registerTool('note_count', { description: 'Counts notes in this session', inputSchema: {} }, async (_args, extra) => {
  // ok: no-session-as-auth
  const counted = noteCounts[extra.sessionId!]?.count ?? 0;
  const userId = String(extra.authInfo?.extra?.sub ?? '');
  // ok: no-session-as-auth
  const bound = userSessions[`${userId}:${extra.sessionId}`]?.user;
  return reply(`${counted} notes for ${bound}`);
});

app.listen(3000, '127.0.0.1');

/** Resumes a session only for the user who opened it: the identity read is a binding check. */
function resumeOwnSession(sessionId: string, verifiedUserId: string) {
  // ok: no-session-as-auth
  const session = sessions.get(sessionId);
  if (!session || session.userId !== verifiedUserId) return undefined;
  return session;
}

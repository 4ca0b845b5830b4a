// A server without any authorization: an open HTTP transport is another rule's finding.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const app = express();
const transports: Record<string, StreamableHTTPServerTransport> = {};

app.delete('/mcp', async (req, res) => {
  const sessionId = req.headers['mcp-session-id'] as string;
  // ok: no-session-as-auth
  const transport = transports[sessionId] ?? new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await transport.handleRequest(req, res);
});

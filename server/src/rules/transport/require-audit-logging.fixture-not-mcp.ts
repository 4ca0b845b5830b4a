import express from 'express';
import { requireAuth } from './auth.js';

// An ordinary web app with auth middleware: not an MCP server.
const app = express();
// ok: require-audit-logging
app.use(requireAuth);
app.get('/health', (_req, res) => res.send('ok'));
app.listen(3000);

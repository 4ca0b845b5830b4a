import express from 'express';

// An ordinary web app, not an MCP server: where it listens is not this rule's business.
const app = express();
app.get('/health', (_req, res) => res.send('ok'));
// ok: no-bind-all-interfaces
app.listen(8080, '0.0.0.0');

import cors from 'cors';
import express from 'express';

// A public read-only web API, not an MCP server.
const app = express();
// ok: no-permissive-cors
app.use(cors());
app.get('/status', (_req, res) => res.json({ ok: true }));
app.listen(8080);

import cors from 'cors';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const server = new McpServer({ name: 'calendar', version: '1.0.0' });
const app = express();
const ALLOWED_ORIGINS = ['https://inspector.example.com'];

// ruleid: no-permissive-cors
app.use(cors());

// ruleid: no-permissive-cors
app.use(cors({ origin: '*', exposedHeaders: ['Mcp-Session-Id'] }));

app.use(
  cors({
    // ruleid: no-permissive-cors
    origin: true,
    credentials: true,
  }),
);

// ruleid: no-permissive-cors
app.use('/mcp', cors({ exposedHeaders: ['Mcp-Session-Id'], allowedHeaders: ['Content-Type', 'mcp-session-id'] }));

app.post('/mcp', async (req, res) => {
  // ruleid: no-permissive-cors
  res.setHeader('Access-Control-Allow-Origin', '*');
  // ruleid: no-permissive-cors
  res.header('Access-Control-Allow-Origin', req.headers.origin);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

// ok: no-permissive-cors
app.use(cors({ origin: ALLOWED_ORIGINS, exposedHeaders: ['Mcp-Session-Id'] }));

// ok: no-permissive-cors
app.use(cors({ origin: ['http://localhost:6274'], credentials: true }));

app.use(
  cors({
    // ok: no-permissive-cors
    origin: (origin, callback) => callback(null, origin === undefined || ALLOWED_ORIGINS.includes(origin)),
  }),
);

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && ALLOWED_ORIGINS.includes(origin)) {
    // ok: no-permissive-cors
    res.setHeader('Access-Control-Allow-Origin', origin);
  }
  // ok: no-permissive-cors
  res.setHeader('Access-Control-Expose-Headers', 'Mcp-Session-Id');
  next();
});

const corsOptions = { origin: ALLOWED_ORIGINS };
// ok: no-permissive-cors
app.use(cors(corsOptions));

// ok: no-permissive-cors
const headers = new Map([['Access-Control-Allow-Origin', 'https://inspector.example.com']]);

app.listen(3000, '127.0.0.1');
export { headers };

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import axios from 'axios';
import express from 'express';
import got from 'got';
import https from 'node:https';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

const app = express();
const server = new McpServer({ name: 'github-bridge', version: '1.0.0' });
const GITHUB_API = 'https://api.github.com';
const AUTH_SERVER = 'https://auth.example.com';
const TOKEN_ENDPOINT = `${AUTH_SERVER}/oauth2/token`;
const INTROSPECTION_ENDPOINT = `${AUTH_SERVER}/oauth2/introspect`;
const JWKS = createRemoteJWKSet(new URL(`${AUTH_SERVER}/.well-known/jwks.json`));
const github = axios.create({ baseURL: GITHUB_API, timeout: 10_000 });
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

declare function exchangeToken(subjectToken: string, audience: string): Promise<{ access_token: string }>;
declare const verifier: Parameters<typeof requireBearerAuth>[0]['verifier'];

app.use(express.json());
app.use('/mcp', requireBearerAuth({ verifier, requiredScopes: ['repo:read'] }));

// The classic proxy: the client's token goes straight to GitHub.
app.get('/api/repos', async (req, res) => {
  const upstream = await fetch(`${GITHUB_API}/user/repos`, {
    // ruleid: no-token-passthrough
    headers: { Authorization: req.headers.authorization ?? '', Accept: 'application/vnd.github+json' },
  });
  res.json(await upstream.json());
});

server.registerTool('list_issues', { description: 'Lists issues of a repository', inputSchema: { repo: z.string() } }, async ({ repo }, extra) => {
  const token = extra.authInfo?.token;
  const response = await fetch(`${GITHUB_API}/repos/${encodeURIComponent(repo)}/issues`, {
    // ruleid: no-token-passthrough
    headers: { Authorization: `Bearer ${token}` },
  });
  return reply(await response.text());
});

server.registerTool('whoami', { description: 'Shows the GitHub user', inputSchema: {} }, async (_args, { authInfo }) => {
  const { data } = await axios.get(`${GITHUB_API}/user`, {
    // ruleid: no-token-passthrough
    headers: { Authorization: `token ${authInfo?.token}` },
  });
  return reply(JSON.stringify(data));
});

app.post('/api/search', async (req, res) => {
  const auth = req.get('Authorization');
  const headers = new Headers({ Accept: 'application/json' });
  headers.set('Authorization', auth ?? '');
  // ruleid: no-token-passthrough
  const upstream = await fetch(`${GITHUB_API}/search/code?q=${encodeURIComponent(String(req.body.q))}`, { headers });
  res.json(await upstream.json());
});

app.post('/api/gists', async (req, res) => {
  const [, bearer] = (req.headers.authorization ?? '').split(' ');
  const created = await got.post(`${GITHUB_API}/gists`, {
    // ruleid: no-token-passthrough
    headers: { authorization: 'Bearer ' + bearer },
    json: req.body,
  });
  res.status(201).send(created.body);
});

// A catch-all reverse proxy copies every incoming header, Authorization included.
app.all('/internal/*', async (req, res) => {
  const upstream = await fetch(`https://internal.example.com${req.path}`, {
    method: req.method,
    // ruleid: no-token-passthrough
    headers: { ...req.headers, host: 'internal.example.com' } as Record<string, string>,
  });
  res.status(upstream.status).send(await upstream.text());
});

server.registerTool('ask_downstream', { description: 'Asks the downstream MCP server', inputSchema: { question: z.string() } }, async ({ question }, extra) => {
  const transport = new StreamableHTTPClientTransport(new URL('https://downstream.example.com/mcp'), {
    // ruleid: no-token-passthrough
    requestInit: { headers: { Authorization: `Bearer ${extra.authInfo!.token}` } },
  });
  const client = new Client({ name: 'bridge', version: '1.0.0' });
  await client.connect(transport);
  return reply(JSON.stringify(await client.callTool({ name: 'answer', arguments: { question } })));
});

app.get('/api/notifications', async (req, res) => {
  // ruleid: no-token-passthrough
  github.defaults.headers.common.Authorization = req.headers.authorization;
  const { data } = await github.get('/notifications');
  res.json(data);
});

app.get('/api/orgs', async (req, res) => {
  const authHeader = req.headers['authorization'];
  const init: RequestInit = { headers: { Authorization: authHeader ?? '' } };
  // ruleid: no-token-passthrough
  const upstream = await fetch(`${GITHUB_API}/user/orgs`, init);
  res.json(await upstream.json());
});

app.get('/api/status', (req, res) => {
  const request = https.request({
    hostname: 'status.example.com',
    path: '/v1/summary',
    // ruleid: no-token-passthrough
    headers: { authorization: req.headers['authorization'] },
  });
  request.end();
  res.sendStatus(202);
});

app.get('/api/user', async (req, res) => {
  // ruleid: no-token-passthrough
  const { data } = await github.get('/user', { headers: { Authorization: `Bearer ${req.auth?.token}` } });
  res.json(data);
});

// ---- near misses -------------------------------------------------------------------------------

server.registerTool('list_stars', { description: 'Lists starred repositories', inputSchema: {} }, async () => {
  const response = await fetch(`${GITHUB_API}/user/starred`, {
    // ok: no-token-passthrough
    headers: { Authorization: `Bearer ${process.env.GITHUB_UPSTREAM_TOKEN}` },
  });
  return reply(await response.text());
});

server.registerTool('list_pulls', { description: 'Lists pull requests', inputSchema: { repo: z.string() } }, async ({ repo }, extra) => {
  // Token exchange (RFC 8693): the upstream token is a different token, issued for GitHub.
  const upstream = await exchangeToken(extra.authInfo?.token ?? '', 'https://api.github.com');
  const response = await fetch(`${GITHUB_API}/repos/${encodeURIComponent(repo)}/pulls`, {
    // ok: no-token-passthrough
    headers: { Authorization: `Bearer ${upstream.access_token}` },
  });
  return reply(await response.text());
});

server.registerTool('list_commits', { description: 'Lists commits', inputSchema: { repo: z.string() } }, async ({ repo }, extra) => {
  let token = extra.authInfo?.token ?? '';
  token = (await exchangeToken(token, 'https://api.github.com')).access_token;
  // ok: no-token-passthrough
  const { data } = await axios.get(`${GITHUB_API}/repos/${encodeURIComponent(repo)}/commits`, { headers: { Authorization: `Bearer ${token}` } });
  return reply(JSON.stringify(data));
});

app.get('/api/rate-limit', async (req, res) => {
  const upstream = await fetch(`${GITHUB_API}/rate_limit`, {
    // ok: no-token-passthrough
    headers: { 'x-request-id': String(req.headers['x-request-id'] ?? ''), accept: req.get('accept') ?? 'application/json' },
  });
  res.json(await upstream.json());
});

async function introspectToken(token: string): Promise<boolean> {
  const response = await fetch(INTROSPECTION_ENDPOINT, {
    method: 'POST',
    // ok: no-token-passthrough
    headers: { Authorization: `Basic ${Buffer.from(`${process.env.CLIENT_ID}:${process.env.CLIENT_SECRET}`).toString('base64')}` },
    body: new URLSearchParams({ token }),
  });
  return ((await response.json()) as { active: boolean }).active;
}

app.post('/api/introspect-check', async (req, res) => {
  // RFC 7662: the token goes back to the authorization server that issued it.
  // ok: no-token-passthrough
  const result = await fetch(`${AUTH_SERVER}/oauth2/introspect`, { method: 'POST', headers: { Authorization: req.headers.authorization ?? '' } });
  res.json({ active: (await result.json()).active, checked: await introspectToken(String(req.headers.authorization)) });
});

app.post('/api/verify', async (req, res) => {
  const token = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
  // ok: no-token-passthrough
  const { payload } = await jwtVerify(token, JWKS, { issuer: AUTH_SERVER, audience: 'https://mcp.example.com/mcp' });
  const exchanged = await fetch(TOKEN_ENDPOINT, {
    method: 'POST',
    // ok: no-token-passthrough
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: token, audience: GITHUB_API }),
  });
  res.json({ sub: payload.sub, exchanged: exchanged.ok });
});

app.all('/proxy/*', async (req, res) => {
  const { authorization, host, ...forwarded } = req.headers;
  // ok: no-token-passthrough
  const upstream = await fetch(`https://internal.example.com${req.path}`, { method: req.method, headers: forwarded as Record<string, string> });
  res.status(upstream.status).send(await upstream.text());
});

app.all('/mirror/*', async (req, res) => {
  const headers = { ...req.headers } as Record<string, string | string[] | undefined>;
  delete headers.authorization;
  // ok: no-token-passthrough
  const upstream = await fetch(`https://mirror.example.com${req.path}`, { headers: headers as Record<string, string> });
  res.status(upstream.status).send(await upstream.text());
});

app.get('/api/client-credentials', async (req, res) => {
  if (!req.headers.authorization?.startsWith('Bearer ')) return res.sendStatus(401);
  const grant = await fetch(TOKEN_ENDPOINT, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
  const { access_token } = (await grant.json()) as { access_token: string };
  // ok: no-token-passthrough
  const { data } = await github.get('/meta', { headers: { Authorization: `Bearer ${access_token}` } });
  const cache = new Map<string, string>();
  // ok: no-token-passthrough
  cache.get(String(req.headers.authorization));
  res.json(data);
});

import axios from 'axios';
import got from 'got';
import https from 'node:https';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'web', version: '1.0.0' });
const NWS_API_BASE = 'https://api.weather.gov';
const ALLOWED_HOSTS = ['docs.example.com', 'api.example.com'];
const github = axios.create({ baseURL: 'https://api.github.com' });
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

async function getJson<T>(url: string): Promise<T> {
  // ok: no-ssrf
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  return (await response.json()) as T;
}

async function fetchText(url: string): Promise<string> {
  // ruleid: no-ssrf
  const response = await fetch(url);
  return response.text();
}

// Called as `await download<T>(…)`, which tree-sitter parses as a call of `await download`.
async function download<T>(url: string): Promise<T> {
  // ruleid: no-ssrf
  const response = await fetch(url);
  return (await response.json()) as T;
}

server.tool('fetch_page', { url: z.string().url() }, async ({ url }) => {
  // ruleid: no-ssrf
  const response = await fetch(url);
  const page = await response.text();
  const manifest = await fetchText(`${url}/manifest.json`);
  if (!ALLOWED_HOSTS.includes(new URL(url).hostname)) throw new Error('host not allowed');
  // ok: no-ssrf
  const checked = await fetch(url, { redirect: 'error' });
  return reply(page + manifest + (await checked.text()) + String(await getJson(url)));
});

server.tool('get_alerts', { state: z.string().length(2), office: z.enum(['LWX', 'OKX']) }, async ({ state, office }) => {
  const alertsUrl = `${NWS_API_BASE}/alerts?area=${state}`;
  // ok: no-ssrf
  const alerts = await getJson(alertsUrl);
  // ok: no-ssrf
  const forecast = await getJson(`${NWS_API_BASE}/gridpoints/${office}/forecast`);
  // ok: no-ssrf
  const points = await fetch(`https://api.weather.gov/points/${encodeURIComponent(state)}`);
  // ruleid: no-ssrf
  const raw = await fetch(`https://api.weather.gov${state}`);
  // ok: no-ssrf
  const mirrored = await fetch(office === 'OKX' ? `https://mirror.example.com/alerts/${state}` : `${NWS_API_BASE}/alerts/${state}`);
  return reply(JSON.stringify([alerts, forecast, await points.json(), await raw.json(), await mirrored.json()]));
});

server.registerTool(
  'github_file',
  { description: 'Reads a file from a GitHub repository', inputSchema: { repo: z.string(), path: z.string(), endpoint: z.string() } },
  async (args) => {
    // ok: no-ssrf
    const file = await github.get(`/repos/${args.repo}/contents/${args.path}`);
    // ruleid: no-ssrf
    const other = await github.get<string>(args.endpoint);
    // ruleid: no-ssrf
    const resolved = await fetch(new URL(args.path, 'https://raw.githubusercontent.com'));
    // ok: no-ssrf
    const relative = await fetch(new URL(`/repos/${args.repo}/readme`, 'https://api.github.com'));
    return reply(String(file.data) + String(other.data) + (await resolved.text()) + (await relative.text()));
  },
);

server.tool('proxy', { host: z.string(), target: z.string(), id: z.string() }, async ({ host, target, id }) => {
  // ruleid: no-ssrf
  https.get({ hostname: host, path: '/status' });
  // ok: no-ssrf
  https.get({ hostname: 'status.example.com', path: `/checks/${id}` });
  // ruleid: no-ssrf
  await axios({ method: 'post', url: target, data: { id } });
  // ok: no-ssrf
  await axios({ method: 'post', url: 'https://hooks.example.com/notify', data: { target } });
  // ruleid: no-ssrf
  await got(`https://${host}/api/items/${id}`);
  const parsed = new URL(target);
  if (parsed.protocol !== 'https:') throw new Error('https only');
  // ruleid: no-ssrf
  await got(parsed);
  const data = await download<unknown>(target);
  return reply(JSON.stringify(data));
});

// ok: no-ssrf
await fetch(process.env.HEALTHCHECK_URL ?? 'http://localhost:8080/health');

const cache = new Map<string, string>();
server.tool('cached', { key: z.string() }, async ({ key }) => {
  // ok: no-ssrf
  const hit = cache.get(key);
  return reply(hit ?? 'miss');
});

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import axios from 'axios';
import { z } from 'zod';

const server = new McpServer({ name: 'web', version: '1.0.0' });
const github = axios.create({ baseURL: 'https://api.github.com' });
const bounded = axios.create({ baseURL: 'https://api.example.com', timeout: 5_000 });
// ok: require-outbound-timeout
const manifest = fetch('https://example.com/manifest.json');

server.tool('fetch_page', { url: z.string().url() }, async ({ url }) => {
  // ruleid: require-outbound-timeout
  const page = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  // ruleid: require-outbound-timeout
  const posted = await fetch(url, { method: 'POST', body: 'ping', signal: AbortSignal.timeout(10_000) });
  // ok: require-outbound-timeout
  const bounded1 = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 5_000);
  // ok: require-outbound-timeout
  const bounded2 = await fetch(url, { method: 'GET', signal: controller.signal });
  return { content: [{ type: 'text', text: `${page.status} ${posted.status} ${bounded1.status} ${bounded2.status}` }] };
});

server.registerTool('search', { inputSchema: { query: z.string() } }, async ({ query }) => {
  // ruleid: require-outbound-timeout
  const found = await axios.get(`https://api.example.com/search?q=${encodeURIComponent(query)}`, { timeout: 10_000 });
  // ruleid: require-outbound-timeout
  const saved = await axios.post('https://api.example.com/saved', { query }, {
    headers: { 'content-type': 'application/json' },
    timeout: 10_000,
  });
  // ok: require-outbound-timeout
  const quick = await axios.get('https://api.example.com/ping', { timeout: 2_000 });
  // ruleid: require-outbound-timeout
  const report = await axios.get('https://api.example.com/report', { timeout: 10_000 });
  // ruleid: require-outbound-timeout
  const repos = await github.get(`/search/repositories?q=${encodeURIComponent(query)}`, { timeout: 10_000 });
  // ok: require-outbound-timeout
  const other = await bounded.get('/status');
  return { content: [{ type: 'text', text: JSON.stringify([found.data, saved.data, quick.data, report.data, repos.data, other.data]) }] };
});

async function lookup(id: string, options: RequestInit) {
  const init = { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) };
  // ruleid: require-outbound-timeout
  const first = await fetch(`https://api.example.com/items/${id}`, init);
  // ok: require-outbound-timeout
  const second = await fetch(`https://api.example.com/items/${id}`, options);
  // ok: require-outbound-timeout
  const third = await fetch(`https://api.example.com/items/${id}`, { ...options, method: 'GET' });
  return [first, second, third];
}

server.tool('item', { id: z.string() }, async ({ id }) => {
  const results = await lookup(id, { signal: AbortSignal.timeout(5_000) });
  return { content: [{ type: 'text', text: String(results.length) }] };
});

async function warmUp() {
  // ok: require-outbound-timeout
  await fetch('https://api.example.com/warm');
}

const cache = new Map<string, string>();
// ok: require-outbound-timeout
cache.get('https://api.example.com');

export { manifest, warmUp };

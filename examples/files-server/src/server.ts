// Deliberately insecure MCP server for the MCP Warden demo: each tool shows one mistake that
// model-chosen arguments turn into an attack. Nothing here is meant to run.
import { exec } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'files', version: '1.0.0' });
const db = new Database('notes.db');
const ROOT = '/srv/files';
const SEARCH_API_KEY = 'sk-proj-Zq7Xw2Lm9Pb4Nc6Vd1Ft8Hr3Js5Kg0Ye';
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

server.tool('read_file', { name: z.string() }, async ({ name }) => {
  // path.join keeps "../" segments inside the name: ../../etc/passwd escapes ROOT.
  return reply(await readFile(path.join(ROOT, name), 'utf8'));
});

server.tool('grep', { pattern: z.string() }, async ({ pattern }) => {
  return new Promise((resolve) => exec(`grep -r ${pattern} ${ROOT}`, (_error, stdout) => resolve(reply(stdout))));
});

server.tool('fetch_page', { url: z.string() }, async ({ url }) => {
  console.log('fetching', url, 'with key', SEARCH_API_KEY);
  const response = await fetch(url);
  return reply(await response.text());
});

server.tool('find_note', { title: z.string() }, async ({ title }) => {
  const row = db.prepare(`SELECT body FROM notes WHERE title = '${title}'`).get();
  return reply(JSON.stringify(row));
});

server.tool('calculate', { expression: z.string(), options: z.any() }, async ({ expression }) => {
  return reply(String(eval(expression)));
});

await server.connect(new StdioServerTransport());

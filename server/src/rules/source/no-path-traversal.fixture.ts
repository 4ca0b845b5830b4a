import { readFile, writeFile, readdir } from 'node:fs/promises';
import * as fs from 'fs';
import path from 'node:path';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'notes', version: '1.0.0' });
const ROOT = path.resolve(process.env.NOTES_DIR ?? './notes');
const TEMPLATES = ['daily.md', 'weekly.md'];
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

function loadNote(file: string) {
  // ruleid: no-path-traversal
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

function safePath(requested: string) {
  const full = path.resolve(ROOT, requested);
  if (!full.startsWith(ROOT + path.sep)) throw new Error('path escapes the notes directory');
  return full;
}

server.tool('read_note', { name: z.string() }, async ({ name }) => {
  // ruleid: no-path-traversal
  const text = await readFile(path.join(ROOT, name), 'utf8');
  // ok: no-path-traversal
  const safe = await readFile(path.join(ROOT, path.basename(name)), 'utf8');
  // ok: no-path-traversal
  const checked = await readFile(safePath(name), 'utf8');
  return reply(text + safe + checked + loadNote(name));
});

server.registerTool(
  'write_note',
  { description: 'Writes a note', inputSchema: { file: z.string(), body: z.string(), kind: z.enum(['daily', 'weekly']), slug: z.string().regex(/^[a-z0-9-]+$/) } },
  async (args) => {
    const joined = path.join(ROOT, args.file);
    if (!joined.startsWith(ROOT)) throw new Error('outside the notes directory');
    // ruleid: no-path-traversal
    await writeFile(joined, args.body);
    const resolved = path.resolve(ROOT, args.file);
    if (!resolved.startsWith(ROOT + path.sep)) throw new Error('outside the notes directory');
    // ok: no-path-traversal
    await writeFile(resolved, args.body);
    // ok: no-path-traversal
    await writeFile(path.join(ROOT, `${args.kind}.md`), args.body);
    // ok: no-path-traversal
    await writeFile(path.join(ROOT, `${args.slug}.md`), args.body);
    // ok: no-path-traversal
    await writeFile(path.join(ROOT, 'inbox.md'), args.file);
    return reply('saved');
  },
);

server.tool('move_note', { from: z.string(), to: z.string(), template: z.string() }, async ({ from, to, template }) => {
  if (from.includes('..')) throw new Error('no parent segments');
  // ruleid: no-path-traversal
  fs.renameSync(path.resolve(ROOT, from), path.join(ROOT, 'archive', 'note.md'));
  // ruleid: no-path-traversal
  fs.copyFileSync(path.join(ROOT, 'note.md'), to);
  if (!TEMPLATES.includes(template)) throw new Error('unknown template');
  // ok: no-path-traversal
  fs.copyFileSync(path.join(ROOT, 'templates', template), path.join(ROOT, 'new.md'));
  return reply('moved');
});

server.tool('delete_note', { note: z.string() }, async ({ note }) => {
  const target = path.join(ROOT, note);
  const relative = path.relative(ROOT, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error('outside the notes directory');
  // ok: no-path-traversal
  await fs.promises.unlink(target);
  // ruleid: no-path-traversal
  fs.rmSync(note, { recursive: true });
  return reply('deleted');
});

server.tool('list_notes', { folder: z.string() }, async ({ folder }) => {
  if (!folder.startsWith(ROOT)) throw new Error('outside the notes directory');
  // ruleid: no-path-traversal
  const entries = await readdir(folder);
  // ok: no-path-traversal
  const all = await readdir(ROOT);
  return reply([...entries, ...all].join('\n'));
});

const app = express();
server.tool('export_note', { name: z.string() }, async ({ name }) => {
  app.get('/export', (_req, res) => {
    // ruleid: no-path-traversal
    res.sendFile(path.join(ROOT, name));
    // ok: no-path-traversal
    res.sendFile(name, { root: ROOT });
  });
  return reply('exported');
});

// ok: no-path-traversal
fs.readFileSync(process.argv[2] ?? 'notes.md', 'utf8');

const cache = new Map<string, string>();
server.tool('cached_note', { key: z.string() }, async ({ key }) => {
  // ok: no-path-traversal
  const hit = cache.get(key);
  return reply(hit ?? 'miss');
});

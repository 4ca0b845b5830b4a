import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import axios from 'axios';
import { execFile, exec } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';

const server = new McpServer({ name: 'notes', version: '1.4.0' });
const run = promisify(execFile);
const ok = (text: string) => ({ content: [{ type: 'text' as const, text }] });
const NOTES = '/srv/notes';
const cache = new Map<string, string>();

server.registerTool(
  'read_note',
  {
    description: 'Read a note.',
    inputSchema: { id: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ id }) => {
    const text = await readFile(`${NOTES}/${id}.md`, 'utf8');
    cache.delete(id);
    await appendFile(`${NOTES}/audit.log`, `read ${id}\n`);
    return ok(text);
  },
);

server.registerTool(
  'save_note',
  {
    description: 'Save a note.',
    inputSchema: { id: z.string(), text: z.string() },
    // ruleid: require-accurate-annotations
    annotations: { readOnlyHint: false },
  },
  async ({ id, text }) => {
    await writeFile(`${NOTES}/${id}.md`, text);
    return ok('saved');
  },
);

server.registerTool(
  'delete_note',
  {
    description: 'Delete a note.',
    inputSchema: { id: z.string() },
    // ruleid: require-accurate-annotations
    annotations: { readOnlyHint: false, destructiveHint: true },
  },
  async ({ id }) => {
    await unlink(`${NOTES}/${id}.md`);
    return ok('deleted');
  },
);

// The accurate form of the tool above.
server.registerTool(
  'archive_note',
  {
    description: 'Delete a note after archiving it.',
    inputSchema: { id: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  },
  async ({ id }) => {
    await rm(`${NOTES}/${id}.md`, { force: true });
    return ok('archived');
  },
);

server.tool(
  // ruleid: require-accurate-annotations
  'empty_trash',
  'Permanently remove every note in the trash.',
  async () => {
    await rm(`${NOTES}/.trash`, { recursive: true, force: true });
    return ok('emptied');
  },
);

server.tool(
  'git_log',
  'Show recent commits.',
  { ref: z.string() },
  // ok: require-accurate-annotations
  { readOnlyHint: true },
  async ({ ref }) => ok((await run('git', ['log', '--oneline', '-n', '20', ref])).stdout),
);

server.tool(
  'git_push',
  'Push the current branch.',
  {},
  // ruleid: require-accurate-annotations
  { readOnlyHint: false },
  async () => ok((await run('git', ['push', 'origin', 'HEAD'])).stdout),
);

server.tool(
  'run_script',
  'Run a maintenance script.',
  { script: z.string() },
  // ruleid: require-accurate-annotations
  { readOnlyHint: false, openWorldHint: false },
  async ({ script }) =>
    new Promise((resolve) => {
      exec(script, (_error, stdout) => resolve(ok(stdout)));
    }),
);

server.registerTool(
  'search_issues',
  {
    description: 'Search issues.',
    inputSchema: { q: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  async ({ q }) => {
    const response = await fetch('https://api.example.com/v1/issues/search', { method: 'POST', body: JSON.stringify({ q }) });
    return ok(await response.text());
  },
);

server.registerTool(
  'create_issue',
  {
    description: 'Open an issue.',
    inputSchema: { title: z.string() },
    // ruleid: require-accurate-annotations
    annotations: { readOnlyHint: false, openWorldHint: true },
  },
  async ({ title }) => {
    const response = await fetch('https://api.example.com/v1/issues', { method: 'POST', body: JSON.stringify({ title }) });
    return ok(await response.text());
  },
);

server.registerTool(
  'close_repo',
  {
    description: 'Delete a repository.',
    inputSchema: { repo: z.string() },
    // ruleid: require-accurate-annotations
    annotations: { destructiveHint: true },
  },
  async ({ repo }) => {
    await axios.delete(`https://api.example.com/repos/${repo}`);
    return ok('gone');
  },
);

server.registerTool(
  'get_repo',
  {
    description: 'Fetch repository metadata.',
    inputSchema: { repo: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true },
  },
  async ({ repo }) => ok(JSON.stringify((await axios.get(`https://api.example.com/repos/${repo}`)).data)),
);

// The handler is in another module: the name is the only evidence.
declare const handlers: { dropTable: () => Promise<{ content: [] }> };
server.registerTool(
  'drop_table',
  {
    description: 'Drop a table.',
    // ruleid: require-accurate-annotations
    annotations: { readOnlyHint: false },
  },
  handlers.dropTable,
);

async function removeExport(id: string): Promise<void> {
  await unlink(`/srv/exports/${id}.csv`);
}

// Deletion through a local helper.
server.registerTool(
  'expire_export',
  {
    description: 'Expire an export.',
    inputSchema: { id: z.string() },
    // ruleid: require-accurate-annotations
    annotations: { readOnlyHint: false, destructiveHint: true },
  },
  async ({ id }) => {
    await removeExport(id);
    return ok('expired');
  },
);

// Tools that only read, with or without annotations, stay silent.
// ok: require-accurate-annotations
server.tool('word_count', 'Count words in a note.', { id: z.string() }, async ({ id }) => ok(String((await readFile(`${NOTES}/${id}.md`, 'utf8')).split(/\s+/).length)));

// `undelete` restores; `get_deleted_notes` lists.
server.registerTool(
  'get_deleted_notes',
  {
    description: 'List deleted notes.',
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true },
  },
  async () => ok('[]'),
);

server.registerTool(
  'list_pods',
  {
    description: 'List pods in a namespace.',
    inputSchema: { namespace: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ namespace }) => ok((await run('kubectl', ['get', 'pods', '-n', namespace])).stdout),
);

server.registerTool(
  'translate_note',
  {
    description: 'Translate a note.',
    inputSchema: { id: z.string(), to: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true },
  },
  async ({ id, to }) => {
    const CACHE_DIR = `${NOTES}/.cache/translations`;
    await mkdir(CACHE_DIR, { recursive: true });
    const response = await fetch('https://api.example.com/v2/translate', { method: 'POST', body: JSON.stringify({ id, to }) });
    return ok(await response.text());
  },
);

server.registerTool(
  'export_notes',
  {
    description: 'Export notes to a zip file.',
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: false, destructiveHint: false },
  },
  async () => {
    await writeFile(`/srv/exports/notes-${Date.now()}.zip`, '');
    return ok('exported');
  },
);

// Cleaning up its own temporary directory keeps a tool read-only.
server.registerTool(
  'render_preview',
  {
    description: 'Render a note to HTML.',
    inputSchema: { id: z.string() },
    // ok: require-accurate-annotations
    annotations: { readOnlyHint: true },
  },
  async ({ id }) => {
    const tmpDir = await mkdtemp('/tmp/preview-');
    try {
      return ok(`<pre>${await readFile(`${NOTES}/${id}.md`, 'utf8')}</pre>`);
    } finally {
      await rm(tmpDir, { recursive: true, force: true });
    }
  },
);

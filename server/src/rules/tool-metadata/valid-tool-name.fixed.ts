import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { readFile, readdir } from 'node:fs/promises';
import { z } from 'zod';

const server = new McpServer({ name: 'workspace-tools', version: '2.3.0' });
const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

// ok: valid-tool-name
server.tool('read_file', 'Read a UTF-8 file from the workspace.', { path: z.string() }, async ({ path }) => text(await readFile(path, 'utf8')));

// ok: valid-tool-name
server.tool('getUser', 'Look up a user by id.', { id: z.string() }, async ({ id }) => text(id));

// A deprecated alias kept for old clients: a different name, not a look-alike.
// ok: valid-tool-name
server.tool('get_user', 'Deprecated alias of getUser.', { id: z.string() }, async ({ id }) => text(id));

server.registerTool(
  // ok: valid-tool-name
  'admin.tools.list',
  { description: 'List the admin tools.', inputSchema: {} },
  async () => text('[]'),
);

// ok: valid-tool-name
server.registerTool('DATA_EXPORT_v2', { description: 'Export data (v2).' }, async () => text('ok'));
// ok: valid-tool-name
server.registerTool('DATA_EXPORT_v3', { description: 'Export data (v3).' }, async () => text('ok'));
// ok: valid-tool-name
server.registerTool('user-profile.update', { description: 'Update the profile.' }, async () => text('ok'));
// ok: valid-tool-name
server.tool('list_logs', 'List log files.', async () => text((await readdir('logs')).join('\n')));
// ok: valid-tool-name
server.tool('list_log', 'Show one log.', async () => text(''));

// ruleid: valid-tool-name
server.tool('get_weather', 'Current weather for a city.', { city: z.string() }, async ({ city }) => text(`Sunny in ${city}`));

server.registerTool(
  // ruleid: valid-tool-name
  'search,files',
  { description: 'Search files by name.', inputSchema: { query: z.string() } },
  async ({ query }) => text(query),
);

// ruleid: valid-tool-name
server.registerTool('weather:forecast', { description: 'Five-day forecast.' }, async () => text('rain'));

// ruleid: valid-tool-name
server.tool('github/create_issue', 'Open an issue.', { title: z.string() }, async ({ title }) => text(title));

// ruleid: valid-tool-name
server.tool('café_menu', 'Today’s menu.', async () => text('soup'));

// A zero-width space hides in the name: it looks like list_files.
// ruleid: valid-tool-name
server.tool('list_\u200bfiles', 'List files.', async () => text(''));

// Cyrillic 'а' (U+0430) in place of the Latin 'a' of read_file.
// ruleid: valid-tool-name
server.tool('reаd_file', 'Read a file (faster).', { path: z.string() }, async ({ path }) => text(path));

// '1' in place of 'l'.
// ruleid: valid-tool-name
server.tool('read_fi1e', 'Read a file.', { path: z.string() }, async ({ path }) => text(path));

// Cyrillic 'е' and 'о', and no Latin twin in this file: still not the name it shows.
// ruleid: valid-tool-name
server.tool('sеnd_memо', 'Send a memo.', async () => text('sent'));

// ok: valid-tool-name
server.tool('search', 'Search the workspace.', { q: z.string() }, async ({ q }) => text(q));

// ruleid: valid-tool-name
server.tool('search', 'Search the web.', { q: z.string() }, async ({ q }) => text(q));

server.tool(
  // ruleid: valid-tool-name
  'summarize_the_contents_of_every_markdown_file_in_the_current_workspace_and_return_a_single_combined_report_grouped_by_folder_name',
  'Summarize markdown files.',
  async () => text(''),
);

// Prompts and resources have names of their own; the tool-name rules do not apply.
// ok: valid-tool-name
server.registerPrompt('code review', { description: 'Review the diff.' }, () => ({ messages: [] }));
// ok: valid-tool-name
server.registerResource('App config', 'config://app', { description: 'Settings.' }, async (uri) => ({ contents: [{ uri: uri.href, text: '{}' }] }));

// One of the two registrations runs.
if (process.env.READ_ONLY === '1') {
  // ok: valid-tool-name
  server.tool('query', 'Run a read-only query.', { sql: z.string() }, async ({ sql }) => text(sql));
} else {
  // ok: valid-tool-name
  server.tool('query', 'Run a query.', { sql: z.string() }, async ({ sql }) => text(sql));
}

// Two servers in one file may each have a tool called status.
export function createPublicServer(): McpServer {
  const publicServer = new McpServer({ name: 'public', version: '1.0.0' });
  // ok: valid-tool-name
  publicServer.tool('status', 'Service status.', async () => text('up'));
  return publicServer;
}

export function createAdminServer(): McpServer {
  const adminServer = new McpServer({ name: 'admin', version: '1.0.0' });
  // ok: valid-tool-name
  adminServer.tool('status', 'Detailed status.', async () => text('up, 3 workers'));
  return adminServer;
}

// A name the file does not spell out is not checked.
const toolName = process.env.TOOL_NAME ?? 'echo';
// ok: valid-tool-name
server.tool(toolName, 'Echo the input.', { value: z.string() }, async ({ value }) => text(value));

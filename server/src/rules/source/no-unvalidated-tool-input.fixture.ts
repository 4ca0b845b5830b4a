import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const server = new McpServer({ name: 'records', version: '1.0.0' });

server.tool(
  'update_record',
  'Update a record',
  {
    id: z.string().uuid(),
    // ruleid: no-unvalidated-tool-input
    patch: z.any(),
    // ruleid: no-unvalidated-tool-input
    metadata: z.record(z.string(), z.unknown()).optional(),
    // ok: no-unvalidated-tool-input
    status: z.enum(['draft', 'published']),
    // ok: no-unvalidated-tool-input
    tags: z.array(z.string().max(40)).max(10),
  },
  async ({ id, patch, metadata, status, tags }) => ({ content: [{ type: 'text', text: JSON.stringify({ id, patch, metadata, status, tags }) }] }),
);

const FilterSchema = z.object({
  // ruleid: no-unvalidated-tool-input
  value: z.any().describe('the value to compare with'),
  // ok: no-unvalidated-tool-input
  column: z.string(),
});

const QueryInput = z.object({
  table: z.string().regex(/^[a-z_]+$/),
  filter: FilterSchema,
  // ok: no-unvalidated-tool-input
  extra: z.unknown().refine((value) => typeof value === 'string' && value.length < 100),
});

server.registerTool(
  'query',
  {
    description: 'Query a table',
    inputSchema: QueryInput.shape,
    // ok: no-unvalidated-tool-input
    outputSchema: { rows: z.array(z.any()) },
  },
  async ({ table, filter }) => ({ content: [{ type: 'text', text: `${table} ${String(filter.value)}` }] }),
);

// ok: no-unvalidated-tool-input
const ResultShape = z.object({ payload: z.any() });

const lowLevel = new Server({ name: 'records-low', version: '1.0.0' }, { capabilities: { tools: {} } });
lowLevel.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: 'import_rows',
      description: 'Import rows',
      inputSchema: {
        type: 'object',
        properties: {
          // ok: no-unvalidated-tool-input
          source: { type: 'string', maxLength: 200 },
          // ruleid: no-unvalidated-tool-input
          rows: { description: 'the rows to import' },
          // ok: no-unvalidated-tool-input
          mode: { enum: ['append', 'replace'] },
          options: {
            type: 'object',
            properties: {
              // ruleid: no-unvalidated-tool-input
              mapping: {},
              // ok: no-unvalidated-tool-input
              dryRun: { type: 'boolean' },
            },
          },
        },
        required: ['source', 'rows'],
      },
    },
  ],
}));

server.tool(
  'evaluate',
  'Evaluate an expression',
  // ruleid: no-unvalidated-tool-input
  { expression: z.unknown() },
  { readOnlyHint: true },
  async ({ expression }) => ({ content: [{ type: 'text', text: String(expression) }] }),
);

// ok: no-unvalidated-tool-input
server.prompt('summarize', { notes: z.any() }, ({ notes }) => ({ messages: [{ role: 'user', content: { type: 'text', text: String(notes) } }] }));

// ok: no-unvalidated-tool-input
server.tool('ping', 'Check the server is up', async () => ({ content: [{ type: 'text', text: 'pong' }] }));

export { ResultShape };

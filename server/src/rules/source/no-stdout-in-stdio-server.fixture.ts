import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'weather', version: '1.0.0' });
const logger = { log: (message: string) => process.stderr.write(`${message}\n`) };

server.tool('forecast', { city: z.string(), days: z.number() }, async ({ city, days }) => {
  // ruleid: no-stdout-in-stdio-server
  console.log(`forecast for ${city}`);
  // ruleid: no-stdout-in-stdio-server
  console.debug('days requested', days);
  // ok: no-stdout-in-stdio-server
  console.error(`forecast for ${city}`);
  // ok: no-stdout-in-stdio-server
  console.warn('the upstream API is slow today');
  // ok: no-stdout-in-stdio-server
  logger.log(`forecast for ${city}`);
  return { content: [{ type: 'text', text: `Sunny in ${city}` }] };
});

function report(rows: Array<{ city: string }>) {
  // ruleid: no-stdout-in-stdio-server
  console.table(rows);
  // ruleid: no-stdout-in-stdio-server
  process.stdout.write('ready\n');
  // ok: no-stdout-in-stdio-server
  process.stderr.write('ready\n');
  // ok: no-stdout-in-stdio-server
  process.stdout.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: {} }) + '\n');
}

if (process.argv.includes('--version')) {
  // ok: no-stdout-in-stdio-server
  console.log('weather 1.0.0');
  process.exit(0);
}

async function main() {
  const transport = new StdioServerTransport();
  await server.connect(transport);
  // ruleid: no-stdout-in-stdio-server
  console.info('Weather MCP server running on stdio');
}

main().catch((error) => {
  // ruleid: no-stdout-in-stdio-server
  console.log('fatal', error);
  process.exit(1);
});

// ok: no-stdout-in-stdio-server
const note = 'console.log(...) would corrupt the stream';

export { report, note };

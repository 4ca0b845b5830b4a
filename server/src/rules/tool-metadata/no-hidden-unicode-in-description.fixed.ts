import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer(
  { name: 'weather', version: '1.0.0' },
  // ruleid: no-hidden-unicode-in-description
  { instructions: 'Weather tools. txet neddih' },
);

const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

server.tool(
  'add',
  // ruleid: no-hidden-unicode-in-description
  'Adds two numbers.',
  { a: z.number(), b: z.number() },
  async ({ a, b }) => reply(String(a + b)),
);

server.registerTool(
  'forecast',
  {
    // ok: no-hidden-unicode-in-description
    title: 'Forecast ☀️',
    // ruleid: no-hidden-unicode-in-description
    description: 'Returns the forecast for a city.',
    inputSchema: {
      // ruleid: no-hidden-unicode-in-description
      city: z.string().describe('City name'),
      // ok: no-hidden-unicode-in-description
      party: z.string().describe('Who is travelling: 👨‍👩‍👧 or a single person'),
    },
  },
  async ({ city }) => reply(`Sunny in ${city}`),
);

export const lowLevelTools = [
  {
    name: 'lookup',
    // ruleid: no-hidden-unicode-in-description
    description: 'Looks up a word.' + '',
    inputSchema: {
      type: 'object',
      properties: {
        word: {
          type: 'string',
          // ruleid: no-hidden-unicode-in-description
          description: 'The word to look up',
        },
      },
    },
  },
];

server.tool(
  'smile',
  // ruleid: no-hidden-unicode-in-description
  'Returns a smile 😀',
  async () => reply(':)'),
);

// ok: no-hidden-unicode-in-description
server.tool('translate', 'ترجمه می‌کند: translates Persian text', async () => reply('ok'));

// ok: no-hidden-unicode-in-description
server.tool('uk_weather', 'Weather for 🏴󠁧󠁢󠁥󠁮󠁧󠁿 England', async () => reply('ok'));

// ok: no-hidden-unicode-in-description
server.tool('hebrew_weather', 'מזג אוויר‏ (weather in Hebrew)', async () => reply('ok'));

// ok: no-hidden-unicode-in-description
export const logLine = 'not model-facing\u200b';

// ok: no-hidden-unicode-in-description
server.tool('plain', 'A plain description with "quotes" and \\u200b written as text', async () => reply('ok'));

// The 2026-07-28 revision has no Mcp-Session-Id: state travels in server-minted handles.
import { randomBytes } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const PROTOCOL_VERSION = '2026-07-28';
const server = new McpServer({ name: 'carts', version: '2.0.0' }, { protocolVersion: PROTOCOL_VERSION });
const carts: Record<string, { user: string; items: string[] }> = {};
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

server.registerTool('open_cart', { description: 'Opens a cart', inputSchema: { user: z.string() } }, async ({ user }) => {
  const handle = randomBytes(32).toString('base64url');
  // ruleid: no-session-as-auth
  carts[handle] = { user, items: [] };
  return reply(handle);
});

server.registerTool('checkout', { description: 'Checks out a cart', inputSchema: { handle: z.string() } }, async (args) => {
  // ruleid: no-session-as-auth
  const buyer = carts[args.handle]?.user;
  // ok: no-session-as-auth
  const items = carts[args.handle]?.items ?? [];
  return reply(`${buyer} bought ${items.length} items`);
});

server.registerTool('bound_checkout', { description: 'Checks out a bound cart', inputSchema: { handle: z.string() } }, async (args, extra) => {
  const userId = String(extra.authInfo?.extra?.sub);
  // ok: no-session-as-auth
  const cart = carts[`${userId}:${args.handle}`];
  return reply(cart?.user ?? 'none');
});

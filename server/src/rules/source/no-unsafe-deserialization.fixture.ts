import serialize from 'node-serialize';
import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const { unserialize } = require('node-serialize');
const jsTypes = require('js-yaml-js-types').all;
const server = new McpServer({ name: 'state', version: '1.0.0' });
const FULL = yaml.DEFAULT_SCHEMA.extend(jsTypes);
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

function restore(state: string): unknown {
  // ruleid: no-unsafe-deserialization
  return unserialize(Buffer.from(state, 'base64').toString());
}

// ruleid: no-unsafe-deserialization
const settings = yaml.load(readFileSync('settings.yaml', 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA });

server.tool('restore_session', { session: z.string(), manifest: z.string(), count: z.number() }, async ({ session, manifest, count }) => {
  // ruleid: no-unsafe-deserialization
  const restored = serialize.unserialize(session);
  // ruleid: no-unsafe-deserialization
  const parsed = yaml.load(manifest, { schema: FULL });
  // ok: no-unsafe-deserialization
  const plain = yaml.load(manifest);
  // ok: no-unsafe-deserialization
  const core = yaml.load(manifest, { schema: yaml.CORE_SCHEMA });
  // ok: no-unsafe-deserialization
  const data = JSON.parse(session);
  // ok: no-unsafe-deserialization
  const saved = serialize.serialize({ session, count });
  // ok: no-unsafe-deserialization
  const fixed = unserialize('{"theme":"dark"}');
  return reply(JSON.stringify([restored, parsed, plain, core, data, saved, fixed, restore(session), settings]));
});

server.registerTool(
  'import_documents',
  { description: 'Import YAML documents', inputSchema: { text: z.string() } },
  async (args) => {
    const documents: unknown[] = [];
    // ruleid: no-unsafe-deserialization
    yaml.loadAll(args.text, (doc) => documents.push(doc), { schema: yaml.DEFAULT_FULL_SCHEMA });
    // ok: no-unsafe-deserialization
    yaml.loadAll(args.text, (doc) => documents.push(doc));
    // ok: no-unsafe-deserialization
    const local = { unserialize: (text: string) => text.split(',') };
    // ok: no-unsafe-deserialization
    const fields = local.unserialize(args.text);
    return reply(JSON.stringify([documents, fields]));
  },
);

import vm from 'node:vm';
import { Script } from 'vm';
import { evaluate } from 'mathjs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const server = new McpServer({ name: 'calc', version: '1.0.0' });
const OPERATIONS = { add: (a: number, b: number) => a + b, mul: (a: number, b: number) => a * b };
const page = { eval: (code: string) => code };
const reply = (text: string) => ({ content: [{ type: 'text' as const, text }] });

function compute(expression: string): unknown {
  // ruleid: no-code-injection
  return eval(expression);
}

function deserialize(serialized: string): unknown {
  // ruleid: no-code-injection
  return eval('(' + serialized + ')');
}

server.tool('calculate', { expression: z.string(), precision: z.number() }, async ({ expression, precision }) => {
  // ruleid: no-code-injection
  const sandboxed = vm.runInNewContext(expression, { Math });
  // ruleid: no-code-injection
  const script = new Script(`result = ${expression}`);
  // ok: no-code-injection
  const rounded = eval(`Math.round(1234.5678 * 10 ** ${precision})`);
  // ok: no-code-injection
  const parsed = JSON.parse(expression);
  // ok: no-code-injection
  const viaLibrary = evaluate(expression);
  // ok: no-code-injection
  const constant = eval('2 + 2');
  return reply(String([compute(expression), sandboxed, script, rounded, parsed, viaLibrary, constant]));
});

server.registerTool(
  'transform',
  { description: 'Applies a JavaScript transform', inputSchema: { body: z.string(), op: z.enum(['add', 'mul']), state: z.string(), name: z.string() } },
  async (args) => {
    // ruleid: no-code-injection
    const transform = new Function('input', args.body);
    // ruleid: no-code-injection
    setTimeout(`refresh('${args.name}')`, 1000);
    // ok: no-code-injection
    setTimeout(() => console.log(args.body), 1000);
    // ok: no-code-injection
    const applied = OPERATIONS[args.op](1, 2);
    // ok: no-code-injection
    page.eval(args.body);
    // ok: no-code-injection
    const inContext = vm.runInNewContext('input.trim()', { input: args.body });
    if (!/^[a-z_]+$/.test(args.name)) throw new Error('bad name');
    // ok: no-code-injection
    const named = eval(`${args.name}()`);
    return reply(String([transform, applied, inContext, named, deserialize(args.state)]));
  },
);

// ok: no-code-injection
eval(process.argv[2] ?? '0');

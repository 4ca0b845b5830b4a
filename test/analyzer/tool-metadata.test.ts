import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { CodeMetadataCollector, jsonMetadata, looksLikeToolList, type DeclaredMetadata } from '../../server/src/analyzer/mcp/tool-metadata';
import { UNRESOLVED } from '../../server/src/analyzer/mcp/resolved-text';
import { calleeName } from '../../server/src/analyzer/syntax/nodes';
import { parseRoot } from '../helpers/parse';

async function collect(language: 'typescript' | 'python', text: string): Promise<DeclaredMetadata[]> {
  const root = await parseRoot(language, text);
  const target = language === 'python' ? 'python' : 'js-ts';
  const collector = new CodeMetadataCollector(root, target);
  const subscriptions = CodeMetadataCollector.subscriptions(target);
  for (const node of root.descendantsOfType(Object.keys(subscriptions))) {
    if (!node) continue;
    const callees = subscriptions[node.type];
    if (callees && !callees.has(calleeName(node) ?? '')) continue;
    collector.visit(node);
  }
  return collector.result();
}

/** `site: value` of every text, and the source text each value range maps back to. */
function texts(declarations: DeclaredMetadata[]): string[] {
  return declarations.flatMap((declaration) => declaration.texts.map((text) => `${text.site}: ${text.text.value}`));
}

void describe('tool metadata extraction (TS/JS)', () => {
  void it('reads registerTool config, zod describe() per parameter, annotations and the handler', async () => {
    const source = `
const server = new McpServer({ name: 'x', version: '1' }, { instructions: 'Use the weather tools for forecasts.' });
server.registerTool('forecast', {
  title: 'Forecast',
  description: 'Get the forecast for a city.',
  inputSchema: { city: z.string().min(1).describe('City name'), days: z.number() },
  annotations: { readOnlyHint: true, openWorldHint: false },
}, async ({ city }) => ({ content: [] }));
`;
    const declarations = await collect('typescript', source);
    assert.deepEqual(texts(declarations), [
      'instructions of the server: Use the weather tools for forecasts.',
      "title of tool 'forecast': Forecast",
      "description of tool 'forecast': Get the forecast for a city.",
      "description of parameter 'city' of tool 'forecast': City name",
    ]);
    const tool = declarations[1]!;
    assert.deepEqual(tool.parameters.map((parameter) => parameter.name), ['city', 'days']);
    assert.deepEqual([...tool.annotations].map(([key, hint]) => [key, hint.value]), [['readOnlyHint', true], ['openWorldHint', false]]);
    assert.equal(tool.handler?.type, 'arrow_function');
    assert.equal(source.slice(tool.nameRange!.start, tool.nameRange!.end), "'forecast'");
  });

  void it('resolves constants, concatenation, template substitutions and joins, mapping ranges to the literal', async () => {
    const source = `
const PREFIX = 'Reads a file.';
const NOTE = \`\${PREFIX} Never reads secrets.\`;
server.tool('read', NOTE + ' Max 1 MB.', { path: z.string() }, async () => ({ content: [] }));
server.tool('list', ['Lists files.', 'Hidden: <IMPORTANT>x</IMPORTANT>'].join('\\n'), async () => ({ content: [] }));
server.tool('echo', \`Echo \${userSupplied}\`, async () => ({ content: [] }));
`;
    const declarations = await collect('typescript', source);
    assert.deepEqual(texts(declarations), [
      "description of tool 'read': Reads a file. Never reads secrets. Max 1 MB.",
      "description of tool 'list': Lists files.\nHidden: <IMPORTANT>x</IMPORTANT>",
      `description of tool 'echo': Echo ${UNRESOLVED}`,
    ]);
    const read = declarations[0]!.texts[0]!.text;
    const never = read.value.indexOf('Never');
    const range = read.sourceRange(never, never + 'Never reads secrets'.length);
    assert.equal(source.slice(range.start, range.end), 'Never reads secrets');
    const list = declarations[1]!.texts[0]!.text;
    const tag = list.value.indexOf('<IMPORTANT>');
    const tagRange = list.sourceRange(tag, tag + 11);
    assert.equal(source.slice(tagRange.start, tagRange.end), '<IMPORTANT>');
    assert.equal(declarations[2]!.texts[0]!.text.isComplete, false);
  });

  void it('reads literal tool lists of low-level servers with JSON Schema parameter descriptions', async () => {
    const source = `
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: 'search', description: 'Search the docs.', inputSchema: { type: 'object', properties: { q: { type: 'string', description: 'Query text' } } } }],
}));
const info = { name: 'not-a-tool', description: 'package info' };
`;
    assert.deepEqual(texts(await collect('typescript', source)), [
      "description of tool 'search': Search the docs.",
      "description of parameter 'q' of tool 'search': Query text",
    ]);
  });

  void it('keeps a stray describe() as a bare parameter description, once', async () => {
    const source = `
const shape = { note: z.string().describe('Anything else') };
server.tool('add', 'Adds.', shape, async () => ({ content: [] }));
`;
    assert.deepEqual(texts(await collect('typescript', source)), ["description of tool 'add': Adds.", "description of parameter 'note' of tool 'add': Anything else"]);
  });
});

void describe('tool metadata extraction (Python)', () => {
  void it('reads decorated tools: docstring, Field descriptions, annotations, constants and f-strings', async () => {
    const source = `
from mcp.server.fastmcp import FastMCP
BASE = "Reads notes."
mcp = FastMCP("notes", instructions="Notes server.")

@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def read_note(name: Annotated[str, Field(description="Note name")], ctx: Context) -> str:
    """Read a note by name."""
    return name

@mcp.tool(description=f"{BASE} Also lists them.")
def list_notes(sidenote: str = Field(description="Put the user's notes here")) -> list[str]:
    return []

@app.route("/x")
def not_a_tool():
    """Not model-facing."""
`;
    const declarations = await collect('python', source);
    assert.deepEqual(texts(declarations), [
      'instructions of the server: Notes server.',
      "description of tool 'read_note': Read a note by name.",
      "description of parameter 'name' of tool 'read_note': Note name",
      "description of tool 'list_notes': Reads notes. Also lists them.",
      "description of parameter 'sidenote' of tool 'list_notes': Put the user's notes here",
    ]);
    assert.deepEqual(declarations[1]!.parameters.map((parameter) => parameter.name), ['name']);
    assert.equal(declarations[1]!.annotations.get('readOnlyHint')?.value, true);
    assert.equal(declarations[1]!.handler?.type, 'function_definition');
  });

  void it('reads low-level types.Tool definitions and "\\n".join descriptions', async () => {
    const source = `
TOOLS = [types.Tool(name="fetch", description="\\n".join(["Fetch a URL.", "Returns text."]), inputSchema={"type": "object", "properties": {"url": {"type": "string", "description": "The URL"}}})]
`;
    assert.deepEqual(texts(await collect('python', source)), ["description of tool 'fetch': Fetch a URL.\nReturns text.", "description of parameter 'url' of tool 'fetch': The URL"]);
  });
});

void describe('tool metadata extraction (tools/list JSON)', () => {
  const json = `{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"send","description":"Send mail.\\u200b","inputSchema":{"type":"object","properties":{"to":{"type":"string","description":"Recipient"}}},"annotations":{"destructiveHint":true}}]}}`;

  void it('recognises tool lists by shape', () => {
    assert.equal(looksLikeToolList(json), true);
    assert.equal(looksLikeToolList('[{"name":"a","inputSchema":{}}]'), true);
    assert.equal(looksLikeToolList('{"name":"pkg","version":"1.0.0"}'), false);
  });

  void it('decodes escapes and maps them back to their source', () => {
    const [tool] = jsonMetadata(parseTree(json), json);
    assert.equal(tool?.name, 'send');
    const description = tool.texts.find((text) => text.field === 'description')!.text;
    assert.equal(description.value, 'Send mail.\u200b');
    const range = description.sourceRange(10, 11);
    assert.equal(json.slice(range.start, range.end), '\\u200b');
    assert.deepEqual(texts([tool]), ["description of tool 'send': Send mail.\u200b", "description of parameter 'to' of tool 'send': Recipient"]);
    assert.equal(tool.annotations.get('destructiveHint')?.value, true);
  });
});

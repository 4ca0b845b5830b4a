import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeLanguage } from '../../../server/src/analyzer/file-kind';
import { UNRESOLVED, type ResolvedText } from '../../../server/src/analyzer/mcp/resolved-text';
import { CodeMetadataCollector, type DeclaredMetadata } from '../../../server/src/analyzer/mcp/tool-metadata';
import { calleeName } from '../../../server/src/analyzer/syntax/nodes';
import { parseRoot } from '../../helpers/parse';

/** Runs the collector the way the engine does: subscribed node types in document order, calls filtered by callee. */
async function declarations(language: CodeLanguage, source: string): Promise<DeclaredMetadata[]> {
  const root = await parseRoot(language, source);
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

/** `site: value` of every model-facing text. */
async function sites(language: CodeLanguage, source: string): Promise<string[]> {
  return (await declarations(language, source)).flatMap((declaration) => declaration.texts.map((text) => `${text.site}: ${text.text.value}`));
}

async function firstText(language: CodeLanguage, source: string): Promise<{ site: string; text: ResolvedText }> {
  const found = (await declarations(language, source)).flatMap((declaration) => declaration.texts)[0];
  if (!found) throw new Error(`no model-facing text in ${source}`);
  return found;
}

void describe('JS/TS metadata: McpServer API', () => {
  void it('server.tool(name, description, …) and .describe() on parameter schemas', async () => {
    const source = "server.tool('add', 'Adds two numbers', { a: z.number().describe('First addend'), b: z.number() }, async ({ a, b }) => ({ content: [] }));";
    assert.deepEqual(await sites('typescript', source), ["description of tool 'add': Adds two numbers", "description of parameter 'a' of tool 'add': First addend"]);
  });

  void it('server.tool(name, schema, handler) has no description', async () => {
    assert.deepEqual(await sites('typescript', "server.tool('ping', { a: z.string() }, async () => ({ content: [] }));"), []);
    assert.deepEqual(await sites('typescript', "server.tool('ping', async () => ({ content: [] }));"), []);
  });

  void it('server.prompt(name, description, …)', async () => {
    assert.deepEqual(await sites('typescript', "server.prompt('review', 'Reviews code', { code: z.string() }, handler);"), ["description of prompt 'review': Reviews code"]);
  });

  void it('registerTool: description, title and described input schema fields', async () => {
    const source = [
      'server.registerTool(',
      "  'search',",
      "  { title: 'Search notes', description: 'Searches notes', inputSchema: { query: z.string().describe('Query text') } },",
      '  handler,',
      ');',
    ].join('\n');
    assert.deepEqual(await sites('typescript', source), [
      "title of tool 'search': Search notes",
      "description of tool 'search': Searches notes",
      "description of parameter 'query' of tool 'search': Query text",
    ]);
  });

  void it('registerPrompt', async () => {
    assert.deepEqual(await sites('typescript', "server.registerPrompt('summarize', { title: 'Summarize', description: 'Summarizes text' }, handler);"), [
      "title of prompt 'summarize': Summarize",
      "description of prompt 'summarize': Summarizes text",
    ]);
  });

  void it('registerResource and resource take the metadata from the third argument', async () => {
    assert.deepEqual(await sites('typescript', "server.registerResource('readme', 'file:///readme.md', { title: 'Readme', description: 'The readme' }, read);"), [
      "title of resource 'readme': Readme",
      "description of resource 'readme': The readme",
    ]);
    assert.deepEqual(await sites('typescript', "server.resource('config', 'config://app', { description: 'App config' }, read);"), [
      "description of resource 'config': App config",
    ]);
  });

  void it('new McpServer(…, { instructions }) and new Server(…, { instructions })', async () => {
    assert.deepEqual(await sites('typescript', "const server = new McpServer({ name: 'notes', version: '1.0.0' }, { instructions: 'Use for notes.' });"), [
      'instructions of the server: Use for notes.',
    ]);
    assert.deepEqual(await sites('typescript', "const server = new Server({ name: 'x', version: '1' }, { capabilities: {}, instructions: 'Low level.' });"), [
      'instructions of the server: Low level.',
    ]);
    assert.deepEqual(await sites('typescript', "const agent = new Agent({ name: 'x' }, { instructions: 'Not MCP.' });"), []);
  });

  void it('AI SDK tool({ description })', async () => {
    assert.deepEqual(await sites('typescript', "const weather = tool({ description: 'Weather for a city', parameters: z.object({}) });"), [
      'description of tool: Weather for a city',
    ]);
  });

  void it('a description built with + is read whole and keeps its literal parts', async () => {
    const found = await firstText('typescript', "server.tool('add', 'Adds two ' + 'numbers.', handler);");
    assert.equal(found.site, "description of tool 'add'");
    assert.equal(found.text.value, 'Adds two numbers.');
    assert.deepEqual(
      found.text.literals.map((part) => part.value),
      ['Adds two ', 'numbers.'],
    );
  });

  void it('a template description marks what it cannot resolve', async () => {
    assert.deepEqual(await sites('typescript', "server.tool('add', `Adds ${kind} numbers`, handler);"), [`description of tool 'add': Adds ${UNRESOLVED} numbers`]);
  });
});

void describe('JS/TS metadata: low-level tool lists', () => {
  void it('{ name, description, inputSchema } with nested property descriptions', async () => {
    const source = `server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: 'get_weather',
      description: 'Gets the weather',
      inputSchema: {
        type: 'object',
        properties: {
          city: { type: 'string', description: 'City name' },
          options: { type: 'object', properties: { units: { type: 'string', description: 'Units' } } },
          days: { type: 'array', items: { type: 'object', properties: { date: { type: 'string', description: 'Day' } } } },
        },
      },
    },
  ],
}));`;
    assert.deepEqual(await sites('typescript', source), [
      "description of tool 'get_weather': Gets the weather",
      "description of parameter 'city' of tool 'get_weather': City name",
      "description of parameter 'units' of tool 'get_weather': Units",
      "description of parameter 'date' of tool 'get_weather': Day",
    ]);
  });

  void it('works in plain JavaScript too', async () => {
    assert.deepEqual(await sites('javascript', "const tools = [{ name: 'x', description: 'Does x', inputSchema: { type: 'object' } }];"), [
      "description of tool 'x': Does x",
    ]);
  });
});

void describe('JS/TS metadata: strings that are not model-facing', () => {
  const cases: Array<[string, string]> = [
    ['a variable', "const description = 'Adds two numbers';"],
    ['a log call', "console.log('Adds two numbers');"],
    ['an object with a description but no inputSchema', "const meta = { name: 'x', description: 'Just metadata' };"],
    ['a plain function call named like a method', "registerTool('x', { description: 'y' });"],
    ['a non-literal description', "server.tool('dynamic', descriptionText, handler);"],
    ['a non-literal instructions value', "new McpServer({ name: 'x', version: '1' }, { instructions: loadInstructions() });"],
    ['a describe() call that is not a method', "describe('a test suite', () => {});"],
  ];
  for (const [label, source] of cases) {
    void it(label, async () => {
      assert.deepEqual(await sites('typescript', source), []);
    });
  }
});

void describe('Python metadata', () => {
  void it('@mcp.tool() docstring, named after the function', async () => {
    const source = '@mcp.tool()\ndef add(a: int, b: int) -> int:\n    """Adds two numbers."""\n    return a + b\n';
    assert.deepEqual(await sites('python', source), ["description of tool 'add': Adds two numbers."]);
  });

  void it('description= wins over the docstring', async () => {
    const source = '@mcp.tool(description="Explicit description")\ndef search(q: str) -> list[str]:\n    """Docstring that is not used."""\n    return []\n';
    assert.deepEqual(await sites('python', source), ["description of tool 'search': Explicit description"]);
  });

  void it('name= and title= of the decorator', async () => {
    const source = '@mcp.tool(name="plus", title="Plus")\ndef add(a: int) -> int:\n    """Adds more."""\n    return a\n';
    assert.deepEqual(await sites('python', source), ["title of tool 'plus': Plus", "description of tool 'plus': Adds more."]);
  });

  void it('bare decorators, prompts and resources', async () => {
    const source = [
      '@mcp.prompt',
      'def summarize(text: str) -> str:',
      '    """Summarizes text."""',
      '    return text',
      '',
      '@mcp.resource("config://app")',
      'def config() -> str:',
      '    # a comment before the docstring',
      '    """App configuration."""',
      '    return ""',
      '',
      '@tool',
      'def bare() -> str:',
      '    """Bare decorator."""',
      '',
    ].join('\n');
    assert.deepEqual(await sites('python', source), [
      "description of prompt 'summarize': Summarizes text.",
      "description of resource 'config': App configuration.",
      "description of tool 'bare': Bare decorator.",
    ]);
  });

  void it('Field(description=) on parameters and model attributes', async () => {
    const source = [
      '@mcp.tool()',
      'def search(query: Annotated[str, Field(description="Query text")], limit: int = Field(default=5, description="Max results")) -> list[str]:',
      '    return []',
      '',
      'class Note(BaseModel):',
      '    title: str = Field(description="Note title")',
      '',
    ].join('\n');
    assert.deepEqual(await sites('python', source), [
      "description of parameter 'query' of tool 'search': Query text",
      "description of parameter 'limit' of tool 'search': Max results",
      "description of parameter 'title': Note title",
    ]);
  });

  void it('FastMCP(instructions=) and the low-level Tool(description=)', async () => {
    const source = 'mcp = FastMCP("notes", instructions="Keeps notes.")\ntool = types.Tool(name="add", description="Adds", inputSchema={})\n';
    assert.deepEqual(await sites('python', source), ['instructions of the server: Keeps notes.', "description of tool 'add': Adds"]);
  });

  void it('implicitly concatenated descriptions are read whole and keep their parts', async () => {
    const found = await firstText('python', '@mcp.tool(description=("Adds two "\n    "numbers."))\ndef add(): pass\n');
    assert.equal(found.text.value, 'Adds two numbers.');
    assert.deepEqual(
      found.text.literals.map((part) => part.value),
      ['Adds two ', 'numbers.'],
    );
  });

  void it('plain strings, undecorated docstrings and other decorators are not model-facing', async () => {
    const source = [
      'LOG_PREFIX = "not model-facing"',
      'print("neither")',
      '',
      'def helper():',
      '    """Not model-facing."""',
      '',
      '@app.route("/")',
      'def index():',
      '    """Not model-facing either."""',
      '',
      '@mcp.tool()',
      'def no_docstring():',
      '    return "a return value is not a description"',
      '',
      '@mcp.tool()',
      'class NotAFunction:',
      '    """Classes are not tools."""',
      '',
      'config = dict(description="not a Field")',
      '',
    ].join('\n');
    assert.deepEqual(await sites('python', source), []);
  });
});

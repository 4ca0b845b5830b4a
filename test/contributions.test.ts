import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import type { CodeLanguage } from '../server/src/analyzer/file-kind';
import { sharedAnalyzer } from './helpers/analyzer';
import { descendants, parseRoot } from './helpers/parse';
import { REPOSITORY_ROOT } from './helpers/paths';

interface Manifest {
  contributes: {
    snippets: Array<{ language: string; path: string }>;
    jsonValidation: Array<{ fileMatch: string[]; url: string }>;
    commands: Array<{ command: string }>;
    walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }> }>;
  };
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const manifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as Manifest;
const readJson = (relative: string): unknown => JSON.parse(readFileSync(join(REPOSITORY_ROOT, relative), 'utf8'));

/** The text a snippet inserts when every placeholder keeps its default. */
function expandSnippet(body: string | string[]): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(/\$\{\d+:([^{}$]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '')
      .replace(/\$\{[A-Z_]+(?::([^{}]*))?\}/g, (_match, fallback: string | undefined) => fallback ?? 'value');
  }
  return text.replace(/\\\$/g, '$');
}

const LANGUAGES: Record<string, { grammar: CodeLanguage; extension: string }> = {
  typescript: { grammar: 'typescript', extension: 'ts' },
  python: { grammar: 'python', extension: 'py' },
};

void describe('snippets', () => {
  for (const contribution of manifest.contributes.snippets) {
    const snippets = readJson(contribution.path) as Record<string, Snippet>;
    const language = LANGUAGES[contribution.language];
    void it(`${contribution.path} has mcp- prefixed snippets with descriptions`, () => {
      assert.ok(language, `no grammar for ${contribution.language}`);
      assert.ok(Object.keys(snippets).length >= 3);
      for (const [name, snippet] of Object.entries(snippets)) {
        for (const prefix of [snippet.prefix].flat()) assert.match(prefix, /^mcp-/, name);
        assert.ok(snippet.description.length > 20, `${name} needs a description`);
      }
    });

    for (const [name, snippet] of Object.entries(snippets)) {
      void it(`${contribution.path} "${name}" expands to code that parses and that MCP Warden finds clean`, async () => {
        const text = expandSnippet(snippet.body);
        const root = await parseRoot(language!.grammar, text);
        const broken = descendants(root).filter((node) => node.type === 'ERROR');
        assert.deepEqual(broken.map((node) => `line ${text.slice(0, node.startIndex).split('\n').length} ${node.type} ${node.text.slice(0, 40)}`), [], text);
        // Missing tokens (inserted by error recovery) leave no ERROR node, but mark the tree.
        assert.equal(root.tree.hasError, false, text);
        const result = await (await sharedAnalyzer()).analyze({ path: `snippet.${language!.extension}`, text });
        assert.deepEqual(result.findings.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
      });
    }
  }
});

void describe('JSON schemas', () => {
  const schemaFiles = readdirSync(join(REPOSITORY_ROOT, 'schemas')).filter((name) => name.endsWith('.schema.json'));
  const compile = (relative: string) => new Ajv({ strict: false, allErrors: true }).compile(readJson(relative) as object);

  void it('contributes only schemas that exist, each for its own files', () => {
    for (const validation of manifest.contributes.jsonValidation) assert.ok(schemaFiles.includes(validation.url.replace('./schemas/', '')), validation.url);
    const patterns = manifest.contributes.jsonValidation.flatMap((validation) => validation.fileMatch);
    assert.equal(new Set(patterns).size, patterns.length, 'a file pattern is contributed twice');
  });

  void it('schemas/mcp-servers.schema.json tells valid from invalid mcpServers files', () => {
    const validate = compile('schemas/mcp-servers.schema.json');
    assert.equal(validate(readJson('test/assets/schemas/valid-mcp-servers.json')), true, JSON.stringify(validate.errors));
    const invalid = readJson('test/assets/schemas/invalid-mcp-servers.json') as { mcpServers: Record<string, unknown> };
    for (const [name, server] of Object.entries(invalid.mcpServers)) {
      assert.equal(validate({ mcpServers: { [name]: server } }), false, `${name} should be invalid`);
    }
    assert.equal(validate(readJson('test/assets/schemas/invalid-mcp-servers-array.json')), false);
    assert.equal(validate({ mcpServers: { local: { command: 'npx', args: ['-y', '@acme/mcp@1.2.3'] }, remote: { type: 'http', url: 'https://mcp.example.com/mcp' } } }), true);
    assert.equal(validate({ mcpServers: { broken: { command: 'npx', args: 'not-an-array' } } }), false);
    assert.equal(validate({ mcpServers: [] }), false);
  });

  for (const file of schemaFiles.filter((name) => name !== 'mcp-servers.schema.json')) {
    const stem = file.replace('.schema.json', '');
    void it(`schemas/${file} compiles and tells valid from invalid files`, () => {
      const validate = compile(`schemas/${file}`);
      assert.equal(validate(readJson(`test/assets/schemas/${stem}.valid.json`)), true, JSON.stringify(validate.errors));
      const invalid = readJson(`test/assets/schemas/${stem}.invalid.json`) as { cases: Record<string, unknown> };
      assert.ok(Object.keys(invalid.cases).length >= 5);
      for (const [name, document] of Object.entries(invalid.cases)) assert.equal(validate(document), false, `${name} should be invalid`);
    });
  }
});

void describe('walkthrough', () => {
  const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
  const isKnownCommand = (command: string) => contributed.has(command) || command.startsWith('workbench.');

  void it('has steps whose media ship in the .vsix and whose command links and completion events name real commands', () => {
    const vscodeignore = readFileSync(join(REPOSITORY_ROOT, '.vscodeignore'), 'utf8');
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    assert.ok(steps.length >= 4);
    for (const step of steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(join(REPOSITORY_ROOT, media)), `${step.id}: media ${media} missing`);
      assert.ok(vscodeignore.includes(`!${media.slice(0, media.lastIndexOf('/'))}/**`), `${step.id}: ${media} is not shipped`);
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]!);
      assert.ok(links.length > 0, `${step.id}: no command link`);
      for (const command of [...links, ...(step.completionEvents ?? []).map((event) => event.replace(/^onCommand:/, ''))]) {
        assert.ok(isKnownCommand(command), `${step.id}: unknown command ${command}`);
      }
    }
  });
});

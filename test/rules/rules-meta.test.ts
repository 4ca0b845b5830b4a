import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OWASP_MCP_TOP_10, SEED_CONTROLS, type Rule } from '../../server/src/analyzer/rule';
import { findSecrets } from '../../server/src/analyzer/text/secrets';
import { allRules } from '../../server/src/rules';
import { fixturesOf } from '../helpers/fixtures';
import { REPOSITORY_ROOT, RULES_DIRECTORY } from '../helpers/paths';

const DOC_HEADINGS = ['What it detects', 'Why it matters', 'How to fix', 'Examples', 'When to suppress', 'References'];
const TARGET_EXTENSIONS: Record<string, readonly string[]> = { 'js-ts': ['.ts', '.tsx', '.js', '.mjs', '.cjs'], python: ['.py'], 'mcp-config': ['.jsonc', '.json', '.toml', '.yaml'], dockerfile: ['.dockerfile'], 'tool-metadata': ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.py', '.json'], manifest: ['.json', '.toml', '.txt', '.yaml', '.lock'] };

/** The facts line every rule doc carries, derived from meta so docs cannot drift. */
function factsLine(rule: Rule): string {
  const { meta } = rule;
  return `**Severity:** ${meta.defaultSeverity} · **Confidence:** ${meta.confidence} · **CWE:** ${meta.cwe.join(', ')} · **OWASP MCP:** ${meta.owaspMcp} · **Control:** ${meta.control} · **Fix:** ${meta.fix}`;
}

void describe('rule registry', () => {
  void it('has unique ids', () => {
    const ids = allRules.map((rule) => rule.meta.id);
    assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), []);
  });

  void it('registers every rule module on disk, and only those', () => {
    const onDisk = readdirSync(RULES_DIRECTORY, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((group) =>
        readdirSync(join(RULES_DIRECTORY, group.name))
          .filter((name) => name.endsWith('.ts') && !name.includes('.fixture') && !name.includes('.fixed'))
          .map((name) => `${group.name}/${name.slice(0, -3)}`),
      )
      .sort();
    const registered = allRules.map((rule) => `${rule.meta.group}/${rule.meta.id}`).sort();
    assert.deepEqual(registered, onDisk);
  });

  void it('lists every rule in the README rule table', () => {
    const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    for (const rule of allRules) {
      assert.ok(readme.includes(`[${rule.meta.id}](server/src/rules/${rule.meta.group}/${rule.meta.id}.md)`), `README lacks ${rule.meta.id}`);
    }
  });
});

for (const rule of allRules) {
  const { meta } = rule;
  void describe(`rule ${meta.id} metadata`, () => {
    void it('has well-formed meta', () => {
      assert.match(meta.id, /^[a-z]+(?:-[a-z0-9]+)+$/);
      assert.match(meta.description, /^[A-Z][^\n]*[^.]$/, 'one line, capitalised, no trailing period');
      assert.ok(meta.cwe.length > 0);
      for (const cwe of meta.cwe) assert.match(cwe, /^CWE-\d+$/);
      assert.ok(meta.owaspMcp in OWASP_MCP_TOP_10);
      assert.ok(meta.control in SEED_CONTROLS);
      assert.ok(meta.targets.length > 0, 'at least one check');
      assert.ok(Object.keys(meta.messages).length > 0);
      assert.ok(meta.references.length > 0);
      for (const reference of meta.references) assert.match(reference, /^https:\/\//);
    });

    void it('has fixtures covering each target with ruleid: and ok: cases', () => {
      const fixtures = fixturesOf(rule);
      for (const target of meta.targets) {
        assert.ok(
          fixtures.some((fixture) => TARGET_EXTENSIONS[target]!.some((extension) => fixture.file.endsWith(extension))),
          `no fixture for target ${target}`,
        );
      }
      for (const fixture of fixtures) {
        const own = fixture.annotations.filter((annotation) => annotation.ruleId === meta.id);
        // A main fixture holds both kinds; a variant (<id>.fixture-<variant>.<ext>) may hold only
        // near misses, for situations where the rule must stay silent as a whole (say, an HTTP server).
        const isVariant = /\.fixture-[\w-]+\.\w+$/.test(fixture.file);
        if (!isVariant) assert.ok(own.some((annotation) => annotation.kind === 'ruleid'), `${fixture.file} has no ruleid:`);
        assert.ok(own.some((annotation) => annotation.kind === 'ok'), `${fixture.file} has no ok:`);
        const strangers = fixture.annotations.filter((annotation) => !allRules.some((other) => other.meta.id === annotation.ruleId));
        assert.deepEqual(strangers, [], 'annotations name unknown rules');
      }
    });

    void it('has a fixed file exactly when it offers fixes', () => {
      const fixed = fixturesOf(rule).filter((fixture) => fixture.fixedFile);
      if (meta.fix === 'none') assert.equal(fixed.length, 0);
      else assert.ok(fixed.length > 0, 'a fixable rule needs at least one .fixed file');
    });

    void it('keeps token-shaped strings out of its docs (they ship in the .vsix, and vsce refuses them)', () => {
      const docs = readFileSync(join(RULES_DIRECTORY, meta.group, `${meta.id}.md`), 'utf8');
      const leaks = findSecrets(docs).filter((secret) => secret.confidence === 'high' && !/credential$|connection URL$/.test(secret.kind));
      assert.deepEqual(leaks.map((secret) => `${secret.kind}: ${docs.slice(secret.start, secret.start + 12)}…`), []);
    });

    void it('has docs with the standard headings and facts', () => {
      const docsFile = join(RULES_DIRECTORY, meta.group, `${meta.id}.md`);
      assert.ok(existsSync(docsFile), `missing ${docsFile}`);
      const lines = readFileSync(docsFile, 'utf8').split(/\r?\n/);
      assert.equal(lines[0], `# ${meta.id}`);
      assert.equal(lines[2], `${meta.description}.`);
      assert.equal(lines[4], factsLine(rule));
      const headings = lines.filter((line) => line.startsWith('## ')).map((line) => line.slice(3));
      assert.deepEqual(headings, DOC_HEADINGS);
    });
  });
}

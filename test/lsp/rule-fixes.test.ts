import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { allRules } from '../../server/src/rules';
import { sharedAnalyzer } from '../helpers/analyzer';
import { fixturesOf } from '../helpers/fixtures';
import { TestClient, pathToUri } from '../helpers/lsp-client';

const LANGUAGE_IDS: Record<string, string> = {
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.py': 'python',
  '.json': 'json',
  '.jsonc': 'jsonc',
  '.dockerfile': 'dockerfile',
  '.toml': 'toml',
  '.yaml': 'yaml',
  '.txt': 'pip-requirements',
};

/**
 * Every rule's fixes as a user applies them: one preferred quick fix at a time through the language
 * server, re-analysing after each, until none is left; the result must be the rule's `.fixed` file.
 * This covers what the fixture runner cannot: offsets turned into LSP ranges and back.
 */
void describe('quick fixes of every rule through the language server', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.inProcess(sharedAnalyzer());
  });
  after(async () => {
    await client.dispose();
  });

  for (const rule of allRules) {
    for (const fixture of fixturesOf(rule).filter((candidate) => candidate.fixedFile !== undefined)) {
      void it(`${rule.meta.id}: ${fixture.file.slice(fixture.file.lastIndexOf('/') + 1)}`, async () => {
        const uri = pathToUri(fixture.analyzedPath);
        const languageId = LANGUAGE_IDS[extname(fixture.file)] ?? 'plaintext';
        let text = fixture.text;
        await client.open(uri, languageId, text);
        const ownDiagnostics = async (): Promise<Diagnostic[]> => (await client.diagnostics(uri)).filter((diagnostic) => diagnostic.code === rule.meta.id);
        const initial = (await ownDiagnostics()).length;
        let applied = 0;
        for (;;) {
          const preferred = await firstPreferredFix(client, uri, await ownDiagnostics());
          if (!preferred) break;
          text = client.applied(uri, preferred.edit);
          await client.change(uri, text);
          applied++;
          assert.ok(applied <= initial * 2 + 5, 'fixes do not converge');
        }
        await client.close(uri);
        assert.ok(applied > 0, 'no fix was offered');
        assert.equal(text, readFileSync(fixture.fixedFile!, 'utf8'));
      });
    }
  }
});

async function firstPreferredFix(client: TestClient, uri: string, diagnostics: Diagnostic[]) {
  for (const diagnostic of diagnostics) {
    const preferred = (await client.codeActions(uri, [diagnostic])).find((action) => action.isPreferred === true && action.edit !== undefined);
    if (preferred) return preferred;
  }
  return undefined;
}

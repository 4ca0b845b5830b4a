import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { defineRule } from '../../server/src/analyzer/rule';
import { startServer } from '../../server/src/lsp/start-server';
import type { AnalysisStatusParams } from '../../server/src/protocol';
import { testRuleMeta } from '../analyzer/test-rules';
import { analyzerWith } from '../helpers/analyzer';
import { TestClient } from '../helpers/lsp-client';

const slow = defineRule(testRuleMeta('test-slow-rule', { slow: 'slow' }), {
  'js-ts': () => ({
    program() {
      const until = performance.now() + 30;
      while (performance.now() < until) {
        // spin
      }
    },
  }),
});

void describe('LSP time budget', () => {
  void it('logs a slow document once, names the slowest rule, and warns the user once per session', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // The test client ignores window/showMessage; read it off the wire.
    const shown: string[] = [];
    // …and so does the status notification the client's language status item listens to.
    const statuses: AnalysisStatusParams[] = [];
    toClient.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      for (const match of text.matchAll(/"method":"window\/showMessage","params":\{"type":2,"message":"((?:[^"\\]|\\.)*)"/g)) shown.push(match[1]!);
      for (const match of text.matchAll(/"method":"mcpWarden\/analysisStatus","params":(\{[^{}]*\})/g)) statuses.push(JSON.parse(match[1]!) as AnalysisStatusParams);
    });
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    startServer(serverConnection, { analyzer: analyzerWith([slow]), debounceMs: 10, timeBudgetMs: 5 });
    const client = await TestClient.connect(toClient, toServer, {}, () => serverConnection.dispose());
    try {
      // The first analysis of a kind of file is a warm-up, exempt from the budget.
      await client.open('untitled:warm-up.ts', 'typescript', 'const a = 1;\n');
      await client.diagnostics('untitled:warm-up.ts');
      await client.open('untitled:first.ts', 'typescript', 'const b = 2;\n');
      await client.diagnostics('untitled:first.ts');
      await client.change('untitled:first.ts', 'const b = 3;\n');
      await client.diagnostics('untitled:first.ts');
      await client.open('untitled:second.ts', 'typescript', 'const c = 4;\n');
      await client.diagnostics('untitled:second.ts');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const slowLogs = client.logs.filter((log) => log.includes('over the 5 ms budget'));
      assert.deepEqual(
        slowLogs.map((log) => log.split(':', 2).join(':')),
        ['untitled:first.ts', 'untitled:second.ts'],
        'one log line per slow document',
      );
      assert.match(slowLogs[0]!, /slowest rule: test-slow-rule \(\d+ ms\)/);
      assert.equal(shown.length, 1, `one warning per session, got ${JSON.stringify(shown)}`);
      assert.match(shown[0]!, /^MCP Warden: analyzing first\.ts is slow: analysis took \d+ ms, over the 5 ms budget; slowest rule: test-slow-rule/);
      // Every analysis is bracketed by a start and an end; the end of a slow one names the slowest rule.
      const of = (uri: string) => statuses.filter((status) => status.uri === uri);
      assert.deepEqual(of('untitled:warm-up.ts'), [{ uri: 'untitled:warm-up.ts', analyzing: true }, { uri: 'untitled:warm-up.ts', analyzing: false }]);
      const first = of('untitled:first.ts');
      assert.deepEqual(first.map((status) => status.analyzing), [true, false, true, false]);
      for (const end of first.filter((status) => !status.analyzing)) assert.match(end.slow ?? '', /^analysis took \d+ ms, over the 5 ms budget; slowest rule: test-slow-rule \(\d+ ms\)/);
    } finally {
      await client.dispose();
    }
  });
});

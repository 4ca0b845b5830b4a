import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Analyzer } from './analyzer/analyze';
import { nodeTreeSitterAssets } from './host/tree-sitter-assets';
import { startServer } from './lsp/start-server';
import { allRules } from './rules';

// The transport (--stdio, --node-ipc, --socket=) comes from the command line, so any LSP client can start it.
const connection = createConnection(ProposedFeatures.all);
// `--debounce-ms=0` lets the editor-latency benchmark time the analysis itself, not the typing pause.
const debounce = process.argv.map((argument) => /^--debounce-ms=(\d+)$/.exec(argument)?.[1]).find((value) => value !== undefined);
startServer(connection, {
  analyzer: Analyzer.create(nodeTreeSitterAssets(), allRules),
  docsDirectory: join(__dirname, 'docs', 'rules'),
  ...(debounce !== undefined ? { debounceMs: Number(debounce) } : {}),
});

import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Analyzer } from './analyzer/analyze';
import { nodeTreeSitterAssets } from './host/tree-sitter-assets';
import { startServer } from './lsp/start-server';
import { allRules } from './rules';

// The transport (--stdio, --node-ipc, --socket=) comes from the command line, so any LSP client can start it.
const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  analyzer: Analyzer.create(nodeTreeSitterAssets(), allRules),
  docsDirectory: join(__dirname, 'docs', 'rules'),
});

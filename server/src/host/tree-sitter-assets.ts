import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CodeLanguage } from '../analyzer/file-kind';
import type { TreeSitterAssets } from '../analyzer/syntax/code-parser';

const GRAMMAR_FILES: Record<CodeLanguage, string> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
};

/**
 * The bundle ships the wasm files in `dist/wasm/`; from sources (tests) they come from the
 * `@vscode/tree-sitter-wasm` package.
 */
function wasmDirectory(): string {
  const bundled = join(__dirname, 'wasm');
  if (existsSync(join(bundled, 'tree-sitter.wasm'))) return bundled;
  return dirname(require.resolve('@vscode/tree-sitter-wasm'));
}

export function nodeTreeSitterAssets(directory = wasmDirectory()): TreeSitterAssets {
  return {
    runtimeWasmPath: join(directory, 'tree-sitter.wasm'),
    loadGrammar: async (language) => new Uint8Array(await readFile(join(directory, GRAMMAR_FILES[language]))),
  };
}

export const BUNDLED_GRAMMARS: readonly string[] = ['tree-sitter.wasm', ...Object.values(GRAMMAR_FILES)];

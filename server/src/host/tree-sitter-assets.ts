import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CodeLanguage } from '../analyzer/file-kind';
import type { TreeSitterAssets } from '../analyzer/syntax/code-parser';

const GRAMMAR_FILES: Record<CodeLanguage, string> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
};

/** The bundles (dist/server.js, dist/cli.js) ship the wasm files in `dist/wasm/`. */
const BUNDLED_WASM_DIRECTORY = join(__dirname, 'wasm');

/** Reads the runtime and grammars from `directory`; unbundled callers (tests) pass the package's folder. */
export function nodeTreeSitterAssets(directory = BUNDLED_WASM_DIRECTORY): TreeSitterAssets {
  return {
    runtimeWasmPath: join(directory, 'tree-sitter.wasm'),
    loadGrammar: async (language) => new Uint8Array(await readFile(join(directory, GRAMMAR_FILES[language]))),
  };
}

export const BUNDLED_GRAMMARS: readonly string[] = ['tree-sitter.wasm', ...Object.values(GRAMMAR_FILES)];

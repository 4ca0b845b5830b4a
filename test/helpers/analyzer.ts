import { dirname } from 'node:path';
import { Analyzer } from '../../server/src/analyzer/analyze';
import type { Rule } from '../../server/src/analyzer/rule';
import { nodeTreeSitterAssets } from '../../server/src/host/tree-sitter-assets';
import { allRules } from '../../server/src/rules';

/** Unbundled code reads the wasm files straight from the package. */
export const TEST_ASSETS = nodeTreeSitterAssets(dirname(require.resolve('@vscode/tree-sitter-wasm')));

let shared: Promise<Analyzer> | undefined;

/** One analyzer with every registered rule, shared by the tests of a process. */
export function sharedAnalyzer(): Promise<Analyzer> {
  shared ??= Analyzer.create(TEST_ASSETS, allRules);
  return shared;
}

export function analyzerWith(rules: readonly Rule[]): Promise<Analyzer> {
  return Analyzer.create(TEST_ASSETS, rules);
}

import { Analyzer } from '../../server/src/analyzer/analyze';
import type { Rule } from '../../server/src/analyzer/rule';
import { nodeTreeSitterAssets } from '../../server/src/host/tree-sitter-assets';
import { allRules } from '../../server/src/rules';

let shared: Promise<Analyzer> | undefined;

/** One analyzer with every registered rule, shared by the tests of a process. */
export function sharedAnalyzer(): Promise<Analyzer> {
  shared ??= Analyzer.create(nodeTreeSitterAssets(), allRules);
  return shared;
}

export function analyzerWith(rules: readonly Rule[]): Promise<Analyzer> {
  return Analyzer.create(nodeTreeSitterAssets(), rules);
}

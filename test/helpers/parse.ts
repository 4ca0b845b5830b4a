import type { CodeLanguage } from '../../server/src/analyzer/file-kind';
import { CodeParser } from '../../server/src/analyzer/syntax/code-parser';
import type { SyntaxNode } from '../../server/src/analyzer/syntax/syntax-tree';
import { TEST_ASSETS } from './analyzer';

/** Parsing for tests of the syntax helpers, which take nodes: the analyzer's own parser and tree copy. */
let parserReady: Promise<CodeParser> | undefined;

export async function parseRoot(name: CodeLanguage, text: string): Promise<SyntaxNode> {
  parserReady ??= CodeParser.create(TEST_ASSETS);
  return (await (await parserReady).parse(name, text, 5000)).rootNode;
}

/** `root` and every node under it, depth-first pre-order (the order the analyzer's walk uses). */
export function descendants(root: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    found.push(node);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return found;
}

/** Every node of `type` (named or anonymous) under `root`, in source order. */
export function nodesOfType(root: SyntaxNode, type: string): SyntaxNode[] {
  return descendants(root).filter((node) => node.type === type);
}

export async function nodesOf(name: CodeLanguage, text: string, type: string): Promise<SyntaxNode[]> {
  return nodesOfType(await parseRoot(name, text), type);
}

/** The `index`-th node of `type`; fails the test when there is none. */
export async function nodeOf(name: CodeLanguage, text: string, type: string, index = 0): Promise<SyntaxNode> {
  const node = (await nodesOf(name, text, type))[index];
  if (!node) throw new Error(`no ${type} #${index} in ${JSON.stringify(text)}`);
  return node;
}

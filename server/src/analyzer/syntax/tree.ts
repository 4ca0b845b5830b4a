import type { SyntaxNode } from './syntax-tree';

/** Named children (kept as a helper: rules used to filter tree-sitter's nullable lists here). */
export function namedChildren(node: SyntaxNode): readonly SyntaxNode[] {
  return node.namedChildren;
}

/** Children, anonymous tokens (punctuation) included. */
export function children(node: SyntaxNode): readonly SyntaxNode[] {
  return node.children;
}

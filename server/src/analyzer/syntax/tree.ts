import type { Node as SyntaxNode } from '@vscode/tree-sitter-wasm';

/** Non-null named children (tree-sitter types them as nullable). */
export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** Non-null children, anonymous tokens (punctuation) included. */
export function children(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child): child is SyntaxNode => child !== null);
}

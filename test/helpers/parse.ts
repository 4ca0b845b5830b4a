import { Language, Parser, type Node as SyntaxNode } from '@vscode/tree-sitter-wasm';
import type { CodeLanguage } from '../../server/src/analyzer/file-kind';
import { TEST_ASSETS } from './analyzer';

/**
 * Raw tree-sitter parsing for tests of the syntax helpers, which take nodes. Trees are kept alive
 * for the whole test process (they are small and the process is short-lived).
 */
let parserReady: Promise<Parser> | undefined;
const languages = new Map<CodeLanguage, Promise<Language>>();

function parser(): Promise<Parser> {
  parserReady ??= Parser.init({ locateFile: () => TEST_ASSETS.runtimeWasmPath }).then(() => new Parser());
  return parserReady;
}

function language(name: CodeLanguage): Promise<Language> {
  let loaded = languages.get(name);
  if (!loaded) {
    // The runtime must be initialised before a grammar can be loaded.
    loaded = parser().then(async () => Language.load(await TEST_ASSETS.loadGrammar(name)));
    languages.set(name, loaded);
  }
  return loaded;
}

export async function parseRoot(name: CodeLanguage, text: string): Promise<SyntaxNode> {
  const instance = await parser();
  const grammar = await language(name);
  instance.setLanguage(grammar);
  const tree = instance.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree.rootNode;
}

/** `root` and every node under it, depth-first pre-order (the order the analyzer's walk uses). */
export function descendants(root: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    found.push(node);
    for (const child of node.children) if (child) visit(child);
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

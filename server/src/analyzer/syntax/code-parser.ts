import { Language, Parser, type Edit, type Range, type Tree } from '@vscode/tree-sitter-wasm';
import type { CodeLanguage } from '../file-kind';
import { directCursorApi, SyntaxTree, type CopiedColumns, type CursorApi, type PreviousCopy } from './syntax-tree';

/** Where the tree-sitter runtime and grammars come from; the host (LSP, CLI, tests) provides it. */
export interface TreeSitterAssets {
  /** Path of `tree-sitter.wasm`, handed to the runtime's `locateFile`. */
  runtimeWasmPath: string;
  loadGrammar(language: CodeLanguage): Promise<Uint8Array>;
}

/** Emscripten makes the options object given to `Parser.init` the module itself, exports included. */
let runtime: Promise<object> | undefined;

function initRuntime(assets: TreeSitterAssets): Promise<object> {
  runtime ??= (async () => {
    const module = { locateFile: () => assets.runtimeWasmPath };
    await Parser.init(module);
    return module;
  })().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

export class ParseTimeoutError extends Error {}

/** How many documents keep their last tree-sitter tree for an incremental reparse. */
const RETAINED_DOCUMENTS = 32;

interface RetainedTree {
  language: CodeLanguage;
  text: string;
  tree: Tree;
  /** The columns of the copy handed out for `tree`: the next version clones what the edit left alone from them. */
  copy: CopiedColumns;
}

/**
 * One tree-sitter parser shared by all documents; grammars load on first use. Trees are handed out
 * as JavaScript copies (SyntaxTree), so callers never free anything. A document parsed with a key
 * keeps its tree-sitter tree, and its next version is parsed incrementally from it: tree-sitter
 * reuses every subtree outside the changed region, which turns a 25 ms parse into 1–2 ms. The
 * document's last copy is kept too, and the next copy clones the unchanged subtrees from it.
 */
export class CodeParser {
  private readonly languages = new Map<CodeLanguage, Promise<Language>>();
  /** Retained trees by document key, least recently used first. */
  private readonly retained = new Map<string, RetainedTree>();

  private constructor(
    private readonly assets: TreeSitterAssets,
    private readonly parser: Parser,
    private readonly cursorApi: CursorApi,
  ) {}

  static async create(assets: TreeSitterAssets): Promise<CodeParser> {
    const module = await initRuntime(assets);
    return new CodeParser(assets, new Parser(), directCursorApi(module));
  }

  /**
   * Parses `text`. With a `documentKey`, the previous version of that document (when it was parsed
   * with the same key and language) is reused for an incremental parse, and this version is kept.
   */
  async parse(language: CodeLanguage, text: string, timeoutMs: number, documentKey?: string): Promise<SyntaxTree> {
    const grammar = await this.language(language);
    const previous = documentKey === undefined ? undefined : this.take(documentKey);
    let oldTree: Tree | undefined;
    let edit: Edit | undefined;
    if (previous?.language === language) {
      edit = singleEdit(previous.text, text);
      previous.tree.edit(edit);
      oldTree = previous.tree;
    } else {
      previous?.tree.delete();
    }
    let tree: Tree | null = null;
    let changedRanges: Range[] | undefined;
    try {
      tree = this.parseWithDeadline(grammar, text, oldTree, timeoutMs);
      // Only the old tree knows which of its subtrees the edit touched, so ask before freeing it.
      if (tree && oldTree) changedRanges = oldTree.getChangedRanges(tree);
    } catch (error) {
      tree?.delete();
      throw error;
    } finally {
      oldTree?.delete();
    }
    if (!tree) throw new ParseTimeoutError(`parsing took longer than ${timeoutMs} ms`);
    const reusable: PreviousCopy | undefined = previous && edit && changedRanges ? { tree: previous.copy, edit, changedRanges } : undefined;
    let copy: SyntaxTree;
    try {
      copy = SyntaxTree.copy(tree, text, this.cursorApi, reusable);
    } catch (error) {
      tree.delete();
      throw error;
    }
    if (documentKey === undefined) tree.delete();
    else this.retain(documentKey, { language, text, tree, copy: copy.columns() });
    return copy;
  }

  /** Frees the tree kept for `documentKey` (the document was closed). */
  forget(documentKey: string): void {
    this.take(documentKey)?.tree.delete();
  }

  /** How many documents currently keep a tree (for tests and benchmarks). */
  get retainedCount(): number {
    return this.retained.size;
  }

  dispose(): void {
    for (const { tree } of this.retained.values()) tree.delete();
    this.retained.clear();
    this.parser.delete();
  }

  private parseWithDeadline(grammar: Language, text: string, oldTree: Tree | undefined, timeoutMs: number): Tree | null {
    this.parser.setLanguage(grammar);
    const deadline = Date.now() + timeoutMs;
    // A cancelled parse leaves state behind that the next parse would resume from.
    this.parser.reset();
    const tree = this.parser.parse(text, oldTree ?? null, { progressCallback: () => Date.now() > deadline });
    if (!tree) this.parser.reset();
    return tree;
  }

  private take(documentKey: string): RetainedTree | undefined {
    const retained = this.retained.get(documentKey);
    this.retained.delete(documentKey);
    return retained;
  }

  private retain(documentKey: string, retained: RetainedTree): void {
    this.retained.set(documentKey, retained);
    for (const [key, oldest] of this.retained) {
      if (this.retained.size <= RETAINED_DOCUMENTS) break;
      oldest.tree.delete();
      this.retained.delete(key);
    }
  }

  private language(language: CodeLanguage): Promise<Language> {
    let loaded = this.languages.get(language);
    if (!loaded) {
      loaded = this.assets.loadGrammar(language).then((bytes) => Language.load(bytes));
      loaded.catch(() => this.languages.delete(language));
      this.languages.set(language, loaded);
    }
    return loaded;
  }
}

/**
 * The one edit that turns `before` into `after`: the span between their common prefix and common
 * suffix. Computed from the texts rather than taken from the editor's change events, so it is right
 * however the host delivered the change (whole text, several ranges, or a version it skipped).
 */
export function singleEdit(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const oldEndIndex = before.length - suffix;
  const newEndIndex = after.length - suffix;
  return {
    startIndex: prefix,
    oldEndIndex,
    newEndIndex,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, oldEndIndex),
    newEndPosition: pointAt(after, newEndIndex),
  };
}

/**
 * Row and column of `offset` as web-tree-sitter counts them: rows end at \n only and columns are
 * UTF-16 code units. (LineIndex also ends a line at a lone \r, so its rows can differ.)
 */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let newline = text.indexOf('\n'); newline >= 0 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    row++;
    lineStart = newline + 1;
  }
  return { row, column: offset - lineStart };
}

import { Language, Parser, type Tree } from '@vscode/tree-sitter-wasm';
import type { CodeLanguage } from '../file-kind';

/** Where the tree-sitter runtime and grammars come from; the host (LSP, CLI, tests) provides it. */
export interface TreeSitterAssets {
  /** Path of `tree-sitter.wasm`, handed to the runtime's `locateFile`. */
  runtimeWasmPath: string;
  loadGrammar(language: CodeLanguage): Promise<Uint8Array>;
}

let runtimeReady: Promise<void> | undefined;

function initRuntime(assets: TreeSitterAssets): Promise<void> {
  runtimeReady ??= Parser.init({ locateFile: () => assets.runtimeWasmPath }).catch((error: unknown) => {
    runtimeReady = undefined;
    throw error;
  });
  return runtimeReady;
}

export class ParseTimeoutError extends Error {}

/** One tree-sitter parser shared by all documents; grammars load on first use. */
export class CodeParser {
  private readonly languages = new Map<CodeLanguage, Promise<Language>>();

  private constructor(
    private readonly assets: TreeSitterAssets,
    private readonly parser: Parser,
  ) {}

  static async create(assets: TreeSitterAssets): Promise<CodeParser> {
    await initRuntime(assets);
    return new CodeParser(assets, new Parser());
  }

  /** Parses `text`; the caller owns the tree and must `delete()` it. */
  async parse(language: CodeLanguage, text: string, timeoutMs: number): Promise<Tree> {
    const grammar = await this.language(language);
    this.parser.setLanguage(grammar);
    const deadline = Date.now() + timeoutMs;
    // A cancelled parse leaves state behind that the next parse would resume from.
    this.parser.reset();
    const tree = this.parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
    if (!tree) {
      this.parser.reset();
      throw new ParseTimeoutError(`parsing took longer than ${timeoutMs} ms`);
    }
    return tree;
  }

  dispose(): void {
    this.parser.delete();
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

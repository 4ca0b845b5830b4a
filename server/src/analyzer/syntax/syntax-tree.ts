import type { Language, Tree } from '@vscode/tree-sitter-wasm';

/**
 * A syntax tree held in JavaScript objects, copied from tree-sitter's tree in one walk.
 *
 * Rules read node types, texts, fields and parents tens of times per node. Through the
 * tree-sitter wasm API every such read crosses into wasm and marshals the node (0.3–2 µs each),
 * which made the rules cost ten times the parse. Copying the tree once (about 0.5 µs per node) and
 * reading plain objects afterwards keeps the rules' cost proportional to their own work. The copy
 * also lets the tree-sitter tree be freed (or kept for an incremental reparse) independently.
 */
export interface SyntaxNode {
  /** Pre-order index in its tree: unique per tree, and a node's descendants follow it. */
  readonly id: number;
  readonly type: string;
  readonly typeId: number;
  readonly isNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly parent: SyntaxNode | null;
  readonly children: readonly SyntaxNode[];
  readonly namedChildren: readonly SyntaxNode[];
  readonly firstChild: SyntaxNode | null;
  readonly lastChild: SyntaxNode | null;
  readonly tree: SyntaxTree;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): SyntaxNode[];
  /** This node (when it matches) and its descendants of the given types, in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[];
  /** The smallest node, anonymous tokens included, that spans `start`–`end` (tree-sitter's rule). */
  descendantForIndex(start: number, end?: number): SyntaxNode;
}

/** What a copy needs from the grammar: names by type id, which types are named, field names by id. */
interface GrammarTables {
  readonly typeNames: readonly string[];
  readonly namedTypes: readonly boolean[];
  readonly fieldIds: ReadonlyMap<string, number>;
}

const ERROR_TYPE_ID = 65535;
const grammarTables = new WeakMap<Language, GrammarTables>();

function tablesOf(language: Language): GrammarTables {
  let tables = grammarTables.get(language);
  if (!tables) {
    const typeNames = language.types.map((name) => name ?? '');
    const namedTypes = typeNames.map((_, typeId) => language.nodeTypeIsNamed(typeId));
    const fieldIds = new Map<string, number>();
    language.fields.forEach((name, fieldId) => {
      if (name) fieldIds.set(name, fieldId);
    });
    tables = { typeNames, namedTypes, fieldIds };
    grammarTables.set(language, tables);
  }
  return tables;
}

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** Nodes by type name, in document order (tree-sitter gives several symbols one name). */
  private readonly nodesByType = new Map<string, CopiedNode[]>();

  private constructor(
    readonly text: string,
    private readonly tables: GrammarTables,
    /** Whether tree-sitter recovered from syntax errors (ERROR or missing nodes). */
    readonly hasError: boolean,
    walk: (tree: SyntaxTree) => CopiedNode,
  ) {
    this.rootNode = walk(this);
  }

  /** Copies a tree-sitter tree; `text` is the text it was parsed from. The caller still owns `tree`. */
  static copy(tree: Tree, text: string, cursorApi: CursorApi): SyntaxTree {
    const hasError = tree.rootNode.hasError;
    return new SyntaxTree(text, tablesOf(tree.language), hasError, (syntaxTree) => syntaxTree.copyNodes(cursorApi.open(tree)));
  }

  typeName(typeId: number): string {
    return this.tables.typeNames[typeId] ?? 'ERROR';
  }

  isNamedType(typeId: number): boolean {
    return typeId === ERROR_TYPE_ID || (this.tables.namedTypes[typeId] ?? false);
  }

  fieldId(fieldName: string): number | undefined {
    return this.tables.fieldIds.get(fieldName);
  }

  /** Nodes of `types` with ids in `first`–`last` (one subtree), in document order. */
  nodesOfTypes(types: readonly string[], first: number, last: number): CopiedNode[] {
    const lists = types.map((type) => this.nodesByType.get(type)).filter((list): list is CopiedNode[] => list !== undefined);
    const found: CopiedNode[] = [];
    for (const list of lists) {
      for (let index = firstIdAtLeast(list, first); index < list.length && list[index]!.id <= last; index++) found.push(list[index]!);
    }
    if (lists.length > 1) found.sort((a, b) => a.id - b.id);
    return found;
  }

  private copyNodes(cursor: TreeCursorReader): CopiedNode {
    const root = this.newNode(cursor, null, 0);
    let parent = root;
    let id = 0;
    try {
      if (!cursor.gotoFirstChild()) return root;
      for (;;) {
        const node = this.newNode(cursor, parent, ++id);
        if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
        if (cursor.gotoFirstChild()) {
          parent = node;
          continue;
        }
        node.lastId = id;
        while (!cursor.gotoNextSibling()) {
          parent.lastId = id;
          if (parent === root || !cursor.gotoParent()) return root;
          parent = parent.parent!;
        }
      }
    } finally {
      cursor.close();
    }
  }

  private newNode(cursor: TreeCursorReader, parent: CopiedNode | null, id: number): CopiedNode {
    const typeId = cursor.typeId();
    const node = new CopiedNode(this, id, typeId, cursor.fieldId(), cursor.startIndex(), cursor.endIndex(), parent);
    const type = this.typeName(typeId);
    let list = this.nodesByType.get(type);
    if (!list) this.nodesByType.set(type, (list = []));
    list.push(node);
    return node;
  }
}

function firstIdAtLeast(list: readonly CopiedNode[], id: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.id < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Shared by all leaves (about half the nodes), so copying a tree allocates no empty arrays. */
const NO_CHILDREN: CopiedNode[] = [];

class CopiedNode implements SyntaxNode {
  children: CopiedNode[] = NO_CHILDREN;
  /** Largest id in this node's subtree. */
  lastId: number;
  private cachedText: string | undefined;
  private cachedNamedChildren: readonly CopiedNode[] | undefined;

  constructor(
    readonly tree: SyntaxTree,
    readonly id: number,
    readonly typeId: number,
    /** The field this node fills in its parent; 0 for none. */
    readonly fieldId: number,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly parent: CopiedNode | null,
  ) {
    this.lastId = id;
  }

  get type(): string {
    return this.tree.typeName(this.typeId);
  }

  get isNamed(): boolean {
    return this.tree.isNamedType(this.typeId);
  }

  get text(): string {
    return (this.cachedText ??= this.tree.text.slice(this.startIndex, this.endIndex));
  }

  get namedChildren(): readonly CopiedNode[] {
    return (this.cachedNamedChildren ??= this.children === NO_CHILDREN ? NO_CHILDREN : this.children.filter((child) => child.isNamed));
  }

  get firstChild(): CopiedNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): CopiedNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  childForFieldName(fieldName: string): CopiedNode | null {
    const fieldId = this.tree.fieldId(fieldName);
    if (fieldId === undefined) return null;
    for (const child of this.children) if (child.fieldId === fieldId) return child;
    return null;
  }

  childrenForFieldName(fieldName: string): CopiedNode[] {
    const fieldId = this.tree.fieldId(fieldName);
    return fieldId === undefined ? [] : this.children.filter((child) => child.fieldId === fieldId);
  }

  descendantsOfType(types: string | readonly string[]): CopiedNode[] {
    return this.tree.nodesOfTypes(typeof types === 'string' ? [types] : types, this.id, this.lastId);
  }

  descendantForIndex(start: number, end = start): CopiedNode {
    const child = this.children.find((candidate) => candidate.endIndex >= end && candidate.endIndex > start);
    return child && child.startIndex <= start ? child.descendantForIndex(start, end) : this;
  }
}

/** Reads a tree-sitter tree cursor; one implementation per way of reaching the wasm module. */
export interface TreeCursorReader {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  close(): void;
}

export interface CursorApi {
  open(tree: Tree): TreeCursorReader;
}

/** The public web-tree-sitter cursor API: correct everywhere, but each call marshals the cursor. */
export const publicCursorApi: CursorApi = {
  open(tree) {
    const cursor = tree.walk();
    return {
      gotoFirstChild: () => cursor.gotoFirstChild(),
      gotoNextSibling: () => cursor.gotoNextSibling(),
      gotoParent: () => cursor.gotoParent(),
      typeId: () => cursor.nodeTypeId,
      fieldId: () => cursor.currentFieldId,
      startIndex: () => cursor.startIndex,
      endIndex: () => cursor.endIndex,
      close: () => cursor.delete(),
    };
  },
};

/** The wasm module's exported cursor functions (web-tree-sitter's binding), taking the tree's address. */
interface CursorExports {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

const CURSOR_EXPORTS = [
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_delete_wasm',
] as const;

/**
 * Calls the wasm module's cursor functions directly. The binding keeps a cursor in its transfer
 * buffer between calls: each function reads the cursor from there and writes it back after a move,
 * so a walk that makes no other tree-sitter call in between needs no marshalling at all (the public
 * API copies the cursor in and out on every call, which is most of its cost). Falls back to the
 * public API when the module does not export what this needs.
 */
export function directCursorApi(module: object): CursorApi {
  const exports = module as Partial<CursorExports>;
  if (!CURSOR_EXPORTS.every((name) => typeof exports[name] === 'function')) return publicCursorApi;
  const binding = exports as CursorExports;
  return {
    open(tree) {
      const cursor = tree.walk();
      // Any public cursor call leaves the cursor in the transfer buffer; from here on the buffer is the cursor.
      void cursor.nodeTypeId;
      const address = (tree as unknown as { 0: number })[0];
      return {
        gotoFirstChild: () => binding._ts_tree_cursor_goto_first_child_wasm(address) === 1,
        gotoNextSibling: () => binding._ts_tree_cursor_goto_next_sibling_wasm(address) === 1,
        gotoParent: () => binding._ts_tree_cursor_goto_parent_wasm(address) === 1,
        typeId: () => binding._ts_tree_cursor_current_node_type_id_wasm(address),
        fieldId: () => binding._ts_tree_cursor_current_field_id_wasm(address),
        startIndex: () => binding._ts_tree_cursor_start_index_wasm(address),
        endIndex: () => binding._ts_tree_cursor_end_index_wasm(address),
        // Frees the cursor's current stack (the public object's copy may point at a reallocated one).
        close: () => binding._ts_tree_cursor_delete_wasm(address),
      };
    },
  };
}

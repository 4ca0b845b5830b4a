import type { Edit, Language, Tree } from '@vscode/tree-sitter-wasm';

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

/** What a copy of a document's next version can reuse from the copy of its previous version. */
export interface PreviousCopy {
  readonly tree: SyntaxTree;
  /** The edit that turned the previous text into the new one (the one applied to the old tree-sitter tree). */
  readonly edit: Edit;
  /** `oldTree.getChangedRanges(newTree)`, in the new text's offsets. */
  readonly changedRanges: readonly { readonly startIndex: number; readonly endIndex: number }[];
}

export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  /** Nodes by type name, in document order (tree-sitter gives several symbols one name). */
  private readonly nodesByType = new Map<string, CopiedNode[]>();
  /** The same lists by type id, so indexing a node costs no name lookup. */
  private readonly listsByTypeId: Array<CopiedNode[] | undefined> = [];
  /** The id the next copied node gets; only meaningful while the constructor builds the tree. */
  private nextId = 0;

  private constructor(
    readonly text: string,
    private readonly tables: GrammarTables,
    /** Whether tree-sitter recovered from syntax errors (ERROR or missing nodes). */
    readonly hasError: boolean,
    walk: (tree: SyntaxTree) => CopiedNode,
  ) {
    this.rootNode = walk(this);
  }

  /**
   * Copies a tree-sitter tree; `text` is the text it was parsed from. The caller still owns `tree`.
   * With `previous`, subtrees that the edit left alone are cloned from the previous copy (plain
   * JavaScript, about ten times cheaper than reading them through wasm), so the cost of copying a
   * reparsed document follows the size of the change rather than the size of the document.
   */
  static copy(tree: Tree, text: string, cursorApi: CursorApi, previous?: PreviousCopy): SyntaxTree {
    const hasError = tree.rootNode.hasError;
    const tables = tablesOf(tree.language);
    // A copy from another grammar has other type ids; nothing in it can be reused.
    const reuse = previous && previous.tree.tables === tables ? new Reuse(previous) : undefined;
    return new SyntaxTree(text, tables, hasError, (syntaxTree) => {
      const cursor = cursorApi.open(tree);
      try {
        return reuse ? syntaxTree.copyChangedNodes(cursor, reuse) : syntaxTree.copyAllNodes(cursor);
      } finally {
        cursor.close();
      }
    });
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

  private copyAllNodes(cursor: TreeCursorReader): CopiedNode {
    const root = this.newNode(cursor, null);
    this.copyDescendants(cursor, root);
    return root;
  }

  /**
   * Walks only what the edit may have changed: a node that touches the edit or a changed range is
   * read and descended into; any other node is cloned from its counterpart in the previous copy, or
   * (when it has none) copied whole from the cursor. Nodes are created in document order, so ids
   * stay pre-order and every by-type list stays sorted.
   */
  private copyChangedNodes(cursor: TreeCursorReader, reuse: Reuse): CopiedNode {
    const root = this.newNode(cursor, null);
    this.walkBelow(cursor, root, (parent) => {
      const start = cursor.startIndex();
      const end = cursor.endIndex();
      if (reuse.touchesChange(start, end)) return this.newNode(cursor, parent, start, end);
      const old = reuse.counterpart(start, end, cursor.typeId());
      if (old) this.cloneSubtree(old, parent, cursor.fieldId(), start - old.startIndex);
      else this.copyDescendants(cursor, this.newNode(cursor, parent, start, end));
      return undefined;
    });
    return root;
  }

  /** Copies the descendants of the cursor's node (`root`) and leaves the cursor back on that node. */
  private copyDescendants(cursor: TreeCursorReader, root: CopiedNode): void {
    this.walkBelow(cursor, root, (parent) => this.newNode(cursor, parent));
  }

  /**
   * Moves the cursor through the descendants of its node (`root`) in pre-order and leaves it back on
   * that node. `enter` adds the node under the cursor (or its whole subtree) and returns the node to
   * descend into, if any. Each parent's `lastId` is set when its last child is done.
   */
  private walkBelow(cursor: TreeCursorReader, root: CopiedNode, enter: (parent: CopiedNode) => CopiedNode | undefined): void {
    if (!cursor.gotoFirstChild()) return;
    let parent = root;
    for (;;) {
      const node = enter(parent);
      if (node && cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        parent.lastId = this.nextId - 1;
        cursor.gotoParent();
        if (parent === root) return;
        parent = parent.parent!;
      }
    }
  }

  /**
   * Clones `old` and its descendants under `parent`, `shift` characters later. The subtree's shape
   * is unchanged, so its ids keep their spacing: each is the old one plus a constant.
   */
  private cloneSubtree(old: CopiedNode, parent: CopiedNode, fieldId: number, shift: number): void {
    const idShift = this.nextId - old.id;
    const root = this.cloneNode(old, parent, fieldId, shift, idShift);
    this.adopt(root, parent);
    // Pre-order with an explicit stack: trees can be deeper than the call stack (long operator chains).
    const sources: CopiedNode[] = [old];
    const clones: CopiedNode[] = [root];
    for (let source = sources.pop(); source; source = sources.pop()) {
      const clone = clones.pop()!;
      if (clone !== root) this.index(clone);
      const children = source.children;
      if (children === NO_CHILDREN) continue;
      // A slice has exactly the right length (no growth from pushes); its slots are overwritten below.
      clone.children = children.slice();
      for (let index = children.length - 1; index >= 0; index--) {
        const child = children[index]!;
        clone.children[index] = this.cloneNode(child, clone, child.fieldId, shift, idShift);
        sources.push(child);
        clones.push(clone.children[index]!);
      }
    }
    this.nextId = old.lastId + idShift + 1;
  }

  private cloneNode(source: CopiedNode, parent: CopiedNode, fieldId: number, shift: number, idShift: number): CopiedNode {
    const node = new CopiedNode(this, source.id + idShift, source.typeId, fieldId, source.startIndex + shift, source.endIndex + shift, parent);
    node.lastId = source.lastId + idShift;
    return node;
  }

  /** A node for the cursor's position; `start` and `end` when the caller has read them already. */
  private newNode(cursor: TreeCursorReader, parent: CopiedNode | null, start = cursor.startIndex(), end = cursor.endIndex()): CopiedNode {
    const node = new CopiedNode(this, this.nextId++, cursor.typeId(), cursor.fieldId(), start, end, parent);
    this.adopt(node, parent);
    return node;
  }

  /** Adds a node created in document order to its parent's children and to its type's list. */
  private adopt(node: CopiedNode, parent: CopiedNode | null): void {
    if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
    }
    this.index(node);
  }

  /** Nodes must be indexed in document order, which keeps each type's list sorted by id. */
  private index(node: CopiedNode): void {
    let list = this.listsByTypeId[node.typeId];
    if (!list) {
      const type = this.typeName(node.typeId);
      list = this.nodesByType.get(type);
      if (!list) this.nodesByType.set(type, (list = []));
      this.listsByTypeId[node.typeId] = list;
    }
    list.push(node);
  }
}

/**
 * Which parts of a reparsed document the previous copy still describes. Outside the edit and the
 * ranges tree-sitter reports as changed, every character has the same ancestors as before, so a
 * node lying wholly outside them has the same subtree as its counterpart in the previous copy.
 * Touching counts as changed: a token next to the edit can grow into it (`pass` → `pass2`) without
 * tree-sitter reporting a changed range.
 */
class Reuse {
  /** The edit's span and the changed ranges, in new offsets, sorted, with touching spans merged. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly editStart: number;
  /** How far text after the edit moved. */
  private readonly delta: number;
  private readonly oldRoot: CopiedNode;

  constructor(previous: PreviousCopy) {
    const { edit } = previous;
    this.editStart = edit.startIndex;
    this.delta = edit.newEndIndex - edit.oldEndIndex;
    this.oldRoot = previous.tree.rootNode as CopiedNode;
    const spans = [{ startIndex: edit.startIndex, endIndex: edit.newEndIndex }, ...previous.changedRanges].sort((a, b) => a.startIndex - b.startIndex);
    for (const span of spans) {
      const last = this.ends.length - 1;
      if (last >= 0 && span.startIndex <= this.ends[last]!) this.ends[last] = Math.max(this.ends[last]!, span.endIndex);
      else {
        this.starts.push(span.startIndex);
        this.ends.push(span.endIndex);
      }
    }
  }

  touchesChange(start: number, end: number): boolean {
    // The first span that does not end before `start`; it touches when it starts by `end`.
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.ends[middle]! < start) low = middle + 1;
      else high = middle;
    }
    return low < this.starts.length && this.starts[low]! <= end;
  }

  /** The previous copy's node of this type over the same text, for a node that does not touch the change. */
  counterpart(start: number, end: number, typeId: number): CopiedNode | undefined {
    // Empty nodes (missing tokens) cannot be told apart by range; they are few and cheap to read.
    if (start === end) return undefined;
    const oldStart = end < this.editStart ? start : start - this.delta;
    const oldEnd = oldStart + (end - start);
    let node = this.oldRoot;
    for (;;) {
      if (node.startIndex === oldStart && node.endIndex === oldEnd && node.typeId === typeId) return node;
      // Children do not overlap, so only the first one ending after `oldStart` can contain the span.
      const children = node.children;
      let low = 0;
      let high = children.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (children[middle]!.endIndex <= oldStart) low = middle + 1;
        else high = middle;
      }
      const child = children[low];
      if (!child || child.startIndex > oldStart || child.endIndex < oldEnd) return undefined;
      node = child;
    }
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

import type { Edit, Language, Tree } from '@vscode/tree-sitter-wasm';

/**
 * A syntax tree held in JavaScript, copied from tree-sitter's tree in one walk.
 *
 * Rules read node types, texts, fields and parents tens of times per node. Through the
 * tree-sitter wasm API every such read crosses into wasm and marshals the node (0.3–2 µs each),
 * which made the rules cost ten times the parse. Copying the tree once and reading JavaScript
 * afterwards keeps the rules' cost proportional to their own work. The copy also lets the
 * tree-sitter tree be freed (or kept for an incremental reparse) independently.
 *
 * The copy is stored column-wise: typed arrays hold each node's type, field, range, parent and
 * subtree end, indexed by its pre-order id. An object per node (the first design) made a
 * 1,000-line file 3 MB of young objects that were still alive when the rules ran, so each minor GC
 * copied them all (about 12 ms per analysis). Buffers are not copied by the GC. The `SyntaxNode`
 * objects rules see are created on first access and kept for the tree's lifetime, so a node read
 * twice is the same object.
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
  /** Whether `node` is this node or lies inside it (same tree). */
  contains(node: SyntaxNode): boolean;
  /** The nearest proper ancestor whose type is one of `types`, found without creating the nodes in between. */
  closestAncestor(types: ReadonlySet<string>): SyntaxNode | null;
}

/** What a copy needs from the grammar: names by type id, which types are named, field names by id. */
interface GrammarTables {
  readonly typeNames: readonly string[];
  readonly namedTypes: readonly boolean[];
  readonly fieldIds: ReadonlyMap<string, number>;
  /**
   * The by-type index's buckets for each type name: tree-sitter gives several symbols one name, and
   * ids the grammar does not list (ERROR) share the bucket after the last type id.
   */
  readonly bucketsByName: ReadonlyMap<string, readonly number[]>;
  /** `descendantsOfType` lists seen before (rules pass constants), with their buckets. */
  readonly selections: WeakMap<readonly string[], TypeSelection>;
}

interface TypeSelection {
  readonly buckets: readonly number[];
  /** By bucket: 1 when wanted. */
  readonly wanted: Uint8Array;
}

const ERROR_TYPE_ID = 65535;
/** Below this many nodes per wanted type, `descendantsOfType` scans the subtree instead of searching the by-type index. */
const SCAN_NODES_PER_TYPE = 48;
const NODE_CHUNK_BITS = 10;
const NODE_CHUNK_MASK = (1 << NODE_CHUNK_BITS) - 1;
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
    const bucketsByName = new Map<string, number[]>();
    const addBucket = (name: string, bucket: number) => {
      const buckets = bucketsByName.get(name);
      if (buckets) buckets.push(bucket);
      else bucketsByName.set(name, [bucket]);
    };
    typeNames.forEach((name, typeId) => addBucket(name, typeId));
    addBucket('ERROR', typeNames.length);
    tables = { typeNames, namedTypes, fieldIds, bucketsByName, selections: new WeakMap() };
    grammarTables.set(language, tables);
  }
  return tables;
}

/** What a copy of a document's next version can reuse from the copy of its previous version. */
export interface PreviousCopy {
  /** The previous copy, or only its columns (`SyntaxTree.columns`): the node objects are not needed. */
  readonly tree: CopiedColumns;
  /** The edit that turned the previous text into the new one (the one applied to the old tree-sitter tree). */
  readonly edit: Edit;
  /** `oldTree.getChangedRanges(newTree)`, in the new text's offsets. */
  readonly changedRanges: readonly { readonly startIndex: number; readonly endIndex: number }[];
}

/** A copy's columns and the grammar they were read with. */
export interface CopiedColumns extends Columns {
  readonly grammar: GrammarTables;
}

/** Per-node columns, indexed by node id (pre-order). */
interface Columns {
  readonly count: number;
  readonly typeIds: Uint16Array;
  /** The field a node fills in its parent; 0 for none. */
  readonly fieldIds: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** -1 for the root. */
  readonly parents: Int32Array;
  /** The largest id in a node's subtree: its children are `id + 1`, then each child's last id + 1, up to this. */
  readonly lastIds: Int32Array;
}

export class SyntaxTree implements CopiedColumns {
  readonly rootNode: SyntaxNode;
  readonly count: number;
  readonly typeIds: Uint16Array;
  readonly fieldIds: Uint16Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly parents: Int32Array;
  readonly lastIds: Int32Array;
  /** Node ids grouped by type bucket, each group in document order; group `b` starts at `bucketStarts[b]`. */
  private readonly idsByType: Int32Array;
  private readonly bucketStarts: Int32Array;
  /**
   * Node objects by id, created when first asked for, in chunks of NODE_CHUNK. One array for all
   * ids would be big enough to be allocated in the old generation, and the young GC keeps every
   * young object an old one points to: all node objects would then outlive each analysis until
   * the next full GC, and be copied on the way.
   */
  private readonly nodeChunks: Array<Array<TreeNode | undefined> | undefined>;

  private constructor(
    readonly text: string,
    readonly grammar: GrammarTables,
    /** Whether tree-sitter recovered from syntax errors (ERROR or missing nodes). */
    readonly hasError: boolean,
    columns: Columns,
  ) {
    ({ count: this.count, typeIds: this.typeIds, fieldIds: this.fieldIds, starts: this.starts, ends: this.ends, parents: this.parents, lastIds: this.lastIds } = columns);
    // A counting sort by type: ids are visited in order, so each group comes out in document order.
    const bucketCount = grammar.typeNames.length + 1;
    const bucketStarts = new Int32Array(bucketCount + 1);
    for (let id = 0; id < this.count; id++) {
      const bucket = this.bucketOf(this.typeIds[id]!);
      bucketStarts[bucket + 1] = bucketStarts[bucket + 1]! + 1;
    }
    for (let bucket = 0; bucket < bucketCount; bucket++) bucketStarts[bucket + 1] = bucketStarts[bucket + 1]! + bucketStarts[bucket]!;
    const next = bucketStarts.slice(0, bucketCount);
    const idsByType = new Int32Array(this.count);
    for (let id = 0; id < this.count; id++) {
      const bucket = this.bucketOf(this.typeIds[id]!);
      idsByType[next[bucket]!] = id;
      next[bucket] = next[bucket]! + 1;
    }
    this.idsByType = idsByType;
    this.bucketStarts = bucketStarts;
    this.nodeChunks = new Array<Array<TreeNode | undefined> | undefined>((this.count >> NODE_CHUNK_BITS) + 1);
    this.rootNode = this.node(0);
  }

  /**
   * Copies a tree-sitter tree; `text` is the text it was parsed from. The caller still owns `tree`.
   * With `previous`, subtrees that the edit left alone are cloned from the previous copy (a
   * few array copies instead of reading them through wasm), so the cost of copying a reparsed
   * document follows the size of the change rather than the size of the document.
   */
  static copy(tree: Tree, text: string, cursorApi: CursorApi, previous?: PreviousCopy): SyntaxTree {
    const hasError = tree.rootNode.hasError;
    const tables = tablesOf(tree.language);
    // A copy from another grammar has other type ids; nothing in it can be reused.
    const reuse = previous && previous.tree.grammar === tables ? new Reuse(previous) : undefined;
    // Code averages a node per three to five characters; the columns grow if that was too few.
    const builder = new TreeBuilder(reuse ? previous!.tree.count + 256 : (text.length >> 2) + 64);
    const cursor = cursorApi.open(tree);
    try {
      if (reuse) builder.copyChangedNodes(cursor, reuse);
      else builder.copyAllNodes(cursor);
    } finally {
      cursor.close();
    }
    return new SyntaxTree(text, tables, hasError, builder.finish());
  }

  /**
   * The columns without the node objects: what a document keeps for copying its next version. The
   * node objects rules created stay with this tree and go when it does, instead of living on.
   */
  columns(): CopiedColumns {
    const { grammar, count, typeIds, fieldIds, starts, ends, parents, lastIds } = this;
    return { grammar, count, typeIds, fieldIds, starts, ends, parents, lastIds };
  }

  /**
   * Forgets the node objects made so far; nodes already handed out stay usable, and asking again
   * makes new ones. Called when an analysis is done with the tree: V8 may have placed the chunk
   * arrays in the old generation (it pretenures what long analyses keep alive), and an old array
   * keeps every young node object it points to alive through minor GCs until the next full GC, dead
   * or not. Each minor GC then copied megabytes of earlier analyses' nodes.
   */
  releaseNodes(): void {
    this.nodeChunks.fill(undefined);
  }

  /** The node with this id (ids run from 0, the root, to `count - 1`). */
  node(id: number): TreeNode {
    const chunk = (this.nodeChunks[id >> NODE_CHUNK_BITS] ??= new Array<TreeNode | undefined>(1 << NODE_CHUNK_BITS));
    return (chunk[id & NODE_CHUNK_MASK] ??= new TreeNode(this, id));
  }

  typeName(typeId: number): string {
    return this.grammar.typeNames[typeId] ?? 'ERROR';
  }

  isNamedType(typeId: number): boolean {
    return typeId === ERROR_TYPE_ID || (this.grammar.namedTypes[typeId] ?? false);
  }

  fieldId(fieldName: string): number | undefined {
    return this.grammar.fieldIds.get(fieldName);
  }

  /** Nodes of `types` with ids in `first`–`last` (one subtree), in document order. */
  nodesOfTypes(types: readonly string[], first: number, last: number): TreeNode[] {
    const ids = this.idsOfTypes(types, first, last);
    const found = new Array<TreeNode>(ids.length);
    for (let index = 0; index < ids.length; index++) found[index] = this.node(ids[index]!);
    return found;
  }

  /** The ids of `nodesOfTypes`, without creating node objects. */
  idsOfTypes(types: readonly string[], first: number, last: number): ArrayLike<number> {
    const { buckets, wanted } = this.selection(types);
    // A small subtree asked for many types (a function body, for the names and guards in it) is
    // cheaper to scan than to search in every type's group and sort the merged result.
    return last - first < SCAN_NODES_PER_TYPE * buckets.length ? this.scanForBuckets(wanted, first, last) : this.searchBuckets(buckets, first, last);
  }

  /** The buckets of a list of type names; remembered per list, as rules ask with constant lists. */
  private selection(types: readonly string[]): TypeSelection {
    let selection = this.grammar.selections.get(types);
    if (!selection) {
      const buckets: number[] = [];
      for (const type of types) for (const bucket of this.grammar.bucketsByName.get(type) ?? []) buckets.push(bucket);
      const wanted = new Uint8Array(this.grammar.typeNames.length + 1);
      for (const bucket of buckets) wanted[bucket] = 1;
      selection = { buckets, wanted };
      this.grammar.selections.set(types, selection);
    }
    return selection;
  }

  private scanForBuckets(wanted: Uint8Array, first: number, last: number): number[] {
    const ids: number[] = [];
    for (let id = first; id <= last; id++) if (wanted[this.bucketOf(this.typeIds[id]!)] === 1) ids.push(id);
    return ids;
  }

  private searchBuckets(buckets: readonly number[], first: number, last: number): ArrayLike<number> {
    const ids: number[] = [];
    let groups = 0;
    for (const bucket of buckets) {
      const end = this.bucketStarts[bucket + 1]!;
      let low = this.bucketStarts[bucket]!;
      let high = end;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (this.idsByType[middle]! < first) low = middle + 1;
        else high = middle;
      }
      const before = ids.length;
      for (let index = low; index < end && this.idsByType[index]! <= last; index++) ids.push(this.idsByType[index]!);
      if (ids.length > before) groups++;
    }
    // Several groups interleave; a typed array sorts numbers natively, without a comparator call per step.
    return groups > 1 ? Int32Array.from(ids).sort() : ids;
  }

  /** The children of node `id` (only the named ones with `namedOnly`), as node objects. */
  childrenOf(id: number, namedOnly = false): TreeNode[] {
    const children: TreeNode[] = [];
    const last = this.lastIds[id]!;
    for (let child = id + 1; child <= last; child = this.lastIds[child]! + 1) {
      if (!namedOnly || this.isNamedType(this.typeIds[child]!)) children.push(this.node(child));
    }
    return children;
  }

  /** The last child of node `id`, or -1. */
  lastChildId(id: number): number {
    const last = this.lastIds[id]!;
    let found = -1;
    for (let child = id + 1; child <= last; child = this.lastIds[child]! + 1) found = child;
    return found;
  }

  /** The first child of node `id` that fills field `fieldId`, or -1. */
  childIdForField(id: number, fieldId: number): number {
    const last = this.lastIds[id]!;
    for (let child = id + 1; child <= last; child = this.lastIds[child]! + 1) if (this.fieldIds[child] === fieldId) return child;
    return -1;
  }

  /** tree-sitter's descendantForIndex, from node `id`: descends while one child spans `start`–`end`. */
  descendantIdForIndex(id: number, start: number, end: number): number {
    for (let current = id; ; ) {
      let spanning = -1;
      const last = this.lastIds[current]!;
      for (let child = current + 1; child <= last; child = this.lastIds[child]! + 1) {
        if (this.ends[child]! >= end && this.ends[child]! > start) {
          spanning = child;
          break;
        }
      }
      if (spanning < 0 || this.starts[spanning]! > start) return current;
      current = spanning;
    }
  }

  private bucketOf(typeId: number): number {
    return typeId < this.grammar.typeNames.length ? typeId : this.grammar.typeNames.length;
  }
}

/** Builds the columns of a copy in pre-order, growing them as needed. */
class TreeBuilder implements Columns {
  count = 0;
  typeIds: Uint16Array;
  fieldIds: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  parents: Int32Array;
  lastIds: Int32Array;

  constructor(capacity: number) {
    this.typeIds = new Uint16Array(capacity);
    this.fieldIds = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.parents = new Int32Array(capacity);
    this.lastIds = new Int32Array(capacity);
  }

  copyAllNodes(cursor: TreeCursorReader): void {
    this.copyDescendants(cursor, this.add(cursor, -1));
  }

  /**
   * Walks only what the edit may have changed: a node that touches the edit or a changed range is
   * read and descended into; any other node is cloned from its counterpart in the previous copy, or
   * (when it has none) copied whole from the cursor. Nodes are added in document order, so ids stay
   * pre-order.
   */
  copyChangedNodes(cursor: TreeCursorReader, reuse: Reuse): void {
    const root = this.add(cursor, -1);
    this.walkBelow(cursor, root, (parent) => {
      const start = cursor.startIndex();
      const end = cursor.endIndex();
      if (reuse.touchesChange(start, end)) return this.add(cursor, parent, start, end);
      const old = reuse.counterpart(start, end, cursor.typeId());
      if (old >= 0) this.cloneSubtree(reuse.old, old, parent, cursor.fieldId(), start - reuse.old.starts[old]!);
      else this.copyDescendants(cursor, this.add(cursor, parent, start, end));
      return -1;
    });
  }

  /** The columns, trimmed when much of their capacity went unused (a document's copy may be kept). */
  finish(): Columns {
    if (this.typeIds.length - this.count > (this.count >> 2) + 64) {
      this.typeIds = this.typeIds.slice(0, this.count);
      this.fieldIds = this.fieldIds.slice(0, this.count);
      this.starts = this.starts.slice(0, this.count);
      this.ends = this.ends.slice(0, this.count);
      this.parents = this.parents.slice(0, this.count);
      this.lastIds = this.lastIds.slice(0, this.count);
    }
    return this;
  }

  /** Copies the descendants of the cursor's node (`root`) and leaves the cursor back on that node. */
  private copyDescendants(cursor: TreeCursorReader, root: number): void {
    this.walkBelow(cursor, root, (parent) => this.add(cursor, parent));
  }

  /**
   * Moves the cursor through the descendants of its node (`root`) in pre-order and leaves it back on
   * that node. `enter` adds the node under the cursor (or its whole subtree) and returns the id to
   * descend into, or -1. Each parent's last id is set when its last child is done.
   */
  private walkBelow(cursor: TreeCursorReader, root: number, enter: (parent: number) => number): void {
    if (!cursor.gotoFirstChild()) return;
    let parent = root;
    for (;;) {
      const node = enter(parent);
      if (node >= 0 && cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        this.lastIds[parent] = this.count - 1;
        cursor.gotoParent();
        if (parent === root) return;
        parent = this.parents[parent]!;
      }
    }
  }

  /** Adds the cursor's node; `start` and `end` when the caller has read them already. */
  private add(cursor: TreeCursorReader, parent: number, start = cursor.startIndex(), end = cursor.endIndex()): number {
    this.reserve(1);
    const id = this.count++;
    this.typeIds[id] = cursor.typeId();
    this.fieldIds[id] = cursor.fieldId();
    this.starts[id] = start;
    this.ends[id] = end;
    this.parents[id] = parent;
    this.lastIds[id] = id;
    return id;
  }

  /**
   * Clones node `oldId` of `old` and its subtree under `parent`, `shift` characters later. The
   * subtree's shape is unchanged, so its ids keep their spacing: each is the old one plus a constant.
   */
  private cloneSubtree(old: Columns, oldId: number, parent: number, fieldId: number, shift: number): void {
    const oldLast = old.lastIds[oldId]!;
    const size = oldLast - oldId + 1;
    this.reserve(size);
    const at = this.count;
    const idShift = at - oldId;
    this.typeIds.set(old.typeIds.subarray(oldId, oldLast + 1), at);
    this.fieldIds.set(old.fieldIds.subarray(oldId, oldLast + 1), at);
    for (let offset = 0; offset < size; offset++) {
      const from = oldId + offset;
      this.starts[at + offset] = old.starts[from]! + shift;
      this.ends[at + offset] = old.ends[from]! + shift;
      this.parents[at + offset] = old.parents[from]! + idShift;
      this.lastIds[at + offset] = old.lastIds[from]! + idShift;
    }
    this.parents[at] = parent;
    this.fieldIds[at] = fieldId;
    this.count += size;
  }

  private reserve(extra: number): void {
    if (this.count + extra <= this.typeIds.length) return;
    const capacity = Math.max(this.typeIds.length * 2, this.count + extra);
    const grow = <T extends Uint16Array | Int32Array>(column: T, created: T): T => {
      created.set(column.subarray(0, this.count));
      return created;
    };
    this.typeIds = grow(this.typeIds, new Uint16Array(capacity));
    this.fieldIds = grow(this.fieldIds, new Uint16Array(capacity));
    this.starts = grow(this.starts, new Int32Array(capacity));
    this.ends = grow(this.ends, new Int32Array(capacity));
    this.parents = grow(this.parents, new Int32Array(capacity));
    this.lastIds = grow(this.lastIds, new Int32Array(capacity));
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
  readonly old: CopiedColumns;
  /** The edit's span and the changed ranges, in new offsets, sorted, with touching spans merged. */
  private readonly spanStarts: number[] = [];
  private readonly spanEnds: number[] = [];
  private readonly editStart: number;
  /** How far text after the edit moved. */
  private readonly delta: number;

  constructor(previous: PreviousCopy) {
    const { edit } = previous;
    this.old = previous.tree;
    this.editStart = edit.startIndex;
    this.delta = edit.newEndIndex - edit.oldEndIndex;
    const spans = [{ startIndex: edit.startIndex, endIndex: edit.newEndIndex }, ...previous.changedRanges].sort((a, b) => a.startIndex - b.startIndex);
    for (const span of spans) {
      const last = this.spanEnds.length - 1;
      if (last >= 0 && span.startIndex <= this.spanEnds[last]!) this.spanEnds[last] = Math.max(this.spanEnds[last]!, span.endIndex);
      else {
        this.spanStarts.push(span.startIndex);
        this.spanEnds.push(span.endIndex);
      }
    }
  }

  touchesChange(start: number, end: number): boolean {
    // The first span that does not end before `start`; it touches when it starts by `end`.
    let low = 0;
    let high = this.spanEnds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.spanEnds[middle]! < start) low = middle + 1;
      else high = middle;
    }
    return low < this.spanStarts.length && this.spanStarts[low]! <= end;
  }

  /** The id of the previous copy's node of this type over the same text, or -1; for a node that does not touch the change. */
  counterpart(start: number, end: number, typeId: number): number {
    // Empty nodes (missing tokens) cannot be told apart by range; they are few and cheap to read.
    if (start === end) return -1;
    const oldStart = end < this.editStart ? start : start - this.delta;
    const oldEnd = oldStart + (end - start);
    // In pre-order, start offsets never decrease: the nodes starting at `oldStart` are consecutive,
    // outermost first (the one tree-sitter's own descent would meet first).
    const { starts, ends, typeIds, count } = this.old;
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! < oldStart) low = middle + 1;
      else high = middle;
    }
    for (let id = low; id < count && starts[id] === oldStart; id++) {
      if (ends[id] === oldEnd && typeIds[id] === typeId) return id;
    }
    return -1;
  }
}

class TreeNode implements SyntaxNode {
  private cachedText: string | undefined;
  private cachedChildren: readonly TreeNode[] | undefined;
  private cachedNamedChildren: readonly TreeNode[] | undefined;

  // Only the tree and the id are stored: type and range are read from the columns, which keeps the
  // objects small (thousands are alive while the rules run, and each minor GC copies them).
  constructor(
    readonly tree: SyntaxTree,
    readonly id: number,
  ) {}

  get typeId(): number {
    return this.tree.typeIds[this.id]!;
  }

  get startIndex(): number {
    return this.tree.starts[this.id]!;
  }

  get endIndex(): number {
    return this.tree.ends[this.id]!;
  }

  /** The field this node fills in its parent; 0 for none. */
  get fieldId(): number {
    return this.tree.fieldIds[this.id]!;
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

  get parent(): TreeNode | null {
    const parent = this.tree.parents[this.id]!;
    return parent < 0 ? null : this.tree.node(parent);
  }

  get children(): readonly TreeNode[] {
    return (this.cachedChildren ??= this.tree.lastIds[this.id] === this.id ? NO_CHILDREN : this.tree.childrenOf(this.id));
  }

  get namedChildren(): readonly TreeNode[] {
    return (this.cachedNamedChildren ??= this.tree.lastIds[this.id] === this.id ? NO_CHILDREN : this.tree.childrenOf(this.id, true));
  }

  get firstChild(): TreeNode | null {
    return this.tree.lastIds[this.id]! > this.id ? this.tree.node(this.id + 1) : null;
  }

  get lastChild(): TreeNode | null {
    const child = this.tree.lastChildId(this.id);
    return child < 0 ? null : this.tree.node(child);
  }

  childForFieldName(fieldName: string): TreeNode | null {
    const fieldId = this.tree.fieldId(fieldName);
    if (fieldId === undefined) return null;
    const child = this.tree.childIdForField(this.id, fieldId);
    return child < 0 ? null : this.tree.node(child);
  }

  childrenForFieldName(fieldName: string): TreeNode[] {
    const fieldId = this.tree.fieldId(fieldName);
    return fieldId === undefined ? [] : this.children.filter((child) => child.fieldId === fieldId);
  }

  descendantsOfType(types: string | readonly string[]): TreeNode[] {
    return this.tree.nodesOfTypes(typeof types === 'string' ? singleType(types) : types, this.id, this.tree.lastIds[this.id]!);
  }

  descendantForIndex(start: number, end = start): TreeNode {
    return this.tree.node(this.tree.descendantIdForIndex(this.id, start, end));
  }

  contains(node: SyntaxNode): boolean {
    return node.tree === this.tree && this.id <= node.id && node.id <= this.tree.lastIds[this.id]!;
  }

  closestAncestor(types: ReadonlySet<string>): TreeNode | null {
    const { parents, typeIds } = this.tree;
    for (let id = parents[this.id]!; id >= 0; id = parents[id]!) if (types.has(this.tree.typeName(typeIds[id]!))) return this.tree.node(id);
    return null;
  }
}

const singleTypes = new Map<string, readonly string[]>();

/** One list per type name, so a selection by a single name is remembered like a constant list. */
function singleType(type: string): readonly string[] {
  let list = singleTypes.get(type);
  if (!list) singleTypes.set(type, (list = [type]));
  return list;
}

/** Shared by all leaves (about half the nodes), so reading their children allocates nothing. */
const NO_CHILDREN: readonly TreeNode[] = [];

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

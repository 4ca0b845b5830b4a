/**
 * Remembers the results of a pure text function for the last few hundred texts. The editor
 * analyzes a file again on every keystroke, and the keystroke rarely touches its descriptions or
 * string literals: their phrase and secret scans, the bulk of the description rules' cost, are then
 * looked up instead of run again. Results are shared, so they are typed read-only.
 *
 * Two generations instead of a strict LRU: a hit in the current generation is one map lookup (an
 * LRU would move the entry on every hit, and hits are thousands per analysis). When the current
 * generation is full it becomes the previous one; texts used again are carried over, the rest are
 * dropped with it. So between `maxTexts` and twice that many texts are kept.
 */
export class TextMemo<Key extends object, Value> {
  // Per text, the few (key, options) pairs it was scanned with: a short list, since most texts are
  // scanned one or two ways. A miss, the usual case for text never seen, allocates one entry.
  private current = new Map<string, MemoEntry<Key, Value>>();
  private previous = new Map<string, MemoEntry<Key, Value>>();

  constructor(private readonly maxTexts: number) {}

  get(text: string, key: Key, options: string, compute: () => Value): Value {
    let first = this.current.get(text);
    if (first === undefined) {
      first = this.previous.get(text);
      if (first !== undefined) this.remember(text, first);
    }
    for (let entry = first; entry; entry = entry.next) if (entry.key === key && entry.options === options) return entry.value;
    const value = compute();
    this.remember(text, { key, options, value, next: first });
    return value;
  }

  private remember(text: string, entry: MemoEntry<Key, Value>): void {
    const isNew = !this.current.has(text);
    this.current.set(text, entry);
    if (isNew && this.current.size >= this.maxTexts) {
      this.previous = this.current;
      this.current = new Map();
    }
  }
}

interface MemoEntry<Key, Value> {
  readonly key: Key;
  readonly options: string;
  readonly value: Value;
  readonly next: MemoEntry<Key, Value> | undefined;
}

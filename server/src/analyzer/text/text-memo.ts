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
  private current = new Map<string, WeakMap<Key, Map<string, Value>>>();
  private previous = new Map<string, WeakMap<Key, Map<string, Value>>>();

  constructor(private readonly maxTexts: number) {}

  get(text: string, key: Key, options: string, compute: () => Value): Value {
    let byKey = this.current.get(text);
    if (!byKey) {
      byKey = this.previous.get(text) ?? new WeakMap();
      this.current.set(text, byKey);
      if (this.current.size >= this.maxTexts) {
        this.previous = this.current;
        this.current = new Map();
      }
    }
    let byOptions = byKey.get(key);
    if (!byOptions) byKey.set(key, (byOptions = new Map<string, Value>()));
    if (byOptions.has(options)) return byOptions.get(options)!;
    const value = compute();
    byOptions.set(options, value);
    return value;
  }
}

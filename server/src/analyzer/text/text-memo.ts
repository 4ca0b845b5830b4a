/**
 * Remembers the results of a pure text function for the last few hundred texts. The editor
 * analyzes a file again on every keystroke, and the keystroke rarely touches its descriptions or
 * string literals: their phrase and secret scans, the bulk of the description rules' cost, are then
 * looked up instead of run again. Results are shared, so they are typed read-only.
 */
export class TextMemo<Key extends object, Value> {
  /** Per text (least recently used first): per key object, per option string. */
  private readonly byText = new Map<string, WeakMap<Key, Map<string, Value>>>();

  constructor(private readonly maxTexts: number) {}

  get(text: string, key: Key, options: string, compute: () => Value): Value {
    let byKey = this.byText.get(text);
    if (byKey) {
      // Most recently used last.
      this.byText.delete(text);
      this.byText.set(text, byKey);
    } else {
      byKey = new WeakMap();
      this.byText.set(text, byKey);
      if (this.byText.size > this.maxTexts) this.byText.delete(this.byText.keys().next().value!);
    }
    let byOptions = byKey.get(key);
    if (!byOptions) byKey.set(key, (byOptions = new Map<string, Value>()));
    if (byOptions.has(options)) return byOptions.get(options)!;
    const value = compute();
    byOptions.set(options, value);
    return value;
  }
}

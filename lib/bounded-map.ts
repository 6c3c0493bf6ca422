/**
 * A Map that keeps at most `max` entries: setting a key makes it the newest,
 * and past `max` the oldest are forgotten. For in-memory caches and
 * throttles whose keys an attacker can choose, so memory stays bounded.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.max) this.delete(this.keys().next().value as K);
    return this;
  }
}

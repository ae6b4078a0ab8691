/** Sets whose construction is finished; `Set`'s constructor calls `add`, which must still work then. */
const sealed = new WeakSet<object>();
const refuse = (): never => {
  throw new TypeError('A flag value is immutable: this set cannot be changed');
};

/**
 * FrozenSet is a Set that refuses changes after construction, so that a set
 * flag's value can be shared by every reader without copies.
 */
export class FrozenSet<T> extends Set<T> implements ReadonlySet<T> {
  constructor(items?: Iterable<T>) {
    super(items);
    sealed.add(this);
    Object.freeze(this);
  }
  override add(value: T): this {
    return sealed.has(this) ? refuse() : super.add(value);
  }
  override delete(): boolean {
    return refuse();
  }
  override clear(): void {
    refuse();
  }
}

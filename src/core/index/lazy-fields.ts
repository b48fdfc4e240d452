/**
 * Fields worked out when first read, for the many documents and entities of a large corpus. Each
 * is an own enumerable getter, so a structured clone, JSON or a spread copies the values. The
 * getters are shared by every object, with their state kept apart, because a getter made per
 * object takes V8 out of its compact object layout. A getter finds its state through `this`, so
 * read through a Proxy, a prototype chain or copied descriptors it finds none.
 */
export class LazyFields<S> {
  readonly #state = new WeakMap<object, S>();
  readonly #descriptors: readonly (readonly [string, PropertyDescriptor])[];

  /** `fields`: each field's value from the object's state (called at every read: keep what it makes in the state). */
  constructor(fields: Readonly<Record<string, (state: S) => unknown>>) {
    const states = this.#state;
    this.#descriptors = Object.entries(fields).map(([name, read]) => [
      name,
      {
        enumerable: true,
        configurable: true,
        get(this: object) {
          return read(states.get(this)!);
        },
      },
    ]);
  }

  /** `target` with the fields added after its own, reading `state`. */
  add<T extends object>(target: T, state: S): T {
    for (const [name, descriptor] of this.#descriptors) Object.defineProperty(target, name, descriptor);
    this.#state.set(target, state);
    return target;
  }

  /** The state of an object these fields were added to; undefined for any other. */
  stateOf(target: object): S | undefined {
    return this.#state.get(target);
  }
}

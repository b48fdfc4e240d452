/**
 * Fields worked out when first read, for objects made by the ten thousand (a large corpus's
 * documents and entities). Each is an own enumerable getter, so the objects still look and compare
 * like plain ones, and a structured clone, JSON or a spread copies the values. The getters are
 * the same functions for every object, their state kept apart: a getter made per object (a
 * closure in an object literal) puts the object in V8's slow dictionary mode, since a shape holds
 * its accessors, and such an object takes about five times the memory. A getter finds its state
 * through the object it is read on (`this`): read through a Proxy, a prototype chain or copied
 * descriptors, it finds none.
 */
export class LazyFields<S> {
  readonly #state = new WeakMap<object, S>();
  readonly #descriptors: readonly (readonly [string, PropertyDescriptor])[];

  /** `fields`: each field's value from the object's state (called at every read: keep what it makes in the state). */
  constructor(fields: Readonly<Record<string, (state: S) => unknown>>) {
    const states = this.#state;
    this.#descriptors = Object.entries(fields).map(([name, read]) => [name, { enumerable: true, configurable: true, get(this: object) { return read(states.get(this)!); } }]);
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

/** An in-process async mutex per key: a chain of promises per key, dropped when the key goes idle. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /** Keys with a holder or waiters (for tests and metrics). */
  get size(): number {
    return this.#tails.size;
  }

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

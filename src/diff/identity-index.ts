// The items of a keyed list by their identity (`name=api`): identity key → value → index. Keyed
// by the values the documents already hold, so a list of a million named items makes no string
// per item (a joined `key=value` string each was most of what the diff of such a list kept).
export class IdentityIndex {
  readonly #byKey = new Map<string, Map<string | number, number>>();

  get(key: string, id: string | number): number | undefined {
    return this.#byKey.get(key)?.get(id);
  }

  /** False when the identity is already taken. */
  add(key: string, id: string | number, index: number): boolean {
    let ids = this.#byKey.get(key);
    if (!ids) this.#byKey.set(key, (ids = new Map()));
    if (ids.has(id)) return false;
    ids.set(id, index);
    return true;
  }
}


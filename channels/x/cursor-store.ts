// Where pollers keep their position (X mention since_id). A port: the lead wires it to the store.

export interface CursorStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** For tests and single-run tools; a restart forgets the cursor. */
export class MemoryCursorStore implements CursorStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

// PostgreSQL's frontend messages cut out of a byte stream: socket reads end anywhere, and the
// embedded database must be given whole messages.

const TERMINATE = 0x58; // 'X'

/** Collects a connection's bytes and hands back the complete messages received so far. */
export class FrontendMessages {
  #pending: Buffer = Buffer.alloc(0);
  // A connection's first message (startup) has no type byte; every later one has.
  #startup = true;
  #terminated = false;

  /**
   * The client said goodbye (Terminate). PGlite would take it for the end of its one backend,
   * which is not this connection's to end: the message is kept from it, and the connection closed.
   */
  get terminated(): boolean {
    return this.#terminated;
  }

  /** Adds `chunk`; returns every message now complete (in one buffer), or null when none is. */
  push(chunk: Buffer): Buffer | null {
    if (this.#terminated) return null;
    const bytes = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    let end = 0;
    for (;;) {
      const typeBytes = this.#startup ? 0 : 1;
      if (bytes.length < end + typeBytes + 4) break;
      const length = typeBytes + bytes.readInt32BE(end + typeBytes);
      if (bytes.length < end + length) break;
      if (!this.#startup && bytes[end] === TERMINATE) {
        this.#terminated = true;
        break;
      }
      end += length;
      this.#startup = false;
    }
    this.#pending = this.#terminated ? Buffer.alloc(0) : bytes.subarray(end);
    return end === 0 ? null : bytes.subarray(0, end);
  }
}

import pg from 'pg';

/** The PostgreSQL channel a committed incident or maintenance write is announced on. */
export const DECLARATIONS_CHANNEL = 'hartslag_status_declarations';
/** How long to wait before listening again after the connection was lost. */
const RECONNECT_MS = 1_000;

/**
 * One LISTEN connection per process: calls every listener when any replica committed a write of
 * incidents or maintenance (NOTIFY is sent in the write's transaction, so it arrives only after
 * the commit). After a lost connection it listens again and calls the listeners once, as
 * announcements may have been missed meanwhile.
 */
export class PgChangeFeed {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly log: (message: string, err?: unknown) => void = () => {},
  ) {}

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.client === undefined && this.timer === undefined) void this.connect(false);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(again: boolean): Promise<void> {
    this.timer = undefined;
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    this.client = client;
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.client = undefined;
      if (err !== undefined) this.log('lost the LISTEN connection to PostgreSQL; listening again', err);
      client.end().catch(() => {});
      if (!this.closed) this.timer = setTimeout(() => void this.connect(true), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.tell());
    try {
      await client.connect();
      await client.query(`LISTEN ${DECLARATIONS_CHANNEL}`);
    } catch (err) {
      lost(err);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    if (again) this.tell();
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }
}

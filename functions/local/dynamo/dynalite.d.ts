// Minimal types for dynalite 4 (it ships none): only what the local runtime uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB folder; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
    ssl?: boolean;
  }
  /** An http.Server whose close() also closes (and flushes) the LevelDB store. */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}

// dynalite's in-memory store (tests, `cli plan`) is a MemoryLevel that keeps keys and values
// as Buffers: every write encoded the key and the JSON text of the item to UTF-8, every read
// decoded them again, and the sorted tree compared keys byte by byte in JavaScript. dynalite
// builds that MemoryLevel itself (`new MemoryLevel({ valueEncoding: 'json' })`), so this
// module, imported before dynalite's store is first loaded, makes MemoryLevel keep strings
// instead (its `storeEncoding: 'utf8'`). Nothing else changes: every key dynalite writes is
// ASCII (hex, digits and table names), so strings sort exactly as their bytes did, and the
// values are the same JSON text. A store on disk (LevelDB) is not affected.
import { createRequire } from 'node:module';

type Options = Record<string, unknown> & { storeEncoding?: string };
type MemoryLevelClass = new (location?: unknown, options?: Options) => object;

// The memory-level that dynalite itself loads.
const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite/db'));
const memoryLevel = fromDynalite('memory-level') as {
  MemoryLevel: MemoryLevelClass & { keepsStrings?: true };
};

if (!memoryLevel.MemoryLevel.keepsStrings) {
  const Original = memoryLevel.MemoryLevel;
  class StringMemoryLevel extends Original {
    static override keepsStrings = true as const;
    constructor(location?: unknown, options?: Options) {
      // As MemoryLevel: the location argument is optional (options may come first).
      const given = typeof location === 'object' && location !== null ? location : options;
      super({ storeEncoding: 'utf8', ...(given as Options | undefined) });
    }
  }
  memoryLevel.MemoryLevel = StringMemoryLevel;
}

/** Whether dynalite's in-memory stores keep strings (for tests). */
export const memoryStoreKeepsStrings = (): boolean => memoryLevel.MemoryLevel.keepsStrings === true;

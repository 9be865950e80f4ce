// PouchDB for the benchmark's comparison, typed only as far as the benchmark uses it
// (pouchdb-node ships no declarations).
import { createRequire } from 'node:module';

export interface BenchPouch {
  bulkDocs(docs: object[]): Promise<unknown>;
  allDocs(options: { keys: string[] }): Promise<{ rows: { value?: { rev: string } }[] }>;
  close(): Promise<void>;
}

interface BenchPouchConstructor {
  new (
    name: string,
    options?: {
      fetch?: typeof fetch;
      auth?: { username: string; password: string };
      skip_setup?: boolean;
      adapter?: string;
    },
  ): BenchPouch;
  replicate(
    source: BenchPouch,
    target: BenchPouch,
    options: { batch_size: number },
  ): Promise<{ docs_written: number }>;
  /** Both ways at once, until both are done (`live: false`). */
  sync(
    local: BenchPouch,
    remote: BenchPouch,
    options: { batch_size: number },
  ): Promise<{ push: { docs_written: number }; pull: { docs_written: number } }>;
  plugin(plugin: unknown): void;
}

export const PouchDB = createRequire(import.meta.url)('pouchdb-node') as BenchPouchConstructor;

// pouchdb-collate ships no types; only what sync/regency/lawful-view.ts uses.
declare module 'pouchdb-collate' {
  /** CouchDB's view collation: negative, 0 or positive, as `a` sorts before, with or after `b`. */
  export function collate(a: unknown, b: unknown): number;
}

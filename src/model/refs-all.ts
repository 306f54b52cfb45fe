// The reference entries' sections and encoding (refs.ts) and how they are read back (refs-read.ts), as one namespace.
export * from './refs.js';
export * from './refs-read.js';

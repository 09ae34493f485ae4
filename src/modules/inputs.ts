// Moved to src/validation.ts (the read compiler validates arguments too); kept while the paths module moves over.
export * from '../validation';

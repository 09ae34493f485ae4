// The likely-duplicate check looks names up by exact keys (#29): nameKeys and
// aliasKeys hold each name's key, its core without the legal form and, for a long
// Latin core, its two halves (lookupKeys in src/domain/nameKeys.ts). Every write
// stores them; a graph written before gets them from the backfill that runs with
// this migration (backfillSearchKeys in src/db/migrations.ts). The full-text index
// covers them once the model's index statements run again (src/db/modelIndexes.ts).
// Nothing to create: a statement that changes nothing keeps the file non-empty.
RETURN 1;

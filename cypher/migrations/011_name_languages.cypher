// Names carry their language (#31): namesEn, namesJa and namesZhHant list an
// entity's names (name and aliases) written in each language (NAME_LANGUAGE_PROPERTIES
// in src/domain/names.ts); a name in none is `und`. Every load stores them from the
// seed files' tags. A graph loaded before gets them from the backfill that runs with
// this migration (backfillNameLanguages in src/db/migrations.ts): the tags the seed
// files give, for entities that have none yet, only for names they still hold.
// Nothing to create: a statement that changes nothing keeps the file non-empty.
RETURN 1;

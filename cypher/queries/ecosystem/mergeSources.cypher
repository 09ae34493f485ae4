// One row per page of a format-2 file. Fields are set as the file gives them
// (publishedOn stays a partial-date string); `documents` unions the digests that
// read the page, since one page may be read by two digests.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s.createdAt = datetime(), s.createdBy = $actor, s.document = row.document
SET s += row.props,
    s.documents = coalesce(s.documents, []) + [d IN [row.document] WHERE NOT d IN coalesce(s.documents, [])]
RETURN count(s) AS written

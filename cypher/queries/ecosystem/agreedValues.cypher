// The values all pages agree on, set as the entity's own properties (row.props
// holds one property per row): claims kept apart because they might have differed
// (a date at two precisions, or one page's value) but did not.
UNWIND $rows AS row
MATCH (n:Entity {id: row.subjectId})
SET n += row.props
RETURN count(n) AS written

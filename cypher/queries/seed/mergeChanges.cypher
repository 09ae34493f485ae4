// Restores audit entries from an export; instants arrive as ISO strings and are stored as datetimes again.
UNWIND $rows AS row
MERGE (c:Change {id: row.id})
SET c += row.props, c.at = datetime(row.at)
SET c.appliedAt = CASE WHEN row.props.appliedAt IS NULL THEN null ELSE datetime(row.props.appliedAt) END,
    c.statusAt = CASE WHEN row.props.statusAt IS NULL THEN null ELSE datetime(row.props.statusAt) END,
    c.reviewedAt = CASE WHEN row.props.reviewedAt IS NULL THEN null ELSE datetime(row.props.reviewedAt) END
RETURN count(c) AS written

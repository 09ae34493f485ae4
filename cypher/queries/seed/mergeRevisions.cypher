// Restores revisions from an export; `at` arrives as an ISO string. One per change and target.
UNWIND $rows AS row
MERGE (v:Revision {changeId: row.changeId, targetId: row.targetId, version: row.version})
SET v += row.props, v.at = datetime(row.at)
RETURN count(v) AS written

// Whether the source $id is retracted now (a :RetractedSource; retracted sources are few).
OPTIONAL MATCH (s:RetractedSource {id: $id})
RETURN s IS NOT NULL AS retracted

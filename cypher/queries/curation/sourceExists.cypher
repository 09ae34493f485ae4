// Whether a source with this id exists.
RETURN EXISTS { MATCH (:Source {id: $id}) } AS exists

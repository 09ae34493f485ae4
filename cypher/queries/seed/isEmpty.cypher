RETURN NOT EXISTS { MATCH (:Entity) } AS empty

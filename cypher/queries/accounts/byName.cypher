MATCH (a:Account {name: $name})
RETURN a.name AS name, a.roles AS roles, a.passwordHash AS passwordHash

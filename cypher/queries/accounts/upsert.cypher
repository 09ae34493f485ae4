MERGE (a:Account {name: $name})
ON CREATE SET a.createdAt = datetime()
SET a.passwordHash = $passwordHash, a.roles = $roles, a.updatedAt = datetime()
RETURN a.name AS name, a.roles AS roles

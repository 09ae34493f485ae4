MATCH (a:Account)
RETURN a.name AS name, a.roles AS roles
ORDER BY a.name

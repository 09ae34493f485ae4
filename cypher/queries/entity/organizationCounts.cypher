UNWIND $codes AS code
RETURN code, COUNT { MATCH (o:Organization) WHERE o.country = code AND o.retracted IS NULL } AS count

// True when the database holds nothing but migration records: the state in which
// the bulk path may replace the store (the migrations are applied again after it).
RETURN NOT EXISTS { MATCH (n) WHERE NOT n:Migration } AS empty

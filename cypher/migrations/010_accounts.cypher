// Local accounts (src/auth/accounts.ts): the sign-in of the embedded default, found by name.
// They live in the graph's database so every API process behind a balancer sees the same
// accounts and one backup holds them; no model label, so search and exports never see them.
CREATE CONSTRAINT account_name IF NOT EXISTS FOR (a:Account) REQUIRE a.name IS UNIQUE;

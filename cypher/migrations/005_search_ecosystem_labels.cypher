// Full-text search covers the labels the ecosystem model added (Trial, Approval,
// Patent): the index is made again over every entity label (test/domainModel.test.ts
// checks the list against src/domain/model.ts).
DROP INDEX entity_search IF EXISTS;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Organization|Person|Technology|Modality|Indication|Fund|Policy|Event|Agreement|Country|Trial|Approval|Patent)
ON EACH [n.name, n.aliases, n.description];

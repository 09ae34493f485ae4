// Appended to a list filter: how many match, over all pages.
RETURN count(n) AS total

/** Example operations prefilled as GraphiQL tabs: common analyst questions. */
export const EXAMPLES: { query: string; variables?: string }[] = [
  {
    query: `# The DuoGenic – A&I licence: parties, roles, territory and the sources behind it.
query DuoGenicLicence {
  entity(id: "agreement-duogenic-ai-licence-2025") {
    name
    kind
    description
    ... on Agreement {
      parties { role organization { id name countryCode } }
      territory { code name }
    }
    sources { evidence source { title publisher publishedOn url } }
  }
}
`,
  },
  {
    query: `# Japanese investors at the Tokyo forum.
query JapaneseInvestors {
  organizations(filter: { countries: ["JP"], kinds: [INVESTOR], participatedIn: ["forum-2025-04-23-tokyo"] }) {
    totalCount
    edges { node { id name description events { participation role event { name } } } }
  }
}
`,
  },
  {
    query: `# Search forgives typos: "Astelas" still finds Astellas Pharma.
query SearchWithTypo {
  search(query: "Astelas", first: 5) {
    score
    entity { id name type description }
  }
}
`,
  },
  {
    query: `# How could Hexun Bio (Taiwan) reach Astellas Pharma (Japan)? Each hop is explained.
query HexunToAstellas($from: ID!, $to: ID!) {
  partnershipPaths(from: $from, to: $to, maxHops: 4, first: 3) {
    length
    explanation
    hops { type direction explanation from { name } to { name } }
  }
}
`,
    variables: JSON.stringify({ from: 'hexun-bio', to: 'astellas-pharma' }, null, 2),
  },
];

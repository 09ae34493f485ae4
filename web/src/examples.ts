/**
 * Example operations prefilled as GraphiQL tabs: common analyst questions. Each
 * opens with a comment saying what it asks, in the page language (the
 * catalogues' graphiql.examples.<id>); the operations themselves are GraphQL.
 */
interface Example {
  id: string;
  query: string;
  variables?: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'duoGenicLicence',
    query: `query DuoGenicLicence {
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
    id: 'japaneseInvestors',
    query: `query JapaneseInvestors {
  organizations(where: {
    countryCode: { eq: "JP" }
    kind: { eq: "INVESTOR" }
    events: { some: { event: { id: { eq: "forum-2025-04-23-tokyo" } } } }
  }) {
    totalCount
    edges { node { id name description events { participation role event { name } } } }
  }
}
`,
  },
  {
    id: 'searchWithTypo',
    query: `query SearchWithTypo {
  search(query: "Astelas", first: 5) {
    score
    entity { id name type description }
  }
}
`,
  },
  {
    id: 'hexunToAstellas',
    query: `query HexunToAstellas($from: ID!, $to: ID!) {
  partnershipPaths(from: $from, to: $to, maxHops: 4, first: 3) {
    length
    explanation
    hops { type direction explanation from { name } to { name } }
  }
}
`,
    variables: JSON.stringify({ from: 'hexun-bio', to: 'astellas-pharma' }, null, 2),
  },
  {
    id: 'latestAgreements',
    query: `query LatestAgreements {
  agreements(sort: [{ field: SIGNED_ON, direction: DESC }], first: 5) {
    nodes { name signedOn licensor { name } licensee { name } }
  }
}
`,
  },
  {
    id: 'taiwanNotIpsc',
    query: `query TaiwanNotIpscOrJapaneseCdmo {
  organizations(first: 100, where: {
    OR: [
      { countryCode: { eq: "TW" }, kind: { eq: "COMPANY" },
        NOT: { OR: [
          { modalities: { some: { id: { eq: "modality-ipsc" } } } }
          { technologies: { some: { modalities: { some: { id: { eq: "modality-ipsc" } } } } } }
        ] } }
      { countryCode: { eq: "JP" }, kind: { eq: "CDMO" } }
    ]
  }) {
    totalCount
    nodes { name countryCode kind }
  }
}
`,
  },
  {
    id: 'chiefExecutives',
    query: `query ChiefExecutives {
  people(where: { roles: { some: { title: { contains: "CEO" } } } }) {
    totalCount
    nodes { name roles { title organization { name } } }
  }
}
`,
  },
  {
    id: 'agreementsSince',
    query: `query AgreementsSince($since: Date!) {
  agreements(where: { signedOn: { gte: $since } }) {
    totalCount
    nodes { name signedOn }
  }
}
`,
    variables: JSON.stringify({ since: '2025-01-01' }, null, 2),
  },
  {
    id: 'ipscByCountry',
    query: `query IpscByCountry {
  organizationsAggregate(
    where: { OR: [
      { modalities: { some: { id: { eq: "modality-ipsc" } } } }
      { technologies: { some: { modalities: { some: { id: { eq: "modality-ipsc" } } } } } }
    ] }
    groupBy: [{ field: "countryCode" }]
  ) {
    totalCount
    groups { key count }
  }
}
`,
  },
  {
    id: 'agreementsPerYear',
    query: `query AgreementsPerYearByTerritory {
  agreementsAggregate(groupBy: [{ field: "signedOn", bucket: YEAR }, { via: "territory", field: "code" }]) {
    totalCount
    groups { key count }
  }
}
`,
  },
  {
    id: 'mostTechnologies',
    query: `query MostTechnologies($more: Int!) {
  organizations(
    where: { technologies: { count: { gt: $more } } }
    sort: [{ field: TECHNOLOGIES_COUNT, direction: DESC }, { field: NAME }]
  ) {
    totalCount
    nodes { name technologies { name } }
  }
}
`,
    variables: JSON.stringify({ more: 1 }, null, 2),
  },
  {
    id: 'licensorLicenseeQuarter',
    query: `query LicensorLicenseeQuarter {
  agreementsAggregate(
    groupBy: [
      { via: "licensor", field: "countryCode" }
      { via: "licensee", field: "countryCode" }
      { field: "signedOn", bucket: QUARTER }
    ]
    measures: { min: "signedOn", max: "signedOn" }
  ) {
    totalCount
    groups { key count min max }
  }
}
`,
  },
];

/** The tabs GraphiQL opens with: each example headed by its comment, `t` giving it in the page language. */
export function exampleTabs(t: (key: string) => string): { query: string; variables?: string }[] {
  return EXAMPLES.map(({ id, query, variables }) => ({ query: `# ${t(`graphiql.examples.${id}`)}\n${query}`, ...(variables ? { variables } : {}) }));
}

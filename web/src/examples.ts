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
  {
    query: `# Latest agreements first.
query LatestAgreements {
  agreements(sort: [{ field: SIGNED_ON, direction: DESC }], first: 5) {
    nodes { name signedOn licensor { name } licensee { name } }
  }
}
`,
  },
  {
    query: `# Taiwanese companies not working with iPSC (themselves or through a technology), or any Japanese CDMO.
query TaiwanNotIpscOrJapaneseCdmo {
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
    query: `# People whose title is CEO: a condition on the role (the HOLDS_ROLE relationship).
query ChiefExecutives {
  people(where: { roles: { some: { title: { contains: "CEO" } } } }) {
    totalCount
    nodes { name roles { title organization { name } } }
  }
}
`,
  },
  {
    query: `# Agreements signed since a date.
query AgreementsSince($since: Date!) {
  agreements(where: { signedOn: { gte: $since } }) {
    totalCount
    nodes { name signedOn }
  }
}
`,
    variables: JSON.stringify({ since: '2025-01-01' }, null, 2),
  },
  {
    query: `# Organizations per country that use iPSC.
query IpscByCountry {
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
    query: `# Agreements per year by territory (the territory is a Country one hop away).
query AgreementsPerYearByTerritory {
  agreementsAggregate(groupBy: [{ field: "signedOn", bucket: YEAR }, { via: "territory", field: "code" }]) {
    totalCount
    groups { key count }
  }
}
`,
  },
  {
    query: `# Organizations with more than N technologies, most first.
query MostTechnologies($more: Int!) {
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
    query: `# Agreements by licensor country × licensee country × quarter, with the first and last signing.
query LicensorLicenseeQuarter {
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

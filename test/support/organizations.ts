/** The upsertEntity input of a made-up Taiwanese company a curator writes in a test, cited to the seed's forum article. */
export function curatedOrganization(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'ORGANIZATION',
    id,
    name: `Org ${id}`,
    description: 'A test organization written by a curator.',
    kind: 'COMPANY',
    country: 'TW',
    source: { id: 'geneonline-2025-04-29-taiwan-japan-regen-forum' },
    evidence: 'Test evidence: the article names it.',
    ...extra,
  };
}

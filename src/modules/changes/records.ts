import { plainValue } from '../../domain/properties';
import type { ChangeRecord } from '../curation/repository';
import type { SourceRecord } from '../entity/records';
import type { FieldChange, TargetKind } from './versions';

export type ChangeStatus = 'PROPOSED' | 'APPROVED' | 'REJECTED';

/** A Change as resolvers see it: a curation payload's audit entry, or one read whole (with its review). */
export interface ChangeView extends Omit<ChangeRecord, 'kind'> {
  kind: string;
  status?: ChangeStatus;
  direct?: boolean;
  reviewer?: string | null;
  reviewedAt?: string | null;
  reviewComment?: string | null;
  appliedAt?: string | null;
  statusAt?: string | null;
  revertOf?: string | null;
  /** When its author last rebased it (rebaseChange). */
  rebasedAt?: string | null;
  /** The operations as proposed (JSON text), absent for direct writes. */
  operations?: string | null;
  /** Its source, when read with the change (history, pages); otherwise looked up by sourceId. */
  source?: SourceRecord | null;
}

/** One target's revision under one change. */
export interface RevisionView {
  targetId: string;
  targetKind: TargetKind;
  version: number;
  created: boolean;
  fields: FieldChange[];
  changeId: string;
  /** The change, when read with the revision. */
  change?: ChangeView;
}

export interface PageInfoView {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface HistoryPage {
  edges: { cursor: string; node: RevisionView }[];
  pageInfo: PageInfoView;
}

export interface ChangePage {
  edges: { cursor: string; node: ChangeView }[];
  pageInfo: PageInfoView;
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(plainValue(v)));

/**
 * An instant as the API states it, whether read as a driver DateTime or as
 * Cypher's toString of one (the compiled history reads them as text: decoding a
 * DateTime costs the driver more than the rest of a revision): the driver's
 * ISO form, a fraction of a second in nine digits when there is one. Cypher
 * writes the fraction in as few digits as it needs.
 */
export function instantText(v: unknown): string | null {
  if (typeof v !== 'string') return text(v);
  return v.replace(/^([^.]*T\d\d:\d\d:\d\d)\.(\d{1,9})/, (_match, time: string, fraction: string) => `${time}.${fraction.padEnd(9, '0')}`);
}

/** A stored (:Change)'s properties as a ChangeView. */
export function toChangeView(props: Record<string, unknown>): ChangeView {
  return {
    id: String(props.id),
    kind: String(props.kind),
    targetIds: (props.targetIds as string[] | undefined) ?? [],
    summary: String(props.summary ?? ''),
    subject: String(props.subject ?? ''),
    at: String(instantText(props.at)),
    sourceId: typeof props.sourceId === 'string' ? props.sourceId : null,
    note: String(props.note ?? ''),
    before: typeof props.before === 'string' ? (JSON.parse(props.before) as unknown) : null,
    after: typeof props.after === 'string' ? (JSON.parse(props.after) as unknown) : null,
    status: (props.status as ChangeStatus | undefined) ?? 'APPROVED',
    direct: props.direct === undefined ? props.status === undefined : props.direct === true,
    reviewer: text(props.reviewer),
    reviewedAt: instantText(props.reviewedAt),
    reviewComment: text(props.reviewComment),
    appliedAt: instantText(props.appliedAt),
    statusAt: instantText(props.statusAt),
    revertOf: text(props.revertOf),
    rebasedAt: instantText(props.rebasedAt),
    operations: text(props.operations),
    ...('source' in props ? { source: (props.source as SourceRecord | null) ?? null } : {}),
  };
}

/** A stored (:Revision)'s properties as a RevisionView. */
export function toRevisionView(props: Record<string, unknown>, change?: Record<string, unknown> | null): RevisionView {
  return {
    targetId: String(props.targetId),
    targetKind: props.targetKind === 'relationship' ? 'relationship' : 'entity',
    version: Number(props.version),
    created: props.created === true,
    fields: JSON.parse(String(props.fields ?? '[]')) as FieldChange[],
    changeId: String(props.changeId),
    ...(change ? { change: toChangeView(change) } : {}),
  };
}

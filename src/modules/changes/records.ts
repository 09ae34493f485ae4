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

/** A stored (:Change)'s properties as a ChangeView. */
export function toChangeView(props: Record<string, unknown>): ChangeView {
  return {
    id: String(props.id),
    kind: String(props.kind),
    targetIds: (props.targetIds as string[] | undefined) ?? [],
    summary: String(props.summary ?? ''),
    subject: String(props.subject ?? ''),
    at: String(plainValue(props.at)),
    sourceId: typeof props.sourceId === 'string' ? props.sourceId : null,
    note: String(props.note ?? ''),
    before: typeof props.before === 'string' ? (JSON.parse(props.before) as unknown) : null,
    after: typeof props.after === 'string' ? (JSON.parse(props.after) as unknown) : null,
    status: (props.status as ChangeStatus | undefined) ?? 'APPROVED',
    direct: props.direct === undefined ? props.status === undefined : props.direct === true,
    reviewer: text(props.reviewer),
    reviewedAt: text(props.reviewedAt),
    reviewComment: text(props.reviewComment),
    appliedAt: text(props.appliedAt),
    statusAt: text(props.statusAt),
    revertOf: text(props.revertOf),
    rebasedAt: text(props.rebasedAt),
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

/**
 * "Export evidence": what the results or the details panel shows, with every
 * citation behind it, as a CSV (the server's formula guard, a BOM for Excel)
 * and as a printable page. Text from the graph is only ever textContent.
 */
import { BOM, csvLine } from '../../../src/csv';
import { h } from '../gql';
import { formatDate, t } from '../i18n';
import { dateKindName, propertyName, sourceKindName } from '../i18n/terms';
import { downloadText } from '../graph';
import { valueText, webLink, type CitationRef } from '../provenance';
import { byId, type Explorer } from './context';
import { exportName, readableUrl, viewTitle } from './exports';
import { hopDate } from './paths';

/** One cited statement: where it sits in the view, what it says, its date, and one source stating it. */
export interface EvidenceRow {
  /** "Path 1, hop 2", "Timeline", "Sources of …". */
  context: string;
  statement: string;
  date: string;
  citation: CitationRef | null;
}

/** The rows of the paths listed: each hop with each of its citations (a hop no source states gets one empty row). */
function pathRows(ex: Explorer): EvidenceRow[] {
  return (ex.view.lastPaths ?? []).flatMap((path, p): EvidenceRow[] => {
    const nodes = new Map(path.nodes.map((node) => [node.id, node]));
    return path.hops.flatMap((hop, i): EvidenceRow[] => {
      const context = t('explore.evidence.hopContext', { path: p + 1, hop: i + 1 });
      const date = hopDate(hop, nodes)?.date ?? '';
      const sources = hop.sources ?? [];
      return sources.length ? sources.map((citation) => ({ context, statement: hop.explanation, date, citation })) : [{ context, statement: hop.explanation, date, citation: null }];
    });
  });
}

/** The rows of the selected entity: its dated facts, the values sources state, then every page about it with what it says. */
function detailRows(ex: Explorer): EvidenceRow[] {
  const entity = ex.view.details;
  if (!entity) return [];
  const rows: EvidenceRow[] = [];
  for (const entry of entity.timeline) {
    for (const citation of entry.sources) rows.push({ context: t('explore.evidence.timelineContext', { what: dateKindName(entry.property) }), statement: entry.description, date: entry.date, citation });
  }
  const claims = [...entity.conflicts.flatMap((c) => c.values), ...entity.claims.filter((claim) => !entity.conflicts.some((c) => c.values.some((v) => v.id === claim.id)))];
  for (const claim of claims) {
    const statement = `${propertyName(claim.property)}: ${valueText(claim.value)}`;
    for (const citation of claim.sources) rows.push({ context: t('explore.evidence.claimContext'), statement, date: claim.asOf ?? '', citation });
  }
  for (const citation of entity.sources) rows.push({ context: t('explore.evidence.sourceContext', { name: entity.name }), statement: entity.name, date: '', citation });
  return rows;
}

/** The evidence of what is shown: the paths when the results list paths, else the selected entity's. */
export function evidenceRows(ex: Explorer): EvidenceRow[] {
  return ex.view.mode === 'paths' && ex.view.lastPaths?.length ? pathRows(ex) : detailRows(ex);
}

const COLUMNS = ['context', 'statement', 'date', 'title', 'publisher', 'kind', 'publishedOn', 'url', 'note'] as const;

function cells(row: EvidenceRow): string[] {
  const s = row.citation?.source;
  return [row.context, row.statement, row.date, s?.title ?? '', s?.publisher ?? '', s?.kind ?? '', s?.publishedOn ?? '', s?.url ?? '', row.citation?.evidence ?? ''];
}

/** The CSV: a BOM, a header in the page language, one record per citation. */
export function evidenceCsv(rows: readonly EvidenceRow[]): string {
  return BOM + csvLine(COLUMNS.map((c) => t(`explore.evidence.columns.${c}`))) + rows.map((row) => csvLine(cells(row))).join('');
}

/** Downloads the evidence CSV, or says there is nothing to export yet. */
export function exportEvidenceCsv(ex: Explorer): void {
  const rows = evidenceRows(ex);
  if (!rows.length) {
    ex.status(t('explore.evidence.nothing'), true);
    return;
  }
  downloadText(exportName(ex, 'csv').replace(/\.csv$/, '-evidence.csv'), evidenceCsv(rows), 'text/csv;charset=utf-8');
  ex.status(t('explore.evidence.saved', { count: rows.length }));
}

function sourceCell(citation: CitationRef | null): HTMLElement {
  if (!citation) return h('td', { class: 'muted' }, t('explorer.paths.noSource'));
  const s = citation.source;
  return h('td', {},
    h('div', {}, h('b', {}, s.publisher), ': ', s.title),
    h('div', { class: 'muted' }, [s.kind ? sourceKindName(s.kind) : t('provenance.unclassified'), s.publishedOn ? formatDate(s.publishedOn) : t('provenance.undated')].join(' · ')),
    webLink(s.url) ? h('div', { class: 'url' }, readableUrl(s.url)) : null,
    citation.evidence ? h('q', {}, citation.evidence) : null,
  );
}

/**
 * Opens the printable page over the explorer: a title, the view's link and
 * date, and one table per part of the view (a path's hops, the timeline …) with
 * each statement and the source behind it. Print prints only it.
 */
export function openPrintView(ex: Explorer): void {
  const rows = evidenceRows(ex);
  if (!rows.length) {
    ex.status(t('explore.evidence.nothing'), true);
    return;
  }
  const groups = new Map<string, EvidenceRow[]>();
  for (const row of rows) groups.set(row.context, [...(groups.get(row.context) ?? []), row]);
  byId('print-title').textContent = t('explore.evidence.printHeading', { title: viewTitle(ex) });
  byId('print-meta').textContent = t('explore.evidence.printMeta', { date: formatDate(new Date().toISOString().slice(0, 10)), link: window.location.href, count: rows.length });
  byId('print-body').replaceChildren(...[...groups].map(([context, group]) =>
    h('section', { class: 'print-group' },
      h('h2', {}, context),
      h('table', { class: 'evidence-table' },
        h('thead', {}, h('tr', {}, ...(['statement', 'date', 'source'] as const).map((c) => h('th', { scope: 'col' }, t(`explore.evidence.printColumns.${c}`))))),
        h('tbody', {}, ...group.map((row) => h('tr', {}, h('td', {}, row.statement), h('td', { class: 'date' }, row.date ? formatDate(row.date) : '—'), sourceCell(row.citation)))),
      ),
    ),
  ));
  const view = byId('print-view');
  view.hidden = false;
  document.body.classList.add('printing');
  byId('print-now').focus();
}

/** Closes the printable page and gives the focus back to the button that opened it. */
export function closePrintView(): void {
  byId('print-view').hidden = true;
  document.body.classList.remove('printing');
  byId('export-evidence-print').focus();
}

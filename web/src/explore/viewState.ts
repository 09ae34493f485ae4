/**
 * The whole explorer view in the address: the two picked entities, the
 * entity looked up, the selected node, what the results list (paths, brokers,
 * partners), the side panel's tab, the path settings and filters. Written with
 * history.replaceState as the user acts, read once on load; the language
 * (?lang=) is left as the switcher set it.
 */
import { DEFAULT_WALK_TYPES, RELATIONSHIP_TYPE_NAMES } from '../../../src/domain/model';
import { byId, type Explorer, type ResultMode, type SidePanel } from './context';

const MODES: readonly ResultMode[] = ['paths', 'brokers', 'partners'];
const PANELS: readonly SidePanel[] = ['results', 'details'];
/** The parameters this module owns; any other (lang) passes through untouched. */
const KEYS = ['from', 'to', 'focus', 'node', 'mode', 'panel', 'hops', 'paths', 'crossBorder', 'types', 'avoid', 'country'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** A view read from the address, every value checked (an unknown value is dropped, not trusted). */
export interface ViewState {
  from: string | null;
  to: string | null;
  focus: string | null;
  node: string | null;
  mode: ResultMode | null;
  panel: SidePanel | null;
  hops: number | null;
  paths: number | null;
  crossBorder: boolean;
  /** Relationship types to walk; null for the model's default. */
  types: string[] | null;
  avoid: string[];
  country: string;
}

const id = (value: string | null): string | null => (value && ID.test(value) ? value : null);
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | null => (allowed as readonly string[]).includes(value ?? '') ? (value as T) : null;
const choice = (select: string, value: string | null): number | null =>
  [...byId<HTMLSelectElement>(select).options].some((o) => o.value === value) ? Number(value) : null;

/** Reads the view from a query string. */
export function readViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  const types = params.has('types') ? list('types').filter((type) => (RELATIONSHIP_TYPE_NAMES as readonly string[]).includes(type)) : null;
  return {
    from: id(params.get('from')),
    to: id(params.get('to')),
    focus: id(params.get('focus')),
    node: id(params.get('node')),
    mode: oneOf(params.get('mode'), MODES),
    panel: oneOf(params.get('panel'), PANELS),
    hops: choice('max-hops', params.get('hops')),
    paths: choice('path-count', params.get('paths')),
    crossBorder: params.get('crossBorder') === '1',
    types,
    avoid: list('avoid').filter((value) => id(value)).slice(0, 50),
    country: oneOf(params.get('country'), ['JP', 'TW']) ?? '',
  };
}

/** The relationship types ticked, or null when they are the model's default. */
export function chosenTypes(): string[] | null {
  const boxes = [...byId('types').querySelectorAll<HTMLInputElement>('input.rel-type')];
  const checked = boxes.filter((b) => b.checked).map((b) => b.value);
  const isDefault = boxes.every((b) => b.checked === (DEFAULT_WALK_TYPES as readonly string[]).includes(b.value));
  return isDefault ? null : checked;
}

/** The view the page shows now, as a query string (lang and unknown parameters kept). */
export function viewQuery(ex: Explorer, current: string = window.location.search): string {
  const params = new URLSearchParams(current);
  for (const key of KEYS) params.delete(key);
  const set = (key: string, value: string | null | undefined) => {
    if (value) params.set(key, value);
  };
  set('from', ex.from.value?.id);
  set('to', ex.to.value?.id);
  set('focus', ex.view.focus);
  set('node', ex.view.selected);
  set('mode', ex.view.mode);
  if (ex.view.panel !== 'results' || ex.view.mode) set('panel', ex.view.panel);
  const hops = byId<HTMLSelectElement>('max-hops').value;
  const paths = byId<HTMLSelectElement>('path-count').value;
  if (hops !== '4') set('hops', hops);
  if (paths !== '5') set('paths', paths);
  if (byId<HTMLInputElement>('cross-border').checked) set('crossBorder', '1');
  const types = chosenTypes();
  if (types) params.set('types', types.join(','));
  set('avoid', [...ex.avoided.keys()].join(','));
  if (ex.view.mode === 'partners') set('country', ex.view.partnersCountry);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Puts the view in the address bar without a new history entry. */
export function syncUrl(ex: Explorer): void {
  if (ex.view.restoring) return;
  const query = viewQuery(ex);
  if (query === window.location.search) return;
  history.replaceState(null, '', `${window.location.pathname}${query}${window.location.hash}`);
}

/** Sets the path settings and filters a view names (before anything is asked). */
export function applySettings(state: ViewState): void {
  if (state.hops) byId<HTMLSelectElement>('max-hops').value = String(state.hops);
  if (state.paths) byId<HTMLSelectElement>('path-count').value = String(state.paths);
  byId<HTMLInputElement>('cross-border').checked = state.crossBorder;
  if (state.types) {
    const wanted = new Set(state.types);
    byId('types').querySelectorAll<HTMLInputElement>('input.rel-type').forEach((box) => (box.checked = wanted.has(box.value)));
  }
}

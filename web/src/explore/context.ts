/**
 * The explorer's state, made once per page by explore.ts and handed to each
 * feature. Features reach each other through `actions`, so no feature module
 * imports another and none keeps state of its own.
 */
import type { GNode } from '../graph';
import type { Picker } from '../picker';
import type { DrawnGraph } from './canvas';
import type { Path } from './queries';

export interface ExplorerActions {
  showDetails(id: string): Promise<void>;
  selectNode(id: string): void;
  expand(id: string, limit: number): Promise<void>;
  collapse(id: string): void;
  toggleAvoid(id: string, name: string): void;
  findConnections(): Promise<void>;
  showBrokers(): Promise<void>;
  suggestPartners(entity: GNode, country: string): Promise<void>;
  updateButtons(): void;
}

export interface Explorer {
  readonly graph: DrawnGraph;
  readonly from: Picker;
  readonly to: Picker;
  /** Entities paths must go around, id → name. */
  readonly avoided: Map<string, string>;
  /** What the page shows now. */
  readonly view: { selected: string | null; lastPaths: Path[] | null };
  readonly actions: ExplorerActions;
  status(text: string, isError?: boolean): void;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

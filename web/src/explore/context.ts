/**
 * The explorer's state, made once per page by explore.ts and handed to each
 * feature. Features reach each other through `actions`, so no feature module
 * imports another and none keeps state of its own.
 */
import type { GNode } from '../graph';
import type { Picker } from '../picker';
import type { DrawnGraph } from './canvas';
import type { Details, Path } from './queries';

/** What the results panel lists: paths between From and To, their brokers, or partners suggested for the selected entity. */
export type ResultMode = 'paths' | 'brokers' | 'partners';
/** The side panel's two tabs. */
export type SidePanel = 'results' | 'details';

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
  /** Opens one entity: its details and its neighbourhood on the canvas. */
  lookUp(entity: GNode): Promise<void>;
  /**
   * Shows one tab of the side panel. Without a turn it is the reader's choice
   * (a tab, a node); with one, from askPanel, it is an answer's, shown only if
   * the panel was neither chosen nor asked for since.
   */
  showPanel(panel: SidePanel, turn?: number): void;
  /** A turn at the side panel for a question whose answer shows a tab (the panel follows the reader's last action, not the last answer). */
  askPanel(): number;
  /** Writes the view into the address bar (history.replaceState). */
  syncUrl(): void;
}

export interface Explorer {
  readonly graph: DrawnGraph;
  readonly from: Picker;
  readonly to: Picker;
  /** Entities paths must go around, id → name. */
  readonly avoided: Map<string, string>;
  /** What the page shows now. */
  readonly view: {
    selected: string | null;
    lastPaths: Path[] | null;
    /** The selected entity's answer, once loaded (exports read it). */
    details: Details | null;
    /** The entity looked up on its own (its neighbourhood drawn), when no paths are. */
    focus: string | null;
    mode: ResultMode | null;
    /** The country the partners were suggested in ('' for any). */
    partnersCountry: string;
    panel: SidePanel;
    /** Counts the choices of and questions for the side panel; an answer whose turn is not the latest leaves the panel alone. */
    panelTurn: number;
    /** Counts the questions whose answer fills the results list (paths, brokers, partners): only the latest one's answer is drawn and listed. */
    resultsQuestion: number;
    /** While a shared view is being reopened, the address bar is left as it came. */
    restoring: boolean;
  };
  readonly actions: ExplorerActions;
  status(text: string, isError?: boolean): void;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

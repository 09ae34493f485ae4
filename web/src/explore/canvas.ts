/** What the explorer has drawn: the cytoscape graph and who put each element there. */
import cytoscape, { type Core } from 'cytoscape';
import { relationshipName } from '../i18n/terms';
import { countryOf, edgeId, nodeData, STYLE, type GEdge, type GNode } from '../graph';
import type { Hop, Path } from './queries';

/** Weak links (hops into or out of a hub) are dashed and thinner; hubs get a dashed ring. */
const WEAK_STYLE = [
  { selector: 'edge.weak', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 5], width: 2, 'line-color': '#9aa5b1', 'target-arrow-color': '#9aa5b1' } },
  { selector: 'node.hub', style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': '#9aa5b1' } },
];

/** The smallest label, in screen pixels, the canvas draws. */
const MIN_LABEL_PX = 10;
/** The label sizes the style sets (graph units). */
const NODE_FONT = 12;
const EDGE_FONT = 11;
/** An edge label too small to read is left out ('quiet') unless the edge is hovered or selected ('labelled'). */
const LEGIBLE_STYLE = [
  { selector: 'edge.quiet', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
  { selector: 'edge.quiet.labelled, edge.quiet:selected', style: { 'text-opacity': 1, 'text-background-opacity': 0.95 } },
];

/** The relationship a hop walked, pointing the way the relationship points. */
export function hopEdge(hop: Hop): GEdge {
  return hop.direction === 'FORWARD'
    ? { source: hop.from.id, target: hop.to.id, type: hop.type }
    : { source: hop.to.id, target: hop.from.id, type: hop.type };
}

/**
 * The drawn graph. Each element has owners ("path", "expand:<id>", "pick" …) and
 * leaves the graph when its last owner lets go of it.
 */
export class DrawnGraph {
  readonly cy: Core;
  readonly nodes = new Map<string, GNode>();
  readonly edges = new Map<string, GEdge>();
  /** Entities whose neighbourhood was added ("expand:<id>" owns those elements). */
  readonly expanded = new Set<string>();
  /** Counts the clears, so an answer asked for before one is dropped. */
  generation = 0;
  private readonly owners = new Map<string, Set<string>>();

  constructor(container: HTMLElement, private readonly isAvoided: (id: string) => boolean) {
    this.cy = cytoscape({ container, style: [...STYLE, ...WEAK_STYLE, ...LEGIBLE_STYLE] as typeof STYLE, wheelSensitivity: 0.3, minZoom: 0.15, maxZoom: 3 });
    let queued = false;
    this.cy.on('zoom', () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        this.keepLabelsLegible();
      });
    });
  }

  /**
   * Keeps text readable whatever the zoom: node labels grow as the graph
   * shrinks (never under MIN_LABEL_PX on screen), and edge labels that would
   * be smaller than that are not drawn until zoomed in, hovered or selected.
   */
  keepLabelsLegible(): void {
    const zoom = this.cy.zoom();
    const nodeFont = Math.min(24, Math.max(NODE_FONT, MIN_LABEL_PX / zoom));
    this.cy.batch(() => {
      this.cy.nodes().style('font-size', nodeFont);
      this.cy.edges().toggleClass('quiet', EDGE_FONT * zoom < MIN_LABEL_PX);
    });
  }

  private own(id: string, owner: string): boolean {
    const set = this.owners.get(id);
    if (set) {
      set.add(owner);
      return false;
    }
    this.owners.set(id, new Set([owner]));
    return true;
  }

  addNode(n: GNode, owner: string, position?: { x: number; y: number }): void {
    const fresh = this.own(n.id, owner);
    if (!this.nodes.has(n.id) || countryOf(n)) this.nodes.set(n.id, { ...this.nodes.get(n.id), ...n });
    if (fresh) {
      this.cy.add({ group: 'nodes', data: nodeData(n), position: position ?? { x: 0, y: 0 } });
      if (this.isAvoided(n.id)) this.cy.getElementById(n.id).addClass('avoided');
    }
  }

  addEdge(e: GEdge, owner: string, classes = ''): void {
    const id = edgeId(e);
    if (this.own(id, owner)) {
      this.edges.set(id, e);
      this.cy.add({ group: 'edges', data: { id, source: e.source, target: e.target, type: e.type, label: relationshipName(e.type) }, classes });
    } else if (classes) {
      this.cy.getElementById(id).addClass(classes);
    }
  }

  /** Lets go of everything `owner` drew; what nobody else owns leaves the graph. */
  removeOwner(owner: string): void {
    const gone: string[] = [];
    for (const [id, set] of this.owners) {
      set.delete(owner);
      if (!set.size) gone.push(id);
    }
    // Edges first; a node leaves with every edge still attached to it.
    for (const id of gone.filter((i) => this.edges.has(i))) {
      this.owners.delete(id);
      this.edges.delete(id);
      this.cy.getElementById(id).remove();
    }
    for (const id of gone.filter((i) => this.nodes.has(i))) {
      this.owners.delete(id);
      this.nodes.delete(id);
      this.cy.getElementById(id).connectedEdges().forEach((edge) => {
        this.owners.delete(edge.id());
        this.edges.delete(edge.id());
      });
      this.cy.getElementById(id).remove();
      this.expanded.delete(id);
    }
  }

  /** Draws paths' nodes and hops for `owner`; hops into or out of a hub are dashed, hubs ringed. */
  drawPaths(paths: Path[], owner: string, classes = ''): void {
    for (const path of paths) {
      for (const node of path.nodes) this.addNode(node, owner, { x: (Math.random() - 0.5) * 300, y: (Math.random() - 0.5) * 300 });
      for (const hop of path.hops) this.addEdge(hopEdge(hop), owner, `${classes}${hop.weak ? ' weak' : ''}`.trim());
      for (const hub of path.hubs ?? []) this.cy.getElementById(hub.entity.id).addClass('hub');
    }
  }

  clear(): void {
    this.generation++;
    // A move of the view still under way (an earlier answer's fit or centring) would carry on over what is drawn next.
    this.cy.stop(true);
    this.cy.elements().remove();
    this.nodes.clear();
    this.edges.clear();
    this.owners.clear();
    this.expanded.clear();
  }

  /** Spreads the graph out with room for the labels (cose counts each label in its node's size). */
  runLayout(): void {
    this.cy.layout({
      name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 14000, idealEdgeLength: () => 120, nodeOverlap: 20, componentSpacing: 80, padding: 40,
    } as cytoscape.LayoutOptions).run();
    this.cy.stop(true);
    this.cy.fit(undefined, 40);
    this.keepLabelsLegible();
  }

  /**
   * One entity and its neighbours: the entity in the middle, its neighbours on a
   * ring (two staggered rings when there are many) spaced so no labels overlap.
   */
  layoutAround(id: string): void {
    const many = this.cy.nodes().length > 14;
    let ring = 0;
    const level = new Map(this.cy.nodes().map((node) => [node.id(), node.id() === id ? 3 : many ? 1 + (ring++ % 2) : 1]));
    // Twice: the first fit sets the zoom, the labels grow to stay legible at it, the second lays out the grown labels.
    for (let pass = 0; pass < 2; pass++) {
      this.cy.layout({
        name: 'concentric', animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true, minNodeSpacing: 24, padding: 30,
        concentric: (node: cytoscape.NodeSingular) => level.get(node.id()) ?? 1, levelWidth: () => 1,
      } as cytoscape.LayoutOptions).run();
      this.cy.stop(true);
      this.cy.fit(undefined, 30);
      this.keepLabelsLegible();
    }
  }

  /** Shows the labels of an element's edges while the pointer is on it (or it is selected). */
  labelEdgesOf(id: string | null): void {
    this.cy.edges('.labelled').removeClass('labelled').removeStyle('font-size');
    if (!id) return;
    const element = this.cy.getElementById(id);
    if (element.empty()) return;
    // At least 12 px on screen whatever the zoom.
    (element.isNode() ? element.connectedEdges() : element).addClass('labelled').style('font-size', Math.max(12, 12 / this.cy.zoom()));
  }
}

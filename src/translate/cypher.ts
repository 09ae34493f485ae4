/**
 * The one way the read compiler composes Cypher: a tree of fragments, written
 * as tagged templates (cypher`MATCH (${n}:${name(label)})`), rendered once by
 * `render`. Interpolated values are nodes, never text: variables, parameters,
 * checked names, literals, nested fragments and indented blocks. So
 *  - request values only ever become parameters (there is no way to interpolate a string);
 *  - labels, types, property names and map keys are checked in one place (`name`);
 *  - variable and parameter names are given by the renderer, in the order they
 *    first appear in the text: one tree shape, one text (Neo4j's plan cache
 *    depends on it);
 *  - no text is edited after it is rendered.
 *
 * Why not @neo4j/cypher-builder (3.2.2, what @neo4j/graphql composes with): it
 * runs on Node 20 and has Neo4j 5's COLLECT { }, COUNT { } and CALL () { }, but
 * it lays text out its own way (every subquery body indented, variables named
 * this0/var1, predicates parenthesised, map projections spaced). Every compiled
 * statement would change, so Neo4j would plan new texts, and the detail read,
 * whose COLLECT bodies are left unindented to fit two 1,400-byte driver chunks
 * (src/translate/emit.ts collect), would grow. This builder keeps the hand-tuned
 * text; only the numbers in variable and parameter names follow from it.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `text` is a plain identifier, the only kind of name (label, type, property, key) Cypher text takes from code. */
export const isIdentifier = (text: string): boolean => IDENTIFIER.test(text);

/** `text` when it is a plain identifier; anything else throws (a programming error: names come from the model). */
export function identifier(text: string): string {
  if (!isIdentifier(text)) throw new Error(`not a plain identifier: ${text}`);
  return text;
}

/** A variable. Allocated ones are named by the renderer (prefix and a number); fixed ones keep their name. */
export class Variable {
  /** @internal */
  constructor(
    readonly base: string,
    readonly fixed: boolean,
  ) {}
}

/** A fresh variable, rendered as `prefix` and a number unique in the statement (e.g. r1, n2). */
export function variable(prefix: string): Variable {
  if (!/^[A-Za-z_]+$/.test(prefix)) throw new Error(`not a variable prefix: ${prefix}`);
  return new Variable(prefix, false);
}

/** A variable with a fixed name (n, s0, textIds): for the names a statement's rows and callers rely on. */
export const fixedVariable = (text: string): Variable => new Variable(identifier(text), true);

/** A parameter. Unnamed ones are named by the renderer (p0, p1, …). */
export class Parameter {
  /** @internal */
  constructor(
    readonly value: unknown,
    readonly fixedName: string | null,
    readonly bound: boolean,
  ) {}
}

/** A parameter holding `value`, named by the renderer. */
export const param = (value: unknown): Parameter => new Parameter(value, null, true);

/** A parameter with a fixed name (e.g. `$limit`) holding `value`. */
export const namedParam = (text: string, value: unknown): Parameter => new Parameter(value, identifier(text), true);

/** A named parameter whose value each run gives (the statement's text and other parameters are reused). */
export const slot = (text: string): Parameter => new Parameter(undefined, identifier(text), false);

/** A checked name: a label, relationship type, property name or map key. */
export class Name {
  /** @internal */
  constructor(readonly text: string) {}
}

/** A label, type, property name or map key from the model; throws unless it is a plain identifier. */
export const name = (text: string): Name => new Name(identifier(text));

/** A string literal of a fixed vocabulary value (e.g. a PARTY_TO role): only identifiers are accepted. */
export class Literal {
  /** @internal */
  constructor(readonly text: string) {}
}

export const stringLiteral = (value: string): Literal => new Literal(`'${identifier(value)}'`);

/** A block rendered with every line indented by two spaces. */
export class Indented {
  /** @internal */
  constructor(readonly body: Value) {}
}

export const indent = (body: Value): Indented => new Indented(body);

/** A sequence of code-written text and values. */
export class Fragment {
  /** @internal */
  constructor(readonly parts: readonly (string | Value)[]) {}
}

/** What a template may interpolate; a number is an integer literal (a LIMIT, a list index). */
export type Value = Fragment | Variable | Parameter | Name | Literal | Indented | number;

/** Composes a fragment; only the template's own text becomes Cypher text. */
export function cypher(strings: TemplateStringsArray, ...values: Value[]): Fragment {
  const parts: (string | Value)[] = [];
  strings.forEach((text, i) => {
    if (text) parts.push(text);
    if (i < values.length) parts.push(values[i]!);
  });
  return new Fragment(parts);
}

/** The separators fragments are joined with. */
export type Separator = ', ' | ' AND ' | ' OR ' | ' ' | '|' | '\n';

export function join(values: readonly Value[], separator: Separator): Fragment {
  return new Fragment(values.flatMap((value, i) => (i === 0 ? [value] : [separator, value])));
}

/** Fragments one per line. */
export const lines = (values: readonly Value[]): Fragment => join(values, '\n');

export const EMPTY = new Fragment([]);

/** A statement as the executor runs it: its name (logged, measured, tagged), text and parameters. */
export interface CompiledQuery {
  name: string;
  text: string;
  params: Record<string, unknown>;
}

/** The text of a tree and its parameters (slots left out: the caller binds them). */
export function render(root: Value): { text: string; params: Record<string, unknown> } {
  const taken = new Set<string>();
  const seen = new Set<Fragment>();
  const declare = (value: Value): void => {
    if (value instanceof Fragment) {
      if (seen.has(value)) return;
      seen.add(value);
      for (const part of value.parts) if (typeof part !== 'string') declare(part);
    } else if (value instanceof Indented) declare(value.body);
    else if (value instanceof Variable && value.fixed) taken.add(value.base);
    else if (value instanceof Parameter && value.fixedName) taken.add(`$${value.fixedName}`);
  };
  declare(root);

  const variables = new Map<Variable, string>();
  const parameters = new Map<Parameter, string>();
  const params: Record<string, unknown> = {};
  const named = new Map<string, Parameter>();
  let variableCount = 0;
  let paramCount = 0;
  const variableName = (v: Variable): string => {
    if (v.fixed) return v.base;
    let found = variables.get(v);
    if (!found) {
      do found = `${v.base}${++variableCount}`;
      while (taken.has(found));
      variables.set(v, found);
    }
    return found;
  };
  const parameterName = (p: Parameter): string => {
    let found = parameters.get(p);
    if (found) return found;
    if (p.fixedName) {
      const other = named.get(p.fixedName);
      if (other && (other.bound !== p.bound || !Object.is(other.value, p.value))) throw new Error(`two values for parameter $${p.fixedName}`);
      named.set(p.fixedName, p);
      found = p.fixedName;
    } else {
      do found = `p${paramCount++}`;
      while (taken.has(`$${found}`));
    }
    parameters.set(p, found);
    if (p.bound) params[found] = p.value;
    return found;
  };
  // Line breaks come only from the code's own text (names and literals have none), so
  // an indented block is laid out by indenting after each break of its code text.
  const text = (value: Value, indentation: string): string => {
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`not an integer literal: ${value}`);
      return String(value);
    }
    if (value instanceof Fragment) return value.parts.map((part) => (typeof part === 'string' ? part.replaceAll('\n', `\n${indentation}`) : text(part, indentation))).join('');
    if (value instanceof Variable) return variableName(value);
    if (value instanceof Parameter) return `$${parameterName(value)}`;
    if (value instanceof Indented) return `  ${text(value.body, `${indentation}  `)}`;
    return value.text;
  };
  return { text: text(root, ''), params };
}

/** A compiled read named `compiled/<name>`: the statement rendered, with its parameters. */
export function compiled(statementName: string, root: Value): CompiledQuery {
  return { name: `compiled/${statementName}`, ...render(root) };
}

/**
 * The pages speak English, Japanese and Traditional Chinese from their message
 * catalogues (web/src/i18n/*.json): no text a reader sees is written into the
 * page code, every key is in all three catalogues with the same ICU arguments,
 * and the language is resolved URL first, then the remembered choice, then the
 * browser. Reads the source with the TypeScript compiler; needs no database.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import ts from 'typescript';
import { resolveLanguage } from '../web/src/i18n/resolve';

const WEB = resolve(__dirname, '..', 'web');
const SRC = join(WEB, 'src');
const LANGUAGES = ['en', 'ja', 'zh-Hant'] as const;

/** Attributes and option keys whose value a reader sees or hears. */
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'ariaLabel', 'aria-description', 'placeholder', 'alt', 'label', 'text']);
/** Element properties that become text on the page. */
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'innerHTML', 'outerHTML', 'title', 'placeholder', 'ariaLabel', 'alt']);
/** Methods whose arguments become text nodes or dialog text. */
const TEXT_METHODS = new Set(['append', 'prepend', 'replaceChildren', 'after', 'before', 'createTextNode', 'alert', 'confirm', 'prompt', 'status', 'insertAdjacentText']);
/**
 * The allowlist: literals that reach a text sink but are not words to
 * translate: format names on the export buttons (the catalogues explain each
 * in the button's title), cytoscape's data mappers (`label: 'data(label)'`)
 * and the URL field's placeholder (`https://…`).
 */
const ALLOWED = [/^(PNG|JSON|GraphML)$/, /^data\(\w+\)$/, /^https:\/\/…$/];

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

const hasWords = (text: string): boolean => /\p{L}/u.test(text) && !ALLOWED.some((allowed) => allowed.test(text.trim()));

/** The literal pieces of an expression that would show as text (both arms of a condition, both sides of a +, a template's fixed parts). */
function textLiterals(node: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? [node] : [];
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    return parts.some(hasWords) ? [node] : [];
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return textLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...textLiterals(node.whenTrue), ...textLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(node.operatorToken.kind)) {
    return [...(node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [] : textLiterals(node.left)), ...textLiterals(node.right)];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => (ts.isSpreadElement(e) ? textLiterals(e.expression) : textLiterals(e)));
  if (ts.isSpreadElement(node)) return textLiterals(node.expression);
  return [];
}

const propertyNameOf = (name: ts.PropertyName): string | null =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : null;

/** Every literal of page code that reaches text a reader sees, as "file:line: text". */
export function visibleLiterals(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (nodes: ts.Node[]) => {
    for (const node of nodes) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push(`${relative(WEB, file)}:${line}: ${node.getText(sf).slice(0, 80)}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      // h(tag, attributes, ...children): the children are text.
      if (name === 'h') node.arguments.slice(2).forEach((arg) => report(textLiterals(arg)));
      if (TEXT_METHODS.has(name)) node.arguments.forEach((arg) => report(textLiterals(arg)));
      if (name === 'setAttribute' && node.arguments.length === 2) {
        const [attribute, value] = node.arguments;
        if (attribute && value && ts.isStringLiteral(attribute) && TEXT_ATTRIBUTES.has(attribute.text)) report(textLiterals(value));
      }
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && TEXT_PROPERTIES.has(node.left.name.text)) {
      report(textLiterals(node.right));
    }
    if (ts.isPropertyAssignment(node)) {
      const key = propertyNameOf(node.name);
      if (key && TEXT_ATTRIBUTES.has(key)) report(textLiterals(node.initializer));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Each message's ICU argument names, sorted (plural, select and tag arguments included). */
function argumentsOf(message: string, lang: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]): void => {
    for (const element of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (element.type !== 0 && element.type !== 7 && typeof element.value === 'string') names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(message, lang).getAst() as unknown[]);
  return [...names].sort();
}

function flatten(catalogue: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
  }
  return out;
}

const catalogues = Object.fromEntries(LANGUAGES.map((lang) => [lang, flatten(JSON.parse(readFileSync(join(SRC, 'i18n', `${lang}.json`), 'utf8')) as Record<string, unknown>)]));
const pageCode = filesUnder(SRC, '.ts');

describe('page code', () => {
  it('finds a visible literal where one is written, so the check below is not vacuous', () => {
    const sample = [
      "h('p', {}, 'Loading…');",
      "el.textContent = `Could not load ${what}`;",
      "h('button', { title: 'Stop avoiding' }, '×');",
      "h('span', {}, ok ? 'yes' : t('no'));",
      "alert('Saved');",
      "const d = { label: 'Organizations', data: [] };",
      "ex.status('Looking…');",
    ].join('\n');
    expect(visibleLiterals(join(SRC, 'sample.ts'), sample).map((l) => l.replace(/^src\/sample\.ts:\d+: /, ''))).toEqual([
      "'Loading…'", '`Could not load ${what}`', "'Stop avoiding'", "'yes'", "'Saved'", "'Organizations'", "'Looking…'",
    ]);
  });

  it('writes no text a reader sees outside the message catalogues', () => {
    expect(pageCode.length).toBeGreaterThan(20);
    expect(pageCode.flatMap((file) => visibleLiterals(file))).toEqual([]);
  });

  it('writes no words into the pages\' HTML that no catalogue key replaces', () => {
    for (const file of readdirSync(WEB).filter((name) => name.endsWith('.html'))) {
      const body = readFileSync(join(WEB, file), 'utf8').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '');
      // Text between two tags: the opening tag before it must carry data-i18n.
      const untranslated = [...body.matchAll(/<([^>]*)>([^<]*)/g)]
        .filter(([, tag, text]) => hasWords(text!) && !/\bdata-i18n=/.test(tag!))
        .map(([, , text]) => `${file}: ${text!.trim()}`);
      expect(untranslated).toEqual([]);
    }
  });

  it('uses only keys the English catalogue has', () => {
    const used = pageCode.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\b(?:t|tNodes)\('([\w.]+)'/g)].map((m) => m[1]!));
    const html = readdirSync(WEB).filter((name) => name.endsWith('.html')).flatMap((file) => [...readFileSync(join(WEB, file), 'utf8').matchAll(/data-i18n(?:-[\w-]+)?="([\w.]+)"/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set([...used, ...html])].filter((key) => !catalogues.en!.has(key))).toEqual([]);
  });
});

describe('message catalogues', () => {
  it('have the same keys in English, Japanese and Traditional Chinese', () => {
    const keys = [...catalogues.en!.keys()].sort();
    expect(keys.length).toBeGreaterThan(200);
    for (const lang of LANGUAGES) expect([...catalogues[lang]!.keys()].sort()).toEqual(keys);
  });

  it('give each message the same ICU arguments in every language, and every message parses', () => {
    const mismatched: string[] = [];
    for (const [key, english] of catalogues.en!) {
      const expected = argumentsOf(english, 'en');
      for (const lang of ['ja', 'zh-Hant'] as const) {
        const got = argumentsOf(catalogues[lang]!.get(key)!, lang);
        if (got.join() !== expected.join()) mismatched.push(`${lang} ${key}: ${got.join()} ≠ ${expected.join()}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('translate: no Japanese or Chinese message is the English one, except names and acronyms that stay as they are', () => {
    const same = LANGUAGES.slice(1).flatMap((lang) => [...catalogues[lang]!].filter(([key, text]) => text === catalogues.en!.get(key) && /\p{L}{3}/u.test(text) && !/^[A-Z]{2,}$/.test(text)).map(([key]) => `${lang} ${key}`));
    expect(same.filter((entry) => !/nav\.graphql|common\.errors/.test(entry))).toEqual([]);
  });
});

describe('the page language', () => {
  it('comes from the URL first, then the remembered choice, then the browser, else English', () => {
    expect(resolveLanguage({ search: '?lang=ja', stored: 'zh-Hant', preferred: ['en-US'] })).toBe('ja');
    expect(resolveLanguage({ search: '?lang=zh-Hant', stored: null, preferred: [] })).toBe('zh-Hant');
    expect(resolveLanguage({ search: '?focus=x', stored: 'zh-Hant', preferred: ['ja-JP'] })).toBe('zh-Hant');
    expect(resolveLanguage({ search: '', stored: null, preferred: ['fr-FR', 'zh-TW', 'en'] })).toBe('zh-Hant');
    expect(resolveLanguage({ search: '', stored: null, preferred: ['ja-JP'] })).toBe('ja');
    expect(resolveLanguage({ search: '?lang=xx', stored: 'garbage', preferred: ['de'] })).toBe('en');
  });
});

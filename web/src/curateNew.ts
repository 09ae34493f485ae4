/**
 * /curate/new: a curator brings a new article. They paste its text (or upload
 * a .txt or .html file) and describe the source; the page marks every mention
 * of a known entity (Query.mentions) as text nodes, never as HTML. They confirm
 * mentions (citing the new source with the sentence as evidence), create
 * entities and relationships from selected passages, and submit everything as
 * ONE proposeChange changeset. The draft lives in localStorage, so an expired
 * session loses nothing: the page asks them to sign in again and keeps it.
 */
import {
  AGREEMENT_KIND_CHOICES,
  claimablePropertiesOf,
  COVERED_LABELS,
  datePropertiesOf,
  ENTITY_TYPE_CHOICES,
  enumPropertiesOf,
  hasCountry,
  kindsOf,
  labelOfType,
  PARTY_LABELS,
  PARTY_ROLE_CHOICES,
  relationshipTypesBetween,
  SOURCE_KIND_CHOICES,
  type Choice,
} from './curateModel';
import { gql, h } from './gql';
import { localizePage, pageUrl, t, tNodes } from './i18n';
import { entityTypeName, roleName, termName, valueName } from './i18n/terms';
import { curatorGql, hasRole, loadSession, SessionError, sessionBadge, signInForm } from './session';
import './style.css';
import './curate.css';

/** The page's words for the agreement and claim forms and the model-derived fields, in one place for translation. */
const TEXT = {
  none: '—',
  kind: t('curate.form.kind'),
  country: t('curate.form.country'),
  notStated: t('curate.form.notStated'),
  agreementButton: t('curate.new.agreementFromSelection'),
  agreementLegend: t('curate.agreement.legend'),
  agreementKind: t('curate.agreement.kind'),
  exclusive: t('curate.agreement.exclusive'),
  territory: t('curate.agreement.territory'),
  rightsGranted: t('curate.agreement.rightsGranted'),
  parties: t('curate.agreement.parties'),
  notAParty: t('curate.agreement.notAParty'),
  covers: t('curate.agreement.covers'),
  addAgreement: t('curate.agreement.add'),
  agreements: t('curate.agreement.list'),
  agreementNeeds: t('curate.agreement.needs'),
  needOrganization: t('curate.agreement.needOrganization'),
  noTypeFits: t('curate.relationship.noTypeFits'),
  evidenceSentence: t('curate.form.evidenceSentence'),
  claimButton: t('curate.new.claimFromSelection'),
  claimLegend: t('curate.claim.legend'),
  claimEntity: t('curate.claim.entity'),
  claimProperty: t('curate.claim.property'),
  claimValue: t('curate.claim.value'),
  claimAsOf: t('curate.claim.asOf'),
  claimGraphHas: (value: string) => t('curate.claim.graphHas', { value }),
  claimGraphHasNone: t('curate.claim.graphHasNone'),
  addClaim: t('curate.claim.add'),
  claims: t('curate.claim.list'),
  claimNeeds: t('curate.claim.needs'),
  needExisting: t('curate.claim.needExisting'),
  asRole: (organization: string, role: string) => t('curate.agreement.asRole', { organization, role: roleName(role) }),
};

const MAX_TEXT = 200_000;
const MAX_UPLOAD_BYTES = 2_000_000;
const DRAFT_KEY = 'regen.curate.draft.v1';

interface Candidate {
  id: string;
  type: string;
  name: string;
  matchedName: string;
}
interface MentionView {
  start: number;
  end: number;
  text: string;
  ambiguous: boolean;
  candidates: Candidate[];
}
interface NewEntity {
  type: string;
  id: string;
  name: string;
  description: string;
  kind: string;
  country: string;
  /** The label's other enum-valued properties (a trial's phase), sent as facts. */
  facts?: Record<string, string>;
  evidence: string;
}
/** A value the article states for a property of a known entity, recorded as a claim (never over the graph's value). */
interface NewClaim {
  entityId: string;
  property: string;
  value: string | number | boolean;
  asOf: string;
  evidence: string;
}
/** An agreement to record with recordAgreement, its parties chosen from the text's entities. */
interface NewAgreement {
  id: string;
  name: string;
  description: string;
  kind: string;
  exclusive: boolean;
  territory: string[];
  rightsGranted: string[];
  /** The Agreement's date properties (signedOn) by name. */
  dates: Record<string, string>;
  parties: { organization: string; role: string }[];
  covers: string[];
  evidence: string;
}
interface NewRelationship {
  type: string;
  from: string;
  to: string;
  evidence: string;
}
/** Everything the curator has entered; saved to localStorage on every change. */
export interface Draft {
  source: { id: string; url: string; publisher: string; title: string; publishedOn: string; language: string; kind: string };
  text: string;
  mentions: MentionView[];
  /** Mention start offset → the entity id the curator confirmed. */
  confirmed: Record<string, string>;
  entities: NewEntity[];
  agreements: NewAgreement[];
  claims: NewClaim[];
  relationships: NewRelationship[];
  note: string;
}

const emptyDraft = (): Draft => ({
  source: { id: '', url: '', publisher: '', title: '', publishedOn: '', language: 'en', kind: 'TRADE_PRESS' },
  text: '',
  mentions: [],
  confirmed: {},
  entities: [],
  agreements: [],
  claims: [],
  relationships: [],
  note: '',
});

function loadDraft(): Draft {
  try {
    const saved = localStorage.getItem(DRAFT_KEY);
    return saved ? { ...emptyDraft(), ...(JSON.parse(saved) as Partial<Draft>) } : emptyDraft();
  } catch {
    return emptyDraft();
  }
}

let draft = loadDraft();
const save = (): void => localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');

/** The longest evidence note the API takes (600 characters). */
const EVIDENCE_MAX = 600;

/** The sentence around [start, end) in the text: from the previous sentence end to the next. */
export function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.search(/[^.!?。！？\n]*$/), 0);
  const rest = text.slice(end);
  const stop = rest.search(/[.!?。！？\n]/);
  return text.slice(from, stop < 0 ? text.length : end + stop + 1).trim();
}

/** The text's sentences, in order, for choosing evidence without a mouse selection. */
export function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?。！？\n]+[.!?。！？]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
}

/** The visible text of an uploaded HTML file (parsed inertly: no script runs, nothing is inserted into the page). */
function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, style, noscript, template').forEach((el) => el.remove());
  return (doc.body?.innerText ?? doc.body?.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

function field(label: string, control: HTMLElement, id: string, help?: string): HTMLElement {
  control.id = id;
  return h('p', { class: 'field' }, h('label', { for: id }, label), control, help ? h('span', { class: 'muted small' }, help) : null);
}

function select(options: string[], value: string, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', {}, ...options.map((o) => h('option', { value: o, selected: o === value }, o)));
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

/** A dropdown of the model's values, each titled with its description; `empty` adds a first option for no value. */
function choiceSelect(choices: Choice[], value: string, onChange: (v: string) => void, empty?: string): HTMLSelectElement {
  const el = h(
    'select',
    {},
    ...(empty === undefined ? [] : [h('option', { value: '', selected: value === '' }, empty)]),
    ...choices.map((c) => h('option', { value: c.value, selected: c.value === value, title: c.description }, valueName(c.value))),
  );
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

let countryList: Promise<Choice[]> | undefined;
/** The countries of the graph as choices (code, titled with the name), read once. */
const countries = (): Promise<Choice[]> =>
  (countryList ??= gql<{ countries: { code: string; name: string }[] }>('{ countries { code name } }')
    .then((d) => d.countries.map((c) => ({ value: c.code, description: c.name })).sort((a, b) => a.value.localeCompare(b.value)))
    .catch(() => []));

/** A country dropdown filled from the graph's countries; `multiple` for a territory. */
function countrySelect(value: string[], onChange: (codes: string[]) => void, multiple = false): HTMLSelectElement {
  const el = h('select', multiple ? { multiple: true, size: '5' } : {});
  void countries().then((list) =>
    el.replaceChildren(
      ...(multiple ? [] : [h('option', { value: '', selected: value.length === 0 }, TEXT.notStated)]),
      ...list.map((c) => h('option', { value: c.value, selected: value.includes(c.value) }, `${c.description} (${c.value})`)),
    ),
  );
  el.addEventListener('change', () => onChange([...el.selectedOptions].map((o) => o.value).filter(Boolean)));
  return el;
}

/** The likely-duplicate warning for a name being typed: entities of `type` whose names come close. */
function duplicateWarning(id: string): { element: HTMLElement; check: (name: string, type: string) => void } {
  const element = h('div', { id, role: 'status' });
  let timer: number | undefined;
  const run = async (name: string, type: string): Promise<void> => {
    if (name.trim().length < 2) return void element.replaceChildren();
    const data = await gql<{ search: { entity: { id: string; name: string } }[] }>('query($q: String!, $t: [EntityType!]) { search(query: $q, types: $t, first: 5) { entity { id name } } }', { q: name.trim(), t: [type] }).catch(() => ({ search: [] }));
    element.replaceChildren(
      data.search.length === 0
        ? h('span', { class: 'ok' }, t('curate.form.noSimilar'))
        : h('div', { class: 'warning' }, ...tNodes('curate.form.possibly', { names: h('span', {}, ...data.search.flatMap((s, i) => [i ? t('common.listSeparator') : '', h('a', { href: pageUrl('/explore', { focus: s.entity.id }) }, `${s.entity.name} (${s.entity.id})`)])) })),
    );
  };
  return {
    element,
    check: (name, type) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void run(name, type), 300);
    },
  };
}

function input(type: string, value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const el = h('input', { type, value, ...attrs });
  el.addEventListener('input', () => onInput(el.value));
  return el;
}

/** The article with its mentions marked: every piece appended as a text node. */
function renderArticle(container: HTMLElement, text: string, marks: { start: number; end: number; className: string; title: string }[]): void {
  container.replaceChildren();
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at) continue;
    container.append(document.createTextNode(text.slice(at, m.start)));
    const mark = h('mark', { class: m.className, title: m.title });
    mark.append(document.createTextNode(text.slice(m.start, m.end)));
    container.append(mark);
    at = m.end;
  }
  container.append(document.createTextNode(text.slice(at)));
}

async function main(): Promise<void> {
  localizePage();
  const session = await loadSession();
  const header = document.getElementById('session')!;
  const gate = document.getElementById('gate')!;
  const workspace = document.getElementById('workspace')!;
  const refresh = (): void => void main();
  header.replaceChildren(sessionBadge(refresh));
  if (!session.user || !hasRole('editor')) {
    workspace.hidden = true;
    gate.replaceChildren(
      session.user ? h('p', { class: 'error' }, t('curate.new.needsEditor')) : signInForm('/curate/new', refresh),
      ...(draft.text ? [h('p', { class: 'muted' }, t('curate.new.draftKept'))] : []),
    );
    return;
  }
  gate.replaceChildren();
  workspace.hidden = false;
  renderWorkspace(workspace);
}

function renderWorkspace(root: HTMLElement): void {
  const status = h('div', { role: 'status', id: 'curate-status', class: 'muted' });
  const article = h('div', { class: 'article', id: 'article', tabindex: '0', 'aria-label': t('curate.new.articleLabel') });
  const mentionList = h('ul', { class: 'plain', id: 'mentions' });
  const entityList = h('ul', { class: 'plain', id: 'new-entities' });
  const relationshipList = h('ul', { class: 'plain', id: 'new-relationships' });

  // Source.
  const src = draft.source;
  const sourceCard = h(
    'section',
    { class: 'card', 'aria-labelledby': 'source-title' },
    h('h2', { id: 'source-title' }, t('curate.new.source')),
    field(t('curate.new.url'), input('url', src.url, (v) => ((src.url = v), save()), { placeholder: 'https://…' }), 'source-url'),
    h('div', { class: 'row2' }, field(t('curate.new.publisher'), input('text', src.publisher, (v) => ((src.publisher = v), save())), 'source-publisher'), field(t('curate.new.publishedOn'), input('date', src.publishedOn, (v) => ((src.publishedOn = v), save())), 'source-date')),
    field(t('curate.new.title'), input('text', src.title, (v) => ((src.title = v), save())), 'source-title-input'),
    h(
      'div',
      { class: 'row2' },
      field(t('curate.new.language'), select(['en', 'ja', 'zh'], src.language, (v) => ((src.language = v), save())), 'source-language'),
      field(TEXT.kind, choiceSelect(SOURCE_KIND_CHOICES, src.kind, (v) => ((src.kind = v), save())), 'source-kind'),
    ),
  );

  // Text.
  const textArea = h('textarea', { id: 'article-text', 'aria-describedby': 'text-help' });
  textArea.value = draft.text;
  textArea.addEventListener('input', () => {
    draft.text = textArea.value;
    save();
  });
  const upload = h('input', { type: 'file', id: 'article-file', accept: '.txt,.html,.htm,text/plain,text/html' });
  upload.addEventListener('change', () => {
    const file = upload.files?.[0];
    if (!file) return;
    const kind = /\.(txt)$/i.test(file.name) ? 'txt' : /\.(html?)$/i.test(file.name) ? 'html' : null;
    if (!kind || !(file.type === '' || /^text\/(plain|html)$/.test(file.type))) {
      status.className = 'error';
      status.textContent = t('curate.new.notTextFile', { file: file.name });
      upload.value = '';
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      status.className = 'error';
      status.textContent = t('curate.new.tooLarge', { file: file.name, size: Math.round(file.size / 1000), most: MAX_UPLOAD_BYTES / 1_000_000 });
      upload.value = '';
      return;
    }
    void file.text().then((content) => {
      textArea.value = kind === 'html' ? htmlToText(content) : content;
      draft.text = textArea.value;
      save();
      status.className = 'muted';
      status.textContent = t('curate.new.read', { count: textArea.value.length, file: file.name });
    });
  });
  const findButton = h('button', { type: 'button', class: 'primary', id: 'find-mentions' }, t('curate.new.findMentions'));
  findButton.addEventListener('click', () => void findMentions());
  const textCard = h(
    'section',
    { class: 'card', 'aria-labelledby': 'text-title' },
    h('h2', { id: 'text-title' }, t('curate.new.articleText')),
    field(t('curate.new.paste'), textArea, 'article-text'),
    h('p', { id: 'text-help', class: 'muted small' }, t('curate.new.textHelp', { most: MAX_TEXT })),
    field(t('curate.new.upload'), upload, 'article-file'),
    h('p', {}, findButton),
  );

  // Mentions, shown in the text and listed for confirmation.
  const selectionButton = h('button', { type: 'button', id: 'use-selection' }, t('curate.new.entityFromSelection'));
  const relationButton = h('button', { type: 'button', id: 'relationship-from-selection' }, t('curate.new.relationshipFromSelection'));
  const agreementButton = h('button', { type: 'button', id: 'agreement-from-selection' }, TEXT.agreementButton);
  const claimButton = h('button', { type: 'button', id: 'claim-from-selection' }, TEXT.claimButton);
  const mentionCard = h(
    'section',
    { class: 'card', 'aria-labelledby': 'mentions-title' },
    h('h2', { id: 'mentions-title' }, t('curate.new.mentionsTitle')),
    article,
    h('p', { class: 'row' }, selectionButton, ' ', relationButton, ' ', agreementButton, ' ', claimButton),
    h('h3', {}, t('curate.new.knownMentioned')),
    mentionList,
  );

  // New entities and relationships.
  const entityForm = h('div', { id: 'entity-form' });
  const relationshipForm = h('div', { id: 'relationship-form' });
  const agreementForm = h('div', { id: 'agreement-form' });
  const agreementList = h('ul', { class: 'plain', id: 'new-agreements' });
  const claimForm = h('div', { id: 'claim-form' });
  const claimList = h('ul', { class: 'plain', id: 'new-claims' });
  const noteInput = h('textarea', { id: 'change-note', rows: '3' });
  noteInput.value = draft.note;
  noteInput.addEventListener('input', () => ((draft.note = noteInput.value), save()));
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-change' }, t('curate.new.submit'));
  submit.addEventListener('click', () => void submitChange());
  const discard = h('button', { type: 'button', id: 'discard-draft' }, t('curate.new.discard'));
  discard.addEventListener('click', () => {
    if (!confirm(t('curate.new.discardConfirm'))) return;
    draft = emptyDraft();
    save();
    renderWorkspace(root);
  });
  const changeCard = h(
    'section',
    { class: 'card', 'aria-labelledby': 'change-title' },
    h('h2', { id: 'change-title' }, t('curate.new.changeset')),
    entityForm,
    h('h3', {}, t('curate.new.newEntities')),
    entityList,
    agreementForm,
    h('h3', {}, TEXT.agreements),
    agreementList,
    claimForm,
    h('h3', {}, TEXT.claims),
    claimList,
    relationshipForm,
    h('h3', {}, t('curate.new.newRelationships')),
    relationshipList,
    field(t('curate.new.note'), noteInput, 'change-note'),
    h('p', {}, submit, ' ', discard),
    status,
  );

  root.replaceChildren(h('div', { class: 'grid' }, h('div', {}, textCard, mentionCard), h('div', {}, sourceCard, changeCard)));

  /** Every entity the changeset can connect: confirmed mentions and new entities. */
  const knownIds = (): { id: string; label: string; type: string }[] => {
    const out = new Map<string, { label: string; type: string }>();
    for (const m of draft.mentions) {
      const id = draft.confirmed[String(m.start)];
      const c = m.candidates.find((x) => x.id === id);
      if (c) out.set(c.id, { label: `${c.name} (${c.id})`, type: c.type });
    }
    for (const e of draft.entities) out.set(e.id, { label: t('curate.form.new', { name: e.name }), type: e.type });
    for (const a of draft.agreements) out.set(a.id, { label: t('curate.form.new', { name: a.name }), type: 'AGREEMENT' });
    return [...out].map(([id, v]) => ({ id, ...v }));
  };

  const redraw = (): void => {
    const marks = draft.mentions.map((m) => ({
      start: m.start,
      end: m.end,
      className: `mention${m.ambiguous ? ' ambiguous' : ''}${draft.confirmed[String(m.start)] ? ' confirmed' : ''}`,
      title: m.ambiguous ? t('curate.new.ambiguousTitle', { names: m.candidates.map((c) => c.name).join(' / ') }) : `${m.candidates[0]!.name} (${entityTypeName(m.candidates[0]!.type)})`,
    }));
    renderArticle(article, draft.text, marks);
    mentionList.replaceChildren(
      ...draft.mentions.map((m) => {
        const key = String(m.start);
        const choose = h(
          'select',
          { 'aria-label': t('curate.new.whichEntity', { text: m.text }) },
          h('option', { value: '' }, m.ambiguous ? t('curate.new.chooseAmbiguous') : t('curate.new.notConfirmed')),
          ...m.candidates.map((c) => h('option', { value: c.id, selected: draft.confirmed[key] === c.id }, `${c.name} · ${entityTypeName(c.type)}`)),
        );
        choose.addEventListener('change', () => {
          if (choose.value) draft.confirmed[key] = choose.value;
          else delete draft.confirmed[key];
          save();
          redraw();
        });
        return h('li', {}, h('strong', {}, m.text), m.ambiguous ? h('span', { class: 'mark disputed' }, t('curate.new.ambiguous')) : null, ' ', choose);
      }),
    );
    if (draft.mentions.length === 0) mentionList.append(h('li', { class: 'muted' }, t('curate.new.noMentions')));
    entityList.replaceChildren(...draft.entities.map((e, i) => listItem(`${e.name} · ${entityTypeName(e.type)} · “${e.evidence.slice(0, 80)}”`, () => draft.entities.splice(i, 1))));
    agreementList.replaceChildren(
      ...draft.agreements.map((a, i) => listItem(`${a.name} · ${termName(a.kind)} · ${a.parties.map((p) => TEXT.asRole(p.organization, p.role)).join(t('common.listSeparator'))} · “${a.evidence.slice(0, 80)}”`, () => draft.agreements.splice(i, 1))),
    );
    claimList.replaceChildren(...draft.claims.map((c, i) => listItem(`${c.entityId} · ${c.property} = ${String(c.value)}${c.asOf ? ` ${t('curate.new.asOf', { date: c.asOf })}` : ''} · “${c.evidence.slice(0, 80)}”`, () => draft.claims.splice(i, 1))));
    relationshipList.replaceChildren(...draft.relationships.map((r, i) => listItem(`${r.from} —${r.type}→ ${r.to} · “${r.evidence.slice(0, 80)}”`, () => draft.relationships.splice(i, 1))));
  };

  /** Saves the draft after a form added to it, and closes the form. */
  const closeForm = (form: HTMLElement): void => {
    save();
    form.replaceChildren();
    redraw();
  };

  const listItem = (text: string, remove: () => void): HTMLElement => {
    const button = h('button', { type: 'button', 'aria-label': t('curate.form.removeItem', { item: text.slice(0, 40) }) }, t('curate.form.remove'));
    button.addEventListener('click', () => {
      remove();
      save();
      redraw();
    });
    return h('li', {}, text, ' ', button);
  };

  /** The passage selected inside the article, or '' when the selection is elsewhere. */
  const selectedPassage = (): string => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || !article.contains(selection.anchorNode)) return '';
    return selection.toString().trim();
  };

  /** Runs `show` with the selected passage; with none (from the keyboard), the form offers the text's sentences instead. */
  const fromSelection = (show: (passage: string) => void) => () => {
    if (!draft.text.trim()) {
      status.className = 'warning';
      status.textContent = t('curate.new.selectFirst');
      return;
    }
    show(selectedPassage());
  };

  /** The evidence of a form: the selected passage, or a sentence of the text chosen from a list. */
  const evidenceControl = (passage: string, set: (v: string) => void, id: string): HTMLElement => {
    if (passage) return h('p', { class: 'muted small' }, t('curate.form.evidence', { passage }));
    const sentences = sentencesOf(draft.text);
    set(sentences[0] ?? '');
    return field(TEXT.evidenceSentence, select(sentences, sentences[0] ?? '', set), id);
  };
  selectionButton.addEventListener('click', fromSelection((p) => showEntityForm(p)));
  relationButton.addEventListener('click', fromSelection((p) => showRelationshipForm(p)));
  agreementButton.addEventListener('click', fromSelection((p) => showAgreementForm(p)));
  claimButton.addEventListener('click', fromSelection((p) => showClaimForm(p)));

  const showEntityForm = (passage: string): void => {
    const entity: NewEntity = { type: 'ORGANIZATION', id: '', name: passage.length <= 80 ? passage : '', description: '', kind: '', country: '', facts: {}, evidence: passage };
    const duplicates = duplicateWarning('duplicate-warning');
    const idInput = input('text', entity.id, (v) => (entity.id = v));
    const nameInput = input('text', entity.name, (v) => {
      entity.name = v;
      if (!idInput.dataset.edited) idInput.value = entity.id = slug(v);
      duplicates.check(entity.name, entity.type);
    });
    idInput.addEventListener('input', () => (idInput.dataset.edited = '1'));
    // The fields the chosen type has: its kinds, its country, its other enum-valued properties, all from the model.
    const details = h('div', { id: 'entity-details' });
    const renderDetails = (): void => {
      const label = labelOfType(entity.type)!;
      const kinds = kindsOf(label);
      if (!kinds.choices.some((c) => c.value === entity.kind)) entity.kind = kinds.required ? kinds.choices[0]!.value : '';
      if (!hasCountry(label)) entity.country = '';
      entity.facts = {};
      details.replaceChildren(
        h(
          'div',
          { class: 'row2' },
          kinds.choices.length ? field(TEXT.kind, choiceSelect(kinds.choices, entity.kind, (v) => (entity.kind = v), kinds.required ? undefined : TEXT.notStated), 'entity-kind') : null,
          hasCountry(label) ? field(TEXT.country, countrySelect(entity.country ? [entity.country] : [], ([code]) => (entity.country = code ?? '')), 'entity-country') : null,
        ),
        ...enumPropertiesOf(label).map((p) => field(p.property, choiceSelect(p.choices, '', (v) => (v ? (entity.facts![p.property] = v) : delete entity.facts![p.property]), TEXT.notStated), `entity-${p.property}`, p.description)),
      );
    };
    const add = h('button', { type: 'button', class: 'primary', id: 'add-entity' }, t('curate.new.addEntity'));
    add.addEventListener('click', () => {
      if (!entity.name.trim() || !entity.id || !entity.description.trim()) {
        status.className = 'warning';
        status.textContent = t('curate.new.entityNeeds');
        return;
      }
      draft.entities.push({ ...entity });
      closeForm(entityForm);
    });
    renderDetails();
    entityForm.replaceChildren(
      h(
        'fieldset',
        {},
        h('legend', {}, t('curate.new.newEntity')),
        evidenceControl(passage, (v) => (entity.evidence = v), 'entity-evidence'),
        field(t('curate.form.type'), choiceSelect(ENTITY_TYPE_CHOICES, entity.type, (v) => ((entity.type = v), renderDetails(), duplicates.check(entity.name, entity.type))), 'entity-type'),
        field(t('curate.form.name'), nameInput, 'entity-name'),
        duplicates.element,
        field(t('curate.form.id'), idInput, 'entity-id'),
        field(t('curate.form.description'), input('text', '', (v) => (entity.description = v)), 'entity-description'),
        details,
        add,
      ),
    );
    nameInput.focus();
    duplicates.check(entity.name, entity.type);
  };

  /** A dropdown of the text's entities (confirmed mentions and new ones). */
  const entityPick = (ids: { id: string; label: string }[], value: string, onChange: (v: string) => void): HTMLSelectElement => {
    const el = h('select', {}, ...ids.map((o) => h('option', { value: o.id, selected: o.id === value }, o.label)));
    el.addEventListener('change', () => onChange(el.value));
    return el;
  };

  const showRelationshipForm = (passage: string): void => {
    const ids = knownIds();
    if (ids.length < 2) {
      status.className = 'warning';
      status.textContent = t('curate.new.needTwo');
      return;
    }
    const rel: NewRelationship = { type: '', from: ids[0]!.id, to: ids[1]!.id, evidence: passage };
    // Only the types the model allows between the two chosen entities' labels are offered.
    const typeField = h('div', {});
    const add = h('button', { type: 'button', class: 'primary', id: 'add-relationship' }, t('curate.new.addRelationship'));
    const renderTypes = (): void => {
      const labelOf = (id: string) => labelOfType(ids.find((x) => x.id === id)!.type)!;
      const choices = relationshipTypesBetween(labelOf(rel.from), labelOf(rel.to));
      if (!choices.some((c) => c.value === rel.type)) rel.type = choices[0]?.value ?? '';
      add.disabled = choices.length === 0;
      typeField.replaceChildren(choices.length ? field(t('curate.form.type'), choiceSelect(choices, rel.type, (v) => (rel.type = v)), 'relationship-type') : h('p', { class: 'warning', id: 'relationship-type' }, TEXT.noTypeFits));
    };
    add.addEventListener('click', () => {
      if (!rel.type) return;
      draft.relationships.push({ ...rel });
      closeForm(relationshipForm);
    });
    renderTypes();
    relationshipForm.replaceChildren(
      h(
        'fieldset',
        {},
        h('legend', {}, t('curate.new.newRelationship')),
        evidenceControl(passage, (v) => (rel.evidence = v), 'relationship-evidence'),
        field(t('curate.form.from'), entityPick(ids, rel.from, (v) => ((rel.from = v), renderTypes())), 'relationship-from'),
        field(t('curate.form.to'), entityPick(ids, rel.to, (v) => ((rel.to = v), renderTypes())), 'relationship-to'),
        typeField,
        add,
      ),
    );
  };

  /** An agreement (a licence …) between the text's organizations, each party with its role, the passage as evidence. */
  const showAgreementForm = (passage: string): void => {
    const ids = knownIds();
    const organizations = ids.filter((x) => PARTY_LABELS.includes(labelOfType(x.type) ?? ''));
    if (organizations.length === 0) {
      status.className = 'warning';
      status.textContent = TEXT.needOrganization;
      return;
    }
    const agreement: NewAgreement = { id: '', name: '', description: '', kind: AGREEMENT_KIND_CHOICES[0]!.value, exclusive: false, territory: [], rightsGranted: [], dates: {}, parties: [], covers: [], evidence: passage };
    const duplicates = duplicateWarning('agreement-duplicate-warning');
    const idInput = input('text', '', (v) => ((agreement.id = v), (idInput.dataset.edited = '1')));
    const nameInput = input('text', '', (v) => {
      agreement.name = v;
      if (!idInput.dataset.edited) idInput.value = agreement.id = slug(v);
      duplicates.check(v, 'AGREEMENT');
    });
    const roles = new Map<string, string>();
    const partyRole = (organization: string, i: number): HTMLSelectElement => {
      const el = choiceSelect(PARTY_ROLE_CHOICES, '', (v) => (v ? roles.set(organization, v) : roles.delete(organization)), TEXT.notAParty);
      el.id = `agreement-party-${i}`;
      el.dataset.organization = organization;
      return el;
    };
    const partyRows = organizations.map((o, i) =>
      h(
        'p',
        { class: 'field' },
        h('label', { for: `agreement-party-${i}` }, o.label),
        partyRole(o.id, i),
      ),
    );
    const technologies = ids.filter((x) => COVERED_LABELS.includes(labelOfType(x.type) ?? ''));
    const covers = technologies.map((t, i) => {
      const box = h('input', { type: 'checkbox', id: `agreement-covers-${i}`, value: t.id });
      box.addEventListener('change', () => (agreement.covers = box.checked ? [...agreement.covers, t.id] : agreement.covers.filter((x) => x !== t.id)));
      return h('p', {}, box, ' ', h('label', { for: `agreement-covers-${i}` }, t.label));
    });
    const exclusive = h('input', { type: 'checkbox', id: 'agreement-exclusive' });
    exclusive.addEventListener('change', () => (agreement.exclusive = exclusive.checked));
    const add = h('button', { type: 'button', class: 'primary', id: 'add-agreement' }, TEXT.addAgreement);
    add.addEventListener('click', () => {
      agreement.parties = [...roles].map(([organization, role]) => ({ organization, role }));
      if (!agreement.name.trim() || !agreement.id || !agreement.description.trim() || agreement.parties.length === 0 || agreement.territory.length === 0) {
        status.className = 'warning';
        status.textContent = TEXT.agreementNeeds;
        return;
      }
      draft.agreements.push({ ...agreement });
      closeForm(agreementForm);
    });
    agreementForm.replaceChildren(
      h(
        'fieldset',
        {},
        h('legend', {}, TEXT.agreementLegend),
        evidenceControl(passage, (v) => (agreement.evidence = v), 'agreement-evidence'),
        field(TEXT.agreementKind, choiceSelect(AGREEMENT_KIND_CHOICES, agreement.kind, (v) => (agreement.kind = v)), 'agreement-kind'),
        field(t('curate.form.name'), nameInput, 'agreement-name'),
        duplicates.element,
        field(t('curate.form.id'), idInput, 'agreement-id'),
        field(t('curate.form.description'), input('text', '', (v) => (agreement.description = v)), 'agreement-description'),
        h('fieldset', {}, h('legend', {}, TEXT.parties), ...partyRows),
        ...datePropertiesOf('Agreement').map((d) => field(d.description, input('date', '', (v) => (v ? (agreement.dates[d.property] = v) : delete agreement.dates[d.property])), `agreement-${d.property}`)),
        field(TEXT.territory, countrySelect([], (codes) => (agreement.territory = codes), true), 'agreement-territory'),
        h('p', {}, exclusive, ' ', h('label', { for: 'agreement-exclusive' }, TEXT.exclusive)),
        field(TEXT.rightsGranted, input('text', '', (v) => (agreement.rightsGranted = v.split(',').map((x) => x.trim()).filter(Boolean))), 'agreement-rights'),
        covers.length ? h('fieldset', {}, h('legend', {}, TEXT.covers), ...covers) : null,
        add,
      ),
    );
    nameInput.focus();
  };

  /** A value the article states that may disagree with the graph: recorded as a claim about an entity the graph knows. */
  const showClaimForm = (passage: string): void => {
    const newIds = new Set([...draft.entities.map((e) => e.id), ...draft.agreements.map((a) => a.id)]);
    const ids = knownIds().filter((x) => !newIds.has(x.id));
    if (ids.length === 0) {
      status.className = 'warning';
      status.textContent = TEXT.needExisting;
      return;
    }
    const claim: NewClaim = { entityId: ids[0]!.id, property: '', value: '', asOf: '', evidence: passage };
    const suggestions = h('datalist', { id: 'claim-properties' });
    const graphHas = h('p', { class: 'muted small', id: 'claim-graph-value', role: 'status' });
    let facts: Record<string, unknown> = {};
    const showGraphValue = (): void => {
      const value = claim.property ? facts[claim.property] : undefined;
      graphHas.textContent = !claim.property ? '' : value === undefined ? TEXT.claimGraphHasNone : TEXT.claimGraphHas(Array.isArray(value) ? value.join(', ') : String(value));
    };
    const loadEntity = async (): Promise<void> => {
      const type = ids.find((x) => x.id === claim.entityId)!.type;
      suggestions.replaceChildren(...claimablePropertiesOf(labelOfType(type)!).map((p) => h('option', { value: p })));
      const data = await gql<{ entity: { facts: { name: string; value: unknown }[] } & Record<string, unknown> | null }>('query($id: ID!) { entity(id: $id) { facts { name value } } }', { id: claim.entityId }).catch(() => ({ entity: null }));
      facts = Object.fromEntries((data.entity?.facts ?? []).map((f) => [f.name, f.value]));
      showGraphValue();
    };
    const property = input('text', '', (v) => ((claim.property = v.trim()), showGraphValue()), { list: 'claim-properties', autocomplete: 'off' });
    const add = h('button', { type: 'button', class: 'primary', id: 'add-claim' }, TEXT.addClaim);
    add.addEventListener('click', () => {
      if (!claim.entityId || !claim.property || claim.value === '') {
        status.className = 'warning';
        status.textContent = TEXT.claimNeeds;
        return;
      }
      // A number stays a number, true/false a boolean; anything else is the text as stated.
      const raw = String(claim.value).trim();
      const value = /^-?\d+(\.\d+)?$/.test(raw) && !/^\d{4}$/.test(raw) ? Number(raw) : raw === 'true' || raw === 'false' ? raw === 'true' : raw;
      draft.claims.push({ ...claim, value });
      closeForm(claimForm);
    });
    claimForm.replaceChildren(
      h(
        'fieldset',
        {},
        h('legend', {}, TEXT.claimLegend),
        evidenceControl(passage, (v) => (claim.evidence = v), 'claim-evidence'),
        field(TEXT.claimEntity, entityPick(ids, claim.entityId, (v) => ((claim.entityId = v), void loadEntity())), 'claim-entity'),
        field(TEXT.claimProperty, property, 'claim-property'),
        suggestions,
        graphHas,
        field(TEXT.claimValue, input('text', '', (v) => (claim.value = v)), 'claim-value'),
        field(TEXT.claimAsOf, input('date', '', (v) => (claim.asOf = v)), 'claim-as-of'),
        add,
      ),
    );
    void loadEntity();
  };

  const findMentions = async (): Promise<void> => {
    draft.text = textArea.value;
    if (draft.text.length > MAX_TEXT) {
      status.className = 'error';
      status.textContent = t('curate.new.tooLong', { length: draft.text.length, most: MAX_TEXT });
      return;
    }
    status.className = 'muted';
    status.textContent = t('curate.new.findingMentions');
    try {
      const data = await gql<{ mentions: { mentions: MentionView[] } }>('query($text: String!) { mentions(text: $text) { mentions { start end text ambiguous candidates { id type name matchedName } } } }', { text: draft.text });
      draft.mentions = data.mentions.mentions;
      // A mention with one candidate is proposed as confirmed; ambiguous ones wait for the curator.
      draft.confirmed = Object.fromEntries(draft.mentions.filter((m) => !m.ambiguous).map((m) => [String(m.start), m.candidates[0]!.id]));
      save();
      redraw();
      status.textContent = t('curate.new.mentionsFound', { count: draft.mentions.length, ambiguous: draft.mentions.filter((m) => m.ambiguous).length });
    } catch (error) {
      status.className = 'error';
      status.textContent = (error as Error).message;
    }
  };

  const submitChange = async (): Promise<void> => {
    const s = draft.source;
    if (!s.publisher || !s.title || !s.publishedOn || !draft.text) {
      status.className = 'error';
      status.textContent = t('curate.new.sourceNeeds');
      return;
    }
    s.id = s.id || slug(`${s.publisher}-${s.publishedOn}-${s.title}`);
    const newSource = { id: s.id, publisher: s.publisher, title: s.title, publishedOn: s.publishedOn, language: s.language, kind: s.kind, text: draft.text, ...(s.url ? { url: s.url } : {}) };
    let sourceGiven = false;
    const source = () => (sourceGiven ? { id: s.id } : ((sourceGiven = true), { new: newSource }));
    const operations: Record<string, unknown>[] = [];
    for (const e of draft.entities) {
      const facts = e.facts && Object.keys(e.facts).length ? { facts: e.facts } : {};
      operations.push({ upsertEntity: { type: e.type, id: e.id, name: e.name, description: e.description, ...(e.kind ? { kind: e.kind } : {}), ...(e.country ? { country: e.country } : {}), ...facts, source: source(), evidence: e.evidence } });
    }
    for (const { dates, covers, rightsGranted, evidence, ...a } of draft.agreements) {
      operations.push({ recordAgreement: { ...a, ...dates, ...(rightsGranted.length ? { rightsGranted } : {}), ...(covers.length ? { covers } : {}), source: source(), evidence } });
    }
    const confirmedIds = new Set<string>();
    for (const m of draft.mentions) {
      const id = draft.confirmed[String(m.start)];
      const c = m.candidates.find((x) => x.id === id);
      if (!c || confirmedIds.has(c.id) || draft.entities.some((e) => e.id === c.id) || draft.agreements.some((a) => a.id === c.id)) continue;
      confirmedIds.add(c.id);
      // Cites the new source for the entity (or agreement) as it stands, with the sentence as evidence: nothing else of it changes.
      operations.push({ cite: { targetId: c.id, source: source(), evidence: sentenceAround(draft.text, m.start, m.end).slice(0, EVIDENCE_MAX) } });
    }
    for (const c of draft.claims) {
      operations.push({ claim: { entityId: c.entityId, property: c.property, value: c.value, ...(c.asOf ? { asOf: c.asOf } : {}), source: source(), evidence: c.evidence } });
    }
    for (const r of draft.relationships) operations.push({ linkEntities: { type: r.type, from: r.from, to: r.to, source: source(), evidence: r.evidence } });
    if (operations.length === 0) {
      status.className = 'warning';
      status.textContent = t('curate.new.nothing');
      return;
    }
    if (operations.length > 20) {
      status.className = 'error';
      status.textContent = t('curate.new.tooMany', { count: operations.length });
      return;
    }
    status.className = 'muted';
    status.textContent = t('curate.new.submitting');
    try {
      const data = await curatorGql<{ proposeChange: { id: string } }>('mutation($input: ProposeChangeInput!) { proposeChange(input: $input) { id status } }', {
        input: { operations, note: draft.note.trim() || t('curate.new.defaultNote', { title: s.title }) },
      });
      draft = emptyDraft();
      save();
      renderWorkspace(root);
      const done = document.getElementById('curate-status')!;
      done.className = 'ok';
      done.textContent = t('curate.new.submitted', { id: data.proposeChange.id });
    } catch (error) {
      if (error instanceof SessionError && error.code !== 'FORBIDDEN') {
        status.className = 'error';
        status.textContent = t('curate.new.expired');
        status.after(signInForm('/curate/new', () => void main()));
        return;
      }
      status.className = 'error';
      status.textContent = (error as Error).message;
    }
  };

  redraw();
}

void main();

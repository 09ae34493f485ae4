/** A search box with suggestions from Query.search (debounced). */
import { countryColor, gql, h } from './gql';
import { t } from './i18n';
import { entityTypeName } from './i18n/terms';
import { countryOf, type GNode } from './graph';

const SEARCH = /* GraphQL */ `
  query Suggest($query: String!) {
    search(query: $query, first: 8) {
      score
      entity { id name type kind ... on Organization { countryCode } ... on Event { countryCode } ... on Fund { countryCode } ... on Policy { countryCode } ... on Country { code } }
    }
  }
`;

export class Picker {
  value: GNode | null = null;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly picked: HTMLElement;
  private hits: GNode[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(
    container: HTMLElement,
    readonly key: string,
    label: string,
    placeholder: string,
    private readonly onChange: (value: GNode | null) => void,
  ) {
    this.input = h('input', { type: 'search', id: `${key}-input`, placeholder, autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list', 'aria-controls': `${key}-suggestions`, 'aria-expanded': 'false' });
    this.list = h('ul', { class: 'suggestions', id: `${key}-suggestions`, role: 'listbox', hidden: true });
    this.picked = h('div', { class: 'picked', id: `${key}-picked` });
    container.append(h('label', { for: this.input.id }, label), this.input, this.list, this.picked);
    this.input.addEventListener('input', () => this.schedule());
    this.input.addEventListener('keydown', (e) => this.keydown(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    this.input.addEventListener('focus', () => {
      if (this.hits.length && !this.value) this.open();
    });
  }

  set(value: GNode | null): void {
    this.value = value;
    this.input.value = value?.name ?? '';
    this.picked.textContent = value ? `${entityTypeName(value.type)}${countryOf(value) ? ' · ' + countryOf(value) : ''} · ${t('explorer.pickedId', { id: value.id })}` : '';
    this.close();
  }

  private schedule(): void {
    if (this.value) {
      this.value = null;
      this.picked.textContent = '';
      this.onChange(null);
    }
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (!text) {
      this.hits = [];
      this.close();
      return;
    }
    this.timer = setTimeout(() => void this.search(text), 220);
  }

  private async search(text: string): Promise<void> {
    const seq = ++this.seq;
    try {
      const data = await gql<{ search: { entity: GNode }[] }>(SEARCH, { query: text.slice(0, 200) });
      if (seq !== this.seq) return;
      this.hits = data.search.map((hit) => hit.entity);
    } catch {
      if (seq !== this.seq) return;
      this.hits = [];
    }
    this.active = this.hits.length ? 0 : -1;
    this.render();
    this.open();
  }

  private render(): void {
    this.list.replaceChildren();
    if (!this.hits.length) {
      this.list.append(h('li', { class: 'empty' }, t('explorer.noMatch')));
      return;
    }
    this.hits.forEach((hit, i) => {
      const li = h(
        'li',
        { role: 'option', 'data-id': hit.id, 'aria-selected': i === this.active ? 'true' : 'false' },
        h('span', { class: 'dot', style: `background:${countryColor(countryOf(hit))}` }),
        h('span', {}, hit.name),
        h('small', {}, `${entityTypeName(hit.type)}${countryOf(hit) ? ' · ' + countryOf(hit) : ''}`),
      );
      li.addEventListener('mousedown', (e) => e.preventDefault());
      li.addEventListener('click', () => this.pick(hit));
      this.list.append(li);
    });
  }

  private pick(hit: GNode): void {
    this.set(hit);
    this.onChange(hit);
  }

  private keydown(e: KeyboardEvent): void {
    if (this.list.hidden || !this.hits.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.hits.length) % this.hits.length;
      this.render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = this.hits[Math.max(this.active, 0)];
      if (hit) this.pick(hit);
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }
}

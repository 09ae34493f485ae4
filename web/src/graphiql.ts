import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './i18n/i18n.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleTabs } from './examples';
import { languageHeaders } from './gql';
import { lang, localizePage, t } from './i18n';

localizePage();
// The page language goes with every request, so explanations and names come back in it.
const fetcher = createGraphiQLFetcher({ url: `${window.location.origin}/graphql`, headers: languageHeaders() });
/**
 * GraphiQL's saved tabs, kept apart per page language: it restores saved tabs
 * over the default ones, so a shared store would keep the examples' comments in
 * the language they were first opened in.
 */
function storageFor(prefix: string): Storage {
  const own = (): string[] => Object.keys(localStorage).filter((k) => k.startsWith(prefix));
  return {
    getItem: (key) => localStorage.getItem(prefix + key),
    setItem: (key, value) => localStorage.setItem(prefix + key, value),
    removeItem: (key) => localStorage.removeItem(prefix + key),
    clear: () => own().forEach((k) => localStorage.removeItem(k)),
    key: (index) => own()[index]?.slice(prefix.length) ?? null,
    get length() {
      return own().length;
    },
  };
}

const container = document.getElementById('graphiql')!;
container.textContent = '';
createRoot(container).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: exampleTabs(t),
    storage: storageFor(`${lang()}:`),
    defaultEditorToolsVisibility: 'variables',
  }),
);

import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './i18n/i18n.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleTabs } from './examples';
import { languageHeaders } from './gql';
import { localizePage, t } from './i18n';

localizePage();
// The page language goes with every request, so explanations and names come back in it.
const fetcher = createGraphiQLFetcher({ url: `${window.location.origin}/graphql`, headers: languageHeaders() });
const container = document.getElementById('graphiql')!;
container.textContent = '';
createRoot(container).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: exampleTabs(t),
    defaultEditorToolsVisibility: 'variables',
  }),
);

import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLES } from './examples';

const fetcher = createGraphiQLFetcher({ url: `${window.location.origin}/graphql` });
const container = document.getElementById('graphiql')!;
container.textContent = '';
createRoot(container).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: EXAMPLES,
    defaultEditorToolsVisibility: 'variables',
  }),
);

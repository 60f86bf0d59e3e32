import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/setup';
import './styles.css';
import { App } from './app/App';
import { installCounterGuards } from './policy';

installCounterGuards();

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);

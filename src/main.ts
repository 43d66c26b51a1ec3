import { mount } from 'svelte';
import App from './App.svelte';
import { startHashSync } from './lib/state/filters.svelte.ts';
import { initTheme } from './lib/state/theme.svelte.ts';
import './app.css';

initTheme();
startHashSync();
mount(App, { target: document.getElementById('app')! });

// `#…&bench` exposes a handle for `npm run bench` (bench/browser.ts); nothing is exposed otherwise.
if (location.hash.includes('bench')) void import('./lib/bench-hook.ts');

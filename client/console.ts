import { mount } from 'svelte';
import { zoomWithScreen } from './layout/page-zoom';
import Console from './console/Console.svelte';

mount(Console, { target: document.getElementById('app')! });
zoomWithScreen();

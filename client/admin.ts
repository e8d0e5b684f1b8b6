import { mount } from 'svelte';
import { zoomWithScreen } from './layout/page-zoom';
import Admin from './admin/Admin.svelte';

mount(Admin, { target: document.getElementById('app')! });
zoomWithScreen();

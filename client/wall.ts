import { mount } from 'svelte';
import WallPage from './WallPage.svelte';

mount(WallPage, { target: document.getElementById('app')! });

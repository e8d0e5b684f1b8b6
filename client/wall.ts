import { mount } from 'svelte';
import Wall from './Wall.svelte';

mount(Wall, { target: document.getElementById('app')! });

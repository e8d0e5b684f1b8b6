import { mount } from 'svelte';
import Console from './console/Console.svelte';

mount(Console, { target: document.getElementById('app')! });

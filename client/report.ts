import { mount } from 'svelte';
import Report from './briefing/Report.svelte';

mount(Report, { target: document.getElementById('app')! });

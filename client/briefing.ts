import { mount } from 'svelte';
import BriefingPage from './briefing/BriefingPage.svelte';

mount(BriefingPage, { target: document.getElementById('app')! });

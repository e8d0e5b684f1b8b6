import { mount } from 'svelte';
import './layout/screen.css';
import BriefingPage from './briefing/BriefingPage.svelte';

mount(BriefingPage, { target: document.getElementById('app')! });

import { mount } from 'svelte';
import './layout/screen.css';
import WallPage from './WallPage.svelte';

mount(WallPage, { target: document.getElementById('app')! });

import { mount } from 'svelte';
import Admin from './admin/Admin.svelte';

mount(Admin, { target: document.getElementById('app')! });

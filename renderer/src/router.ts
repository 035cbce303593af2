import { createRouter, createWebHashHistory } from 'vue-router';
import RunsView from './views/RunsView.vue';
import RunView from './views/RunView.vue';
import OrderingsView from './views/OrderingsView.vue';

export const router = createRouter({
  // Hash history keeps the `?token=` of `coordlab serve` in the address bar.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/runs' },
    { path: '/runs', name: 'runs', component: RunsView },
    { path: '/runs/:run', name: 'run', component: RunView, props: true },
    { path: '/runs/:run/orderings', name: 'orderings', component: OrderingsView, props: true },
  ],
});

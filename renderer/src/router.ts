import { createRouter, createWebHashHistory } from 'vue-router';
import RunsView from './views/RunsView.vue';
import RunView from './views/RunView.vue';
import OrderingsView from './views/OrderingsView.vue';
import RaftView from './views/RaftView.vue';
import DetectorsView from './views/DetectorsView.vue';
import ClocksView from './views/ClocksView.vue';
import LeasesView from './views/LeasesView.vue';
import ExperimentsView from './views/ExperimentsView.vue';
import ExperimentsDesignView from './views/ExperimentsDesignView.vue';
import LiveView from './views/LiveView.vue';

export const router = createRouter({
  // Hash history keeps the `?token=` of `coordlab serve` in the address bar.
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/runs' },
    { path: '/runs', name: 'runs', component: RunsView },
    { path: '/runs/:run', name: 'run', component: RunView, props: true },
    { path: '/runs/:run/orderings', name: 'orderings', component: OrderingsView, props: true },
    { path: '/runs/:run/raft', name: 'raft', component: RaftView, props: true },
    { path: '/runs/:run/detectors', name: 'detectors', component: DetectorsView, props: true },
    { path: '/runs/:run/clocks', name: 'clocks', component: ClocksView, props: true },
    { path: '/runs/:run/leases', name: 'leases', component: LeasesView, props: true },
    { path: '/experiments', name: 'experiments', component: ExperimentsView },
    { path: '/experiments/design', name: 'designer', component: ExperimentsDesignView },
    { path: '/live/:run', name: 'live', component: LiveView, props: true },
  ],
});

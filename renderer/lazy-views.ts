/**
 * Every routed view but the Plant overview (the first screen), loaded on first visit: the entry
 * script stays small and opening the console parses only what its first screen shows (chart.js, for
 * one, comes with a line's detail). Each is a separate chunk; `App` wraps them in `<Suspense>`.
 */
import { lazy } from 'react';

export const Connections = lazy(() => import('./views/Connections.js').then((m) => ({ default: m.Connections })));
export const EventBrowser = lazy(() => import('./views/EventBrowser.js').then((m) => ({ default: m.EventBrowser })));
export const Exceptions = lazy(() => import('./views/Exceptions.js').then((m) => ({ default: m.Exceptions })));
export const Injector = lazy(() => import('./views/Injector.js').then((m) => ({ default: m.Injector })));
export const Lineage = lazy(() => import('./views/Lineage.js').then((m) => ({ default: m.Lineage })));
export const LineDetail = lazy(() => import('./views/LineDetail.js').then((m) => ({ default: m.LineDetail })));
export const Sessions = lazy(() => import('./views/Sessions.js').then((m) => ({ default: m.Sessions })));
export const SimulatorControl = lazy(() => import('./views/SimulatorControl.js').then((m) => ({ default: m.SimulatorControl })));
export const SyncGapsView = lazy(() => import('./views/SyncGapsView.js').then((m) => ({ default: m.SyncGapsView })));
export const Topics = lazy(() => import('./views/Topics.js').then((m) => ({ default: m.Topics })));
export const Training = lazy(() => import('./views/Training.js').then((m) => ({ default: m.Training })));

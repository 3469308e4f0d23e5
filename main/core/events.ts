import { EventEmitter } from 'node:events';

/** Events the core publishes in-process (the admin API turns them into SSE). */
export interface CoreEvents {
  /** A provisioning log row was committed; carries its id. */
  'log-row-added': { readonly id: number };
  /** Settings changed through the admin API. */
  'settings-changed': Record<string, never>;
}

/** A small typed wrapper over EventEmitter; one per core instance (no module singleton). */
export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    // SSE clients each add a listener; an office has a handful of admin tabs at most.
    this.emitter.setMaxListeners(100);
  }
  emit<K extends keyof CoreEvents>(name: K, payload: CoreEvents[K]): void {
    this.emitter.emit(name, payload);
  }
  on<K extends keyof CoreEvents>(name: K, fn: (payload: CoreEvents[K]) => void): () => void {
    this.emitter.on(name, fn);
    return () => this.emitter.off(name, fn);
  }
}

// What a component of a running app reports to /health/ready beside the dependency checks: a
// background task (the Kafka consumer joining its group, say) can be starting while the app
// already serves; only a failed component makes the app unready.

/** Counters a component shows beside its state (records dead-lettered, say), under `details` of /health/ready. */
export type ComponentCounts = Readonly<Record<string, number>>;

export type ComponentState =
  | { readonly state: 'ok'; readonly detail?: string; readonly counts?: ComponentCounts }
  | { readonly state: 'starting'; readonly detail: string; readonly counts?: ComponentCounts }
  | { readonly state: 'failed'; readonly detail: string; readonly counts?: ComponentCounts };

export class Readiness {
  private readonly components = new Map<string, () => ComponentState>();

  /** `current` is asked at every readiness request. */
  report(name: string, current: () => ComponentState): void {
    this.components.set(name, current);
  }

  snapshot(): { name: string; state: ComponentState }[] {
    return [...this.components.entries()].map(([name, current]) => ({ name, state: current() }));
  }
}

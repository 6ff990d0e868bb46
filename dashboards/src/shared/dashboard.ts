import {
  type Dashboard,
  DashboardBuilder,
  DashboardCursorSync,
  type Threshold,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  TimePickerBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboardLinks } from './links.js';
import type { VariableName } from './promql.js';
import { DASHBOARDS, TAG } from './uids.js';
import { variables } from './variables.js';

export type DashboardKey = keyof typeof DASHBOARDS;

export interface BaseOptions {
  description: string;
  variables: readonly VariableName[];
  /** Default time range, e.g. `now-6h`. */
  from: string;
  tags?: string[];
  /** IANA zone; `browser` unless days must start at a fixed local midnight. */
  timezone?: string;
}

/** The frame every Hartslag dashboard shares: uid, title, tags, links menu, variables, refresh. */
export function hartslagDashboard(key: DashboardKey, options: BaseOptions): DashboardBuilder {
  const { uid, title } = DASHBOARDS[key];
  return new DashboardBuilder(title)
    .uid(uid)
    .description(options.description)
    .tags([TAG, ...(options.tags ?? [])])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .timezone(options.timezone ?? 'browser')
    .weekStart('monday')
    .time({ from: options.from, to: 'now' })
    .timepicker(new TimePickerBuilder().refreshIntervals(['30s', '1m', '5m', '15m', '1h']))
    .refresh('1m')
    .links(dashboardLinks())
    .variables(variables(options.variables));
}

/** Builds the dashboard and numbers its panels 1, 2, 3 … in layout order (Grafana needs unique ids). */
export function finish(builder: DashboardBuilder): Dashboard {
  const d = builder.build();
  // The SDK's link defaults put every link in the controls menu; Grafana shows them in the bar otherwise.
  for (const link of d.links ?? []) delete link.placement;
  (d.panels ?? []).forEach((p, i) => {
    p.id = i + 1;
    for (const link of ('fieldConfig' in p ? p.fieldConfig?.defaults?.links : undefined) ?? []) {
      delete (link as { placement?: string }).placement;
    }
  });
  return d;
}

/** Absolute thresholds from `[value, color]` steps; the first step's value is the base (null). */
export function thresholds(...steps: [number | null, string][]): ThresholdsConfigBuilder {
  const list: Threshold[] = steps.map(([value, color]) => ({ value, color }));
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(list);
}

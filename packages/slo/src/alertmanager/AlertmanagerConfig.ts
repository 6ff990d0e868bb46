/**
 * The part of Alertmanager's configuration file this package writes
 * (https://prometheus.io/docs/alerting/latest/configuration/). Receivers are passed through as
 * the user wrote them: only their `name` is read.
 */
export interface Route {
  receiver: string;
  /** Matchers in Alertmanager's string form: `severity="page"`, `alertname=~"A|B"`. */
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

export interface Receiver {
  name: string;
  [integration: string]: unknown;
}

export interface AlertmanagerConfig {
  global?: Record<string, unknown>;
  templates?: string[];
  route: Route;
  inhibit_rules: InhibitRule[];
  receivers: Receiver[];
}

/** How long a notification group waits, then re-checks, then repeats (Alertmanager durations in seconds). */
export interface GroupTiming {
  /** Before the first notification of a new group: alerts that fire together arrive together. */
  groupWait: number;
  /** Before a notification about a change in a group that already notified (an escalation). */
  groupInterval: number;
  /** Before the same unchanged group is sent again. */
  repeatInterval: number;
}

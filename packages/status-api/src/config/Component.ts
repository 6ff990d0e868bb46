/** A component of the public status page: what partners see, mapped onto SLOs. */
export interface Component {
  /** URL-safe id, as in /badge/<id>.svg. */
  id: string;
  /** Display name. */
  name: string;
  description?: string;
  /** The SLOs (their `slo` names) whose figures decide the state. */
  slos: string[];
  /** Default badge label; `?label=` overrides it. */
  badgeLabel?: string;
}

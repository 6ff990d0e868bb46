/**
 * A freshness objective on a message pipeline: "99% of messages delivered within 60 s", judged
 * by the end-to-end age (from the message's own timestamp) at which `stage` handled them.
 */
export interface Freshness {
  pipeline: string;
  stage: string;
  /** Seconds: a bucket bound of care_pipeline_message_age_seconds. */
  within: number;
}

import { PIPELINE_NAME } from '../contract/pipeline.js';
import { PipelineNameError } from '../errors.js';
import { describePiiKind } from '../guard/PiiLabelError.js';

/** Checks a pipeline or stage name; returns it, or throws PipelineNameError saying what to pass. */
export type NameCheck = (field: 'pipeline' | 'stage', name: unknown) => string;

/**
 * A NameCheck over the service's PII guard. The value itself is put in the message only once it
 * has passed both the pattern and the guard: a refused name may be patient data.
 */
export function nameCheck(detect: (value: string) => string | undefined): NameCheck {
  return (field, name) => {
    if (typeof name !== 'string') {
      throw new PipelineNameError(field, `must be a string such as "encrypt", got ${typeof name}`);
    }
    if (!PIPELINE_NAME.test(name)) {
      throw new PipelineNameError(
        field,
        `must be 1 to 64 characters of a-z, 0-9, "_" and "-", starting with a letter (${PIPELINE_NAME}), ` +
          `got a string of ${name.length} characters; name stages in code, e.g. "encrypt"`,
      );
    }
    let kind: string | undefined;
    try {
      kind = detect(name);
    } catch (err) {
      // The strict guard throws PiiLabelError; any other throw fails closed, too.
      kind = (err as { kind?: string })?.kind ?? 'detector_failed';
    }
    if (kind !== undefined) {
      throw new PipelineNameError(
        field,
        `looked like ${describePiiKind(kind)} to the PII guard; name stages in code, never after a message's data`,
      );
    }
    return name;
  };
}

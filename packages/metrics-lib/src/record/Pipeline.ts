import type { PipelineTable } from '../aggregate/PipelineTable.js';
import { MAX_PIPELINE_STAGES } from '../contract/pipeline.js';
import { PipelineNameError } from '../errors.js';
import type { RecordSink } from './OperationHandle.js';
import { PipelineStage } from './PipelineStage.js';
import type { NameCheck } from './pipelineName.js';

/** A message pipeline (e.g. "send-message"): hands out its stages. */
export class Pipeline {
  private readonly stages = new Map<string, PipelineStage>();

  constructor(
    readonly name: string,
    private readonly table: PipelineTable,
    private readonly sink: RecordSink,
    private readonly check: NameCheck,
  ) {}

  /**
   * The handle of one stage, created on first call (keep it: that is the hot path). Throws
   * PipelineNameError (HARTSLAG_ERR_PIPELINE_NAME) for a name that cannot be a label.
   */
  stage(name: string): PipelineStage {
    const found = this.stages.get(name);
    if (found !== undefined) return found;
    const checked = this.check('stage', name);
    if (this.table.stages.length >= MAX_PIPELINE_STAGES) {
      throw new PipelineNameError(
        'stage',
        `"${checked}" would be stage ${MAX_PIPELINE_STAGES + 1} of this service; stages are named in code, ` +
          `at most ${MAX_PIPELINE_STAGES}: do not derive them from message data`,
      );
    }
    const handle = new PipelineStage(this.table.stage(this.name, checked), this.sink);
    this.stages.set(checked, handle);
    return handle;
  }
}

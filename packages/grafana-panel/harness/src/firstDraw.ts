/**
 * When a canvas inside `container` is first drawn on, measured from `start` (performance.now()).
 * uPlot paints a whole frame synchronously (axes, then each series' stroke and fill), so the
 * frame ends with the last drawing call before the next task: that call's time is the result.
 * Wraps the 2D context's stroke and fill for the page's lifetime; the wrappers only read a clock.
 */
export function firstDrawAfter(start: number, container: HTMLElement, timeoutMs = 10_000): Promise<number> {
  const proto = CanvasRenderingContext2D.prototype;
  const stroke = proto.stroke;
  const fill = proto.fill;
  let last = 0;
  const note = (ctx: CanvasRenderingContext2D) => {
    if (container.contains(ctx.canvas)) last = performance.now();
  };
  proto.stroke = function (this: CanvasRenderingContext2D, ...args: [Path2D?]) {
    note(this);
    return stroke.apply(this, args as [Path2D]);
  } as typeof proto.stroke;
  proto.fill = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
    note(this);
    return (fill as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.fill;
  const restore = () => {
    proto.stroke = stroke;
    proto.fill = fill;
  };
  return new Promise((resolve, reject) => {
    const deadline = start + timeoutMs;
    const poll = () => {
      // Polled from later tasks, so the frame that drew has finished and `last` is its end.
      if (last > 0) {
        restore();
        resolve(last - start);
        return;
      }
      if (performance.now() > deadline) {
        restore();
        reject(new Error(`no canvas was drawn within ${timeoutMs} ms`));
        return;
      }
      setTimeout(poll, 1);
    };
    setTimeout(poll, 0);
  });
}

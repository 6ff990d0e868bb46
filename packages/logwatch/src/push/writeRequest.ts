import protobuf from 'protobufjs';
import snappy from 'snappyjs';

/** One series of a remote-write request: labels sorted by name, samples in time order. */
export interface PushSeries {
  labels: [string, string][];
  samples: { value: number; timestamp: number }[];
}

// prometheus/prompb types.proto (WriteRequest, TimeSeries, Label, Sample), the fields remote-write
// 1.0 sends; as a JSON descriptor so no .proto file has to ship and be found at run time.
const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
const WriteRequest = root.lookupType('prometheus.WriteRequest');

/** The body of a remote-write 1.0 request: a snappy-compressed (block format) protobuf WriteRequest. */
export function encodeWriteRequest(series: readonly PushSeries[]): Uint8Array {
  const message = WriteRequest.fromObject({
    timeseries: series.map((s) => ({
      labels: s.labels.map(([name, value]) => ({ name, value })),
      samples: s.samples,
    })),
  });
  return snappy.compress(WriteRequest.encode(message).finish());
}

/** Reads a request body back (tests, and receivers written in JS). */
export function decodeWriteRequest(body: Uint8Array): PushSeries[] {
  const message = WriteRequest.toObject(WriteRequest.decode(snappy.uncompress(body)), { longs: Number }) as {
    timeseries?: { labels?: { name: string; value: string }[]; samples?: { value?: number; timestamp?: number }[] }[];
  };
  return (message.timeseries ?? []).map((t) => ({
    labels: (t.labels ?? []).map((l) => [l.name, l.value] as [string, string]),
    samples: (t.samples ?? []).map((s) => ({ value: s.value ?? 0, timestamp: s.timestamp ?? 0 })),
  }));
}

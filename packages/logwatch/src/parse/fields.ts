import logfmt from 'logfmt';
import type { SourceConfig } from '../config/Config.js';
import { compileGrok } from '../grok/compileGrok.js';

/** A line's fields by name, or undefined when the line is not in the source's format. */
export type FieldReader = (line: string) => Record<string, unknown> | undefined;

/** The reader for a source's format: regex or grok named groups, one JSON object per line, or logfmt. */
export function fieldReader(source: SourceConfig): FieldReader {
  switch (source.format) {
    case 'regex': {
      const re = new RegExp(source.pattern!);
      return (line) => re.exec(line)?.groups;
    }
    case 'grok': {
      const re = compileGrok(source.pattern!).regex;
      return (line) => re.exec(line)?.groups;
    }
    case 'json':
      return (line) => {
        try {
          const v: unknown = JSON.parse(line);
          return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
        } catch {
          return undefined;
        }
      };
    case 'logfmt':
      return (line) => {
        const v = logfmt.parse(line) as Record<string, unknown>;
        return Object.keys(v).length === 0 ? undefined : v;
      };
  }
}
